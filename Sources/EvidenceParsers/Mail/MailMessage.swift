import EvidenceModel
import Foundation

/// An RFC 5322 message with MIME (RFC 2045–2047, 2231): the headers that matter as evidence, the text, and the files.
///
/// For example:
/// ```swift
/// let mail = try MailMessage(parsing: bytes, name: "threat.eml", timeZone: brussels)
/// print(mail.date?.value, mail.subject, mail.attachments.map(\.fileName))
/// ```
public struct MailMessage: Sendable {
    /// Deepest multipart nesting followed; deeper parts are kept as opaque attachments.
    public static let maximumDepth = 16
    /// Most MIME parts read from one message.
    public static let maximumParts = 1_000
    /// Largest message accepted.
    public static let maximumBytes = 1 << 30

    /// Every header field in order, unfolded, not decoded.
    public let headers: [MailHeaderField]
    /// The `Date` header (source `email-header`, zone `embedded` when an offset is written).
    public let date: EvidenceTimestamp?
    /// The `From` header, RFC 2047 decoded.
    public let from: String?
    /// The `To` header, RFC 2047 decoded.
    public let to: String?
    /// The `Cc` header, RFC 2047 decoded.
    public let cc: String?
    /// RFC 2047 decoded.
    public let subject: String?
    /// The `Message-ID` as written, with its angle brackets.
    public let messageID: String?
    /// The time of each `Received` header, topmost (last hop) first; field `Received[0]`, `Received[1]` …
    public let receivedTimes: [EvidenceTimestamp]
    /// The first `text/plain` part, decoded to text; the first `text/html` part's text when there is no plain part.
    public let textBody: String?
    /// The first `text/html` part, decoded.
    public let htmlBody: String?
    /// Every non-text part (and every part with a file name), in document order.
    public let attachments: [MailAttachment]
    /// Things a reader should know: no Date, an unknown charset, nesting cut short.
    public let warnings: [EvidenceWarning]

    /// Parses one message.
    ///
    /// - Parameters:
    ///   - bytes: the message exactly as stored (`.eml`, or one message of an mbox).
    ///   - name: the file name, for errors and warnings.
    ///   - timeZone: applied only to dates that carry no offset (with a warning).
    /// - Throws: ``MailParseError`` when the bytes have no header block or are too large.
    public init(parsing bytes: [UInt8], name: String, timeZone: TimeZone) throws {
        guard bytes.count <= Self.maximumBytes else {
            throw MailParseError(code: .tooLarge, reason: "larger than \(Self.maximumBytes) bytes", fileName: name)
        }
        var warnings: [EvidenceWarning] = []
        let parsed: (fields: [MailHeaderField], bodyStart: Int, malformedLines: Int) = MailHeaderBlock.parse(bytes, from: 0, to: bytes.count)
        let fields = parsed.fields
        guard !fields.isEmpty, fields.contains(where: { Self.isStandardField($0.name) }) else {
            if bytes.prefix(4096).contains(0) {
                throw MailParseError(code: .notText, reason: "this is not a text file, so it cannot be an e-mail",
                                     fileName: name, line: 1)
            }
            throw MailParseError(code: .noHeaders, reason: "no RFC 5322 header fields (From:, Date:, Subject: …) "
                                    + "at the start: not an e-mail", fileName: name, line: 1)
        }
        if parsed.malformedLines > 0 {
            warnings.append(EvidenceWarning(code: .malformedHeader,
                                            message: "\(parsed.malformedLines) header line(s) are not fields and "
                                                + "were ignored."))
        }
        func value(_ field: String) -> String? {
            fields.first { $0.name.equalsIgnoringASCIICase(field) }?.rawValue
        }
        headers = fields
        from = value("From").map(RFC2047.decode)
        to = value("To").map(RFC2047.decode)
        cc = value("Cc").map(RFC2047.decode)
        subject = value("Subject").map(RFC2047.decode)
        messageID = value("Message-ID")?.trimmingCharacters(in: .whitespaces)
        if let text = value("Date") {
            date = MailDate.timestamp(text, field: "Date", role: .capture, zone: timeZone)
            if date == nil {
                warnings.append(EvidenceWarning(code: .badDate, message: "The Date header \"\(text)\" is not a "
                                                    + "date this tool can read."))
            }
        } else {
            date = nil
            warnings.append(EvidenceWarning(code: .noDate, message: "The message has no Date header."))
        }
        var received: [EvidenceTimestamp] = []
        for field in fields where field.name.equalsIgnoringASCIICase("Received") {
            let n = received.count
            guard let semicolon = field.rawValue.lastIndex(of: ";") else { continue }
            let text = String(field.rawValue[field.rawValue.index(after: semicolon)...])
            if let t = MailDate.timestamp(text, field: "Received[\(n)]", role: .relay, zone: timeZone) { received.append(t) }
        }
        receivedTimes = received

        var walker = MIMEWalker()
        walker.walk(bytes, headers: fields, bodyStart: parsed.bodyStart, end: bytes.count, depth: 0)
        warnings += walker.warnings
        textBody = walker.plain ?? walker.html
        htmlBody = walker.html
        attachments = walker.attachments
        self.warnings = warnings
    }

    static func isStandardField(_ name: String) -> Bool {
        ["from", "to", "date", "subject", "message-id", "received", "mime-version", "return-path", "sender",
         "reply-to", "cc", "delivered-to", "content-type"].contains(name.lowercased())
    }
}
