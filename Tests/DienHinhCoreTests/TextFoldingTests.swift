import Foundation
import Testing
@testable import DienHinhCore

@Suite struct TextFoldingTests {
    /// The byte test of "NFC as it stands" against its definition scalar by scalar, on random text drawn around
    /// every edge of the ranges it accepts (and the combining marks and separators it must refuse).
    @Test func stableNFCByBytesAgreesWithScalars() {
        let edges: [ClosedRange<UInt32>] = [
            0x20...0x7F, 0x7F...0x100, 0x2F0...0x310, 0x1DF0...0x1E10, 0x1EF0...0x1F10,
            0x2000...0x2060, 0x2060...0x2070, 0xAC00...0xAC10, 0x1F600...0x1F610, 0x300...0x36F,
        ]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                let range = edges.randomElement(using: &rng)!
                if let u = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { s.append(u) }
            }
            let text = String(s)
            #expect(TextFolding.isStableNFC(text) == TextFolding.isStableNFCByScalars(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(TextFolding.isStableNFC("Viện trưởng VKSND tối cao — “Quyết định” 395/QĐ-VKS…"))
        #expect(!TextFolding.isStableNFC("Nguye\u{302}\u{303}n"))
        #expect(!TextFolding.isStableNFC("a\u{2028}b"))
    }
}
