import DienHinhCore
import Testing

/// The near matches a search offers for a typo: one edit on the folded name, never the name itself.
@Suite struct NearMatchTests {
    @Test func oneSlipIsNear() {
        let name = TextFolding.fold("Nguyễn Văn Đức")
        #expect(NearMatch.oneEditApart(TextFolding.fold("nguyen van duk"), name))  // changed
        #expect(NearMatch.oneEditApart("nguyen van du", name))                       // dropped at the end
        #expect(NearMatch.oneEditApart("ngyen van duc", name))                       // dropped inside
        #expect(NearMatch.oneEditApart("nguyen vann duc", name))                     // added
        #expect(NearMatch.oneEditApart("xnguyen van duc", name))                     // added in front
        #expect(NearMatch.oneEditApart("nguyen van dcu", name))                      // swapped at the end
        #expect(NearMatch.oneEditApart("nugyen van duc", name))                      // neighbours swapped
        #expect(NearMatch.oneEditApart("nguyen van ducc", name))
    }

    @Test func moreThanOneSlipOrNoneIsNot() {
        let name = TextFolding.fold("Nguyễn Văn Đức")
        #expect(!NearMatch.oneEditApart(name, name))
        #expect(!NearMatch.oneEditApart("nguyen van dux", "nguyen van dac"))  // one changed plus one more
        #expect(!NearMatch.oneEditApart("nguyen van d", name))                // two dropped
        #expect(!NearMatch.oneEditApart("nguyen van ducxx", name))           // two added
        #expect(!NearMatch.oneEditApart("ugnyen van duc", name))              // a swap, not neighbours
        #expect(!NearMatch.oneEditApart("", "ab"))
        #expect(NearMatch.oneEditApart("", "a"))
        #expect(NearMatch.oneEditApart("ab", "ba"))
        #expect(!NearMatch.oneEditApart("abc", "cba"))
    }

    /// The quick answer agrees with a plain Damerau–Levenshtein distance of 1 on every pair of short texts.
    @Test func agreesWithTheFullDistance() {
        let letters: [UInt8] = Array("ab".utf8)
        var texts: [[UInt8]] = [[]], longest: [[UInt8]] = [[]]
        for _ in 0..<4 {
            longest = longest.flatMap { t in letters.map { t + [$0] } }
            texts += longest
        }
        for a in texts { for b in texts {
            #expect(NearMatch.oneEditApart(a, b) == (Self.distance(a, b) == 1), "\(a) \(b)")
        } }
    }

    /// Optimal string alignment distance, the textbook table.
    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) { for j in stride(from: 1, through: b.count, by: 1) {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        } }
        return d[a.count][b.count]
    }
}
