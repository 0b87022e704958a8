import Foundation

extension Strings {
    /// A count with its noun in the right number: `KEY.one` for exactly one, `KEY.other` otherwise
    /// (Vietnamese nouns do not change, so its table has only `.other`). `{0}` is the count.
    public func plural(_ key: String, _ count: Int, _ args: CustomStringConvertible...) -> String {
        let one = key + ".one"
        let chosen = count == 1 && has(one) ? one : key + ".other"
        return format(chosen, [String(count)] + args.map(\.description))
    }
}
