import Foundation

/// Another program the tests look through (sqlite3, unzip, pdfinfo, python3, pgrep, sha256sum): run to its end,
/// its exit status and what it printed.
enum Program {
    /// Runs `executable` (a path, or a name looked up through /usr/bin/env) with arguments and optional input;
    /// `errors` also reads its standard error into the text.
    @discardableResult
    static func run(_ executable: String, _ args: [String], input: Data? = nil, errors: Bool = false) throws -> (status: Int32, text: String) {
        let p = Process()
        if executable.hasPrefix("/") {
            p.executableURL = URL(fileURLWithPath: executable)
            p.arguments = args
        } else {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = [executable] + args
        }
        let out = Pipe(), inp = Pipe()
        p.standardOutput = out
        if errors { p.standardError = out }
        if input != nil { p.standardInput = inp }
        try p.run()
        if let input {
            inp.fileHandleForWriting.write(input)
            try inp.fileHandleForWriting.close()
        }
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    /// A Word file's body text as XML (word/document.xml), read by Python's zipfile.
    static func documentXML(_ file: String) throws -> String {
        try run("/usr/bin/python3", ["-c", "import zipfile,sys;print(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())", file]).text
    }
}
