import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// The whole application at one moment: a stack of screens, overlays, the review year.
public struct AppState: Equatable, Sendable {
    public var language: Language
    public var year: Int
    public var size: Size
    /// Never empty: the levels list is at the bottom.
    public var stack: [Screen]
    public var search: SearchState?
    public var showHelp: Bool
    /// One line for the status bar (what just happened, or an error).
    public var message: String?
    public var quitting: Bool
    /// Draft offers and confirmations of the entry forms.
    public var forms = FormsOverlay()
    /// The folder last typed for the dashboard's report: the `p` key writes its documents there too (nil: next to
    /// the database).
    public var documentsFolder: String?
    /// `N` on a candidate: the question, then the override's reason (Nominations/).
    public var nominate: NominatePrompt?
    /// The user's key file: actions moved to other keys, and whether the mouse is asked for.
    public var keymap = Keymap()
    /// The hits of the last search a result was opened from: `n`/`N` on that result open the next or previous one.
    public var trail: SearchTrail?

    public init(language: Language = .vi, year: Int, size: Size, message: String? = nil) {
        self.language = language
        self.year = year
        self.size = size
        self.stack = [.levels(LevelsState())]
        self.search = nil
        self.showHelp = false
        self.message = message
        self.quitting = false
    }

    public var strings: Strings { Strings.for(language) }
    public var screen: Screen {
        get { stack[stack.count - 1] }
        set { stack[stack.count - 1] = newValue }
    }

    /// The years a council reviews: the plan's records start in 2010.
    public static let years = 2010...FieldParsing.validYears().upperBound
}

/// The screens of the browse flow, each a plain value.
public enum Screen: Equatable, Sendable {
    case levels(LevelsState)
    case units(UnitsState)
    case candidates(CandidatesState)
    case profile(ProfileState)
    // Council voting (Voting/): sessions, the chair's console, member pick, ballot, result.
    case council(CouncilHomeState)
    case console(ConsoleState)
    case memberPick(MemberPickState)
    case ballot(BallotState)
    case roundResult(ResultState)
    case form(FormState)
    case conflicts(ConflictsState)
    case dashboard(DashboardState)
    /// The year's nominations unit by unit, one level at a time (Nominations/).
    case rollup(RollupState)
    /// The council's members and their PINs, and a session's roll (Secretariat/).
    case members(MembersState)
    case roll(RollState)
    /// The plan's logs: registrations, state award proposals, promotion (Plan/).
    case planLog(PlanLogState)
}

/// Moving a selection through a list: the keys every list shares.
enum ListMove {
    /// The new index for a navigation key, or nil when the key is not a move.
    static func apply(_ key: Key, selected: Int, count: Int, page: Int) -> Int? {
        guard count > 0 else { return nil }
        let last = count - 1
        switch key {
        case .up, .char("k"): return max(0, selected - 1)
        case .down, .char("j"): return min(last, selected + 1)
        case .home, .char("g"): return 0
        case .end, .char("G"): return last
        case .pageUp: return max(0, selected - max(1, page))
        case .pageDown: return min(last, selected + max(1, page))
        default: return nil
        }
    }
}

public struct LevelsState: Equatable, Sendable {
    public var rows: [LevelCount] = []
    public var selected = 0
    /// Candidates of units that ceased with no successor named, in the review year: said under the table so they
    /// do not vanish from view.
    public var ceased = 0
    /// How many units hold them: the table's last row, which opens them (nothing disappears from view).
    public var ceasedUnits = 0
    /// The plans there are, when none covers the review year: the plan's criteria are then not stated.
    public var noPlan: String?
}

public struct UnitsState: Equatable, Sendable {
    public var level: Level
    public var roots: [UnitNode] = []
    public var expanded: Set<String> = []
    public var selected = 0
    public var loaded = false
    /// The ceased units still holding candidates, rather than a level's tree (`level` is then unused).
    public var ceased = false
    /// `/`: the units whose name holds the query, wherever they are in the tree.
    public var filter: ListFilter?
    public init(level: Level, ceased: Bool = false) { self.level = level; self.ceased = ceased }

    /// The visible rows, flattened through the expanded nodes. With a filter, the matching units at any depth
    /// (an expanded match still shows its children) and nothing else.
    public var rows: [(node: UnitNode, depth: Int)] {
        var out: [(UnitNode, Int)] = []
        func walk(_ nodes: [UnitNode], _ depth: Int) {
            for n in nodes {
                out.append((n, depth))
                if expanded.contains(n.unit.code) { walk(n.children, depth + 1) }
            }
        }
        func matches(_ nodes: [UnitNode], _ f: ListFilter) {
            for n in nodes {
                if f.matches(n.unit.name) {
                    out.append((n, 0))
                    if expanded.contains(n.unit.code) { walk(n.children, 1) }
                } else {
                    matches(n.children, f)
                }
            }
        }
        if let f = filter, !f.isEmpty { matches(roots, f) } else { walk(roots, 0) }
        return out
    }

    /// Every unit of the tree, folded or not: what a filter's count is out of.
    public var unitCount: Int {
        func count(_ nodes: [UnitNode]) -> Int { nodes.reduce(0) { $0 + 1 + count($1.children) } }
        return count(roots)
    }

    /// With a filter, how many units match it (an expanded match's children aside).
    public var matchCount: Int {
        guard let f = filter, !f.isEmpty else { return unitCount }
        func count(_ nodes: [UnitNode]) -> Int { nodes.reduce(0) { $0 + (f.matches($1.unit.name) ? 1 : count($1.children)) } }
        return count(roots)
    }

    /// For the district level the provinces are only groups: their own candidates are on the provincial level.
    public func isGroup(_ node: UnitNode) -> Bool {
        level == .district && node.unit.level == .provincial
    }

    public static func == (a: UnitsState, b: UnitsState) -> Bool {
        a.level == b.level && a.roots == b.roots && a.expanded == b.expanded && a.selected == b.selected && a.loaded == b.loaded
            && a.ceased == b.ceased && a.filter == b.filter
    }
}

/// How the unit's candidates are ordered.
public enum CandidateSort: String, CaseIterable, Equatable, Sendable {
    case name, eligibility, awards

    var next: CandidateSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

public struct CandidatesState: Equatable, Sendable {
    public var unit: SectorUnit
    public var rows: [CandidateRow] = []
    public var selected = 0
    public var sort: CandidateSort = .name
    public var kindFilter: CandidateKind? = nil
    public var eligibleOnly = false
    public var loaded = false
    /// `/`: the candidates whose name holds the query.
    public var filter: ListFilter?

    /// Rows after the filters, in the chosen order.
    public var visible: [CandidateRow] {
        let named = filter.flatMap { $0.isEmpty ? nil : $0 }
        var out = rows.filter { r in
            (kindFilter == nil || r.candidate.kind == kindFilter) && (!eligibleOnly || r.eligible)
                && (named?.matches(r.candidate.name) ?? true)
        }
        // Each name folded once, not twice per comparison: the list is sorted on every frame and key (issue 23).
        var keyed = out.map { (row: $0, folded: TextFolding.fold($0.candidate.name)) }
        typealias Keyed = (row: CandidateRow, folded: String)
        let byName: (Keyed, Keyed) -> Bool = { a, b in
            if a.row.candidate.kind != b.row.candidate.kind { return a.row.candidate.kind == .collective }
            return a.folded != b.folded ? a.folded < b.folded : a.row.candidate.id < b.row.candidate.id
        }
        switch sort {
        case .name:
            keyed.sort(by: byName)
        case .eligibility:
            keyed.sort { a, b in a.row.eligible != b.row.eligible ? a.row.eligible : byName(a, b) }
        case .awards:
            keyed.sort { a, b in
                let pa = a.row.topAward?.prestige ?? -1, pb = b.row.topAward?.prestige ?? -1
                if pa != pb { return pa > pb }
                if a.row.recordCount != b.row.recordCount { return a.row.recordCount > b.row.recordCount }
                return byName(a, b)
            }
        }
        out = keyed.map(\.row)
        return out
    }
}

/// Which pane of the profile the arrow keys scroll: the history, or the right one (verdict or award path).
public enum ProfilePane: Equatable, Sendable { case history, verdict, path }

public struct ProfileState: Equatable, Sendable {
    public var id: String
    public var data: ProfileData?
    public var focus: ProfilePane = .verdict
    /// The history's scroll; with records, how far past the last record's lines it has been scrolled.
    public var historyScroll = 0
    public var verdictScroll = 0
    public var pathScroll = 0
    /// What the right pane shows: the verdict or the award path; Tab goes verdict → history → path → verdict.
    public var right: ProfilePane = .verdict
    /// The highlighted record, an index into `ProfileData.shownRecords` (the history's order): `E`/`D` act on it.
    public var record = 0
}

public struct SearchState: Equatable, Sendable {
    public var field = TextField()
    public var hits: [SearchHit] = []
    /// People one edit from the query, offered when it found few ("nguyen van duk" → Nguyễn Văn Đức); listed
    /// after the hits.
    public var near: [SearchHit] = []
    /// Each person's verdict for the review year, as the unit's list marks it (✓/✗); nil when nobody is judged.
    public var eligible: [String: Bool]?
    /// What the list shows and the cursor moves over: the hits, then the near matches.
    public var rows: [SearchHit] { hits + near }
    public var total = 0
    public var selected = 0
    /// The query the shown hits answer (typing runs ahead of results).
    public var answered = ""
}

/// The last search's hits and which of them is open.
public struct SearchTrail: Equatable, Sendable {
    public var hits: [SearchHit]
    public var index: Int
}
