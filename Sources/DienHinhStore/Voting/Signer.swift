import DienHinhCore
import Foundation
import GRDB

/// A council member signing an act with their PIN: the chair opening or closing, the secretary recording.
public struct Signer: Equatable, Sendable {
    public var member: String
    public var pin: String
    public init(member: String, pin: String) {
        self.member = member
        self.pin = pin
    }
}

extension AppDatabase {
    /// Checks the signer's role and PIN outside any lock (the hash is slow). The caller re-checks inside its
    /// transaction with `stillSigned`, so a PIN changed meanwhile cannot sign.
    func authenticate(_ signer: Signer, as role: CouncilRole) throws -> Credential {
        guard let c = try read({ db in try Self.credential(db, signer.member) }) else { throw VotingError.unknownMember(signer.member) }
        guard c.role == role else {
            throw role == .chair ? VotingError.notChair(signer.member) : VotingError.notSecretary(signer.member)
        }
        return try verifyPIN(signer.pin, of: signer.member, c)
    }

    /// The one PIN check (issue 18). A locked member is refused whatever the PIN, before any hashing. A wrong PIN
    /// is counted and audited (never the PIN itself) in its own transaction, which stands although the act is
    /// refused; the `maxWrongTries`-th in a row locks the member. A right PIN clears the count, and returns the
    /// credential as it now stands (hashed again when the cost was raised).
    @discardableResult
    func verifyPIN(_ pin: String, of member: String, _ c: Credential) throws -> Credential {
        if c.locked { throw VotingError.pinLocked(member) }
        let derived = try PINHash.derive(pin: pin, salt: c.salt, rounds: c.rounds)
        if PINHash.constantTimeEqual(derived, c.hash) {
            if c.wrongPINs > 0 {
                try write { db in
                    try db.execute(sql: "UPDATE council_member SET wrong_pins = 0 WHERE id = ? AND locked_at IS NULL", arguments: [member])
                }
            }
            return try strengthen(pin, of: member, c)
        }
        let locked = try immediate { db -> Bool in
            try db.execute(sql: "UPDATE council_member SET wrong_pins = wrong_pins + 1 WHERE id = ?", arguments: [member])
            let tries = try Int.fetchOne(db, sql: "SELECT wrong_pins FROM council_member WHERE id = ?", arguments: [member]) ?? 0
            try Audit.append(db, actor: member, action: "council.wrong_pin", detail: ["member": member, "tries": String(tries)])
            guard tries >= PINHash.maxWrongTries else { return false }
            try db.execute(sql: "UPDATE council_member SET locked_at = ? WHERE id = ? AND locked_at IS NULL", arguments: [Audit.now(), member])
            try Audit.append(db, actor: member, action: "council.pin_locked", detail: ["member": member, "tries": String(tries)])
            return true
        }
        throw locked ? VotingError.pinLocked(member) : VotingError.wrongPIN
    }

    /// The work factor new PINs are hashed with: the stored `pin.rounds` (raised with `council kdf`), never below the
    /// library's floor.
    func pinRounds() throws -> Int {
        max(try raisedPINRounds() ?? PINHash.defaultRounds, PINHash.defaultRounds)
    }

    /// The cost set with `council kdf`, if it was ever raised.
    func raisedPINRounds() throws -> Int? {
        try read { db in try Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'pin.rounds'") }
    }

    /// Raises the work factor for new PINs, signed by the chair; each member's hash follows at their next right PIN.
    /// It never goes down: a lower cost would make a stolen file cheaper to attack.
    public func raisePINCost(to rounds: Int, by chair: Signer) throws {
        try signed(by: chair, as: .chair) { db in
            let current = max(try Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'pin.rounds'") ?? 0,
                              PINHash.defaultRounds)
            guard rounds > current else { throw VotingError.pinCostNotRaised(current: current) }
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('pin.rounds', ?)", arguments: [String(rounds)])
            try Audit.append(db, actor: chair.member, action: "council.pin_cost", detail: ["rounds": String(rounds), "was": String(current)])
        }
    }

    /// A right PIN hashed with less work than now asked is hashed again, with a new salt: the cost rises for everyone
    /// who signs, without anyone choosing a new PIN. The audit's seal of the member's PIN follows.
    func strengthen(_ pin: String, of member: String, _ c: Credential) throws -> Credential {
        guard let rounds = try raisedPINRounds(), c.rounds < rounds else { return c }
        let salt = PINHash.newSalt()
        let hash = try PINHash.derive(pin: pin, salt: salt, rounds: rounds)
        return try immediate { db in
            guard try Self.credential(db, member)?.hash == c.hash else { return c }
            try db.execute(sql: "UPDATE council_member SET pin_salt = ?, pin_hash = ?, pin_rounds = ? WHERE id = ?",
                           arguments: [salt, hash, rounds, member])
            try Audit.append(db, actor: member, action: "council.pin_rehash",
                             detail: ["member": member, "rounds": String(rounds), "pin": Audit.pinSeal(salt: salt, hash: hash)])
            var now = c
            (now.salt, now.hash, now.rounds) = (salt, hash, rounds)
            return now
        }
    }

    /// A signed act in one write: the role and PIN checked before the lock (the hash is slow), then again inside
    /// it, so a PIN changed or locked meanwhile cannot sign.
    func signed<T>(by signer: Signer, as role: CouncilRole, _ act: (Database) throws -> T) throws -> T {
        let c = try authenticate(signer, as: role)
        return try immediate { db in
            try Self.stillSigned(db, signer, c)
            return try act(db)
        }
    }

    static func stillSigned(_ db: Database, _ signer: Signer, _ c: Credential) throws {
        guard let now = try credential(db, signer.member), now.hash == c.hash else { throw VotingError.wrongPIN }
        if now.locked { throw VotingError.pinLocked(signer.member) }
    }

    /// Lifts a member's PIN lock, signed by the chair; a locked chair is unlocked by the secretary, so the council
    /// is never left without a way back. The PIN itself is neither read nor changed.
    public func unlock(member: String, by signer: Signer) throws {
        let target = try read { db in try Self.credential(db, member) }
        guard let target else { throw VotingError.unknownMember(member) }
        try signed(by: signer, as: target.role == .chair ? .secretary : .chair) { db in
            guard try Self.credential(db, member)?.locked == true else { throw VotingError.notLocked(member) }
            try db.execute(sql: "UPDATE council_member SET locked_at = NULL, wrong_pins = 0 WHERE id = ?", arguments: [member])
            try Audit.append(db, actor: signer.member, action: "council.unlock", detail: ["member": member])
        }
    }

    /// Members locked out by wrong PINs, by id.
    public func lockedMembers() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM council_member WHERE active = 1 AND locked_at IS NOT NULL ORDER BY length(id), id")
        }
    }
}
