@testable import DienHinhResources
import Foundation
import Testing

/// The string tables' own reader (read at every start, issue 23) gives what Foundation's decoder gives, and
/// leaves anything else to it.
@Suite struct StringTableTests {
    static func decoded(_ text: String) -> [String: String]? {
        try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }

    @Test(arguments: ["vi", "en"]) func shippedTablesReadAsTheDecoderReadsThem(lang: String) throws {
        let data = DienHinhResources.data("strings/\(lang).json")
        let ours = try #require(StringTable.parse(data))
        #expect(ours == (try JSONDecoder().decode([String: String].self, from: data)))
        #expect(ours.count > 1_000)
    }

    @Test(arguments: [
        #"{}"#, #" { "a" : "b" } "#, #"{"a":"x\"y\\z\/w"}"#, #"{"a":"\n\t\r\b\f"}"#, #"{"a":"\u0110\u1ec3m","b":"\ud83d\ude00"}"#,
        "\u{FEFF}{\"đ\":\"Đức\"}", #"{"a":"1","a":"2"}"#,
    ]) func escapesAndSpacesAsTheDecoder(text: String) {
        #expect(StringTable.parse(Data(text.utf8)) == Self.decoded(text))
        #expect(StringTable.parse(Data(text.utf8)) != nil)
    }

    /// Not a flat object of strings, or not JSON: no table, so the caller asks the decoder.
    @Test(arguments: [
        "", "[]", #"{"a":1}"#, #"{"a":"b",}"#, #"{"a":"b"} x"#, "{\"a\":\"b\nc\"}", #"{"a":"\q"}"#, #"{"a":"\ud83d"}"#,
        #"{"a":"b""#, #"{"a" "b"}"#, #"{"a":{"b":"c"}}"#,
    ]) func anythingElseIsLeftToTheDecoder(text: String) {
        #expect(StringTable.parse(Data(text.utf8)) == nil)
    }
}
