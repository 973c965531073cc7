import EvidenceModel
import EvidenceFormat
import Foundation

/// Someone the case's chats and e-mails name who is not yet recorded as a party (`evidence party suggest`).
public struct PartySuggestion: Sendable, Equatable, Codable {
    /// What was seen: a chat author's name, a phone number or an e-mail address.
    public enum Kind: String, Sendable, Codable {
        case author, phone, email
    }

    public var kind: Kind
    /// As first seen (`Lucas`, `+32 470 12 34 56`, `lucas@example.org`).
    public var value: String
    /// The service it was seen on: the chat's platform (`whatsapp`), or `email`.
    public var platform: String
    /// The display name an e-mail address was written with (`Lucas` in `Lucas <lucas@example.org>`).
    public var displayName: String?
    /// The items it was seen in, by number.
    public var items: [Int64]
}

extension EvidenceCase {
    /// The chat authors, phone numbers and e-mail addresses seen in the case, with the items they come from, that no
    /// party records yet: read from each conversation's derived message lines (a mailbox's senders too) and each
    /// e-mail's From, To and Cc. Changes nothing.
    ///
    /// - Returns: Suggestions in the order first seen (items by number, messages in order).
    /// - Throws: When a derived message file cannot be read.
    public func partySuggestions() throws -> [PartySuggestion] {
        let parties = try parties()
        var suggestions: [PartySuggestion] = []
        var positions: [String: Int] = [:]
        func note(_ kind: PartySuggestion.Kind, _ value: String, platform: String, displayName: String? = nil, item: Int64) {
            let trimmed = value.filter { !CaseParty.directionMarks.contains($0) }.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { return }
            let recorded = switch kind {
            case .author: parties.contains { $0.records(name: trimmed) }
            case .phone: parties.contains { $0.records(phone: trimmed) }
            case .email: parties.contains { $0.records(email: trimmed) }
            }
            guard !recorded else { return }
            let key = kind.rawValue + "\u{0}" + (kind == .phone ? CaseParty.comparablePhone(trimmed) : CaseParty.comparable(trimmed))
                + (kind == .author ? "\u{0}" + platform : "")
            if let position = positions[key] {
                if !suggestions[position].items.contains(item) { suggestions[position].items.append(item) }
                if suggestions[position].displayName == nil { suggestions[position].displayName = displayName }
            } else {
                positions[key] = suggestions.count
                suggestions.append(PartySuggestion(kind: kind, value: trimmed, platform: platform, displayName: displayName, items: [item]))
            }
        }
        func noteSender(_ text: String, platform: String, item: Int64) {
            if CaseParty.looksLikePhoneNumber(text) {
                note(.phone, text, platform: platform, item: item)
            } else {
                note(.author, text, platform: platform, item: item)
            }
        }
        for item in try items() {
            if let email = item.email {
                for header in [email.from, email.to, email.cc].compactMap({ $0 }) {
                    for mailbox in MailboxList(header).mailboxes {
                        note(.email, mailbox.address, platform: "email", displayName: mailbox.name, item: item.id)
                    }
                }
            }
            guard let conversation = item.conversation else { continue }
            let platform = conversation.platform.rawValue
            for derived in (item.derived ?? []) where derived.role == "messages" {
                let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: storedCopyPath(sha256: derived.sha256))))
                for message in try ConversationJSONLines.decode(bytes) where message.kind != .system {
                    guard let author = message.author else { continue }
                    if platform == ChatPlatform.email.rawValue {
                        for mailbox in MailboxList(author).mailboxes {
                            note(.email, mailbox.address, platform: "email", displayName: mailbox.name, item: item.id)
                        }
                    } else {
                        noteSender(author, platform: platform, item: item.id)
                    }
                }
            }
        }
        return suggestions
    }
}
