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
package enum WhatsAppParser: ChatExportParser {
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
        var start = first.bodyStartOffset
        var line = 1
        while start < bytes.count {
            let end = lineEnd(bytes, from: start)
            defer { start = end &+ 1 }
            let content = contentEnd(bytes, start, end)
            if let found = header(bytes, start, content), found.shape == first.shape {
                try builder.finish(onMessage: onMessage)
                builder.begin(found, lineStart: start, contentEnd: content, line: line)
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
                code: .textBeforeFirstMessage,
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

    /// Where the line that starts at `start` ends: at its `\n`, or at the end of the file.
    @inline(__always)
    static func lineEnd(_ b: [UInt8], from start: Int) -> Int {
        b.firstIndex(of: 0x0A, from: start) ?? b.count
    }

    /// The end of a line's content: before its `\r\n` or `\n`.
    @inline(__always)
    static func contentEnd(_ b: [UInt8], _ start: Int, _ end: Int) -> Int {
        end > start && b[end &- 1] == 0x0D ? end &- 1 : end
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
