// libFuzzer entry point for the key decoders, compiled with Sources/TerminalKit/Keys.swift by scripts/fuzz.sh.
// The input's bytes are a `--keys` script (read as UTF-8) and, four at a time, curses character codes.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeys(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let script = String(decoding: bytes, as: UTF8.self)
    if let keys = try? KeyScript.parse(script) {
        // A script's keys format back to a script that means the same keys.
        precondition((try? KeyScript.parse(KeyScript.format(keys))) == keys, "format(parse(s)) reads differently")
    }
    let codes = CursesKeyCodes(up: 259, down: 258, left: 260, right: 261, home: 262, end: 360, pageUp: 339,
                               pageDown: 338, enter: 343, backspace: 263, delete: 330, backTab: 353, resize: 410, f0: 264)
    var i = 0
    while i + 4 <= bytes.count {
        let v = bytes[i..<i + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        _ = KeyDecoder.key(forCharacterCode: v)
        _ = KeyDecoder.key(forKeyCode: Int32(bitPattern: v), codes: codes)
        i += 4
    }
    for ch in script { _ = KeyDecoder.key(forTyped: ch) }
    return 0
}
