import Foundation
import ZIPFoundation

/// What a .docx and an .xlsx share (Open Packaging Conventions, ECMA-376 Part 2): the content types, the
/// relationship lists, the core properties and the zip itself. Timestamps and part order are fixed, so the same
/// report is byte-identical from run to run.
enum OfficePackage {
    static let xmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    /// Every part's modification date: 2020-01-01.
    static let stamp = Date(timeIntervalSince1970: 1_577_836_800)
    static let coreProperties = (part: "/docProps/core.xml", type: "application/vnd.openxmlformats-package.core-properties+xml")

    /// The kinds of relationship the two formats use.
    enum Relationship: String {
        case officeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
        case coreProperties = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
        case styles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
        case header = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
        case worksheet = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    }

    /// `[Content_Types].xml`: relationship and plain XML parts by extension, then each part's own type.
    static func contentTypes(_ parts: [(part: String, type: String)]) -> String {
        xmlHeader + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + parts.map { "<Override PartName=\"\($0.part)\" ContentType=\"\($0.type)\"/>" }.joined()
            + "</Types>"
    }

    /// A `.rels` part; the ids are `rId1`, `rId2`, … in the order given.
    static func relationships(_ targets: [(Relationship, String)]) -> String {
        xmlHeader + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + targets.enumerated().map { "<Relationship Id=\"rId\($0.offset + 1)\" Type=\"\($0.element.0.rawValue)\" Target=\"\($0.element.1)\"/>" }.joined()
            + "</Relationships>"
    }

    /// `_rels/.rels`: the main part and the core properties.
    static func rootRelationships(main: String) -> String {
        relationships([(.officeDocument, main), (.coreProperties, "docProps/core.xml")])
    }

    /// `docProps/core.xml`: the title, and DienHinh as the creator.
    static func core(title: String) -> String {
        xmlHeader + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            + "<dc:title>\(ReportRenderer.htmlText(title))</dc:title><dc:creator>DienHinh</dc:creator>"
            + "</cp:coreProperties>"
    }

    /// The zip of the parts, in the order given (`pathExtension` names the scratch file only).
    static func zip(_ parts: [(String, Data)], pathExtension: String) throws -> Data {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-\(UUID().uuidString).\(pathExtension)")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let archive = try Archive(url: tmp, accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: stamp,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try Data(contentsOf: tmp)
    }
}
