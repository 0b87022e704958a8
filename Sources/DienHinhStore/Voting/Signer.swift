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
    /// transaction with `stillSigned`, so a PIN changed meanwhile cannot sign. A wrong PIN writes nothing at all.
    func authenticate(_ signer: Signer, as role: CouncilRole) throws -> Credential {
        guard let c = try read({ db in try Self.credential(db, signer.member) }) else { throw VotingError.unknownMember(signer.member) }
        guard c.role == role else {
            throw role == .chair ? VotingError.notChair(signer.member) : VotingError.notSecretary(signer.member)
        }
        let derived = try PINHash.derive(pin: signer.pin, salt: c.salt, rounds: c.rounds)
        guard PINHash.constantTimeEqual(derived, c.hash) else { throw VotingError.wrongPIN }
        return c
    }

    static func stillSigned(_ db: Database, _ signer: Signer, _ c: Credential) throws {
        guard try credential(db, signer.member)?.hash == c.hash else { throw VotingError.wrongPIN }
    }
}
