import EvidenceModel
import Foundation

/// The first pass: validates the whole file as UTF-8 and infers the order of day and month from every date in it.
extension WhatsAppParser {
    struct Survey {
        var shape: Shape
        var bodyStartOffset: Int
        var maxFirst = 0
        var maxSecond = 0
        var lineFirstAbove12: Int?
        var lineSecondAbove12: Int?
        var ascendingDMY = 0
        var ascendingMDY = 0
    }

    /// Validates the whole file as text and gathers what deciding the date order needs.
    static func survey(_ b: [UInt8], name: String) throws -> Survey {
        var bodyStart = 0
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { bodyStart = 3 }
        // A NUL byte in the first 64 KiB: a binary file, whatever its name says.
        let probeEnd = min(b.count, 1 << 16)
        if let offset = b.firstIndex(of: 0, from: 0, to: probeEnd) {
            throw ChatParseError(code: .notText, reason: "this is not a text file (it contains a NUL byte), so it "
                                    + "cannot be a WhatsApp export", fileName: name,
                                 line: b.lineNumber(of: offset), byteOffset: offset)
        }
        // The standard library's validator checks the whole file at memory speed; only a file it refuses is
        // searched byte by byte for where it goes wrong. That first bad byte is reported at its line, after any
        // earlier line's own error, exactly as checking line by line would.
        let firstInvalid = (try? UTF8Span(validating: b.span)) == nil ? b.firstInvalidUTF8(from: bodyStart) : nil
        var survey: Survey?
        var previousDMY = 0
        var previousMDY = 0
        var start = bodyStart
        var line = 1
        while start < b.count {
            let end = lineEnd(b, from: start)
            defer { start = end &+ 1 }
            if end &- start > maximumLineBytes {
                throw ChatParseError(code: .lineTooLong, reason: "line \(line) is \(end - start) bytes long; no "
                                        + "WhatsApp message is longer than \(maximumLineBytes) bytes",
                                     fileName: name, line: line, byteOffset: start)
            }
            if let bad = firstInvalid, bad < end {
                throw ChatParseError(code: .invalidUTF8, reason: String(format: "invalid UTF-8 (byte 0x%02X): a "
                                        + "WhatsApp export is always UTF-8, so this file is damaged or not an export",
                                                                         b[bad]),
                                     fileName: name, line: line, byteOffset: bad)
            }
            let content = contentEnd(b, start, end)
            if let h = header(b, start, content) {
                if survey == nil {
                    survey = Survey(shape: h.shape, bodyStartOffset: bodyStart)
                }
                if var s = survey, h.shape == s.shape, !h.shape.isYearFirst {
                    if h.a > s.maxFirst {
                        s.maxFirst = h.a
                        if h.a > 12, s.lineFirstAbove12 == nil { s.lineFirstAbove12 = line }
                    }
                    if h.b > s.maxSecond {
                        s.maxSecond = h.b
                        if h.b > 12, s.lineSecondAbove12 == nil { s.lineSecondAbove12 = line }
                    }
                    let dmy = h.c &* 10_000 &+ h.b &* 100 &+ h.a
                    let mdy = h.c &* 10_000 &+ h.a &* 100 &+ h.b
                    if dmy >= previousDMY { s.ascendingDMY &+= 1 }
                    if mdy >= previousMDY { s.ascendingMDY &+= 1 }
                    previousDMY = dmy
                    previousMDY = mdy
                    survey = s
                }
            }
            line &+= 1
        }
        guard let survey else {
            throw ChatParseError(code: .noMessages, reason: "no line starts like a WhatsApp message "
                                    + "(\"25/12/2023, 14:03 - Name: text\" or \"[25/12/2023, 14:03:22] Name: text\")",
                                 fileName: name, line: 1)
        }
        return survey
    }

    static func decideOrder(_ s: Survey, override: DateOrder?, name: String,
                            warnings: inout [EvidenceWarning]) throws -> DateOrder {
        if let override { return override }
        if s.shape.isYearFirst { return .ymd }
        switch (s.lineFirstAbove12, s.lineSecondAbove12) {
        case (let first?, let second?):
            throw ChatParseError(code: .inconsistentDates,
                                 reason: "dates have a day above 12 in the first field (line \(first)) and in the "
                                    + "second field (line \(second)); pass --date-order to say which is the day",
                                 fileName: name, line: max(first, second))
        case (.some, nil): return .dmy
        case (nil, .some): return .mdy
        case (nil, nil):
            let order: DateOrder = s.ascendingMDY > s.ascendingDMY ? .mdy : .dmy
            warnings.append(EvidenceWarning(
                code: .dateOrderAssumed,
                message: "No date in this export has a day above 12, so the order of day and month was inferred as "
                    + "\(order == .dmy ? "day/month" : "month/day") (the order under which the dates run forward); "
                    + "pass --date-order to set it."))
            return order
        }
    }
}
