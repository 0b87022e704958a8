import DienHinhCore
import DienHinhResources
@testable import DienHinhApp
@testable import DienHinhRuntime
@testable import DienHinhStore
import Foundation
import TerminalKit
import Testing
import ZIPFoundation

/// The `p` key: on the dashboard, a profile and a round's result, `update` asks for the signed document of that
/// screen (pure), and the runtime writes it as Word where the dashboard's report goes.
@Suite struct SignedDocumentKeyTests {
    static let size = Size(width: 120, height: 40)

    func press(_ s: inout AppState, _ keys: String) -> [Effect] {
        var out: [Effect] = []
        for k in try! KeyScript.parse(keys) { out += App.update(&s, .key(k)) }
        return out
    }

    func hasKey(_ s: AppState) -> Bool { App.keys(s).contains { $0.key == "p" && $0.label == "key.write_docx" } }

    @Test func dashboardWritesTheReviewReport() {
        var s = AppState(year: 2019, size: Self.size)
        _ = press(&s, "b")
        #expect(hasKey(s))
        #expect(press(&s, "p") == [.writeDocument(.review(year: 2019), folder: nil, english: false)])
        // The folder typed for the dashboard's report is where the documents go too.
        _ = press(&s, "x/tmp/bc<Enter>")
        #expect(press(&s, "p") == [.writeDocument(.review(year: 2019), folder: "/tmp/bc", english: false)])
        // The help lists it.
        _ = press(&s, "?")
        #expect(App.view(s).lines().joined(separator: "\n").contains("p            ghi văn bản Word"))
        _ = press(&s, "?")
        // While the folder is typed, p is a letter of it.
        _ = press(&s, "x")
        #expect(press(&s, "p") == [])
    }

    @Test func profileWritesItsPageForTheReviewYear() {
        var s = AppState(language: .en, year: 2018, size: Self.size)
        _ = App.openProfile(&s, id: "CN-H429-0001")
        #expect(hasKey(s))
        #expect(press(&s, "p") == [.writeDocument(.profile(id: "CN-H429-0001", year: 2018), folder: nil, english: true)])
        _ = press(&s, "]")
        #expect(press(&s, "p") == [.writeDocument(.profile(id: "CN-H429-0001", year: 2019), folder: nil, english: true)])
    }

    @Test func resultWritesTheCountMinutes() throws {
        var s = AppState.console(session: "S2019-1", year: 2019, size: Self.size)
        _ = App.update(&s, .voting(.resultLoaded(try VotingUpdateTests.resultData(tie: true))))
        #expect(hasKey(s))
        #expect(press(&s, "p") == [.writeDocument(.minutes(round: "S2019-1-R1"), folder: nil, english: false)])
        // Not while the run-off is being confirmed or the chair types a PIN.
        _ = press(&s, "n")
        #expect(press(&s, "p") == [])
        #expect(!hasKey(s))
    }

    /// On a ballot `p` opens the candidate's profile (unchanged); there a second `p` writes nothing: a member voting
    /// writes no files.
    @Test func aProfileOpenedFromABallotWritesNothing() {
        var s = AppState.kiosk(round: "S2019-1-R1", year: 2019, size: Self.size)
        _ = App.update(&s, .voting(.roundLoaded(VotingUpdateTests.round())))
        _ = press(&s, "<Enter>")
        guard case .ballot = s.screen else { Issue.record("no ballot"); return }
        #expect(press(&s, "p") == [.loadProfile(id: "C1", year: 2019)])
        #expect(press(&s, "p") == [])
        #expect(!hasKey(s))
    }

    @Test func otherScreensHaveNoDocument() {
        var s = AppState(year: 2019, size: Self.size)
        #expect(press(&s, "p") == [] && !hasKey(s))
        _ = App.update(&s, .documentWritten("/x/bao-cao-tong-ket-2019.docx"))
        #expect(s.message == "Đã ghi: /x/bao-cao-tong-ket-2019.docx")
    }
}

/// The runtime writes each document from a small demo database with a closed round; the files are Word archives
/// holding what they are about.
@Suite(.serialized) struct SignedDocumentRuntimeTests {
    static let fixture: (db: AppDatabase, round: String) = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-docs-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try! AppDatabase.create(path: dir.appendingPathComponent("d.sqlite").path, demo: .small)
        try! db.nominate(candidateId: "TT-40-00", year: 2019, overrideReason: "thử")
        let chair = Signer(member: "M01", pin: "pin-M01")
        for i in 1...3 {
            _ = try! db.enrol(name: "Thành viên \(i)", role: i == 1 ? .chair : (i == 2 ? .secretary : .member), pin: "pin-M0\(i)",
                              pinRounds: 1000)
        }
        let session = try! db.openSession(year: 2019, title: "Phiên", by: chair)
        try! db.attend(session: session, members: ["M01", "M02", "M03"], by: Signer(member: "M02", pin: "pin-M02"))
        let round = try! db.openRound(session: session, by: chair)
        _ = try! db.castBallot(round: round, member: "M01", pin: "pin-M01", approvals: ["TT-40-00"])
        _ = try! db.closeRound(round: round, by: chair, force: true)
        return (db, round)
    }()

    func text(ofDocx path: String) throws -> String {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        guard let entry = archive["word/document.xml"] else { return "" }
        var d = Data()
        _ = try archive.extract(entry) { d.append($0) }
        return String(decoding: d, as: UTF8.self)
    }

    func write(_ doc: SignedDocument, folder: String?, english: Bool = false) throws -> String? {
        let msg = EffectRunner(db: Self.fixture.db, today: "2019-06-20").run(.writeDocument(doc, folder: folder, english: english))
        guard case .documentWritten(let path)? = msg else { Issue.record("not written: \(String(describing: msg))"); return nil }
        #expect(FileManager.default.fileExists(atPath: path))
        return path
    }

    static func folder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-docs-out-\(UUID().uuidString)/a b").path
    }

    @Test func eachDocumentIsWrittenAndNamed() throws {
        let db = Self.fixture.db
        let dir = Self.folder()
        let name = try #require(try db.candidate("TT-40-00")).name
        let cases: [(SignedDocument, String, String)] = [
            (.review(year: 2019), "bao-cao-tong-ket-2019.docx", "BÁO CÁO SƠ KẾT, TỔNG KẾT"),
            (.nominations(year: 2019), "tong-hop-gioi-thieu-2019.docx", "TỔNG HỢP GIỚI THIỆU ĐIỂN HÌNH TIÊN TIẾN"),
            (.minutes(round: Self.fixture.round), "bien-ban-kiem-phieu-2019-vong-1.docx", "BIÊN BẢN KIỂM PHIẾU"),
            (.profile(id: "TT-40-00", year: 2019), "ho-so-tom-tat-tt-40-00-2019.docx", name),
        ]
        for (doc, file, expected) in cases {
            guard let path = try write(doc, folder: dir) else { continue }
            #expect(path == dir + "/" + file)
            let xml = try text(ofDocx: path)
            #expect(xml.contains(expected), "\(file) lacks \(expected)")
        }
        // The minutes name the candidate voted for; the profile its unit.
        #expect(try text(ofDocx: dir + "/bien-ban-kiem-phieu-2019-vong-1.docx").contains(name))
        // In English the names are English.
        let en = try #require(try write(.minutes(round: Self.fixture.round), folder: dir, english: true))
        #expect(en.hasSuffix("/count-minutes-2019-round-1.docx"))
        #expect(try text(ofDocx: en).contains("BALLOT COUNT MINUTES"))
    }

    @Test func noFolderMeansTheDatabaseFolder() throws {
        let path = try #require(try write(.profile(id: "TT-40-00", year: 2019), folder: nil))
        #expect((path as NSString).deletingLastPathComponent == (Self.fixture.db.path as NSString).deletingLastPathComponent)
    }

    /// A folder that cannot be made, and an unknown candidate: one line on the status bar, nothing thrown.
    @Test func failuresAreOneLine() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-docs-file-\(UUID().uuidString)").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let runner = EffectRunner(db: Self.fixture.db, today: "2019-06-20")
        for effect in [Effect.writeDocument(.review(year: 2019), folder: file + "/sub", english: false),
                       .writeDocument(.profile(id: "KHONG-CO", year: 2019), folder: nil, english: false)] {
            guard case .failed(let why)? = runner.run(effect) else { Issue.record("no failure for \(effect)"); continue }
            #expect(why.hasPrefix("Không ghi được văn bản: "))
            #expect(!why.contains("\n"))
        }
        guard case .failed(let why)? = runner.run(.writeDocument(.profile(id: "KHONG-CO", year: 2019), folder: nil, english: false)) else { return }
        #expect(why.contains("KHONG-CO"))
        // The folder's problem in words, with its path.
        guard case .failed(let folder)? = runner.run(.writeDocument(.review(year: 2019), folder: file + "/sub", english: false)) else { return }
        #expect(folder.contains(file) && folder.contains("không phải là thư mục"), "\(folder)")
    }
}

/// The members' folder folds a long history: one row per record and issuer, the years as ranges.
@Suite struct FolderHistoryTests {
    @Test func yearsFoldIntoRanges() {
        #expect(ProfileFolder.years([2019, 2010, 2011, 2012, 2014, 2018]) == "2010–2012, 2014, 2018–2019")
        #expect(ProfileFolder.years([2016]) == "2016")
    }

    @Test func aRecordHeldYearAfterYearIsOneRow() {
        let folder = ProfileFolder(db: SignedDocumentRuntimeTests.fixture.db, strings: .vi)
        let issuer = "Viện trưởng VKSND huyện Anh Sơn"
        let lines = (2010...2019).map { ProfileFolder.HistoryLine(year: $0, record: "Hoàn thành xuất sắc nhiệm vụ", decisionNo: "\($0)/QĐ",
                                                                 decisionDate: "12/12", issuer: issuer) }
            + [ProfileFolder.HistoryLine(year: 2014, record: "Chiến sỹ thi đua cơ sở", decisionNo: "7/QĐ", decisionDate: "20/12", issuer: issuer)]
        let rows = folder.folded(lines)
        #expect(rows.count == 2)
        #expect(rows[0].map(\.text) == ["2010–2019", "Hoàn thành xuất sắc nhiệm vụ", "2010/QĐ … 2019/QĐ", issuer])
        #expect(rows[1].map(\.text) == ["2014", "Chiến sỹ thi đua cơ sở", "7/QĐ, 20/12", issuer])
        // Another issuer's record of the same kind is its own row.
        #expect(folder.folded(lines + [ProfileFolder.HistoryLine(year: 2015, record: "Chiến sỹ thi đua cơ sở", decisionNo: nil,
                                                                  decisionDate: nil, issuer: "Khác")]).count == 3)
        #expect(ProfileFolder.shortDate("2019-12-17", year: 2019) == "17/12")
        #expect(ProfileFolder.shortDate("2020-01-05", year: 2019) == "05/01/2020")
    }
}
