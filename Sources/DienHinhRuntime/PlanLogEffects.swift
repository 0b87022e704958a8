import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

/// The plan's logs from the terminal: the store calls of `dienhinh registrations|proposals|promotions` and of
/// `dienhinh register|propose|promote`. A refusal of the store comes back in both languages.
extension EffectRunner {
    func runPlanLog(_ effect: PlanLogEffect) throws -> Msg {
        do {
            switch effect {
            case let .load(candidate, year):
                let registrations = try db.registrations().filter { candidate == nil || $0.registration.candidateId == candidate }
                let proposals = try candidate == nil ? db.proposals(year: year) : db.proposals().filter { $0.candidateId == candidate }
                let promotions = try db.promotions(candidateId: candidate, year: candidate == nil ? year : nil)
                return .planLog(.loaded(
                    registrations: registrations.map { RegistrationItem(registration: $0.registration, unitName: $0.unitName, late: $0.timing == .late) },
                    proposals: proposals,
                    promotions: promotions.map { PromotionItem(entry: $0.entry, name: $0.name) }))
            case let .register(candidate, date, plan, milestones):
                let r = try db.register(candidateId: candidate, date: date, planText: plan, milestones: milestones)
                return .planLog(.saved(.registered(name: r.registration.name, id: candidate, unitName: r.unitName, date: date,
                                                   lateAfter: r.timing == .late ? PlanDefinition.standard.registrationDeadline : nil)))
            case let .propose(candidate, award, year, outcome, decision):
                return .planLog(.saved(.proposed(try db.propose(candidateId: candidate, award: award, year: year, outcome: outcome,
                                                                decision: decision))))
            case .promote(let entry):
                try db.promote(entry)
                return .planLog(.saved(.promoted(id: entry.candidateId, channel: entry.channel, date: entry.date)))
            }
        } catch let e as StoreError {
            return .planLog(.refused(VotingFailure(vi: e.message(.vi), en: e.message(.en))))
        }
    }
}
