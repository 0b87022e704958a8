import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

/// Writing files for the screens: the dashboard's report in every format (`x`) and the signed documents (`p`),
/// into one folder: the one typed at the dashboard, else the database's.
extension EffectRunner {
    /// Builds a signed document as Word, as `dienhinh report … --format docx` does, and writes it into `folder`.
    func writeDocument(_ document: SignedDocument, folder: String?, strings: Strings) -> Msg {
        do {
            let builder = ReportBuilder(db: db, strings: strings, today: today)
            let official = OfficialDocuments(builder: builder)
            let name: String, data: Data
            switch document {
            case .review(let year):
                (name, data) = (strings("docfile.review", year), try official.docx(.review, year: year))
            case .nominations(let year):
                (name, data) = (strings("docfile.nominations", year), try official.docx(.nominations, year: year))
            case .minutes(let round):
                let minutes = try builder.minutes(round: round)
                let (doc, frame) = official.countMinutes(minutes)
                (name, data) = (strings("docfile.minutes", minutes.info.session.year, minutes.info.number),
                                try DocxWriter.document(doc, frame: frame))
            case let .profile(id, year):
                // By the candidate's code, not the name: namesakes are many, and the path must fit the status line.
                let page = try ProfileFolder(db: db, strings: strings).document(year: year, ids: [id])
                (name, data) = (strings("docfile.profile", Self.fileWord(id), year), try official.profiles(page))
            }
            let target = try write([("\(name).docx", data)], into: folder)
            return .documentWritten((target as NSString).appendingPathComponent("\(name).docx"))
        } catch {
            return .failed(strings("doc.write_failed", Self.reason(error, strings)))
        }
    }

    /// Writes the files into `folder` (a leading ~ is the home folder), made if need be; nil is the database's
    /// folder. Answers the folder written to.
    func write(_ files: [(name: String, data: Data)], into folder: String?) throws -> String {
        let dir = folder.map { ($0 as NSString).expandingTildeInPath } ?? (db.path as NSString).deletingLastPathComponent
        let target = dir.isEmpty ? FileManager.default.currentDirectoryPath : dir
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for f in files {
            try f.data.write(to: URL(fileURLWithPath: target).appendingPathComponent(f.name))
        }
        return target
    }

    /// "CN-H429-0001" → "cn-h429-0001", "Nguyễn Văn Đức" → "nguyen-van-duc": a file name's part without diacritics or
    /// spaces.
    static func fileWord(_ text: String) -> String {
        let folded = TextFolding.fold(text).unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "-" }
        return String(folded).split(separator: "-").joined(separator: "-")
    }

    /// Why writing failed, in one line for the status bar.
    static func reason(_ error: Error, _ strings: Strings) -> String {
        let text: String
        switch error {
        case let e as StoreError: text = e.message(strings)
        case let e as VotingError: text = VotingEffects.failure(e).text(strings)
        case let e as CocoaError: text = fileProblem(e, strings)
        default: text = "\(error)"
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// "/srv/x.db/sub: không phải là thư mục": the path and the system's reason, the common ones in the user's
    /// language (Foundation on Linux says only "The operation could not be completed").
    static func fileProblem(_ e: CocoaError, _ strings: Strings) -> String {
        let path = e.filePath ?? e.url?.path
        let underlying = e.userInfo[NSUnderlyingErrorKey] as? NSError
        let code = underlying?.domain == NSPOSIXErrorDomain ? Int32(underlying!.code) : nil
        let why: String
        switch code {
        case ENOTDIR?, EEXIST?: why = strings("file.error.not_folder")
        case EACCES?, EPERM?: why = strings("file.error.denied")
        case EROFS?: why = strings("file.error.read_only")
        case ENOSPC?, EDQUOT?: why = strings("file.error.full")
        case let c?: why = String(cString: strerror(c))
        case nil: why = path.flatMap { diagnose($0, strings) } ?? e.localizedDescription
        }
        return path.map { "\($0): \(why)" } ?? why
    }

    /// Why a path cannot be written, read from the folders above it: Foundation on Linux often gives no reason.
    static func diagnose(_ path: String, _ strings: Strings) -> String? {
        let fm = FileManager.default
        var above = (path as NSString).deletingLastPathComponent
        while !above.isEmpty, above != "/", !fm.fileExists(atPath: above) { above = (above as NSString).deletingLastPathComponent }
        var folder: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &folder), folder.boolValue { return strings("file.error.is_folder") }
        guard fm.fileExists(atPath: above, isDirectory: &folder) else { return nil }
        if !folder.boolValue { return strings("file.error.not_folder") }
        if !fm.isWritableFile(atPath: above) { return strings("file.error.denied") }
        return nil
    }
}
