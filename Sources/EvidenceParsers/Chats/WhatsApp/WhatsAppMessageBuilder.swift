import EvidenceModel
import Foundation

/// The second pass: turns header lines and their continuation lines into messages.
extension WhatsAppParser {
    /// A group event as recent iOS exports write it after a U+200E (see ``WhatsAppMarkers/groupEventPrefixes``).
    static func isGroupEvent(_ b: [UInt8], _ start: Int, _ end: Int) -> Bool {
        guard start < end, end &- start <= 512, b[start] != UInt8(ascii: "<") else { return false }
        if WhatsAppMarkers.groupEventPrefixes.contains(where: { b.starts(with: $0, at: start, end: end) })
            || WhatsAppMarkers.groupEventSuffixes.contains(where: { b.ends(with: $0, from: start, to: end) }) {
            return true
        }
        return WhatsAppMarkers.groupEventInfixes.contains { b.firstIndex(of: $0, from: start, to: end) != nil }
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
        var missingMedia: MissingMediaCheck

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
            self.missingMedia = MissingMediaCheck(available: options.availableMediaNames)
        }

        /// Opens a message at its header line; `contentEnd` is where the line's text ends (before `\r\n` or `\n`).
        mutating func begin(_ header: Header, lineStart: Int, contentEnd: Int, line: Int) {
            current = header
            open = true
            self.lineStart = lineStart
            firstLine = line
            lastLine = line
            bodyEnd = contentEnd
            firstLineEnd = contentEnd
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
            var writtenUnder: String?
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
            } else if WhatsAppMarkers.encryptionNotices.contains(where: { b.starts(with: $0, at: m, end: bodyEnd) })
                        || (h.shape.iOS && singleLine && author != nil && m > textStart
                            && WhatsAppParser.isGroupEvent(b, m, bodyEnd)) {
                // iOS writes the encryption notice, and recent iOS exports group events, under the chat's name (or
                // the actor's): the app is speaking, not that person. The text is the event (with the
                // marks iOS puts before it, as for every other iOS marker); the name is kept apart.
                kind = .system
                if let author { appLineNames[author, default: 0] &+= 1 }
                writtenUnder = author
                author = nil
            } else {
                if let attached = attachment(from: m, to: firstLineEnd) {
                    attachments.append(attached)
                }
            }
            for suffix in WhatsAppMarkers.editedSuffixes where b.ends(with: suffix, from: textStart, to: bodyEnd) {
                edited = true
                break
            }
            // A file written with CRLF line ends has them inside a multi-line body too; they belong to the file,
            // not to what was written, so the text joins its lines with LF as the app showed them.
            let text = singleLine ? b.text(from: textStart, to: bodyEnd)
                : b.textJoiningLinesWithLF(from: textStart, to: bodyEnd)
            let message = ChatMessage(
                index: index, timestamp: timestamp, author: author, text: text,
                attachments: attachments, kind: kind,
                source: SourceRange(byteStart: lineStart, byteEnd: bodyEnd, lineStart: firstLine, lineEnd: lastLine),
                edited: edited, writtenUnder: writtenUnder)
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
            if name == nil, end > start, b[end &- 1] == UInt8(ascii: ">") {
                // Older iOS: `2015-08-04-PHOTO-00004762.jpg ‹‎attached>` (U+2039 and U+200E before the word).
                for suffix in WhatsAppMarkers.attachedOldSuffixes
                where b.ends(with: suffix, from: start, to: end) && end &- suffix.count > start {
                    name = b.text(from: start, to: end &- suffix.count)
                    break
                }
            }
            if name == nil, end > start, b[end &- 1] == UInt8(ascii: ">"),
               let bullet = b.firstIndex(of: WhatsAppMarkers.documentSeparator, from: start, to: end) {
                // Older iOS documents: `NAME.pdf • 14 pages <attached: 00000002-NAME.pdf>`; the stored name is
                // the one inside the brackets.
                for opener in WhatsAppMarkers.attachedOpeners {
                    guard let at = b.firstIndex(of: [0x20] + opener, from: bullet, to: end) else { continue }
                    name = b.text(from: at &+ 1 &+ opener.count, to: end &- 1)
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
            return ChatAttachment(name: name, found: missingMedia.found(name, line: firstLine, warnings: &warnings))
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
}
