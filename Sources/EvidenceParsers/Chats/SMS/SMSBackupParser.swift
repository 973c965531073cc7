import EvidenceModel
import Foundation

/// The XML written by "SMS Backup & Restore" (SyncTech) for Android: `<smses>` holding `<sms>` and `<mms>` elements.
///
/// The app writes emoji as two decimal character references, one per UTF-16 surrogate (`&#55357;&#56832;` for 😀),
/// which is not well-formed XML and makes `XMLParser` stop; this reader pairs them back into one character. It also
/// needs the byte range of every element, which `XMLParser` cannot give, hence a small hand-written tokenizer
/// (`XMLTokenizer`, shared with the XMP reader) that understands exactly this file's subset of XML (elements,
/// attributes, comments, processing instructions).
///
/// Authors: a received message (`type` 1, MMS `msg_box` 1) is by `contact_name`, or by the `address` when the contact
/// is `(Unknown)`; a sent, draft, outbox, failed or queued one (2–6) is by ``ChatParseOptions/ownerLabel`` (`--me`,
/// default "Me"), never by the contact.
package enum SMSBackupParser: ChatExportParser {
    /// The platforms this parser produces.
    public static let platforms: [ChatPlatform] = [.sms]
    /// Most messages read from one export.
    public static let maximumMessages = 10_000_000
    /// Largest element accepted (an MMS with a video inline as base64 can be large).
    public static let maximumElementBytes = 256 << 20

    /// The platform when the bytes are this format, decided from the first 64 KiB.
    public static func recognise(bytes: [UInt8], name: String) -> ChatPlatform? {
        prefixContains(bytes, all: ["<smses"]) ? .sms : nil
    }

    /// Streams the messages in file order; see ``ChatExportParser/parse(bytes:name:platform:options:onMessage:)``.
    public static func parse(bytes: [UInt8], name: String, platform: ChatPlatform,
                             options: ChatParseOptions,
                             onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        if let bad = bytes.firstInvalidUTF8() {
            throw ChatParseError(code: .invalidUTF8, reason: "invalid UTF-8: an SMS Backup & Restore file is UTF-8, "
                                    + "so this one is damaged", fileName: name,
                                 line: bytes.lineNumber(of: bad), byteOffset: bad)
        }
        var reader = SMSElementReader(bytes: bytes, name: name)
        var index = 0
        var participants: [String] = []
        var lines = LineCounter()
        var sawRoot = false
        var closedRoot = false
        let me = options.ownerLabel
        while let tag = try reader.nextTag() {
            switch tag.name {
            case "smses":
                if tag.closing { closedRoot = true } else { sawRoot = true }
            case "sms", "mms":
                guard sawRoot, !tag.closing else { continue }
                guard index < maximumMessages else {
                    throw reader.error("more than \(maximumMessages) messages", at: tag.start)
                }
                var attributes = tag.attributes
                var parts: [[String: String]] = []
                var end = tag.end
                if !tag.selfClosing {
                    // Children until the matching end tag.
                    while true {
                        guard let child = try reader.nextTag() else {
                            throw reader.error("the file ends inside the <\(tag.name)> that starts here: the backup "
                                                + "is truncated", at: tag.start)
                        }
                        if child.closing && child.name == tag.name { end = child.end; break }
                        if child.name == "part", !child.closing { parts.append(child.attributes) }
                        if child.name == "addr", !child.closing, child.attributes["type"] == "137",
                           attributes["address"] == nil {
                            attributes["address"] = child.attributes["address"]
                        }
                        if child.end &- tag.start > maximumElementBytes {
                            throw reader.error("an element larger than \(maximumElementBytes) bytes", at: tag.start)
                        }
                    }
                }
                let source = lines.range(tag.start..<end, in: bytes)
                let box = tag.name == "sms" ? attributes["type"] : attributes["msg_box"]
                // Android's boxes: 1 inbox, 2 sent, 3 draft, 4 outbox, 5 failed, 6 queued. Only the inbox is the
                // other person's writing; a draft is the owner's words and must never be put in the contact's mouth.
                let sent = box == "2" || box == "3" || box == "4" || box == "5" || box == "6"
                var author: String
                if sent {
                    author = me
                } else {
                    let contact = attributes["contact_name"] ?? ""
                    let address = attributes["address"] ?? ""
                    author = contact.isEmpty || contact == "(Unknown)" || contact == "null"
                        ? (address.isEmpty ? "(Unknown)" : address) : contact
                }
                if !participants.contains(author), participants.count < 10_000 { participants.append(author) }
                let timestamp = attributes["date"].flatMap { Int64($0) }.map {
                    EvidenceTimestamp.utc(Instant(unixMilliseconds: $0), source: .chat, field: "date", role: .message,
                                          precision: .millisecond)
                }
                var text = ""
                var attachments: [ChatAttachment] = []
                if tag.name == "sms" {
                    text = attributes["body"].flatMap { $0 == "null" ? nil : $0 } ?? ""
                } else {
                    var texts: [String] = []
                    for part in parts {
                        let type = part["ct"] ?? ""
                        if type == "application/smil" { continue }
                        if type == "text/plain" {
                            if let t = part["text"], t != "null" { texts.append(t) }
                            continue
                        }
                        let fileName = [part["cl"], part["name"], part["fn"]].compactMap { $0 }
                            .first { $0 != "null" && !$0.isEmpty } ?? "part"
                        attachments.append(ChatAttachment(name: fileName, mediaType: type.isEmpty ? nil : type,
                                                          found: part["data"].map { !$0.isEmpty && $0 != "null" }))
                    }
                    text = texts.joined(separator: "\n")
                }
                let message = ChatMessage(index: index, timestamp: timestamp, author: author, text: text,
                                          attachments: attachments, kind: .message, source: source,
                                          thread: attributes["address"])
                index += 1
                try onMessage(message)
            default:
                continue
            }
        }
        guard sawRoot else {
            throw ChatParseError(code: .unexpectedStructure, reason: "no <smses> element: not an SMS Backup & Restore "
                                    + "file", fileName: name, line: 1)
        }
        var warnings = reader.warnings
        if !closedRoot {
            throw reader.error("the file ends before </smses>: the backup is truncated", at: bytes.count)
        }
        if warnings.count > 100 { warnings = Array(warnings.prefix(100)) }
        let title = participants.filter { $0 != me }.joined(separator: ", ")
        return ConversationInfo(platform: .sms, title: title.isEmpty ? "SMS" : title, participants: participants,
                                warnings: warnings, sourceName: name, messageCount: index)
    }
}

/// The elements of an SMS Backup & Restore file, read through ``XMLTokenizer``: text between tags is skipped,
/// attribute values are resolved, and anything that is not XML stops the parse with its line and offset.
struct SMSElementReader {
    struct Tag {
        var name: String
        var attributes: [String: String]
        var closing: Bool
        var selfClosing: Bool
        var start: Int
        var end: Int
    }

    private var tokenizer: XMLTokenizer
    let name: String
    var warnings: [EvidenceWarning] = []

    init(bytes: [UInt8], name: String) {
        tokenizer = XMLTokenizer(bytes)
        self.name = name
    }

    func error(_ reason: String, at offset: Int) -> ChatParseError {
        let bytes = tokenizer.bytes
        let clamped = max(0, min(offset, bytes.count))
        return ChatParseError(code: .malformedXML, reason: reason, fileName: name,
                              line: bytes.lineNumber(of: clamped), byteOffset: clamped)
    }

    /// The next start or end tag, skipping text, CDATA, comments, processing instructions and declarations.
    mutating func nextTag() throws -> Tag? {
        while let token = tokenizer.next() {
            switch token {
            case .text, .cdata:
                continue
            case .malformed(let problem):
                throw error(problem.reason(in: tokenizer.bytes), at: problem.offset)
            case .tag(let tag):
                var attributes: [String: String] = [:]
                for attribute in tokenizer.attributes { attributes[attribute.name] = decode(attribute.value) }
                return Tag(name: tag.name, attributes: attributes, closing: tag.closing,
                           selfClosing: tag.selfClosing, start: tag.start, end: tag.end)
            }
        }
        return nil
    }

    /// Resolves entity and character references; each half emoji (an unpaired surrogate) is a warning.
    private mutating func decode(_ range: Range<Int>) -> String {
        var loneSurrogates = 0
        let text = XMLEntities.decode(tokenizer.bytes, from: range.lowerBound, to: range.upperBound,
                                      loneSurrogates: &loneSurrogates)
        for _ in 0..<loneSurrogates {
            warnings.append(EvidenceWarning(code: .loneSurrogate, message: "A character reference named half of an "
                                            + "emoji (an unpaired UTF-16 surrogate); it is shown as U+FFFD."))
        }
        return text
    }
}

/// A file carried inside the export itself (an MMS part's base64 `data`), decoded.
package struct EmbeddedChatFile: Hashable, Sendable {
    /// The name the attachment has in ``ChatMessage/attachments``.
    public var name: String
    /// The part's declared `ct` (content type).
    public var mediaType: String?
    /// The decoded file.
    public var bytes: [UInt8]
}

extension SMSBackupParser {
    /// The files an MMS carries inline, decoded from the message's own element in the original backup, so the
    /// case can store them as items linked to the message.
    ///
    /// - Parameters:
    ///   - bytes: the whole backup file, as parsed.
    ///   - message: a message from that parse (its ``ChatMessage/source`` range is read again).
    /// - Throws: ``ChatParseError`` when the range is not an element of this file.
    public static func embeddedFiles(in bytes: [UInt8], of message: ChatMessage,
                                     name: String) throws -> [EmbeddedChatFile] {
        let range = message.source.byteStart..<message.source.byteEnd
        guard range.lowerBound >= 0, range.upperBound <= bytes.count, !range.isEmpty else {
            throw ChatParseError(code: .unexpectedStructure, reason: "the message's byte range is not in this file",
                                 fileName: name)
        }
        var reader = SMSElementReader(bytes: Array(bytes[range]), name: name)
        var files: [EmbeddedChatFile] = []
        while let tag = try reader.nextTag() {
            guard tag.name == "part", !tag.closing, let data = tag.attributes["data"], data != "null",
                  let decoded = Base64.decode(Array(data.utf8))
            else { continue }
            let type = tag.attributes["ct"]
            let fileName = [tag.attributes["cl"], tag.attributes["name"], tag.attributes["fn"]].compactMap { $0 }
                .first { $0 != "null" && !$0.isEmpty } ?? "part"
            files.append(EmbeddedChatFile(name: fileName, mediaType: type, bytes: decoded))
        }
        return files
    }
}
