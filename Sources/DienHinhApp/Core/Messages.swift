import DienHinhCore
import Foundation
import TerminalKit

/// Everything that can happen to the application: keys, and the answers of effects.
public enum Msg: Equatable, Sendable {
    case key(Key)
    case resized(Size)
    case levelsLoaded([LevelCount], ceased: Int = 0, ceasedUnits: Int = 0, noPlan: String? = nil)
    case unitsLoaded(Level, [UnitNode])
    /// The units that ceased with nobody moved out of them yet, for the levels screen's last entry.
    case ceasedUnitsLoaded([UnitNode])
    case candidatesLoaded(unitCode: String, year: Int, [CandidateRow])
    case profileLoaded(ProfileData)
    /// `near`: people one edit from a query that found few; `eligible`: the review year's verdict of each person
    /// among both (nil when no plan covers the year and nobody is judged).
    case searchResults(query: String, [SearchHit], total: Int, near: [SearchHit] = [], eligible: [String: Bool]? = nil)
    case dashboardLoaded(ReviewFigures)
    /// The review report was written: the folder it went to.
    case reviewExported(String)
    /// A signed document was written: its path.
    case documentWritten(String)
    case failed(String)
    /// No key for a while: live screens poll for other terminals' changes.
    case tick
    case voting(VotingMsg)
    case forms(FormMsg)
    case nominations(NominationMsg)
    case secretariat(SecretariatMsg)
    case planLog(PlanLogMsg)
}

/// Work for the runtime to do outside `update`: reads from the store, or leaving.
public enum Effect: Equatable, Sendable {
    case loadLevels(year: Int)
    case loadUnits(Level, year: Int)
    case loadCeasedUnits(year: Int)
    case loadCandidates(unitCode: String, year: Int)
    case loadProfile(id: String, year: Int)
    /// Finds people and units; the year is the one whose verdict the results show (✓/✗).
    case search(query: String, year: Int)
    case loadDashboard(year: Int)
    /// Writes the review report (xlsx, csv, md, html) to `folder`, or next to the database when nil.
    case exportReview(year: Int, folder: String?, english: Bool)
    /// Writes a signed document as Word (the Nghị định 30/2020 layout) to `folder`, or next to the database when nil.
    case writeDocument(SignedDocument, folder: String?, english: Bool)
    case quit
    case voting(VotingEffect)
    case forms(FormEffect)
    case nominations(NominationEffect)
    case secretariat(SecretariatEffect)
    case planLog(PlanLogEffect)
}

/// The signed documents the `p` key writes, each named by what it is made from; the runtime builds and names the file.
public enum SignedDocument: Equatable, Sendable {
    /// The yearly review report (the dashboard).
    case review(year: Int)
    /// The roll-up of the year's nominations.
    case nominations(year: Int)
    /// A closed round's count minutes (the round's result screen).
    case minutes(round: String)
    /// One candidate's page for the members' folder, judged for the review year (the profile).
    case profile(id: String, year: Int)
}
