import Foundation

/// A half-typed entry form as it was saved: the form's kind (`achievement.new`, `candidate.edit` …), its target and
/// its fields as JSON. The store keeps it, the forms offer it back at start.
public struct Draft: Equatable, Sendable {
    public var kind: String
    public var key: String
    public var json: String
    public var updatedAt: String

    public init(kind: String, key: String, json: String, updatedAt: String) {
        self.kind = kind
        self.key = key
        self.json = json
        self.updatedAt = updatedAt
    }
}
