import Crypto
import _CryptoExtras
import Foundation

/// A member's PIN, kept only as a salted PBKDF2-SHA256 hash (random 16-byte salt, 32-byte output).
enum PINHash {
    /// Production work factor: the library's own floor for PBKDF2-SHA256 (about 0.1 s a try here).
    static let defaultRounds = 210_000
    static let minimumLength = 4
    /// Wrong PINs in a row that lock a member until the chair unlocks them (`council unlock`).
    public static let maxWrongTries = 5

    /// Digits of a PIN the application draws: 10^6 PINs at 0.05–0.08 s a try is 14–22 hours of one core against a
    /// stolen file, where 4 digits fall in minutes (docs/CLI.md).
    public static let issuedDigits = 6

    /// A PIN drawn from the system's random source, every digit equally likely (no leading-zero bias).
    static func generate(digits: Int = issuedDigits) -> String {
        var rng = SystemRandomNumberGenerator()
        return String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
    }

    static func newSalt() -> Data {
        var rng = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }

    /// `rounds` below the production value are accepted only so tests can run quickly.
    static func derive(pin: String, salt: Data, rounds: Int) throws -> Data {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Data(pin.utf8), salt: salt, using: .sha256,
                                                    outputByteCount: 32, unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Data($0) }
    }

    /// Compares every byte whatever the first difference, so the time taken says nothing of the hash.
    static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for (x, y) in zip(a, b) { diff |= x ^ y }
        return diff == 0
    }
}

/// A member's one-time written-ballot code, printed on their PIN slip: 8 characters from an alphabet without
/// look-alikes (no 0/O, 1/I/L), shown as `ABCD-EFGH`. Kept only as a hash bound to the member's id.
enum WrittenCode {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        let chars = (0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
        return String(chars[0..<4]) + "-" + String(chars[4..<8])
    }

    /// Upper case, without spaces or dashes: how the secretary types it does not matter.
    static func normalized(_ code: String) -> String {
        code.uppercased().filter { $0 != "-" && $0 != " " && !$0.isWhitespace }
    }

    static func hash(_ code: String, member: String) -> String {
        Audit.sha256Hex("written-ballot-code\n\(member)\n\(normalized(code))")
    }
}
