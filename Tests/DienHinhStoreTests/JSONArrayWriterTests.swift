@testable import DienHinhStore
import Foundation
import Testing

/// The hand-written JSON of `candidates --json` is byte for byte what JSONEncoder writes.
@Suite struct JSONArrayWriterTests {
    struct Item: Encodable {
        var a: String, b: String?, c: Bool, d: Int, e: Bool?
    }

    static func written(_ items: [Item]) -> String {
        var w = JSONArrayWriter()
        for i in items {
            w.beginObject()
            w.field("a", i.a)
            w.field("b", i.b)
            w.field("c", i.c)
            w.field("d", i.d)
            w.field("e", i.e)
            w.endObject()
        }
        return w.finish()
    }

    @Test func sameBytesAsJSONEncoder() throws {
        var every = ""
        for v in 0..<0x80 { every.unicodeScalars.append(Unicode.Scalar(UInt8(v))) }
        let strings = ["", "Nguyễn Văn Đức", every, "a\"b\\c/d", "\u{85}\u{202E}\u{2028}\u{FEFF}😀", "x\ny\r\tz\u{1B}[31m"]
        var items: [Item] = []
        for (n, s) in strings.enumerated() {
            items.append(Item(a: s, b: n % 2 == 0 ? nil : s, c: n % 3 == 0, d: n * 1_000_003 - 7, e: n % 2 == 0 ? nil : n % 4 == 1))
        }
        #expect(Self.written(items) == (try JSONText.encode(items)))
        #expect(Self.written([]) == (try JSONText.encode([Item]())))
        for _ in 0..<200 {
            let s = String(decoding: (0..<Int.random(in: 0..<40)).map { _ in UInt8.random(in: 0...255) }, as: UTF8.self)
            let one = [Item(a: s, b: s, c: true, d: Int.random(in: Int.min...Int.max), e: false)]
            #expect(Self.written(one) == (try JSONText.encode(one)))
        }
    }
}
