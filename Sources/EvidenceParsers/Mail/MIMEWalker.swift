import EvidenceModel
import Foundation

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
                warnings.append(EvidenceWarning(code: .tooManyParts,
                                                message: "More than \(MailMessage.maximumParts) MIME parts; the rest "
                                                    + "were not read."))
            }
            return
        }
        func header(_ name: String) -> String? {
            headers.first { $0.name.equalsIgnoringASCIICase(name) }?.rawValue
        }
        let type = MIMEHeaderValue(header("Content-Type") ?? "text/plain; charset=us-ascii")
        let disposition = header("Content-Disposition").map(MIMEHeaderValue.init)
        if type.value.hasPrefix("multipart/"), let boundary = type.parameters["boundary"], !boundary.isEmpty {
            guard depth < MailMessage.maximumDepth else {
                warnings.append(EvidenceWarning(code: .mimeTooDeep,
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
        warnings.append(EvidenceWarning(code: .unknownCharset,
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
