import EvidenceModel
import Foundation

/// An e-mail file (`.eml`) or mailbox (`.mbox`) read as a list of messages, so `evidence chat parse` prints it the
/// way it prints a chat: the sender as author, the Date header as the time, the subject as the thread, the plain
/// text body (else the HTML body as written) as the text, and the attachments by name.
package enum MailTranscript {
    /// Parses each message of the file in order, handing it to `onMessage`. A message that cannot be read is
    /// delivered empty and named in an `email-unreadable` warning, never skipped in silence.
    ///
    /// - Throws: anything `onMessage` throws.
    package static func stream(bytes: [UInt8], name: String, format: MailFormat, timeZone: TimeZone,
                               onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        let ranges = format == .mbox ? MailboxSplitter.split(mbox: bytes) : [0..<bytes.count]
        var lines = LineCounter()
        var warnings: [EvidenceWarning] = []
        var participants: [String] = []
        for (index, range) in ranges.enumerated() {
            let source = lines.range(range, in: bytes)
            var message = ChatMessage(index: index, timestamp: nil, author: nil, text: "", kind: .message,
                                      source: source)
            do {
                let mail = try MailMessage(parsing: Array(bytes[range]), name: name, timeZone: timeZone)
                message.timestamp = mail.date
                message.author = mail.from
                message.text = mail.textBody ?? mail.htmlBody ?? ""
                message.thread = mail.subject
                message.messageID = mail.messageID
                message.attachments = mail.attachments.map { ChatAttachment(name: $0.fileName, mediaType: $0.mediaType) }
                warnings += mail.warnings
                if let from = mail.from, !participants.contains(from), participants.count < 10_000 {
                    participants.append(from)
                }
            } catch {
                warnings.append(EvidenceWarning(code: .emailUnreadable,
                                                message: "\(name): message \(index + 1) (line \(source.lineStart)) "
                                                    + "could not be read as an e-mail: \(error)."))
            }
            try onMessage(message)
        }
        return ConversationInfo(platform: .email, title: name, participants: participants, warnings: warnings,
                                sourceName: name, messageCount: ranges.count)
    }
}
