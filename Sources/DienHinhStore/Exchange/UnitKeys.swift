import Crypto
import DienHinhCore
import Foundation
import GRDB

/// A unit's Ed25519 signing key and the centre's register of the public halves (issue 18).
///
/// The private key lives in a file beside the database (`<db>.keys/<UNIT>.key`, folder 0700, file 0600), never in
/// it: a copy of the database sent for help does not carry the power to sign. The public key travels as a small
/// text file; the centre enrolls it and reads its fingerprint back to the unit over the phone.
public enum UnitKeys {
    static let privateMagic = "DIENHINH-PRIVATE-KEY 1"
    static let publicMagic = "DIENHINH-PUBLIC-KEY 1"

    /// `3F9A-1C2B-77D0-…`: the first 16 bytes of SHA-256 of the raw public key, in groups of four hex digits.
    public static func fingerprint(_ publicKey: Data) -> String {
        let hex = SHA256.hash(data: publicKey).prefix(16).map { String(format: "%02X", $0) }.joined()
        return stride(from: 0, to: hex.count, by: 4).map { i in
            String(hex[hex.index(hex.startIndex, offsetBy: i)..<hex.index(hex.startIndex, offsetBy: i + 4)])
        }.joined(separator: "-")
    }

    /// Where a unit's private key is kept for the database at `databasePath`.
    public static func privateKeyPath(databasePath: String, unit: String) -> String {
        databasePath + ".keys/" + unit + ".key"
    }

    /// Makes the unit's key; refuses to replace one (a new key means enrolling again at the centre).
    public static func create(databasePath: String, unit: String) throws -> (path: String, fingerprint: String) {
        let path = privateKeyPath(databasePath: databasePath, unit: unit)
        if FileManager.default.fileExists(atPath: path) { throw KeyError.keyExists(path) }
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        chmod(dir, 0o700)
        try FileAccess.createPrivate(path)
        let key = Curve25519.Signing.PrivateKey()
        let text = "\(privateMagic) unit=\(unit)\n\(key.rawRepresentation.base64EncodedString())\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        return (path, fingerprint(key.publicKey.rawRepresentation))
    }

    /// The unit's private key, or nil when this database has none for it.
    static func privateKey(databasePath: String, unit: String) throws -> Curve25519.Signing.PrivateKey? {
        let path = privateKeyPath(databasePath: databasePath, unit: unit)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count == 2, lines[0] == "\(privateMagic) unit=\(unit)", let raw = Data(base64Encoded: lines[1]),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else { throw KeyError.badKeyFile(path) }
        return key
    }

    /// The text of the unit's public key file, to hand to the centre.
    public static func publicKeyFile(databasePath: String, unit: String) throws -> (text: String, fingerprint: String) {
        guard let key = try privateKey(databasePath: databasePath, unit: unit) else {
            throw KeyError.noKey(unit: unit, path: privateKeyPath(databasePath: databasePath, unit: unit))
        }
        let raw = key.publicKey.rawRepresentation
        return ("\(publicMagic) unit=\(unit) ed25519=\(raw.base64EncodedString())\n", fingerprint(raw))
    }

    /// A public key file read back: its unit and key.
    static func parsePublic(_ text: String, file: String) throws -> (unit: String, key: Data) {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parts = line.split(separator: " ").map(String.init)
        guard parts.count == 4, parts[0] + " " + parts[1] == publicMagic, parts[2].hasPrefix("unit="), parts[3].hasPrefix("ed25519="),
              let raw = Data(base64Encoded: String(parts[3].dropFirst(8))),
              (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else { throw KeyError.badPublicFile(file) }
        return (String(parts[2].dropFirst(5)), raw)
    }
}

/// Why a key could not be made, read, enrolled or used; worded through the strings table.
public enum KeyError: Error, Equatable {
    case keyExists(String)
    case badKeyFile(String)
    case noKey(unit: String, path: String)
    case badPublicFile(String)
    case unknownUnit(String)
    case alreadyEnrolled(fingerprint: String, unit: String)
    case unknownKey(String)

    public var key: String {
        switch self {
        case .keyExists: "keys.exists"
        case .badKeyFile: "keys.bad_private"
        case .noKey: "keys.none"
        case .badPublicFile: "keys.bad_public"
        case .unknownUnit: "unit.unknown"
        case .alreadyEnrolled: "keys.already_enrolled"
        case .unknownKey: "keys.unknown"
        }
    }

    public var args: [String] {
        switch self {
        case .keyExists(let p), .badKeyFile(let p), .badPublicFile(let p), .unknownUnit(let p), .unknownKey(let p): [p]
        case let .noKey(unit, path): [unit, path]
        case let .alreadyEnrolled(f, u): [f, u]
        }
    }
}

/// A public key the centre holds for a unit.
public struct EnrolledKey: Equatable, Sendable {
    public var fingerprint: String
    public var unit: String
    public var enrolledAt: String
    public var revokedAt: String?
}

extension AppDatabase {
    /// Enrolls a unit's public key at the centre (audited); returns the unit and the fingerprint to read back.
    public func enrollKey(_ text: String, file: String) throws -> EnrolledKey {
        let (unit, raw) = try UnitKeys.parsePublic(text, file: file)
        let fp = UnitKeys.fingerprint(raw)
        return try immediate { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM unit WHERE code = ?", arguments: [unit]) == true else {
                throw KeyError.unknownUnit(unit)
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM unit_key WHERE fingerprint = ?", arguments: [fp]) == true {
                throw KeyError.alreadyEnrolled(fingerprint: fp, unit: unit)
            }
            let at = Audit.now()
            try db.execute(sql: "INSERT INTO unit_key (fingerprint, unit_code, public_key, enrolled_at) VALUES (?,?,?,?)",
                           arguments: [fp, unit, raw, at])
            try Audit.append(db, actor: Self.operatorName, action: "keys.enroll", detail: ["unit": unit, "key": fp])
            return EnrolledKey(fingerprint: fp, unit: unit, enrolledAt: at)
        }
    }

    /// Revokes an enrolled key: bundles it signs are refused from now on (audited).
    public func revokeKey(_ fingerprint: String) throws {
        try immediate { db in
            guard let unit = try String.fetchOne(db, sql: "SELECT unit_code FROM unit_key WHERE fingerprint = ? AND revoked_at IS NULL",
                                                 arguments: [fingerprint.uppercased()]) else { throw KeyError.unknownKey(fingerprint) }
            try db.execute(sql: "UPDATE unit_key SET revoked_at = ? WHERE fingerprint = ?", arguments: [Audit.now(), fingerprint.uppercased()])
            try Audit.append(db, actor: Self.operatorName, action: "keys.revoke", detail: ["unit": unit, "key": fingerprint.uppercased()])
        }
    }

    /// Every key enrolled here, revoked ones included, by unit.
    public func enrolledKeys() throws -> [EnrolledKey] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT fingerprint, unit_code, enrolled_at, revoked_at FROM unit_key ORDER BY unit_code, enrolled_at")
                .map { EnrolledKey(fingerprint: $0[0], unit: $0[1], enrolledAt: $0[2], revokedAt: $0[3]) }
        }
    }

    /// The units whose keys may sign a bundle of `unit`: itself, every unit above it, and the SPP itself (the
    /// sector's root, above every procuracy: the centre's key, for the bundles it sends down).
    static func signingUnits(_ db: Database, for unit: String) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: """
            WITH RECURSIVE up(code) AS (SELECT ? UNION SELECT u.parent_code FROM unit u JOIN up ON u.code = up.code WHERE u.parent_code IS NOT NULL)
            SELECT code FROM up UNION SELECT code FROM unit WHERE level = 'supreme' AND parent_code IS NULL
            """, arguments: [unit]))
    }
}
