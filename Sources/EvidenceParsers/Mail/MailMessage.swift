import EvidenceModel
import Foundation

/// A file carried by an e-mail, decoded from its transfer encoding.
public struct MailAttachment: Hashable, Sendable {
    /// The file name the sender gave (RFC 2231 and RFC 2047 forms decoded), or a generated `part-N` name.
    public var fileName: String
    /// The declared media type, lower-cased (`image/jpeg`).
    public var mediaType: String
    /// The decoded content.
    public var bytes: [UInt8]
    /// `attachment` or `inline`, as declared (`nil` when the part has no Content-Disposition).
    public var disposition: String?
    /// The `Content-ID` (`<logo1>`) an HTML body refers to with `cid:`.
    public var contentID: String?
}

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
            warnings.append(EvidenceWarning(code: "malformed-header",
                                            message: "\(parsed.malformedLines) header line(s) are not fields and "
                                                + "were ignored."))
        }
        func value(_ field: String) -> String? {
            fields.first { $0.name.caseInsensitiveCompare(field) == .orderedSame }?.rawValue
        }
        headers = fields
        from = value("From").map(RFC2047.decode)
        to = value("To").map(RFC2047.decode)
        cc = value("Cc").map(RFC2047.decode)
        subject = value("Subject").map(RFC2047.decode)
        messageID = value("Message-ID")?.trimmingCharacters(in: .whitespaces)
        if let text = value("Date") {
            date = MailDate.timestamp(text, field: "Date", zone: timeZone)
            if date == nil {
                warnings.append(EvidenceWarning(code: "bad-date", message: "The Date header \"\(text)\" is not a "
                                                    + "date this tool can read."))
            }
        } else {
            date = nil
            warnings.append(EvidenceWarning(code: "no-date", message: "The message has no Date header."))
        }
        var received: [EvidenceTimestamp] = []
        for field in fields where field.name.caseInsensitiveCompare("Received") == .orderedSame {
            let n = received.count
            guard let semicolon = field.rawValue.lastIndex(of: ";") else { continue }
            let text = String(field.rawValue[field.rawValue.index(after: semicolon)...])
            if let t = MailDate.timestamp(text, field: "Received[\(n)]", zone: timeZone) { received.append(t) }
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

/// A header value with parameters: `multipart/mixed; boundary="b1"; name*=utf-8''%E2%82%AC.pdf`.
struct MIMEHeaderValue {
    var value: String
    var parameters: [String: String]

    init(_ raw: String) {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for ch in raw {
            if escaped { current.append(ch); escaped = false; continue }
            if ch == "\\" && quoted { escaped = true; continue }
            if ch == "\"" { quoted.toggle(); continue }
            if ch == ";" && !quoted { parts.append(current); current = ""; continue }
            current.append(ch)
        }
        parts.append(current)
        value = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
        var plain: [String: String] = [:]
        var extended: [String: [(Int, Bool, String)]] = [:]
        for part in parts.dropFirst() {
            guard let eq = part.firstIndex(of: "=") else { continue }
            let key = part[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let v = part[part.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            // RFC 2231: name*=charset'lang'%XX…, or continuations name*0*=…, name*1=…
            if key.contains("*") {
                let pieces = key.split(separator: "*", omittingEmptySubsequences: false)
                let base = String(pieces[0])
                let index = pieces.count > 1 ? Int(pieces[1]) ?? 0 : 0
                let encoded = key.hasSuffix("*")
                extended[base, default: []].append((index, encoded, v))
            } else {
                plain[key] = v
            }
        }
        for (base, pieces) in extended {
            let sorted = pieces.sorted { $0.0 < $1.0 }
            var charset: String?
            var bytes: [UInt8] = []
            for (i, piece) in sorted.enumerated() {
                var text = piece.2
                if piece.1 {
                    if i == 0 {
                        let fields = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                        if fields.count == 3 {
                            charset = String(fields[0])
                            text = String(fields[2])
                        }
                    }
                    bytes += Self.percentDecode(text)
                } else {
                    bytes += Array(text.utf8)
                }
            }
            plain[base] = MailCharsets.decode(bytes, charset: charset ?? "utf-8") ?? String(decoding: bytes, as: UTF8.self)
        }
        parameters = plain
    }

    static func percentDecode(_ s: String) -> [UInt8] {
        let u = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < u.count {
            if u[i] == 0x25, i + 2 < u.count, let h = QuotedPrintable.hex(u[i + 1]), let l = QuotedPrintable.hex(u[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return out
    }
}

/// Walks a MIME tree depth-first, collecting the first plain and HTML texts and every attachment.
struct MIMEWalker {
    var plain: String?
    var html: String?
    var attachments: [MailAttachment] = []
    var warnings: [EvidenceWarning] = []
    var parts = 0

    mutating func walk(_ b: [UInt8], headers: [MailHeaderField], bodyStart: Int, end: Int,
                       depth: Int) {
        parts += 1
        guard parts <= MailMessage.maximumParts else {
            if parts == MailMessage.maximumParts + 1 {
                warnings.append(EvidenceWarning(code: "too-many-parts",
                                                message: "More than \(MailMessage.maximumParts) MIME parts; the rest "
                                                    + "were not read."))
            }
            return
        }
        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.rawValue
        }
        let type = MIMEHeaderValue(header("Content-Type") ?? "text/plain; charset=us-ascii")
        let disposition = header("Content-Disposition").map(MIMEHeaderValue.init)
        if type.value.hasPrefix("multipart/"), let boundary = type.parameters["boundary"], !boundary.isEmpty {
            guard depth < MailMessage.maximumDepth else {
                warnings.append(EvidenceWarning(code: "mime-too-deep",
                                                message: "MIME parts nested deeper than \(MailMessage.maximumDepth) "
                                                    + "levels were kept as one opaque attachment."))
                attachments.append(MailAttachment(fileName: "part-\(attachments.count + 1).bin",
                                                  mediaType: type.value,
                                                  bytes: Array(b[bodyStart..<end])))
                return
            }
            for range in Self.split(b, from: bodyStart, to: end, boundary: Array(("--" + boundary).utf8)) {
                let inner = MailHeaderBlock.parse(b, from: range.lowerBound, to: range.upperBound)
                walk(b, headers: inner.fields, bodyStart: inner.bodyStart, end: range.upperBound, depth: depth + 1)
            }
            return
        }
        let encoding = (header("Content-Transfer-Encoding") ?? "7bit").trimmingCharacters(in: .whitespaces)
            .lowercased()
        let raw = Array(b[bodyStart..<end])
        let decoded: [UInt8]
        switch encoding {
        case "base64": decoded = Base64.decode(raw) ?? raw
        case "quoted-printable": decoded = QuotedPrintable.decode(raw)
        default: decoded = raw
        }
        let fileName = (disposition?.parameters["filename"] ?? type.parameters["name"]).map(RFC2047.decode)
        let isAttachment = disposition?.value == "attachment" || fileName != nil
        if !isAttachment && type.value == "text/plain" && plain == nil {
            plain = text(decoded, charset: type.parameters["charset"])
            return
        }
        if !isAttachment && type.value == "text/html" && html == nil {
            html = text(decoded, charset: type.parameters["charset"])
            return
        }
        if !isAttachment && type.value.hasPrefix("text/") { return }
        let name = fileName ?? "part-\(attachments.count + 1)\(Self.extensionFor(type.value))"
        attachments.append(MailAttachment(fileName: name, mediaType: type.value, bytes: decoded,
                                          disposition: disposition?.value,
                                          contentID: header("Content-ID")?.trimmingCharacters(in: .whitespaces)))
    }

    mutating func text(_ bytes: [UInt8], charset: String?) -> String {
        if let s = MailCharsets.decode(bytes, charset: charset) { return s }
        warnings.append(EvidenceWarning(code: "unknown-charset",
                                        message: "A text part declares the charset \"\(charset ?? "")\", which this "
                                            + "tool cannot decode; it was read as UTF-8."))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func extensionFor(_ type: String) -> String {
        switch type {
        case "image/jpeg": return ".jpg"
        case "image/png": return ".png"
        case "application/pdf": return ".pdf"
        case "message/rfc822": return ".eml"
        default: return ".bin"
        }
    }

    /// The byte ranges of the parts between `--boundary` lines (RFC 2046 §5.1.1); the CRLF before a boundary line
    /// belongs to the boundary, not to the part.
    static func split(_ b: [UInt8], from start: Int, to end: Int, boundary: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var partStart: Int?
        var p = start
        while p < end {
            var e = p
            while e < end, b[e] != 0x0A { e &+= 1 }
            if b.starts(with: boundary, at: p, end: e) {
                let after = p &+ boundary.count
                let closing = after &+ 1 < e && b[after] == 0x2D && b[after &+ 1] == 0x2D
                var rest = closing ? after &+ 2 : after
                while rest < e, b[rest] == 0x20 || b[rest] == 0x09 || b[rest] == 0x0D { rest &+= 1 }
                if rest == e {
                    if let s = partStart {
                        var partEnd = p
                        if partEnd > s, b[partEnd &- 1] == 0x0A { partEnd &-= 1 }
                        if partEnd > s, b[partEnd &- 1] == 0x0D { partEnd &-= 1 }
                        ranges.append(s..<max(s, partEnd))
                    }
                    if closing { return ranges }
                    partStart = min(e &+ 1, end)
                }
            }
            p = e &+ 1
        }
        // No closing boundary: keep what was there.
        if let s = partStart, s < end { ranges.append(s..<end) }
        return ranges
    }
}

/// Splits a Unix mbox file into its messages.
public enum MailboxSplitter {
    /// The byte range of each message: from the line after its `From ` separator up to the next separator.
    ///
    /// A separator is a line beginning with `From ` at the start of the file or after an empty line (mboxo/mboxrd;
    /// a body line starting with "From " is written as ">From " by mail software, and a separator always follows
    /// the empty line that ends the previous message).
    public static func split(mbox bytes: [UInt8]) -> [Range<Int>] {
        let marker = Array("From ".utf8)
        var ranges: [Range<Int>] = []
        var current: Int?
        var p = 0
        var previousEmpty = true
        while p < bytes.count {
            let e = bytes.firstIndex(of: 0x0A, from: p) ?? bytes.count
            let content = e > p && bytes[e &- 1] == 0x0D ? e &- 1 : e
            if previousEmpty && bytes.starts(with: marker, at: p, end: content) {
                if let s = current { ranges.append(s..<p) }
                current = min(e &+ 1, bytes.count)
            }
            previousEmpty = content == p
            p = e &+ 1
        }
        if let s = current, s <= bytes.count { ranges.append(s..<bytes.count) }
        return ranges
    }
}
