import Foundation

/// One field of a record two databases hold differently (a bundle conflict), both sides: the store finds them, the
/// secretariat's screen shows them side by side.
public struct ConflictField: Equatable, Sendable {
    /// The contract's column name (`decision_no`, `name` …).
    public var name: String
    public var ours: String?
    public var theirs: String?
    public var differs: Bool { ours != theirs }

    public init(name: String, ours: String?, theirs: String?) {
        self.name = name
        self.ours = ours
        self.theirs = theirs
    }
}
