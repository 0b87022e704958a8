import DienHinhCore
import DienHinhResources
import Foundation

/// A position in an input file, 1-based, as people count lines and spreadsheet columns.
public struct SourcePosition: Equatable, Hashable, Sendable, Comparable {
    public var line: Int
    /// The field's number in its row (a spreadsheet column), not a character offset.
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// A problem in an input file, reported as `file:line:column: message`.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var position: SourcePosition?
    public var message: String

    public init(file: String, position: SourcePosition?, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    public var description: String {
        if let p = position { return "\(file):\(p.line):\(p.column): \(message)" }
        return "\(file): \(message)"
    }
}

/// One data row of a CSV file: its fields and where it started.
public struct CSVRow: Equatable, Sendable {
    public var line: Int
    public var fields: [String]
    /// The reader refused part of the row (a field or a width past the limits) and said so: its content is not
    /// checked further, which would only repeat the problem in other words.
    public var refused = false

    public init(line: Int, fields: [String], refused: Bool = false) {
        self.line = line
        self.fields = fields
        self.refused = refused
    }
}

/// An RFC 4180 reader that keeps positions, so every error can name its line and column.
///
/// Accepts a UTF-8 BOM, LF or CRLF line ends, quoted fields with `""` escapes and embedded newlines.
/// Invalid UTF-8 is refused with its byte offset; a quote left open is reported where it opened.
public enum CSVReader {
    public struct Result: Sendable {
        public var header: [String]
        public var rows: [CSVRow]
        /// Syntax problems; rows before the first one are still returned so their content can be checked too.
        public var errors: [InputError]
    }

    public static func read(_ data: Data, file: String, strings: Strings = .en) -> Result {
        var stream = Stream(data, file: file, strings: strings)
        var result = Result(header: stream.header, rows: [], errors: [])
        while true {
            let rows = stream.next(4096)
            if rows.isEmpty { break }
            result.rows += rows
        }
        result.errors = stream.errors
        return result
    }

    /// The same reading, a few rows at a time: a large import checks and writes the first rows while the rest of
    /// the file is still to be read. The header is read (and the whole file's UTF-8 checked) on creation.
    public struct Stream: Sendable {
        public private(set) var header: [String] = []
        /// Syntax problems so far; reading stops at one that leaves the rest of the file unreadable.
        public var errors: [InputError] { parser.errors }
        /// Line breaks after the header: the number of rows, unless quoted fields span lines or lines are blank.
        public let estimatedRows: Int
        private var parser: Parser

        public init(_ data: Data, file: String, strings: Strings = .en) {
            // Refused by its size before a byte is copied: a 1 GB file must not need 2 GB to be refused.
            if data.count > InputLimits.fileBytes {
                parser = Parser(bytes: [], file: file, strings: strings)
                parser.errors = [InputError(file: file, position: nil,
                                            message: strings("limits.file_bytes", data.count, InputLimits.fileBytes))]
                estimatedRows = 0
                return
            }
            var bytes = [UInt8](data)
            let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
            if bom { bytes.removeFirst(3) }
            if let bad = CSVReader.firstInvalidUTF8(bytes) {
                parser = Parser(bytes: [], file: file, strings: strings)
                parser.errors = [InputError(file: file, position: CSVReader.position(ofByte: bad, in: bytes),
                                            message: strings("csv.invalid_utf8", bad + (bom ? 3 : 0)))]
                estimatedRows = 0
                return
            }
            estimatedRows = max(0, Self.lineCount(bytes) - 1)
            parser = Parser(bytes: bytes, file: file, strings: strings)
            if let first = parser.nextRows(1).first {
                header = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                // A header past the limit is refused whole, with no row read: one message, not one per column.
                if first.fields.count > InputLimits.columns { header = [] }
            } else if parser.errors.isEmpty {
                parser.errors.append(InputError(file: file, position: SourcePosition(line: 1, column: 1), message: strings("csv.empty")))
            }
            // More lines than rows allowed: read ahead without checking a row, so a file past the limit is refused
            // in the time reading takes (a million rows' checks took 13 s before the refusal).
            if estimatedRows > InputLimits.rowsPerFile && !header.isEmpty {
                var probe = parser
                while !probe.stopped && !probe.nextRows(4096).isEmpty {}
                if probe.pastRowLimit { parser = probe }
            }
        }

        /// Lines, ended by LF, CRLF or a lone CR, the last one with or without: counted with `memchr`, and CRs only
        /// when the file has any (a loop deciding each byte by its neighbour took as long as reading the rows).
        static func lineCount(_ bytes: [UInt8]) -> Int {
            bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return 0 }
                func count(_ byte: Int32) -> Int {
                    var n = 0, p = UnsafeRawPointer(base), left = b.count
                    while left > 0, let hit = memchr(p, byte, left) {
                        let h = UnsafeRawPointer(hit)
                        n += 1
                        left -= p.distance(to: h) + 1
                        p = h + 1
                    }
                    return n
                }
                var cr = 0, crlf = 0
                if memchr(base, 0x0D, b.count) != nil {
                    cr = count(0x0D)
                    for k in 1..<b.count where b[k - 1] == 0x0D && b[k] == 0x0A { crlf += 1 }
                }
                let unterminated = b.last.map { $0 != 0x0A && $0 != 0x0D } ?? false
                return count(0x0A) + cr - crlf + (unterminated ? 1 : 0)
            }
        }

        /// Up to `limit` more rows; none once the file is read (or unreadable past a syntax error).
        public mutating func next(_ limit: Int) -> [CSVRow] {
            header.isEmpty ? [] : parser.nextRows(limit)
        }
    }

    /// Where a byte is, as line and field: the field counted by the delimiters before it on its line, quotes
    /// respected (a line inside a quoted field counts as its own; the message still names the right line).
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> SourcePosition {
        var line = 1, column = 1, quoted = false
        for b in bytes[..<offset] {
            switch b {
            case 0x0A: line += 1; if !quoted { column = 1 }
            case 0x22: quoted.toggle()
            case 0x2C where !quoted: column += 1
            default: break
            }
        }
        return SourcePosition(line: line, column: column)
    }

    /// Byte offset of the first byte that is not part of well-formed UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) }
    }

    private static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            // Eight ASCII bytes at a time: most of a file is ASCII.
            while i + 8 <= n, UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            if i >= n { break }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let need: Int
            let minScalar: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: need = 1; scalar = UInt32(b & 0x1F); minScalar = 0x80
            case 0xE0...0xEF: need = 2; scalar = UInt32(b & 0x0F); minScalar = 0x800
            case 0xF0...0xF4: need = 3; scalar = UInt32(b & 0x07); minScalar = 0x10000
            default: return i
            }
            guard i + need < n else { return i }
            for k in 1...need {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = (scalar << 6) | UInt32(c & 0x3F)
            }
            if scalar < minScalar || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += need + 1
        }
        return nil
    }

    private struct Parser: Sendable {
        let bytes: [UInt8]
        let file: String
        let strings: Strings
        var i = 0
        /// Rows read so far, for the per-file limit, and whether reading stopped at it.
        var rowsRead = 0
        var pastRowLimit = false
        /// Set while reading a record when part of it is refused.
        var recordRefused = false
        var line = 1
        var errors: [InputError] = []
        /// Set after a syntax error that leaves the rest of the file unreadable.
        var stopped = false

        init(bytes: [UInt8], file: String, strings: Strings) {
            self.bytes = bytes
            self.file = file
            self.strings = strings
        }

        mutating func fail(_ line: Int, _ column: Int, _ key: String, _ args: CustomStringConvertible...) {
            errors.append(InputError(file: file, position: SourcePosition(line: line, column: column),
                                     message: strings.format(key, args.map(\.description))))
        }

        mutating func nextRows(_ limit: Int) -> [CSVRow] {
            var rows: [CSVRow] = []
            while rows.count < limit && i < bytes.count && !stopped {
                let start = line
                recordRefused = false
                guard let fields = parseRecord() else { stopped = true; break }
                // Blank lines carry no record.
                if fields.count == 1 && fields[0].isEmpty { continue }
                rowsRead += 1
                // The header is row 1; a file past the limit is refused at the first row beyond it.
                if rowsRead > InputLimits.rowsPerFile + 1 {
                    fail(start, 1, "limits.rows", InputLimits.rowsPerFile)
                    pastRowLimit = true
                    stopped = true
                    break
                }
                rows.append(CSVRow(line: start, fields: fields, refused: recordRefused))
            }
            return rows
        }

        /// One record; nil after a syntax error that leaves the rest of the file unreadable.
        /// Fields in the last record: the next one most likely has as many, so its array is sized once.
        var width = 0

        mutating func parseRecord() -> [String]? {
            var fields: [String] = []
            fields.reserveCapacity(width)
            defer { width = max(width, fields.count) }
            // A quoted field is assembled here; an unquoted one is only marked (`plain`) and copied once, into its String.
            var field: [UInt8] = []
            var plain: Range<Int>? = nil
            var column = 1
            // A field past the byte limit is reported and read as empty: its text is never built.
            var quotedBytes = 0
            var fieldLine = line
            func take() -> String {
                defer { quotedBytes = 0; fieldLine = line }
                if let r = plain {
                    plain = nil
                    if r.count > InputLimits.fieldBytes { recordRefused = true; fail(fieldLine, column, "limits.field_bytes", r.count, InputLimits.fieldBytes); return "" }
                    return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
                }
                defer { field.removeAll(keepingCapacity: field.count <= 4096) }
                if quotedBytes > InputLimits.fieldBytes { recordRefused = true; fail(fieldLine, column, "limits.field_bytes", quotedBytes, InputLimits.fieldBytes); return "" }
                return String(decoding: field, as: UTF8.self)
            }
            /// Past the column limit the rest of the line is skipped: a line of commas must not become an array.
            func tooWide() -> Bool {
                guard fields.count > InputLimits.columns else { return false }
                recordRefused = true
                fail(line, InputLimits.columns + 1, "limits.columns", InputLimits.columns)
                return true
            }
            while true {
                if i >= bytes.count {
                    fields.append(take())
                    return fields
                }
                let b = bytes[i]
                if b == UInt8(ascii: "\"") && field.isEmpty && plain == nil {
                    let openLine = line
                    i += 1
                    var closed = false
                    while i < bytes.count {
                        let c = bytes[i]
                        if c == UInt8(ascii: "\"") {
                            if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                                quotedBytes += 1
                                if quotedBytes <= InputLimits.fieldBytes { field.append(c) }
                                i += 2
                                continue
                            }
                            i += 1
                            closed = true
                            break
                        }
                        if c == 0x0A { line += 1 }
                        quotedBytes += 1
                        if quotedBytes <= InputLimits.fieldBytes { field.append(c) }
                        i += 1
                    }
                    if !closed {
                        fail(openLine, column, "csv.unclosed_quote")
                        return nil
                    }
                    // After the closing quote only a delimiter or a line end may follow.
                    if i < bytes.count, bytes[i] != UInt8(ascii: ","), bytes[i] != 0x0A, bytes[i] != 0x0D {
                        fail(line, column, "csv.after_quote")
                        skipToLineEnd()
                        return fields + [take()]
                    }
                    continue
                }
                switch b {
                case UInt8(ascii: ","):
                    fields.append(take())
                    column += 1
                    i += 1
                    if tooWide() { skipToLineEnd(); return fields }
                case 0x0D:
                    i += 1
                    if i < bytes.count && bytes[i] == 0x0A { i += 1 }
                    line += 1
                    fields.append(take())
                    return fields
                case 0x0A:
                    i += 1
                    line += 1
                    fields.append(take())
                    return fields
                case UInt8(ascii: "\""):
                    fail(line, column, "csv.quote_inside")
                    skipToLineEnd()
                    fields.append(take())
                    return fields
                default:
                    // The rest of an unquoted field in one go: up to the next delimiter, quote or line end.
                    var j = i + 1
                    while j < bytes.count {
                        let c = bytes[j]
                        if c == UInt8(ascii: ",") || c == 0x0A || c == 0x0D || c == UInt8(ascii: "\"") { break }
                        j += 1
                    }
                    if let r = plain { plain = r.lowerBound..<j } else if field.isEmpty { plain = i..<j } else { field.append(contentsOf: bytes[i..<j]) }
                    i = j
                }
            }
        }

        mutating func skipToLineEnd() {
            while i < bytes.count && bytes[i] != 0x0A { i += 1 }
            if i < bytes.count { i += 1; line += 1 }
        }
    }
}

/// Writes CSV the way Excel and our reader agree on: BOM, CRLF-free LF lines, quotes only where needed.
public enum CSVWriter {
    /// Quoted when it holds a delimiter, a quote or a line break, or starts or ends with a space.
    ///
    /// Decided on bytes, not Characters: "\r\n" is one Character equal to neither "\r" nor "\n", and a quote
    /// followed by a combining mark is one Character too (the fuzzer found a note with a CRLF written unquoted).
    public static func field(_ s: String) -> String {
        let bytes = s.utf8
        let special = bytes.contains { (b: UInt8) -> Bool in b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D }
        guard special || bytes.first == 0x20 || bytes.last == 0x20 else { return s }
        var out: [UInt8] = [0x22]
        out.reserveCapacity(bytes.count + 2)
        for b in bytes {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    public static let bom = "\u{FEFF}"
}
