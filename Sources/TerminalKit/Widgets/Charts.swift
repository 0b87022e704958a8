/// Formats a chart value: integers plainly, others with one decimal and a Vietnamese comma.
func formatChartValue(_ v: Double) -> String {
    guard v.isFinite else { return "–" }
    if v == v.rounded() && abs(v) < 1e15 { return String(Int(v)) }
    let tenths = Int((abs(v) * 10).rounded())
    return (v < 0 ? "-" : "") + "\(tenths / 10),\(tenths % 10)"
}

/// One bar: a label, a value, and optionally the text shown after the bar.
public struct Bar: Hashable, Sendable {
    public var label: String
    public var value: Double
    public var valueText: String?
    public var style: Style?
    public init(_ label: String, _ value: Double, valueText: String? = nil, style: Style? = nil) {
        self.label = label; self.value = value; self.valueText = valueText; self.style = style
    }
}

/// Horizontal bars, one per row ("label ████▌ 12"), with an optional threshold marker
/// (e.g. the quota or the winning share) drawn as ┆ where a bar does not reach it.
public struct BarChart: Widget, Hashable, Sendable {
    public var bars: [Bar]
    /// The value of a full-length bar; defaults to the largest value or threshold.
    public var max: Double?
    public var threshold: Double?
    public var barStyle: Style
    public var labelStyle: Style
    public var thresholdStyle: Style

    public init(bars: [Bar], max: Double? = nil, threshold: Double? = nil, barStyle: Style = .plain,
                labelStyle: Style = .plain, thresholdStyle: Style = .boldText) {
        self.bars = bars; self.max = max; self.threshold = threshold; self.barStyle = barStyle
        self.labelStyle = labelStyle; self.thresholdStyle = thresholdStyle
    }

    /// Block characters for a length in eighths of a cell.
    static func barText(eighths: Int) -> String {
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty, !bars.isEmpty else { return }
        let top = Swift.max(self.max ?? 0, bars.map(\.value).max() ?? 0, threshold ?? 0)
        let scale = top > 0 ? top : 1
        let values = bars.map { $0.valueText ?? formatChartValue($0.value) }
        // A figure is never cut: the bar, then the label, give way first.
        let valueWidth = Swift.min(values.map(\.displayWidth).max() ?? 0, Swift.max(0, area.width - 3))
        let labelWidth = Swift.min(bars.map(\.label.displayWidth).max() ?? 0, area.width / 3, Swift.max(0, area.width - valueWidth - 3))
        let barWidth = area.width - labelWidth - valueWidth - 2
        guard barWidth > 0 else { return }
        let barX = area.x + labelWidth + 1
        let mark: Int? = threshold.map { t in
            Swift.min(barWidth - 1, Swift.max(0, Int((t / scale * Double(barWidth)).rounded())))
        }
        for (row, bar) in bars.prefix(area.height).enumerated() {
            let y = area.y + row
            buffer.setString(bar.label.fitted(toWidth: labelWidth), x: area.x, y: y, maxWidth: labelWidth, style: labelStyle)
            let fraction = Swift.max(0, Swift.min(1, bar.value / scale))
            let eighths = Int((fraction * Double(barWidth * 8)).rounded())
            let filled = buffer.setString(BarChart.barText(eighths: eighths), x: barX, y: y, maxWidth: barWidth,
                                          style: bar.style ?? barStyle)
            if let mark, mark >= filled {
                buffer.setString("┆", x: barX + mark, y: y, style: thresholdStyle)
            }
            buffer.setString(values[row].truncated(toWidth: valueWidth).padded(toWidth: valueWidth, alignment: .right),
                             x: area.right - valueWidth, y: y, maxWidth: valueWidth, style: labelStyle)
        }
    }
}

/// A one-row trend of values (▁▂▃▄▅▆▇█), newest on the right; older values scroll off.
public struct Sparkline: Widget, Hashable, Sendable {
    public var values: [Double]
    /// The value drawn as █; defaults to the largest value.
    public var max: Double?
    public var style: Style

    public init(values: [Double], max: Double? = nil, style: Style = .plain) {
        self.values = values; self.max = max; self.style = style
    }

    /// The bar characters for a given number of columns, exposed for CLI reports.
    public func text(width: Int) -> String {
        let shown = values.suffix(Swift.max(0, width))
        let top = self.max ?? shown.max() ?? 0
        let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        return String(shown.map { v -> Character in
            guard top > 0, v.isFinite else { return levels[0] }
            let level = Int((Swift.max(0, Swift.min(1, v / top)) * 7).rounded())
            return levels[level]
        })
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.setString(text(width: area.width), x: area.x, y: area.y, maxWidth: area.width, style: style)
    }
}
