import Crypto
import DienHinhCore
import DienHinhResources
import Foundation

/// The file a unit sends to the centre: one header line, then a JSON payload (see docs/BUNDLE.md).
///
/// Version 1: `DIENHINH-BUNDLE 1 sha256=<hex of the payload> length=<payload bytes>\n<payload>`, unsigned.
/// Version 2 adds `unit=<code> seq=<n> key=<fingerprint> sig=<base64>`: an Ed25519 signature over the header up to
/// ` sig=`, a line end and the payload, by the unit's key (issue 18).
/// The header lets a reader refuse a newer format, a truncated copy or a flipped byte before parsing anything.
public enum BundleFormat {
    public static let magic = "DIENHINH-BUNDLE"
    /// The newest version this build reads and the one it writes when it can sign.
    public static let version = 2

    /// What a signed bundle's header says of its signer, and the bytes the signature covers.
    struct Seal: Equatable {
        var unit: String
        var seq: Int
        var key: String
        var signature: Data
        var signed: Data
    }

    /// The unit's key signing a payload, with the sequence number this export takes.
    struct Signing {
        var unit: String
        var seq: Int
        var key: Curve25519.Signing.PrivateKey
    }

    /// Header plus payload, signed (version 2) when a key is given, else version 1.
    static func encode(_ payload: Data, signing: Signing?) throws -> Data {
        guard let signing else { return encode(payload) }
        let digest = checksum(of: payload)
        let fp = UnitKeys.fingerprint(signing.key.publicKey.rawRepresentation)
        let head = "\(magic) 2 sha256=\(digest) length=\(payload.count) unit=\(signing.unit) seq=\(signing.seq) key=\(fp)"
        var signed = Data((head + "\n").utf8)
        signed.append(payload)
        let sig = try signing.key.signature(for: signed)
        var out = Data((head + " sig=\(sig.base64EncodedString())\n").utf8)
        out.append(payload)
        return out
    }
    /// The file extension the documentation and the clerk's examples use.
    public static let fileExtension = "dhb"

    /// Header plus payload, unsigned (version 1).
    static func encode(_ payload: Data) -> Data {
        var out = Data("\(magic) 1 sha256=\(checksum(of: payload)) length=\(payload.count)\n".utf8)
        out.append(payload)
        return out
    }

    /// Why a file is not a bundle this build can read; `key` and `args` are a strings.json message.
    struct Refusal: Error {
        var key: String
        var args: [String]
    }

    /// The verified payload, or the reason the file is refused (checked in order: magic, version, length, checksum).
    static func decode(_ data: Data) throws(Refusal) -> Data { try open(data).payload }

    /// The payload and, for version 2, the seal to check against the enrolled keys.
    static func open(_ data: Data) throws(Refusal) -> (payload: Data, seal: Seal?) {
        let bytes = [UInt8](data)
        let magicBytes = Array((magic + " ").utf8)
        guard bytes.starts(with: magicBytes) else {
            if bytes.count < magicBytes.count && magicBytes.starts(with: bytes) && !bytes.isEmpty {
                throw Refusal(key: "bundle.truncated_header", args: [])
            }
            throw Refusal(key: "bundle.not_a_bundle", args: [magic])
        }
        // The header is short ASCII; a file with no line end in its first 512 bytes was cut in its header.
        guard let nl = bytes.prefix(512).firstIndex(of: 0x0A) else {
            throw Refusal(key: bytes.count < 512 ? "bundle.truncated_header" : "bundle.bad_header", args: [])
        }
        let header = String(decoding: bytes[..<nl], as: UTF8.self)
        let parts = header.split(separator: " ").map(String.init)
        guard parts.count >= 2, let v = Int(parts[1]), v >= 1 else { throw Refusal(key: "bundle.bad_header", args: []) }
        if v > version { throw Refusal(key: "bundle.newer_version", args: [String(v), String(version)]) }
        var fields: [String: String] = [:]
        for p in parts.dropFirst(2) {
            guard let eq = p.firstIndex(of: "=") else { throw Refusal(key: "bundle.bad_header", args: []) }
            fields[String(p[..<eq])] = String(p[p.index(after: eq)...])
        }
        guard let sum = fields["sha256"], sum.count == 64, let lengthText = fields["length"], let length = Int(lengthText), length >= 0 else {
            throw Refusal(key: "bundle.bad_header", args: [])
        }
        let payload = Data(bytes[(nl + 1)...])
        if payload.count < length { throw Refusal(key: "bundle.truncated", args: [String(length), String(payload.count)]) }
        if payload.count > length { throw Refusal(key: "bundle.trailing", args: [String(length), String(payload.count)]) }
        guard checksum(of: payload) == sum.lowercased() else { throw Refusal(key: "bundle.checksum", args: []) }
        guard v >= 2 else { return (payload, nil) }
        guard let unit = fields["unit"], let seqText = fields["seq"], let seq = Int(seqText), seq >= 1, let key = fields["key"],
              let sigText = fields["sig"], let signature = Data(base64Encoded: sigText), signature.count == 64,
              let cut = header.range(of: " sig=") else { throw Refusal(key: "bundle.bad_header", args: []) }
        var signed = Data((String(header[..<cut.lowerBound]) + "\n").utf8)
        signed.append(payload)
        return (payload, Seal(unit: unit, seq: seq, key: key, signature: signature, signed: signed))
    }

    /// Records in a payload, at most: the keys every record carries (`"uid"` for an achievement, `"kind"` for a
    /// candidate) counted on the bytes, without decoding. A value can only add to the count, never hide a key.
    static func recordCount(_ payload: Data) -> Int {
        let keys = [Array("uid\"".utf8), Array("kind\"".utf8)]
        return payload.withUnsafeBytes { raw -> Int in
            let b = raw.bindMemory(to: UInt8.self)
            guard let base = b.baseAddress else { return 0 }
            var n = 0, i = 0
            // Quote by quote (memchr), each compared with the keys' rest.
            while i < b.count, let hit = memchr(base + i, 0x22, b.count - i) {
                i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base + 1
                for k in keys where i + k.count <= b.count && memcmp(base + i, k, k.count) == 0 { n += 1 }
            }
            return n
        }
    }

    /// The checksum a bundle file names in its header (its identity in `bundle_import`).
    static func checksum(of payload: Data) -> String {
        SHA256.hash(data: payload).map { String(format: "%02x", $0) }.joined()
    }
}

/// The payload's envelope: who made the bundle, for which unit, when.
struct BundleMeta: Codable, Equatable {
    var format: Int
    var unit: String
    var created_at: String
    var created_by: String
    var app: String?
}

/// A bundle's whole payload as decoded.
struct BundlePayload: Codable {
    var format: Int
    var unit: String
    var created_at: String
    var created_by: String
    var app: String?
    var candidates: [BundleCandidate]
    var achievements: [BundleAchievement]
    /// Records deleted at the unit (absent in bundles made before issue 18, and when there are none).
    var deleted: [BundleTombstone]?
    /// Sent down by the centre only: its nominations of the unit's candidates and the selections of certified rounds.
    var decisions: [BundleDecision]?
}

/// A decision of the centre about one of the unit's candidates: nominated for a year (`detail`: the written reason
/// when ineligible), or selected in a certified round (`detail`: the round).
public struct BundleDecision: Codable, Equatable, Sendable {
    public var kind: String
    public var year: Int
    public var candidate_id: String
    public var unit_code: String
    public var detail: String?
    public var decided_at: String?
}

/// A record deleted at the unit, as it was when deleted, with who deleted it and when.
public struct BundleTombstone: Codable, Equatable, Sendable {
    public var record: BundleAchievement
    public var deleted_at: String
    public var deleted_by: String?
    public var deleted_unit: String?
}

/// A candidate as a bundle carries it: the CSV contract's fields plus who entered it.
public struct BundleCandidate: Codable, Equatable, Sendable, EnteredFields {
    public var id: String
    public var kind: String
    public var name: String
    public var unit_code: String
    public var position: String?
    public var is_leader: Bool
    public var complies_with_policy: Bool
    public var internally_united: Bool
    public var orgs_clean_strong: Bool
    public var collective_id: String?
    public var entered_unit: String?
    public var entered_by: String?
    public var entered_at: String?

    init(_ c: Candidate, _ p: Provenance) {
        id = c.id
        kind = c.kind.rawValue
        name = c.name
        unit_code = c.unitCode
        position = c.position
        is_leader = c.isLeader
        complies_with_policy = c.compliesWithPolicy
        internally_united = c.internallyUnited
        orgs_clean_strong = c.orgsCleanStrong
        collective_id = c.collectiveId
        provenance = p
    }

    /// Values by CSV column name, for the shared rules.
    func value(_ column: String) -> String {
        let v: String? = switch column {
        case "id": id
        case "kind": kind
        case "name": name
        case "unit_code": unit_code
        case "position": position
        case "is_leader": String(is_leader)
        case "complies_with_policy": String(complies_with_policy)
        case "internally_united": String(internally_united)
        case "orgs_clean_strong": String(orgs_clean_strong)
        case "collective_id": collective_id
        default: nil
        }
        return TextFolding.cleaned(v ?? "")
    }
}

/// An achievement record as a bundle carries it: a stable uid, the CSV contract's fields, who entered it.
public struct BundleAchievement: Codable, Equatable, Sendable, EnteredFields {
    public var uid: String
    public var candidate_id: String
    public var year: Int
    public var type: String
    public var `class`: Int?
    public var proposed_award: String?
    public var decision_no: String?
    public var decision_date: String?
    public var issuer: String?
    public var note: String?
    public var entered_unit: String?
    public var entered_by: String?
    public var entered_at: String?

    init(uid: String, _ a: Achievement, _ p: Provenance) {
        self.uid = uid
        candidate_id = a.candidateId
        year = a.year
        type = a.type.rawValue
        self.class = a.awardClass
        proposed_award = a.proposedAward?.rawValue
        decision_no = a.decisionNo
        decision_date = a.decisionDate
        issuer = a.issuer
        note = a.note
        provenance = p
    }

    func value(_ column: String) -> String {
        let v: String? = switch column {
        case "candidate_id": candidate_id
        case "year": String(year)
        case "type": type
        case "class": self.class.map(String.init)
        case "proposed_award": proposed_award
        case "decision_no": decision_no
        case "decision_date": decision_date
        case "issuer": issuer
        case "note": note
        default: nil
        }
        return TextFolding.cleaned(v ?? "")
    }
}

extension Achievement {
    /// The record's content alone (no row id), with text trimmed and NFC: what "identical" compares.
    var content: Achievement {
        func t(_ s: String?) -> String? {
            guard let s else { return nil }
            let v = TextFolding.cleaned(s)
            return v.isEmpty ? nil : v
        }
        return Achievement(candidateId: candidateId, year: year, type: type, awardClass: awardClass, proposedAward: proposedAward,
                           decisionNo: t(decisionNo), decisionDate: t(decisionDate), issuer: t(issuer), note: t(note))
    }
}

extension Candidate {
    /// The candidate's content with text trimmed: what "identical" compares.
    var content: Candidate {
        func t(_ s: String?) -> String? {
            guard let s else { return nil }
            let v = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return v.isEmpty ? nil : v
        }
        var c = self
        c.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        c.position = t(position)
        c.collectiveId = t(collectiveId)
        // The contract ignores these for individuals (export writes them empty).
        if kind == .individual { c.internallyUnited = false; c.orgsCleanStrong = false }
        return c
    }
}
