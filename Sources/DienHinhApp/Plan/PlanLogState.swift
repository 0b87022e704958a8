import DienHinhCore
import Foundation
import TerminalKit

/// The three logs the plan asks the secretariat to keep: registrations to be built up as exemplars (III.1),
/// proposals for state awards (I.1), and promotion of the exemplars (III.2–3).
public enum PlanLogTab: String, CaseIterable, Equatable, Sendable {
    case registrations, proposals, promotions

    var next: PlanLogTab { Self.allCases[(Self.allCases.firstIndex(of: self)! + 1) % Self.allCases.count] }
    var previous: PlanLogTab { Self.allCases[(Self.allCases.firstIndex(of: self)! + Self.allCases.count - 1) % Self.allCases.count] }
}

/// A registration as the log lists it: with the unit's name and whether it reached V16 after the deadline.
public struct RegistrationItem: Equatable, Sendable {
    public var registration: Registration
    public var unitName: String
    public var late: Bool
    public init(registration: Registration, unitName: String, late: Bool) {
        self.registration = registration; self.unitName = unitName; self.late = late
    }
}

/// A promotion entry with the exemplar's name.
public struct PromotionItem: Equatable, Sendable {
    public var entry: PromotionEntry
    public var name: String
    public init(entry: PromotionEntry, name: String) { self.entry = entry; self.name = name }
}

/// The candidate a log was opened for (from a profile): only their entries, and new entries start with them.
public struct PlanLogSubject: Equatable, Sendable {
    public var id: String
    public var name: String
}

/// A problem with one field of an entry, worded by a key of the strings table.
public struct PlanEntryProblem: Error, Equatable, Sendable {
    public var field: String
    public var key: String
    public var args: [String] = []
}

/// The entry form of one log: its fields (the CLI's options, in the same order), the focused one, and what is wrong.
public struct PlanEntryForm: Equatable, Sendable {
    public var log: PlanLogTab
    public var fields: [FormField]
    public var focus = 0
    public var problem: PlanEntryProblem?
    /// The store's refusal (unknown candidate, an award the kind cannot receive), in both languages.
    public var refusal: VotingFailure?
    public var submitting = false

    public func value(_ name: String) -> String { fields.first { $0.name == name }?.value ?? "" }
    public func index(_ name: String) -> Int? { fields.firstIndex { $0.name == name } }
    public mutating func set(_ name: String, _ value: String) {
        if let i = index(name) { fields[i].set(value) }
    }
}

/// The plan's logs for the review year (all years for one candidate), with an entry form over them.
public struct PlanLogState: Equatable, Sendable {
    public var tab: PlanLogTab = .registrations
    public var subject: PlanLogSubject?
    public var registrations: [RegistrationItem] = []
    public var proposals: [Proposal] = []
    public var promotions: [PromotionItem] = []
    public var selected = 0
    public var loaded = false
    public var entry: PlanEntryForm?

    /// How many rows the tab in view has.
    public var count: Int {
        switch tab {
        case .registrations: registrations.count
        case .proposals: proposals.count
        case .promotions: promotions.count
        }
    }

    /// The candidate of the row under the cursor.
    public var selectedCandidate: String? {
        guard selected >= 0, selected < count else { return nil }
        switch tab {
        case .registrations: return registrations[selected].registration.candidateId
        case .proposals: return proposals[selected].candidateId
        case .promotions: return promotions[selected].entry.candidateId
        }
    }
}

/// What the store said to an entry: the entry as stored, for the status line.
public enum PlanLogSaved: Equatable, Sendable {
    /// `lateAfter`: the deadline it missed (III.1 flags a late registration, never refuses it).
    case registered(name: String, id: String, unitName: String, date: String, lateAfter: String?)
    case proposed(Proposal)
    case promoted(id: String, channel: PromotionChannel, date: String)
}

/// Answers of the plan logs' effects.
public enum PlanLogMsg: Equatable, Sendable {
    case loaded(registrations: [RegistrationItem], proposals: [Proposal], promotions: [PromotionItem])
    case saved(PlanLogSaved)
    case refused(VotingFailure)
}

/// The plan logs' work for the runtime: the store calls of `dienhinh registrations|proposals|promotions` to read and
/// of `dienhinh register|propose|promote` to write, with the same checks.
public enum PlanLogEffect: Equatable, Sendable {
    /// One candidate's entries of every year, or the review year's (registrations are of the whole plan period).
    case load(candidate: String?, year: Int)
    case register(candidate: String, date: String, plan: String?, milestones: [Milestone])
    case propose(candidate: String, award: AwardCode, year: Int, outcome: ProposalOutcome, decision: String?)
    case promote(PromotionEntry)
}
