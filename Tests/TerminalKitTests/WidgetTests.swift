import Testing
@testable import TerminalKit

/// Renders a widget into a fresh buffer, the way every widget test starts.
func rendered(_ widget: some Widget, width: Int, height: Int, background: String = " ") -> Buffer {
    var b = Buffer(size: Size(width: width, height: height))
    b.fill(b.area, symbol: background)
    b.render(widget, in: b.area)
    return b
}

@Suite struct WidgetTests {
    @Test func blockWithTitle() {
        let b = rendered(Block(title: "Title"), width: 11, height: 3)
        #expect(b.lines() == ["┌ Title ──┐", "│         │", "└─────────┘"])
        #expect(Block().inner(b.area) == Rect(x: 1, y: 1, width: 9, height: 1))
    }

    @Test func blockTitleIsTruncated() {
        let b = rendered(Block(title: "Hội đồng thi đua"), width: 10, height: 2)
        #expect(b.lines() == ["┌ Hội đ… ┐", "└────────┘"])
    }

    @Test func listKeepsSelectionVisible() {
        let list = ListView(items: ["Nguyễn Văn An", "Trần Thị Bình", "Lê Đức", "Phạm Hoà"], selected: 2)
        let b = rendered(list, width: 12, height: 2)
        #expect(b.lines() == ["  Trần Thị …", "> Lê Đức"])
        #expect(b[11, 1].style == .highlight)
        #expect(b[0, 0].style == .plain)
        #expect(b.cursor == Position(x: 0, y: 1))
        #expect(list.visibleOffset(rows: 2) == 1)
        #expect(Scrolling.offset(selected: 0, offset: 3, visibleRows: 2, count: 4) == 0)
        #expect(Scrolling.offset(selected: nil, offset: 9, visibleRows: 2, count: 4) == 2)
    }

    @Test func tableWithHeaderAlignmentAndSelection() {
        let table = Table(
            columns: [TableColumn("Họ tên", width: .fill(1)), TableColumn("Điểm", width: .length(5), alignment: .right)],
            rows: [["Nguyễn Văn An", "9,5"], ["Lê Đức", "10"]], selected: 1)
        let b = rendered(table, width: 16, height: 3)
        #expect(b.lines() == ["Họ tên      Điểm", "Nguyễn Vă…   9,5", "Lê Đức        10"])
        #expect(b[0, 0].style.bold)
        #expect(b[10, 2].style == .highlight)
        #expect(b.cursor == Position(x: 0, y: 2))
    }

    @Test func tableScrollsToSelectedRow() {
        let table = Table(columns: [TableColumn("#", width: .fill(1))],
                          rows: (1...10).map { ["\($0)"] }, selected: 7)
        let b = rendered(table, width: 3, height: 4)
        #expect(b.lines() == ["#", "6", "7", "8"])
    }

    @Test func treeWithMarkersAndIndent() {
        let nodes = [
            TreeNode(id: "1", title: "VKSND tối cao", children: [
                TreeNode(id: "1.1", title: "VKSND cấp cao Hà Nội"),
                TreeNode(id: "1.2", title: "VKSND TP Hà Nội", children: [TreeNode(id: "1.2.1", title: "Ba Đình")]),
            ]),
            TreeNode(id: "2", title: "VKSQS trung ương", children: [TreeNode(id: "2.1", title: "Quân khu 1")]),
        ]
        let rows = TreeNode.flatten(nodes, expanded: ["1"])
        #expect(rows.map(\.id) == ["1", "1.1", "1.2", "2"])
        let b = rendered(Tree(rows: rows, selected: 2), width: 24, height: 4)
        #expect(b.lines() == ["▾ VKSND tối cao", "    VKSND cấp cao Hà Nội", "  ▸ VKSND TP Hà Nội", "▸ VKSQS trung ương"])
        #expect(b.cursor == Position(x: 2, y: 2))
        #expect(b[23, 2].style == .highlight)
    }

    @Test func dialogClearsItsAreaAndCentres() {
        let dialog = Dialog(title: "Xác nhận", message: "Xoá đề nghị này?", buttons: ["Có", "Không"],
                            selectedButton: 1, width: 24)
        let b = rendered(dialog, width: 30, height: 9, background: ".")
        #expect(b.lines() == [
            "..............................",
            "..............................",
            "...┌ Xác nhận ────────────┐...",
            "...│ Xoá đề nghị này?     │...",
            "...│                      │...",
            "...│  [ Có ]  [ Không ]   │...",
            "...└──────────────────────┘...",
            "..............................",
            "..............................",
        ])
        #expect(b[14, 5].style == .highlight)
        #expect(b[6, 5].style == .plain)
    }

    @Test func statusBarWithKeyHints() {
        let hints = [KeyHint("↑↓", "chọn"), KeyHint("Enter", "mở"), KeyHint("/", "tìm"),
                     KeyHint("?", "trợ giúp"), KeyHint("q", "thoát")]
        let wide = rendered(StatusBar(hints: hints, message: "Đã lưu"), width: 60, height: 1)
        #expect(wide.lines() == ["↑↓ chọn  Enter mở  / tìm  ? trợ giúp  q thoát         Đã lưu"])
        #expect(wide[54, 0].symbol == "Đ")
        #expect(wide[0, 0].style.bold)
        #expect(!wide[3, 0].style.bold)
        let narrow = rendered(StatusBar(hints: hints), width: 20, height: 1)
        #expect(narrow.lines() == ["↑↓ chọn  Enter mở"])
    }

    @Test func barChartWithThreshold() {
        let chart = BarChart(bars: [Bar("Đạt", 12), Bar("Không", 3)], threshold: 6)
        let b = rendered(chart, width: 20, height: 2)
        #expect(b.lines() == ["Đạt   ███████████ 12", "Không ██▊   ┆      3"])
        #expect(b[12, 1].style.bold)
    }

    /// Issue 20: a figure is never cut; the bar and then the label give way (the sector's 3362/13132 in half of 80).
    @Test func barChartNeverCutsAFigure() {
        let chart = BarChart(bars: [Bar("Cấp huyện", 3362, valueText: "3362/13132"), Bar("Tối cao", 179, valueText: "179/630")])
        for width in [39, 20, 14] {
            let lines = rendered(chart, width: width, height: 2).lines()
            #expect(lines[0].hasSuffix("3362/13132") && lines[1].hasSuffix("179/630"), "\(width): \(lines)")
        }
    }

    @Test func barChartPartialBlocksAndDecimals() {
        #expect(BarChart.barText(eighths: 0) == "")
        #expect(BarChart.barText(eighths: 17) == "██▏")
        #expect(formatChartValue(2.25) == "2,3")
        #expect(formatChartValue(7) == "7")
    }

    @Test func sparklineLevels() {
        let values: [Double] = [0, 1, 2, 3, 4, 5, 6, 7]
        #expect(rendered(Sparkline(values: values), width: 8, height: 1).lines() == ["▁▂▃▄▅▆▇█"])
        #expect(rendered(Sparkline(values: values), width: 5, height: 1).lines() == ["▄▅▆▇█"])
        #expect(Sparkline(values: [0, 0]).text(width: 2) == "▁▁")
    }

    @Test func paragraphWraps() {
        let b = rendered(Paragraph("Thi đua là yêu nước, yêu nước thì phải thi đua"), width: 14, height: 3)
        #expect(b.lines() == ["Thi đua là yêu", "nước, yêu nước", "thì phải thi"])
    }

    @Test func tooSmallNoticeIsCentred() {
        let notice = TooSmallNotice(current: Size(width: 20, height: 5), message: "Cửa sổ quá nhỏ")
        let b = rendered(notice, width: 20, height: 5)
        #expect(b.lines() == ["", "", "   Cửa sổ quá nhỏ", "", ""])
        #expect(TooSmallNotice(current: Size(width: 60, height: 20)).message.contains("80x24"))
    }
}
