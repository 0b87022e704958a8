import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

/// Output for people and scripts; data never reaches a terminal raw (no escape sequences from names).
enum Console {
    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data((inert(s) + "\n").utf8))
    }

    /// JSON for scripts. The encoder escapes only controls below U+0020; C1 controls and bidi overrides would
    /// reach a terminal raw, so they are written as `\u` escapes too: the same value to any JSON reader.
    static func json(_ s: String) {
        FileHandle.standardOutput.write(Data((jsonInert(s) + "\n").utf8))
    }

    static func jsonInert(_ s: String) -> String { TextSafety.jsonInert(s) }

    /// A command's answer: under `--json` the value, as JSON for scripts; otherwise `text` prints it for people.
    /// Only the one asked for is built.
    static func answer<T: Encodable>(json: Bool, _ value: () throws -> T, text: () throws -> Void) throws {
        if json { Console.json(try JSONText.encode(value())) } else { try text() }
    }

    static func error(_ s: String) {
        FileHandle.standardError.write(Data((inert(s) + "\n").utf8))
    }

    /// Control and bidi-override characters made visible, keeping newlines and tabs of our own layout.
    static func inert(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { TextSafety.inert(String($0)) }.joined(separator: "\n")
    }
}

/// A command's refusal: the message on stderr in the user's words; the command throws what comes back, for
/// its exit code (docs/CLI.md).
func refusal(_ code: Int32, _ message: String) -> ExitCode {
    Console.error(message)
    return ExitCode(code)
}

/// A file a command writes: written whole (atomically, unless told otherwise) or said as not writable, exit 1.
enum OutputFile {
    static func write(_ data: Data, to path: String, atomically: Bool = true, strings s: Strings) throws {
        do { try data.write(to: URL(fileURLWithPath: path), options: atomically ? .atomic : []) } catch {
            throw refusal(1, s("file.cannot_write", path, error.localizedDescription))
        }
    }
}

/// An input file as the import commands read it: refused by its size before it is read, mapped rather than copied.
enum InputFile {
    static func read(_ path: String, limit: Int, strings s: Strings) throws -> Data {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size, size > limit {
            throw refusal(Failure.badInput, "\((path as NSString).lastPathComponent): " + s("limits.file_bytes", size, limit))
        }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            // There but not readable (a folder, no permission) is said as such, not as "not found".
            throw refusal(Failure.missing, s(FileManager.default.fileExists(atPath: path) ? "file.unreadable" : "file.missing", path))
        }
        return data
    }
}
