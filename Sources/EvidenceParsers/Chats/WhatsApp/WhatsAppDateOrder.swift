import EvidenceModel
import Foundation

/// The first pass: validates the whole file as UTF-8 and infers the order of day and month from every date in it.
extension WhatsAppParser {
    struct Survey: Equatable {
        var shape: Shape
        var bodyStartOffset: Int
        var maxFirst = 0
        var maxSecond = 0
        var lineFirstAbove12: Int?
        var lineSecondAbove12: Int?
        var ascendingDMY = 0
        var ascendingMDY = 0
    }

    /// Exports at least this large are surveyed in two halves at once (the second thread has nothing else to do
    /// before the first message is built).
    static let surveyHalvesAbove = 4 << 20

    /// Validates the whole file as text and gathers what deciding the date order needs.
    ///
    /// - Parameter halvesAbove: the size from which the file is surveyed in two halves at once; the result is the
    ///   same either way (a test compares them on every fixture).
    static func survey(_ b: [UInt8], name: String, halvesAbove: Int = surveyHalvesAbove) throws -> Survey {
        let bodyStart = b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
        // A NUL byte in the first 64 KiB: a binary file, whatever its name says.
        let probeEnd = min(b.count, 1 << 16)
        if let offset = b.firstIndex(of: 0, from: 0, to: probeEnd) {
            throw ChatParseError(code: .notText, reason: "this is not a text file (it contains a NUL byte), so it "
                                    + "cannot be a WhatsApp export", fileName: name,
                                 line: b.lineNumber(of: offset), byteOffset: offset)
        }
        let scan = SurveyScan(bytes: b, name: name, bodyStart: bodyStart)
        var state = SurveyScan.State(start: bodyStart)
        if b.count >= halvesAbove, let newline = b.firstIndex(of: 0x0A, from: bodyStart + (b.count - bodyStart) / 2) {
            let middle = newline + 1
            let halves = SurveyHalves()
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                if half == 0 {
                    halves.first = Result { try scan.run(from: SurveyScan.State(start: bodyStart), to: middle) }
                } else {
                    halves.second = Result { try scan.run(from: SurveyScan.State(start: middle), to: b.count) }
                }
            }
            state = try halves.first!.get()
            if let joined = state.joined(to: halves.second!) {
                state = joined
            } else {
                // The second half met an error, or could not know the export's form on its own: it is read again
                // from where the first ended, so what is reported is exactly what one pass would report.
                state = try scan.run(from: state, to: b.count)
            }
        } else {
            state = try scan.run(from: state, to: b.count)
        }
        guard let survey = state.survey else {
            throw ChatParseError(code: .noMessages, reason: "no line starts like a WhatsApp message "
                                    + "(\"25/12/2023, 14:03 - Name: text\" or \"[25/12/2023, 14:03:22] Name: text\")",
                                 fileName: name, line: 1)
        }
        return survey
    }

    /// The two halves' outcomes, each set by its own thread and read once both are done.
    private final class SurveyHalves: @unchecked Sendable {
        var first: Result<SurveyScan.State, any Error>?
        var second: Result<SurveyScan.State, any Error>?
    }

    /// The survey's line loop over a range of the file, from a given state.
    struct SurveyScan: Sendable {
        let bytes: [UInt8]
        let name: String
        let bodyStart: Int

        /// Where the loop is: the next line's offset and number, and what the lines before it gave.
        struct State {
            var start: Int
            var line = 1
            var survey: Survey?
            var previousDMY = 0
            var previousMDY = 0
            /// The first counted date's two readings (to join a second half to the first).
            var firstDMY: Int?
            var firstMDY = 0

            init(start: Int) { self.start = start }

            /// The state after this first half's lines and then `second`'s, or `nil` when `second` cannot simply
            /// be added: it failed, or the first half found no message (the form, taken from the file's first
            /// header, decides which headers count), or the second half's first header is of another form.
            func joined(to second: Result<State, any Error>) -> State? {
                guard case .success(let other) = second, let survey else { return nil }
                guard let more = other.survey else {
                    var joined = self
                    joined.start = other.start
                    joined.line = line + other.line - 1
                    return joined
                }
                guard more.shape == survey.shape else { return nil }
                var joined = self
                var s = survey
                s.lineFirstAbove12 = s.lineFirstAbove12 ?? more.lineFirstAbove12.map { $0 + line - 1 }
                s.lineSecondAbove12 = s.lineSecondAbove12 ?? more.lineSecondAbove12.map { $0 + line - 1 }
                s.maxFirst = max(s.maxFirst, more.maxFirst)
                s.maxSecond = max(s.maxSecond, more.maxSecond)
                if let firstDMY = other.firstDMY {
                    // The second half compared its first date with 0 (always counted); one pass compares it with
                    // the first half's last.
                    s.ascendingDMY += more.ascendingDMY - 1 + (firstDMY >= previousDMY ? 1 : 0)
                    s.ascendingMDY += more.ascendingMDY - 1 + (other.firstMDY >= previousMDY ? 1 : 0)
                    joined.previousDMY = other.previousDMY
                    joined.previousMDY = other.previousMDY
                    joined.firstDMY = firstDMY
                }
                joined.survey = s
                joined.start = other.start
                joined.line = line + other.line - 1
                return joined
            }
        }

        /// Reads the lines from `state.start` up to `end` (a line's start, or the file's end).
        func run(from state: State, to end: Int) throws -> State {
            let b = bytes
            var state = state
            var start = state.start
            // The standard library's validator checks the range at memory speed; only a range it refuses is
            // searched byte by byte for where it goes wrong. That first bad byte is reported at its line, after
            // any earlier line's own error, exactly as checking line by line would.
            let firstInvalid = (try? UTF8Span(validating: b.span.extracting(start..<end))) == nil
                ? b.firstInvalidUTF8(from: start) : nil
            var line = state.line
            while start < end {
                let lineEnd = WhatsAppParser.lineEnd(b, from: start)
                defer { start = lineEnd &+ 1 }
                if lineEnd &- start > maximumLineBytes {
                    throw ChatParseError(code: .lineTooLong, reason: "line \(line) is \(lineEnd - start) bytes long; no "
                                            + "WhatsApp message is longer than \(maximumLineBytes) bytes",
                                         fileName: name, line: line, byteOffset: start)
                }
                if let bad = firstInvalid, bad < lineEnd {
                    throw ChatParseError(code: .invalidUTF8, reason: String(format: "invalid UTF-8 (byte 0x%02X): a "
                                            + "WhatsApp export is always UTF-8, so this file is damaged or not an export",
                                                                             b[bad]),
                                         fileName: name, line: line, byteOffset: bad)
                }
                let content = contentEnd(b, start, lineEnd)
                if let h = header(b, start, content) {
                    if state.survey == nil {
                        state.survey = Survey(shape: h.shape, bodyStartOffset: bodyStart)
                    }
                    if var s = state.survey, h.shape == s.shape, !h.shape.isYearFirst {
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
                        if state.firstDMY == nil { (state.firstDMY, state.firstMDY) = (dmy, mdy) }
                        if dmy >= state.previousDMY { s.ascendingDMY &+= 1 }
                        if mdy >= state.previousMDY { s.ascendingMDY &+= 1 }
                        state.previousDMY = dmy
                        state.previousMDY = mdy
                        state.survey = s
                    }
                }
                line &+= 1
            }
            state.start = start
            state.line = line
            return state
        }
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
