import Foundation

/// Pieces of SQL text the queries share.
enum SQLText {
    /// `?,?,?`: one parameter mark for each value of an `IN (…)` list or a row.
    static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ",") }
}

extension Array {
    /// The elements in runs of at most `size`, the last one shorter: an `IN (…)` list kept under SQLite's limit of
    /// parameters.
    func chunks(of size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
