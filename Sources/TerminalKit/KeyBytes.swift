// Terminal bytes to keys, decoded here rather than by the curses library: ncurses' get_wch keeps an invalid
// UTF-8 byte in its buffer and never reads another key after it (issue 15), so the backend asks curses for
// bytes and function-key codes only, and this pure decoder turns bytes into keys.

/// Turns the bytes a terminal sends into keys. Any byte sequence decodes: a well-formed UTF-8 character
/// becomes a key, an ill-formed one (a stray continuation byte, a truncated or overlong sequence, a surrogate,
/// a code point past U+10FFFF, the bytes C0, C1, F5…FF) becomes nothing, and the byte that proved a sequence
/// ill-formed starts the next one, so the decoder is always ready for the next byte.
///
/// A base letter is held back until the next byte shows it carries no more combining marks (or the caller
/// says no byte is waiting, `drain()`), so decomposed Vietnamese typed or pasted stays one `.char`.
public struct KeyByteDecoder: Sendable {
    /// Bytes of a UTF-8 sequence begun but not finished.
    private var pending: [UInt8] = []
    /// How many bytes the pending sequence needs in all.
    private var needed = 0
    /// The allowed range of the second byte (UTF-8's rules against overlongs and surrogates).
    private var secondRange: ClosedRange<UInt8> = 0x80...0xBF
    /// A typed character waiting for combining marks.
    private var held: String.UnicodeScalarView?

    public init() {}

    /// True while a multi-byte character is incomplete: the caller may wait a moment for its other bytes.
    public var isInsideSequence: Bool { !pending.isEmpty }
    /// True while a decoded character is held back for combining marks.
    public var isHoldingCharacter: Bool { held != nil }

    /// The keys completed by one more byte (often none).
    public mutating func feed(_ byte: UInt8) -> [Key] {
        var keys: [Key] = []
        if !pending.isEmpty {
            let allowed = pending.count == 1 ? secondRange : 0x80...0xBF
            if allowed.contains(byte) {
                pending.append(byte)
                if pending.count == needed { emit(scalar: decodePending(), into: &keys) }
                return keys
            }
            pending = []  // ill-formed: the prefix is dropped and this byte begins afresh
        }
        switch byte {
        case 0x00...0x7F: emit(scalar: Unicode.Scalar(byte), into: &keys)
        case 0xC2...0xDF: begin(byte, needing: 2, second: 0x80...0xBF)
        case 0xE0: begin(byte, needing: 3, second: 0xA0...0xBF)
        case 0xED: begin(byte, needing: 3, second: 0x80...0x9F)
        case 0xE1...0xEF: begin(byte, needing: 3, second: 0x80...0xBF)
        case 0xF0: begin(byte, needing: 4, second: 0x90...0xBF)
        case 0xF4: begin(byte, needing: 4, second: 0x80...0x8F)
        case 0xF1...0xF3: begin(byte, needing: 4, second: 0x80...0xBF)
        default: break  // 80…BF alone, C0, C1, F5…FF: never part of well-formed UTF-8
        }
        return keys
    }

    /// A function key from the curses library: whatever is held comes first, an unfinished sequence is dropped.
    public mutating func feed(key: Key) -> [Key] {
        var keys = drain()
        keys.append(key)
        return keys
    }

    /// No byte is waiting: an unfinished sequence is dropped, a held character is delivered.
    public mutating func drain() -> [Key] {
        pending = []
        var keys: [Key] = []
        releaseHeld(into: &keys)
        return keys
    }

    /// All keys of a byte string read in one go, as if nothing more followed (tests, scripts).
    public static func keys(from bytes: some Sequence<UInt8>) -> [Key] {
        var decoder = KeyByteDecoder()
        var keys: [Key] = []
        for b in bytes { keys += decoder.feed(b) }
        return keys + decoder.drain()
    }

    private mutating func begin(_ byte: UInt8, needing count: Int, second: ClosedRange<UInt8>) {
        pending = [byte]
        needed = count
        secondRange = second
    }

    private mutating func decodePending() -> Unicode.Scalar? {
        defer { pending = [] }
        var value = UInt32(pending[0]) & (pending.count == 2 ? 0x1F : pending.count == 3 ? 0x0F : 0x07)
        for b in pending.dropFirst() { value = value << 6 | UInt32(b & 0x3F) }
        return Unicode.Scalar(value)
    }

    private mutating func emit(scalar: Unicode.Scalar?, into keys: inout [Key]) {
        guard let scalar else { return }
        if held != nil, Self.isCombining(scalar), held!.count < Self.maxHeldScalars {
            held!.append(scalar)
            return
        }
        releaseHeld(into: &keys)
        guard let key = KeyDecoder.key(forCharacterCode: scalar.value) else { return }
        if case .char = key { held = String.UnicodeScalarView([scalar]) } else { keys.append(key) }
    }

    /// The held letter with its marks; should a mark not join it (a few spacing marks do not), each part is a key.
    private mutating func releaseHeld(into keys: inout [Key]) {
        guard let h = held else { return }
        held = nil
        for ch in String(h) { keys.append(.char(ch)) }
    }

    /// A pasted letter with thousands of marks must not grow one key without bound: past this many scalars
    /// the marks start keys of their own.
    static let maxHeldScalars = 32

    static func isCombining(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }
}
