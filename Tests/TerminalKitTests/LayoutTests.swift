import Testing
@testable import TerminalKit

@Suite struct LayoutTests {
    @Test func verticalSplitOfAScreen() {
        let parts = Rect(x: 0, y: 0, width: 80, height: 24).split(.vertical, [.length(1), .min(5), .length(1)])
        #expect(parts.map(\.height) == [1, 22, 1])
        #expect(parts.map(\.y) == [0, 1, 23])
        #expect(parts.allSatisfy { $0.width == 80 })
    }

    @Test func horizontalPercentagesAndFill() {
        let r = Rect(x: 2, y: 3, width: 81, height: 5)
        let parts = r.split(.horizontal, [.percentage(30), .fill(1), .fill(2)])
        #expect(parts.map(\.width) == [24, 19, 38])
        #expect(parts.map(\.x) == [2, 26, 45])
    }

    @Test func maxIsCappedAndLeftoverGoesLast() {
        #expect(Layout.lengths(total: 20, [.max(5), .length(3)]) == [5, 15])
        #expect(Layout.lengths(total: 20, [.length(3), .length(4)]) == [3, 17])
        #expect(Layout.lengths(total: 81, [.percentage(50), .percentage(50)]) == [40, 41])
    }

    @Test func overflowShrinksFromTheEnd() {
        #expect(Layout.lengths(total: 5, [.length(3), .min(10), .length(1)]) == [3, 2, 0])
        #expect(Layout.lengths(total: 0, [.length(3), .fill(1)]) == [0, 0])
    }

    @Test func splitsAlwaysSumToTheArea() {
        let sets: [[Constraint]] = [
            [.length(10), .fill(1)], [.percentage(33), .percentage(33), .percentage(33)],
            [.min(3), .max(4), .fill(3), .length(2)], [.max(2), .max(2)], [.fill(0), .length(1)],
            [.length(50), .length(50)], [.min(1), .min(1), .min(1)],
        ]
        for total in [0, 1, 7, 24, 80, 131] {
            for constraints in sets {
                let parts = Rect(x: 0, y: 0, width: total, height: 1).split(.horizontal, constraints)
                #expect(parts.reduce(0) { $0 + $1.width } == total, "\(constraints) in \(total)")
                for (a, b) in zip(parts, parts.dropFirst()) { #expect(a.right == b.x) }
            }
        }
    }

    @Test func insetAndCentered() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24)
        #expect(r.inset(by: 1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(r.centered(width: 40, height: 10) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(r.centered(width: 100, height: 30) == r)
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 2).isEmpty)
        #expect(Size(width: 79, height: 24).isAtLeast(.minimumApp) == false)
        #expect(Size(width: 80, height: 24).isAtLeast(.minimumApp))
    }
}

@Suite struct TextLayoutTests {
    @Test func truncateByDisplayWidth() {
        #expect("Nguyễn Văn An".truncated(toWidth: 8) == "Nguyễn …")
        #expect("中文中文".truncated(toWidth: 5) == "中文…")
        #expect("abc".truncated(toWidth: 3) == "abc")
        #expect("abc".truncated(toWidth: 0) == "")
        #expect("Nguye\u{0302}\u{0303}n".truncated(toWidth: 6) == "Nguye\u{0302}\u{0303}n")
    }

    @Test func padByDisplayWidth() {
        #expect("中".padded(toWidth: 4) == "中  ")
        #expect("Đức".padded(toWidth: 5, alignment: .right) == "  Đức")
        #expect("ab".padded(toWidth: 5, alignment: .center) == " ab  ")
        #expect("Nguye\u{0302}\u{0303}n".padded(toWidth: 8).displayWidth == 8)
        #expect("1234567".fitted(toWidth: 5, alignment: .right) == "1234…")
    }

    @Test func wrapVietnameseParagraph() {
        let text = "Tập thể lao động xuất sắc được tặng Bằng khen\nHết."
        #expect(text.wrapped(toWidth: 16) == ["Tập thể lao động", "xuất sắc được", "tặng Bằng khen", "Hết."])
        #expect("abcdefgh".wrapped(toWidth: 3) == ["abc", "def", "gh"])
        #expect("中文字".wrapped(toWidth: 4) == ["中文", "字"])
        #expect("a\n\nb".wrapped(toWidth: 5) == ["a", "", "b"])
        #expect("x".wrapped(toWidth: 0) == [])
    }
}
