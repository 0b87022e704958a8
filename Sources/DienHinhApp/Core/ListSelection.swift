import TerminalKit

extension ListMove {
    /// Moves `selected` for a navigation key. True when the key was a move: the list's screen then only redraws.
    static func move(_ key: Key, _ selected: inout Int, count: Int, page: Int) -> Bool {
        guard let i = apply(key, selected: selected, count: count, page: page) else { return false }
        selected = i
        return true
    }
}
