import EvidenceModel
import Foundation

/// The two mail containers EvidenceKit reads.
public enum MailFormat: String, Codable, Sendable {
    /// One RFC 5322 message (`.eml`).
    case eml
    /// A Unix mailbox: messages each introduced by a `From ` line (`.mbox`).
    case mbox
}

/// Recognises e-mail by content, the way ``ChatExportDetector`` recognises chat exports.
public enum MailDetector {
    /// `.mbox` when the file starts with a `From ` separator followed by header fields, `.eml` when it starts with a
    /// header block holding at least two standard fields (`From:`, `Date:`, `Received:` …), otherwise `nil`.
    public static func detect(bytes: [UInt8], name: String) -> MailFormat? {
        let head = Array(bytes.prefix(64 << 10))
        if head.contains(0) { return nil }
        let mbox = head.starts(with: Array("From ".utf8))
        let parsed = MailHeaderBlock.parse(head, from: 0, to: head.count)
        let standard = Set(parsed.fields.map { $0.name.lowercased() }.filter(MailMessage.isStandardField))
        guard standard.count >= 2 else { return nil }
        return mbox ? .mbox : .eml
    }
}
