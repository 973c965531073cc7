import EvidenceModel
import Foundation

/// WhatsApp's plain-text export (`_chat.txt`, `WhatsApp Chat with X.txt`), in both forms:
///
/// - Android: `25/12/2023, 14:03 - Name: text`
/// - iOS: `[25/12/2023, 14:03:22] Name: text`
///
/// with every locale variant seen in real exports: `/ . -` date separators, 2- or 4-digit years, 12- and 24-hour
/// clocks (`PM`, `p.m.`, `p. m.` after an ordinary, no-break or narrow no-break space), U+200E/U+200F marks,
/// a UTF-8 BOM, CRLF endings and multi-line messages.
///
/// The file is read twice, as bytes: the first pass validates UTF-8, finds the line shape and infers the order of
/// day and month from every date in the file; the second builds the messages. Day/month order rule: a first field
/// above 12 means day-first, a second field above 12 means month-first; when no field is above 12 the order
/// under which the dates are most often non-decreasing is taken (ties go to day-first, the more common
/// convention) and the conversation carries a `date-order-assumed` warning.
public enum WhatsAppParser: ChatExportParser {
    /// The platforms this parser produces.
    public static let platforms: [ChatPlatform] = [.whatsapp]

    /// Longest line accepted: WhatsApp caps a message at 65,536 characters, so 1 MiB is far beyond any real line.
    public static let maximumLineBytes = 1 << 20
    /// Longest multi-line message accepted.
    public static let maximumMessageBytes = 4 << 20

    /// The platform when the bytes are this format, decided from the first 64 KiB.
    public static func recognise(bytes: [UInt8], name: String) -> ChatPlatform? {
        var lines = ByteReader(bytes)
        var checked = 0
        while checked < 8, let line = lines.readLine() {
            let (start, end) = (line.lowerBound, line.upperBound)
            if end - start > 0 {
                checked += 1
                if header(bytes, start, contentEnd(bytes, start, end)) != nil { return .whatsapp }
            }
            if end >= bytes.count || end - start > 4096 { break }
        }
        return nil
    }

    /// Streams the messages in file order; see ``ChatExportParser/parse(bytes:name:platform:options:onMessage:)``.
    public static func parse(bytes: [UInt8], name: String, platform: ChatPlatform,
                             options: ChatParseOptions,
                             onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        var warnings: [EvidenceWarning] = []
        let first = try survey(bytes, name: name)
        let order = try decideOrder(first, override: options.dateOrder, name: name, warnings: &warnings)

        var builder = Builder(bytes: bytes, name: name, shape: first.shape, order: order, options: options)
        var lines = ByteReader(bytes, from: first.bodyStartOffset)
        var line = 1
        while let range = lines.readLine() {
            let start = range.lowerBound
            let content = contentEnd(bytes, start, range.upperBound)
            if let found = header(bytes, start, content), found.shape == first.shape {
                try builder.finish(onMessage: onMessage)
                builder.begin(found, lineStart: start, line: line)
            } else if builder.open {
                try builder.extend(to: content, line: line)
            } else if content > start {
                builder.skippedLines += 1
            }
            line &+= 1
        }
        try builder.finish(onMessage: onMessage)
        if builder.skippedLines > 0 {
            warnings.append(EvidenceWarning(
                code: "text-before-first-message",
                message: "\(builder.skippedLines) line(s) before the first message were not part of any message."))
        }
        warnings += builder.warnings
        let participants = builder.appLineNames.isEmpty ? builder.authors.list : builder.authors.list.filter {
            guard let appLines = builder.appLineNames[$0] else { return true }
            return builder.authors.uses(of: $0).map { $0 > appLines } ?? true
        }
        return ConversationInfo(platform: .whatsapp, title: title(from: name), participants: participants,
                                warnings: warnings, sourceName: name, messageCount: builder.index)
    }

    // MARK: - Lines

    @inline(__always)
    static func lineEnd(_ b: [UInt8], from start: Int) -> Int {
        b.firstIndex(of: 0x0A, from: start) ?? b.count
    }

    /// The end of a line's content: before its `\r\n` or `\n`.
    @inline(__always)
    static func contentEnd(_ b: [UInt8], _ start: Int, _ end: Int) -> Int {
        end > start && b[end &- 1] == 0x0D ? end &- 1 : end
    }

    // MARK: - Header

    /// What makes two headers "the same form": exports never mix forms, so a continuation line that happens to
    /// start like a header of another form stays a continuation line.
    struct Shape: Hashable {
        var iOS: Bool
        var separator: UInt8
        var firstDigits: Int
        var lastDigits: Int
        var seconds: Bool
        var meridiem: Bool
    }

    struct Header {
        var shape: Shape
        var a: Int, b: Int, c: Int
        var hour: Int, minute: Int, second: Int
        /// 0 none, 1 AM, 2 PM.
        var meridiem: Int
        var bodyStart: Int
    }

    @inline(__always)
    static func isDigit(_ x: UInt8) -> Bool { x &- 0x30 < 10 }

    /// Reads 1...`maxDigits` decimal digits.
    @inline(__always)
    static func number(_ b: [UInt8], _ p: inout Int, _ end: Int, maxDigits: Int) -> (Int, Int)? {
        var value = 0
        var digits = 0
        while p < end, digits < maxDigits, isDigit(b[p]) {
            value = value &* 10 &+ Int(b[p] &- 0x30)
            p &+= 1
            digits &+= 1
        }
        if digits == 0 || (p < end && isDigit(b[p])) { return nil }
        return (value, digits)
    }

    /// Length of a space WhatsApp puts before AM/PM: ordinary, no-break (U+00A0) or narrow no-break (U+202F).
    @inline(__always)
    static func spaceLength(_ b: [UInt8], _ p: Int, _ end: Int) -> Int {
        guard p < end else { return 0 }
        if b[p] == 0x20 { return 1 }
        if b[p] == 0xC2, p &+ 1 < end, b[p &+ 1] == 0xA0 { return 2 }
        if b[p] == 0xE2, p &+ 2 < end, b[p &+ 1] == 0x80, b[p &+ 2] == 0xAF { return 3 }
        return 0
    }

    /// A group event as recent iOS exports write it after a U+200E (see ``WhatsAppMarkers/groupEventPrefixes``).
    static func isGroupEvent(_ b: [UInt8], _ start: Int, _ end: Int) -> Bool {
        guard start < end, end &- start <= 512, b[start] != UInt8(ascii: "<") else { return false }
        if WhatsAppMarkers.groupEventPrefixes.contains(where: { b.starts(with: $0, at: start, end: end) })
            || WhatsAppMarkers.groupEventSuffixes.contains(where: { b.ends(with: $0, from: start, to: end) }) {
            return true
        }
        for infix in WhatsAppMarkers.groupEventInfixes where infix.count <= end &- start {
            var p = start
            while p &+ infix.count <= end {
                if b.starts(with: infix, at: p, end: end) { return true }
                p &+= 1
            }
        }
        return false
    }

    /// Length of a directional mark (U+200E, U+200F, U+202A…U+202E), a BOM or a U+2068/U+2069 isolate at `p`.
    @inline(__always)
    static func markLength(_ b: [UInt8], _ p: Int, _ end: Int) -> Int {
        guard p &+ 2 < end else { return 0 }
        let x = b[p], y = b[p &+ 1], z = b[p &+ 2]
        if x == 0xE2, y == 0x80, z == 0x8E || z == 0x8F || (z >= 0xAA && z <= 0xAE) { return 3 }
        if x == 0xE2, y == 0x81, z == 0xA8 || z == 0xA9 { return 3 }
        if x == 0xEF, y == 0xBB, z == 0xBF { return 3 }
        return 0
    }

    /// Parses `AM`, `pm`, `a.m.`, `p. m.` (any of the three spaces inside), returning 1 or 2.
    static func meridiem(_ b: [UInt8], _ p: inout Int, _ end: Int) -> Int? {
        guard p < end else { return nil }
        let value: Int
        switch b[p] | 0x20 {
        case UInt8(ascii: "a"): value = 1
        case UInt8(ascii: "p"): value = 2
        default: return nil
        }
        var q = p &+ 1
        var dotted = false
        if q < end, b[q] == UInt8(ascii: ".") {
            q &+= 1
            dotted = true
            q &+= spaceLength(b, q, end)
        }
        guard q < end, b[q] | 0x20 == UInt8(ascii: "m") else { return nil }
        q &+= 1
        if q < end, b[q] == UInt8(ascii: ".") { q &+= 1 } else if dotted { return nil }
        p = q
        return value
    }

    /// Recognises a message header at the start of a line, or returns `nil` for a continuation line.
    static func header(_ b: [UInt8], _ lineStart: Int, _ end: Int) -> Header? {
        var p = lineStart
        while true {
            let mark = markLength(b, p, end)
            if mark == 0 { break }
            p &+= mark
        }
        guard p < end else { return nil }
        let iOS = b[p] == UInt8(ascii: "[")
        if iOS { p &+= 1 }
        guard let (a, aDigits) = number(b, &p, end, maxDigits: 4), aDigits != 3, p < end else { return nil }
        let separator = b[p]
        guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "-")
        else { return nil }
        p &+= 1
        guard let (middle, middleDigits) = number(b, &p, end, maxDigits: 2), middleDigits >= 1,
              p < end, b[p] == separator
        else { return nil }
        p &+= 1
        guard let (c, cDigits) = number(b, &p, end, maxDigits: 4), cDigits != 3 else { return nil }
        // Exactly one of the outer fields is the year; a 4-digit first field means year-first.
        if aDigits == 4 && cDigits == 4 { return nil }
        if aDigits > 2 && cDigits != 1 && cDigits != 2 { return nil }
        if p < end, b[p] == UInt8(ascii: ".") { p &+= 1 }
        var gap = 0
        if p < end, b[p] == UInt8(ascii: ",") { p &+= 1; gap &+= 1 }
        while p < end, b[p] == 0x20 { p &+= 1; gap &+= 1 }
        guard gap > 0 else { return nil }
        // A word between date and time: French Android "25/12/2023 à 14:03", Finnish "1.1.2019 klo 12.00.00".
        for word in dateTimeWords where b.starts(with: word, at: p, end: end) {
            p &+= word.count
            break
        }
        // The time's separator is ":" almost everywhere and "." in Finnish and a few other locales.
        guard let (hour, _) = number(b, &p, end, maxDigits: 2), p < end,
              b[p] == UInt8(ascii: ":") || b[p] == UInt8(ascii: ".") else { return nil }
        let timeSeparator = b[p]
        p &+= 1
        guard let (minute, minuteDigits) = number(b, &p, end, maxDigits: 2), minuteDigits == 2 else { return nil }
        var second = 0
        var hasSeconds = false
        if p < end, b[p] == timeSeparator {
            p &+= 1
            guard let (s, sDigits) = number(b, &p, end, maxDigits: 2), sDigits == 2 else { return nil }
            second = s
            hasSeconds = true
        }
        var half = 0
        let space = spaceLength(b, p, end)
        if space > 0 {
            var q = p &+ space
            if let m = meridiem(b, &q, end) {
                half = m
                p = q
            }
        }
        if iOS {
            guard p &+ 1 < end, b[p] == UInt8(ascii: "]"), b[p &+ 1] == 0x20 else { return nil }
            p &+= 2
        } else {
            guard p < end, b[p] == 0x20 else { return nil }
            p &+= 1
            if p < end, b[p] == UInt8(ascii: "-") {
                p &+= 1
            } else if p &+ 2 < end, b[p] == 0xE2, b[p &+ 1] == 0x80, b[p &+ 2] == 0x93 {
                p &+= 3  // en dash, written by a few locales
            } else {
                return nil
            }
            guard p < end, b[p] == 0x20 else { return nil }
            p &+= 1
        }
        let shape = Shape(iOS: iOS, separator: separator, firstDigits: aDigits == 4 ? 4 : 2,
                          lastDigits: cDigits == 4 ? 4 : 2, seconds: hasSeconds, meridiem: half != 0)
        return Header(shape: shape, a: a, b: middle, c: c, hour: hour, minute: minute, second: second,
                      meridiem: half, bodyStart: p)
    }

    static let dateTimeWords: [[UInt8]] = [Array("à ".utf8), Array("klo ".utf8)]

    // MARK: - First pass

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
        var survey: Survey?
        var previousDMY = 0
        var previousMDY = 0
        var lines = ByteReader(b, from: bodyStart)
        var line = 1
        while let range = lines.readLine() {
            let (start, end) = (range.lowerBound, range.upperBound)
            if end &- start > maximumLineBytes {
                throw ChatParseError(code: .lineTooLong, reason: "line \(line) is \(end - start) bytes long; no "
                                        + "WhatsApp message is longer than \(maximumLineBytes) bytes",
                                     fileName: name, line: line, byteOffset: start)
            }
            if let bad = b.firstInvalidUTF8(from: start, to: end) {
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
                code: "date-order-assumed",
                message: "No date in this export has a day above 12, so the order of day and month was inferred as "
                    + "\(order == .dmy ? "day/month" : "month/day") (the order under which the dates run forward); "
                    + "pass --date-order to set it."))
            return order
        }
    }

    // MARK: - Second pass

    /// Keeps one `String` per distinct author so a million lines by two people allocate two names.
    struct AuthorTable {
        var names: [[UInt8]] = []
        var strings: [String] = []
        var list: [String] = []
        /// How many headers named each of `strings`.
        var counts: [Int] = []
        static let limit = 512

        /// How many headers named `name`; `nil` beyond the first ``limit`` names, which are not counted.
        func uses(of name: String) -> Int? {
            strings.firstIndex(of: name).map { counts[$0] }
        }

        mutating func intern(_ b: [UInt8], _ start: Int, _ end: Int) -> String {
            let count = end &- start
            for i in 0..<names.count where names[i].count == count {
                if b.equals(names[i], from: start, to: end) {
                    counts[i] &+= 1
                    return strings[i]
                }
            }
            let string = b.text(from: start, to: end)
            if names.count < Self.limit {
                names.append(Array(b[start..<end]))
                strings.append(string)
                counts.append(1)
                list.append(string)
            } else if list.count < 100_000, !list.contains(string) {
                list.append(string)
            }
            return string
        }
    }

    struct Builder {
        let bytes: [UInt8]
        let name: String
        let shape: Shape
        let order: DateOrder
        let options: ChatParseOptions
        var resolver: WallClockResolver
        var authors = AuthorTable()
        /// How often iOS wrote each name in front of an app line (the group's name): such a name is a participant
        /// only if it also heads a message of its own.
        var appLineNames: [String: Int] = [:]
        var warnings: [EvidenceWarning] = []
        var index = 0
        var skippedLines = 0
        var missingMedia = 0

        var open = false
        var current: Header?
        var lineStart = 0
        var firstLine = 0
        var lastLine = 0
        var bodyEnd = 0
        var firstLineEnd = 0

        init(bytes: [UInt8], name: String, shape: Shape, order: DateOrder,
             options: ChatParseOptions) {
            self.bytes = bytes
            self.name = name
            self.shape = shape
            self.order = order
            self.options = options
            self.resolver = WallClockResolver(zone: options.timeZone, field: "WhatsApp line")
        }

        mutating func begin(_ header: Header, lineStart: Int, line: Int) {
            current = header
            open = true
            self.lineStart = lineStart
            firstLine = line
            lastLine = line
            let end = WhatsAppParser.lineEnd(bytes, from: lineStart)
            bodyEnd = WhatsAppParser.contentEnd(bytes, lineStart, end)
            firstLineEnd = bodyEnd
        }

        mutating func extend(to content: Int, line: Int) throws {
            bodyEnd = content
            lastLine = line
            if content &- lineStart > WhatsAppParser.maximumMessageBytes {
                throw ChatParseError(code: .messageTooLong, reason: "the message that starts on line \(firstLine) "
                                        + "runs past \(WhatsAppParser.maximumMessageBytes) bytes",
                                     fileName: name, line: line, byteOffset: lineStart)
            }
        }

        mutating func finish(onMessage: (ChatMessage) throws -> Void) throws {
            guard open, let h = current else { return }
            open = false
            let b = bytes
            let timestamp = try makeTimestamp(h)
            // The author is everything before the first ": " on the header line that is not inside quotes: a
            // system line such as `Alice created group "Party: 2024"` has no author.
            var author: String?
            var textStart = h.bodyStart
            var p = h.bodyStart
            let limit = firstLineEnd &- 1
            var quoted = false
            while p < limit {
                let c = b[p]
                if c == 0x22 {
                    quoted.toggle()
                } else if c == 0xE2, p &+ 2 < firstLineEnd, b[p &+ 1] == 0x80, b[p &+ 2] == 0x9C || b[p &+ 2] == 0x9D {
                    quoted = b[p &+ 2] == 0x9C  // “ opens, ” closes
                } else if !quoted && c == UInt8(ascii: ":") && b[p &+ 1] == 0x20 {
                    if p > h.bodyStart { author = authors.intern(b, h.bodyStart, p) }
                    textStart = p &+ 2
                    break
                }
                p &+= 1
            }
            if author == nil, p >= limit, limit >= h.bodyStart, firstLineEnd > h.bodyStart,
               b[firstLineEnd &- 1] == UInt8(ascii: ":"), bodyEnd == firstLineEnd {
                // "Name:" with nothing after it: an empty message, not a system line.
                author = authors.intern(b, h.bodyStart, firstLineEnd &- 1)
                textStart = firstLineEnd
            }
            var kind = ChatMessageKind.message
            var attachments: [ChatAttachment] = []
            var edited = false
            var m = textStart
            while true {
                let mark = WhatsAppParser.markLength(b, m, firstLineEnd)
                if mark == 0 { break }
                m &+= mark
            }
            let singleLine = bodyEnd == firstLineEnd
            if author == nil {
                kind = .system
            } else if singleLine && WhatsAppMarkers.deleted.contains(where: { b.equals($0, from: m, to: bodyEnd) }) {
                kind = .deleted
            } else if singleLine && WhatsAppMarkers.omitted.contains(where: { b.equals($0, from: m, to: bodyEnd) }) {
                kind = .mediaOmitted
            } else if WhatsAppMarkers.encryptionNotices.contains(where: { b.starts(with: $0, at: m, end: bodyEnd) }) {
                // iOS writes the notice under the chat's name; it is the app speaking, not that person.
                kind = .system
                if let author { appLineNames[author, default: 0] &+= 1 }
                author = nil
                textStart = h.bodyStart
            } else if h.shape.iOS, singleLine, author != nil, m > textStart, WhatsAppParser.isGroupEvent(b, m, bodyEnd) {
                // Recent iOS exports put group events under the group's name; the app is speaking. The whole
                // body, name included, stays the text, as for the encryption notice.
                kind = .system
                if let author { appLineNames[author, default: 0] &+= 1 }
                author = nil
                textStart = h.bodyStart
            } else {
                if let attached = attachment(from: m, to: firstLineEnd) {
                    attachments.append(attached)
                }
            }
            for suffix in WhatsAppMarkers.editedSuffixes where b.ends(with: suffix, from: textStart, to: bodyEnd) {
                edited = true
                break
            }
            let message = ChatMessage(
                index: index, timestamp: timestamp, author: author, text: b.text(from: textStart, to: bodyEnd),
                attachments: attachments, kind: kind,
                source: SourceRange(byteStart: lineStart, byteEnd: bodyEnd, lineStart: firstLine, lineEnd: lastLine),
                edited: edited)
            index &+= 1
            try onMessage(message)
        }

        mutating func attachment(from start: Int, to end: Int) -> ChatAttachment? {
            let b = bytes
            var name: String?
            if end > start, b[end &- 1] == UInt8(ascii: ">") {
                for opener in WhatsAppMarkers.attachedOpeners where b.starts(with: opener, at: start, end: end) {
                    name = b.text(from: start &+ opener.count, to: end &- 1)
                    break
                }
            }
            if name == nil, end > start, b[end &- 1] == UInt8(ascii: ")") {
                for suffix in WhatsAppMarkers.attachedSuffixes
                where b.ends(with: suffix, from: start, to: end) && end &- suffix.count > start {
                    name = b.text(from: start, to: end &- suffix.count)
                    break
                }
            }
            guard let name else { return nil }
            var found: Bool?
            if let available = options.availableMediaNames {
                let present = available.contains(name)
                found = present
                if !present {
                    missingMedia &+= 1
                    if missingMedia <= 100 {
                        warnings.append(EvidenceWarning(
                            code: "missing-media",
                            message: "Line \(firstLine) refers to \"\(name)\", which is not in the export."))
                    }
                }
            }
            return ChatAttachment(name: name, found: found)
        }

        mutating func makeTimestamp(_ h: Header) throws -> EvidenceTimestamp {
            var year: Int, month: Int, day: Int
            switch h.shape.isYearFirst ? .ymd : order {
            case .dmy: (day, month, year) = (h.a, h.b, h.c)
            case .mdy: (month, day, year) = (h.a, h.b, h.c)
            case .ymd: (year, month, day) = (h.a, h.b, h.c)
            }
            if year < 100 { year &+= 2000 }
            var hour = h.hour
            if h.meridiem != 0 {
                guard (1...12).contains(hour) else { throw badDate(h, "an hour of \(hour) on a 12-hour clock") }
                if hour == 12 { hour = 0 }
                if h.meridiem == 2 { hour &+= 12 }
            }
            guard let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: h.minute,
                                            second: h.second)
            else { throw badDate(h, "no such date or time (read as \(order.rawValue))") }
            return resolver.timestamp(local, precision: h.shape.seconds ? .second : .minute)
        }

        func badDate(_ h: Header, _ why: String) -> ChatParseError {
            ChatParseError(code: .badDate, reason: "the date on line \(firstLine) is not valid: \(why)",
                           fileName: name, line: firstLine, byteOffset: lineStart)
        }
    }

    /// The chat's name from the export's file name (`WhatsApp Chat with Alice.txt` → `Alice`).
    static func title(from name: String) -> String {
        var base = (name as NSString).lastPathComponent
        for ext in [".txt", ".zip"] where base.lowercased().hasSuffix(ext) { base = String(base.dropLast(ext.count)) }
        for prefix in WhatsAppMarkers.titlePrefixes where base.hasPrefix(prefix) {
            return String(base.dropFirst(prefix.count))
        }
        return base
    }
}

extension WhatsAppParser.Shape {
    /// A header whose first field has four digits (`2023-12-25`) or that only a year-first reading can explain.
    var isYearFirst: Bool { firstDigits == 4 }
}
