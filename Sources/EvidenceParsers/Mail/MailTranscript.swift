import EvidenceModel
import Foundation

/// An e-mail file (`.eml`) or mailbox (`.mbox`) read as a list of messages, the way a chat is: the sender as author,
/// the Date header as the time, the subject as the thread, the plain text body (else the HTML body as written) as
/// the text, and the attachments by name. `evidence chat parse` prints it so, and `add` seals a mailbox's messages
/// so, as the derived messages of the mailbox item.
package enum MailTranscript {
    /// Where each message of the file is: its bytes and its lines. Cheap (one pass over the bytes), and the
    /// messages can then be read independently of each other, on several cores.
    package static func messageSources(bytes: [UInt8], format: MailFormat) -> [(bytes: Range<Int>, source: SourceRange)] {
        let ranges = format == .mbox ? MailboxSplitter.split(mbox: bytes) : [0..<bytes.count]
        var lines = LineCounter()
        return ranges.map { ($0, lines.range($0, in: bytes)) }
    }

    /// The attachment names of a mailbox's messages carry the message's number (`message-0004/photo.jpg`), so two
    /// messages' `image001.png` stay two files; a single e-mail's are named as the message names them.
    package static func attachmentName(_ fileName: String, messageIndex: Int, inMailbox: Bool) -> String {
        inMailbox ? String(format: "message-%04d/", messageIndex + 1) + fileName : fileName
    }

    /// One message read. A message that cannot be read is returned empty, with an `email-unreadable` warning
    /// naming it, never skipped in silence.
    ///
    /// - Returns: the message as a chat line, the parsed e-mail (`nil` when unreadable), and the warnings.
    package static func message(_ index: Int, at location: (bytes: Range<Int>, source: SourceRange), of bytes: [UInt8],
                                name: String, timeZone: TimeZone, inMailbox: Bool)
        -> (message: ChatMessage, mail: MailMessage?, warnings: [EvidenceWarning])
    {
        var message = ChatMessage(index: index, timestamp: nil, author: nil, text: "", kind: .message,
                                  source: location.source)
        do {
            let mail = try MailMessage(parsing: Array(bytes[location.bytes]), name: name, timeZone: timeZone)
            message.timestamp = mail.date
            message.author = mail.from
            message.text = mail.textBody ?? mail.htmlBody ?? ""
            message.thread = mail.subject
            message.messageID = mail.messageID
            message.attachments = mail.attachments.map {
                ChatAttachment(name: attachmentName($0.fileName, messageIndex: index, inMailbox: inMailbox),
                               mediaType: $0.mediaType)
            }
            return (message, mail, mail.warnings)
        } catch {
            return (message, nil, [EvidenceWarning(code: .emailUnreadable,
                                                   message: "\(name): message \(index + 1) (line \(location.source.lineStart)) "
                                                       + "could not be read as an e-mail: \(error).")])
        }
    }

    /// The conversation summary of a file whose messages were read with ``message(_:at:of:name:timeZone:inMailbox:)``
    /// and tallied.
    package static func info(name: String, tally: Tally, messageCount: Int) -> ConversationInfo {
        ConversationInfo(platform: .email, title: name, participants: tally.participants, warnings: tally.warnings,
                         sourceName: name, messageCount: messageCount)
    }

    /// What a file's messages say about themselves, gathered for the whole file: the authors in the order they
    /// first write (at most ``maximumParticipants``), and the first ``maximumWarnings`` warnings, each naming its
    /// message, then one counting the rest (a mailbox of 200,000 undated messages is one item, not 200,000 lines
    /// of warnings).
    package struct Tally {
        package static let maximumParticipants = 10_000
        package static let maximumWarnings = 50
        package private(set) var participants: [String] = []
        private var seen: Set<String> = []
        private var kept: [EvidenceWarning] = []
        private var more: [WarningCode: Int] = [:]

        package init() {}

        package mutating func add(_ read: (message: ChatMessage, mail: MailMessage?, warnings: [EvidenceWarning]),
                                  inMailbox: Bool) {
            if let from = read.mail?.from, participants.count < Self.maximumParticipants, seen.insert(from).inserted {
                participants.append(from)
            }
            for warning in read.warnings {
                guard kept.count < Self.maximumWarnings else {
                    more[warning.code, default: 0] += 1
                    continue
                }
                kept.append(inMailbox && warning.code != .emailUnreadable
                            ? EvidenceWarning(code: warning.code, message: "Message \(read.message.index + 1): \(warning.message)")
                            : warning)
            }
        }

        package var warnings: [EvidenceWarning] {
            kept + more.sorted { $0.key.rawValue < $1.key.rawValue }.map { code, count in
                EvidenceWarning(code: code, message: "\(count) more message warning(s) of this kind (\(code.rawValue)) "
                                    + "after the first \(Self.maximumWarnings) warnings.")
            }
        }
    }

    /// Parses each message of the file in order, handing it to `onMessage`.
    ///
    /// - Throws: anything `onMessage` throws.
    package static func stream(bytes: [UInt8], name: String, format: MailFormat, timeZone: TimeZone,
                               onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        let sources = messageSources(bytes: bytes, format: format)
        var tally = Tally()
        for (index, location) in sources.enumerated() {
            let read = message(index, at: location, of: bytes, name: name, timeZone: timeZone,
                               inMailbox: sources.count > 1)
            tally.add(read, inMailbox: sources.count > 1)
            try onMessage(read.message)
        }
        return info(name: name, tally: tally, messageCount: sources.count)
    }
}
