import EvidenceModel

/// The records of an RFC 4180 CSV file, one at a time, with the byte range and lines each covers: fields separated
/// by commas, records by CRLF or LF, a field in double quotes may hold commas, line breaks and `""` for a quote.
struct CSVRecords {
    struct Record {
        var fields: [String]
        var range: Range<Int>
        var lines: ClosedRange<Int>
    }

    /// Most fields kept from one record; the rest are dropped (the original keeps them).
    static let maximumFields = 64

    let b: [UInt8]
    private var p: Int
    private var line = 1

    init(bytes: [UInt8]) {
        b = bytes
        p = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next record, or `nil` at the end.
    ///
    /// - Throws: ``ChatParseError`` (`unexpected-structure`) when the file ends inside a quoted field.
    mutating func next(name: String) throws -> Record? {
        guard p < b.count else { return nil }
        let start = p
        let firstLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var atFieldStart = true
        while p < b.count {
            let c = b[p]
            if quoted {
                if c == 0x22 {
                    if p &+ 1 < b.count, b[p &+ 1] == 0x22 {
                        field.append(0x22)
                        p &+= 2
                        continue
                    }
                    quoted = false
                } else {
                    if c == 0x0A { line &+= 1 }
                    field.append(c)
                }
                p &+= 1
                continue
            }
            if c == 0x22 && atFieldStart {
                quoted = true
                atFieldStart = false
                p &+= 1
                continue
            }
            if c == 0x2C {
                if fields.count < Self.maximumFields { fields.append(String(decoding: field, as: UTF8.self)) }
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
                p &+= 1
                continue
            }
            if c == 0x0A || (c == 0x0D && p &+ 1 < b.count && b[p &+ 1] == 0x0A) {
                let end = p
                p &+= c == 0x0D ? 2 : 1
                line &+= 1
                if fields.count < Self.maximumFields { fields.append(String(decoding: field, as: UTF8.self)) }
                return Record(fields: fields, range: start..<end, lines: firstLine...(line &- 1))
            }
            atFieldStart = false
            field.append(c)
            p &+= 1
        }
        if quoted {
            throw ChatParseError(code: .unexpectedStructure, reason: "the file ends inside a quoted field opened in "
                                    + "the record on line \(firstLine): the CSV is truncated", fileName: name,
                                 line: firstLine, byteOffset: start)
        }
        if fields.count < Self.maximumFields { fields.append(String(decoding: field, as: UTF8.self)) }
        return Record(fields: fields, range: start..<b.count, lines: firstLine...line)
    }
}
