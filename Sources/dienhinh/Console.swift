import DienHinhCore
import Foundation

/// Output for people and scripts; data never reaches a terminal raw (no escape sequences from names).
enum Console {
    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data((inert(s) + "\n").utf8))
    }

    /// JSON is already escaped by the encoder; print as is.
    static func json(_ s: String) {
        FileHandle.standardOutput.write(Data((s + "\n").utf8))
    }

    static func error(_ s: String) {
        FileHandle.standardError.write(Data((inert(s) + "\n").utf8))
    }

    /// Control and bidi-override characters made visible, keeping newlines and tabs of our own layout.
    static func inert(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { TextSafety.inert(String($0)) }.joined(separator: "\n")
    }
}
