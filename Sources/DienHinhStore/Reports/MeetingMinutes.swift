import DienHinhCore
import DienHinhResources
import Foundation

/// The minutes of a council meeting (biên bản họp): one session with its attendance, every round it held with its
/// figures, the ties and how they were settled, the conflicts of interest declared, and who was selected. Each
/// round's figures and conflicts are those of its count minutes (`CountMinutes`), so the two documents cannot disagree.
extension ReportBuilder {
    public func meeting(session id: String, place: String? = nil) throws -> ReportDocument {
        guard let session = try db.session(id) else { throw VotingError.unknownSession(id) }
        let members = try db.members(session: id)
        let present = try db.attendance(session: id)
        let quorum = try db.quorumStatus(session: id)
        let rounds = try db.rounds(session: id).map { try minutes(round: $0, place: place) }
        func names(_ role: CouncilRole) -> String {
            let list = members.filter { $0.role == role }.map(\.name)
            return list.isEmpty ? s("minutes.blank") : list.joined(separator: ", ")
        }
        var sections: [ReportSection] = []
        let when = session.closedAt.map { s("meeting.opened_closed", LocalTime.minute(session.openedAt), LocalTime.minute($0)) }
            ?? s("meeting.not_closed", LocalTime.minute(session.openedAt))
        sections.append(ReportSection(heading: s("meeting.when"), lines: [
            "\(s("minutes.session")): \(session.title) (\(session.id)); \(s("meeting.year")): \(session.year)",
            "\(s("minutes.date")): \(when)",
            "\(s("minutes.place")): \(place ?? s("minutes.blank"))",
            "\(s("meeting.presiding")): \(names(.chair)); \(s("minutes.secretary")): \(names(.secretary))",
        ]))
        let roll = members.enumerated().map { i, m -> [ReportCell] in
            [.number(i + 1), .text(m.name), .text(s("role.\(m.role.rawValue)")),
             .text(s(present.contains(m.id) ? "meeting.present" : "meeting.absent"))]
        }
        sections.append(ReportSection(
            heading: s("minutes.attendance"),
            lines: [s("meeting.quorum", quorum.members, quorum.present, quorum.members - quorum.present, quorum.required,
                      s(quorum.met ? "meeting.quorum_met" : "meeting.quorum_not_met"))],
            table: ReportTable(header: ["minutes.col.no", "meeting.col.name", "meeting.col.role", "meeting.col.attendance"].map { s($0) },
                               rows: roll)))
        // "Vòng 1" at the head of a line or a cell; the count minutes write it inside a sentence.
        func title(_ m: CountMinutes) -> String { m.roundLine.prefix(1).uppercased() + m.roundLine.dropFirst() }
        let roundRows = rounds.map { m -> [ReportCell] in
            [.text(title(m)), .number(m.result.ballots.issued), .number(m.result.ballots.valid),
             .text(s("meeting.needed", m.result.requiredApprovals)), .text(m.electedText)]
        }
        sections.append(ReportSection(
            heading: s("meeting.rounds"),
            lines: rounds.isEmpty ? [s("meeting.no_rounds")] : rounds.map { "\(title($0)). \($0.thresholdLine)" },
            table: rounds.isEmpty ? nil : ReportTable(
                header: ["meeting.col.round", "minutes.issued", "minutes.valid", "meeting.col.threshold", "meeting.col.elected"].map { s($0) },
                rows: roundRows)))
        sections.append(ReportSection(heading: s("minutes.ties"),
                                      lines: rounds.flatMap { m in m.tieLines.map { "\(title(m)). \($0)" } }))
        // The conflicts of interest of each round, flagged by unit or declared by the member, and what they did: the
        // count minutes' own lines (`CountMinutes.conflictLines`, from the round's `round_conflict` rows).
        sections.append(ReportSection(heading: s("minutes.conflicts"),
                                      lines: rounds.isEmpty ? [s("minutes.no_conflicts")]
                                          : rounds.flatMap { m in m.conflictLines.map { "\(title(m)). \($0)" } }))
        // The selected of the session: every candidate elected in one of its rounds, in the order of the rounds.
        var selected: [[ReportCell]] = []
        for m in rounds {
            for c in m.result.candidates where m.result.elected.contains(c.id) {
                selected.append([.number(selected.count + 1), .text(c.name), .text(s("kind.\(c.kind.rawValue)")),
                                 .text(m.unitNames[c.unitCode] ?? c.unitCode), .number(c.approvals), .text(m.percent(c)), .text(m.info.id)])
            }
        }
        sections.append(ReportSection(
            heading: s("meeting.selected"),
            lines: [s("meeting.selected_count", selected.count)],
            table: selected.isEmpty ? nil : ReportTable(
                header: ["minutes.col.no", "meeting.col.name", "report.col.kind", "report.col.unit", "report.col.approvals",
                         "report.col.percent", "report.col.round"].map { s($0) },
                rows: selected)))
        return ReportDocument(title: s("meeting.title"), subtitle: [s("minutes.council")], sections: sections,
                              language: s.language.rawValue)
    }
}
