/// "Did you mean": whether two folded names are one typing slip apart (issue 20).
///
/// Folded names (TextFolding) are lowercase ASCII for Vietnamese, so the comparison works on UTF-8 bytes: no
/// Unicode work for each of the sector's 18,000 names (180,000 at ten times) when a search finds nothing.
public enum NearMatch {
    /// True when `a` becomes `b` by exactly one edit: a letter changed, added or dropped, or two neighbours swapped
    /// ("duk" → "duc", "nguyn" → "nguyen", "nguyen" → "ngueyn"). Equal texts are not near: they already match.
    /// Linear in the length, and at once false when the lengths differ by more than one.
    public static func oneEditApart(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let n = a.count, m = b.count
        guard abs(n - m) <= 1 else { return false }
        return a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var i = 0
                while i < n && i < m && a[i] == b[i] { i += 1 }
                if i == n && i == m { return false }
                // After the first difference the rest must line up once one edit is spent.
                func same(_ x: Int, _ y: Int) -> Bool {
                    guard n - x == m - y else { return false }
                    var x = x, y = y
                    while x < n { if a[x] != b[y] { return false }; x += 1; y += 1 }
                    return true
                }
                if n == m {
                    if same(i + 1, i + 1) { return true }
                    return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] && same(i + 2, i + 2)
                }
                return n > m ? same(i + 1, i) : same(i, i + 1)
            }
        }
    }

    public static func oneEditApart(_ a: String, _ b: String) -> Bool { oneEditApart(Array(a.utf8), Array(b.utf8)) }
}
