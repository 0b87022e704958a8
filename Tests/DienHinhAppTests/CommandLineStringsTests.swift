import DienHinhResources
import Foundation
import Testing

/// The command line's own words (issue 20): every help text, parser phrase and usage message in both tables.
@Suite struct CommandLineStringsTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func table(_ lang: String) throws -> [String: String] {
        let data = try Data(contentsOf: repo.appendingPathComponent("Resources/data/strings/\(lang).json"))
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    /// The `{n}` a text takes.
    static func placeholders(_ s: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: "\\{[0-9]+\\}")
        return Set(regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { (s as NSString).substring(with: $0.range) })
    }

    @Test func helpParserAndUsageKeysAreInBothTables() throws {
        let vi = try Self.table("vi"), en = try Self.table("en")
        let prefixes = ["help.", "argparser.", "cli."]
        let ours = Set(vi.keys).union(en.keys).filter { k in prefixes.contains { k.hasPrefix($0) } }
        #expect(ours.count > 200)
        for key in ours.sorted() {
            #expect(vi[key] != nil, "\(key) missing in vi.json")
            #expect(en[key] != nil, "\(key) missing in en.json")
            if let v = vi[key], let e = en[key] {
                #expect(Self.placeholders(v) == Self.placeholders(e), "\(key): \(v) / \(e)")
                #expect(!v.isEmpty && !e.isEmpty, "\(key) empty")
            }
        }
        for key in Strings.argumentParserKeys {
            #expect(vi[key] != nil && en[key] != nil, "\(key) missing")
        }
    }

    /// Every key the command tree asks for (`helpText`, `abstractText`, `commandLineStrings`) is in both tables,
    /// and no help text is left as a literal in the sources.
    @Test func everyKeyTheSourcesUseExists() throws {
        let vi = try Self.table("vi"), en = try Self.table("en")
        let folder = Self.repo.appendingPathComponent("Sources/dienhinh")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        let used = try NSRegularExpression(pattern: "(?:helpText|abstractText|commandLineStrings)\\(\"([^\"]+)\"")
        let literal = try NSRegularExpression(pattern: "(?:help|abstract|discussion): \"")
        var count = 0
        for f in files {
            let s = try String(contentsOf: folder.appendingPathComponent(f), encoding: .utf8)
            let range = NSRange(s.startIndex..., in: s)
            for m in used.matches(in: s, range: range) {
                let key = (s as NSString).substring(with: m.range(at: 1))
                count += 1
                #expect(vi[key] != nil && en[key] != nil, "\(f): \(key) not in both tables")
            }
            #expect(literal.numberOfMatches(in: s, range: range) == 0, "\(f): a help text written in the source")
        }
        #expect(count > 150)
    }

    @Test func parserPhrasesInVietnamese() {
        let help = """
            OVERVIEW: Tạo cơ sở dữ liệu.

            USAGE: dienhinh init [--scale <scale>]

            ARGUMENTS:
              <what>                  Loại.

            OPTIONS:
              --scale <scale>         Cỡ. (values: small, sector, stress;
                                      default: sector)
              --seed <seed>           Hạt giống. (default: 2017)
              -h, --help              Show help information.

            SUBCOMMANDS:
              tui (default)           Giao diện.

              See 'dienhinh help <subcommand>' for detailed help.
            """
        let vi = Strings.vi.argumentParserText(help)
        #expect(vi == """
            MÔ TẢ: Tạo cơ sở dữ liệu.

            CÁCH DÙNG: dienhinh init [--scale <scale>]

            ĐỐI SỐ:
              <what>                  Loại.

            TUỲ CHỌN:
              --scale <scale>         Cỡ. (giá trị: small, sector, stress;
                                      mặc định: sector)
              --seed <seed>           Hạt giống. (mặc định: 2017)
              -h, --help              Xem hướng dẫn.

            LỆNH CON:
              tui (mặc định)          Giao diện.

              Xem 'dienhinh help <subcommand>' để biết chi tiết.
            """)
        #expect(Strings.en.argumentParserText(help) == help)

        let error = """
            Error: The value 'big' is invalid for '--scale <scale>'. Please provide one of 'small', 'sector' or 'stress'.
            Help:  --scale <scale>  Cỡ.
            Usage: dienhinh init [--scale <scale>]
              See 'dienhinh init --help' for more information.
            """
        #expect(Strings.vi.argumentParserText(error) == """
            Lỗi: Giá trị 'big' không hợp lệ cho '--scale <scale>'. Hãy chọn một trong 'small', 'sector' hoặc 'stress'.
            Hướng dẫn:  --scale <scale>  Cỡ.
            Cách dùng: dienhinh init [--scale <scale>]
              Xem 'dienhinh init --help' để biết thêm.
            """)
        #expect(Strings.vi.argumentParserText("Error: Unknown option '--x'. Did you mean '--db'?")
            == "Lỗi: Không có tuỳ chọn '--x'. Có phải là '--db'?")
        #expect(Strings.vi.argumentParserText("Error: Unknown option '--x'") == "Lỗi: Không có tuỳ chọn '--x'")
        #expect(Strings.vi.argumentParserText("Error: Missing expected argument '<file>'") == "Lỗi: Thiếu đối số bắt buộc '<file>'")
        #expect(Strings.vi.argumentParserText("Error: Missing value for '--year <year>'") == "Lỗi: Thiếu giá trị cho '--year <year>'")
        #expect(Strings.vi.argumentParserText("Error: 2 unexpected arguments: 'a', 'b'") == "Lỗi: 2 đối số thừa: 'a', 'b'")
        #expect(Strings.vi.argumentParserText("Error: Missing required subcommand.") == "Lỗi: Thiếu lệnh con.")
    }
}
