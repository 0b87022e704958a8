// libFuzzer entry point for date, year and yes/no parsing, compiled with Sources/DienHinhCore/FieldParsing.swift
// and TextFolding.swift by scripts/fuzz.sh. The input's bytes are read as UTF-8 text.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFields(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let d = FieldParsing.date(text) {
        // An accepted date is ISO and reads back as itself, also in the Vietnamese display form.
        precondition(FieldParsing.date(d) == d && FieldParsing.date(FieldParsing.displayDate(d)) == d, "\(d) does not round-trip")
    }
    if let y = FieldParsing.year(text) { precondition(y >= 1945, "year \(y)") }
    _ = FieldParsing.bool(text)
    _ = TextFolding.fold(text)
    _ = TextFolding.nfc(text)
    return 0
}
