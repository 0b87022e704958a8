import Foundation

/// PDF by LibreOffice in headless mode from the DOCX, so the printed page is the Word file's own layout.
public enum PDFConverter {
    public enum Failure: Error, Equatable {
        /// No `soffice` on the PATH (Debian: libreoffice-writer).
        case converterMissing
        case failed(String)
    }

    /// The `soffice` executable on the PATH, if any.
    public static func converter(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        for dir in (environment["PATH"] ?? "").split(separator: ":") {
            for name in ["soffice", "libreoffice"] {
                let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }

    /// Converts `docx` and returns the PDF's bytes. Each run has its own LibreOffice profile, so concurrent
    /// conversions (or a desktop LibreOffice already open) never block on a shared profile lock.
    public static func pdf(fromDocx docx: Data, name: String = "document") throws -> Data {
        guard let soffice = converter() else { throw Failure.converterMissing }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("\(name).docx")
        try docx.write(to: input)
        let p = Process()
        p.executableURL = soffice
        p.arguments = ["-env:UserInstallation=\(dir.appendingPathComponent("profile").absoluteString)", "--headless", "--norestore",
                       "--convert-to", "pdf", "--outdir", dir.path, input.path]
        let log = Pipe()
        p.standardOutput = log
        p.standardError = log
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let output = dir.appendingPathComponent("\(name).pdf")
        guard p.terminationStatus == 0, let data = try? Data(contentsOf: output) else {
            throw Failure.failed(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return data
    }
}
