import Foundation

/// A person the case is about (`evidence party add`): the victim, a suspect, a witness, with the accounts, phone
/// numbers and e-mail addresses they use, so that an analyst can tie a message's author to a person.
public struct CaseParty: Codable, Sendable, Equatable {
    /// What the person is to the case.
    public enum Role: String, Codable, Sendable, CaseIterable {
        case victim, suspect, witness, other
    }

    /// An account on a service, written `PLATFORM:ID` on the command line (`instagram:lucas.vdb`).
    public struct Handle: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
        /// The service, as the person named it (`instagram`, `WhatsApp`).
        public var platform: String
        /// The account's name or number on that service.
        public var identifier: String

        enum CodingKeys: String, CodingKey {
            case platform
            case identifier = "id"
        }

        public init(platform: String, identifier: String) {
            self.platform = platform
            self.identifier = identifier
        }

        /// Reads `PLATFORM:ID`; `nil` when either side is empty.
        public init?(parsing text: String) {
            guard let colon = text.firstIndex(of: ":") else { return nil }
            let platform = text[..<colon].trimmingCharacters(in: .whitespaces)
            let identifier = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !platform.isEmpty, !identifier.isEmpty else { return nil }
            self.init(platform: platform, identifier: identifier)
        }

        public var description: String { "\(platform):\(identifier)" }
    }

    /// The party's number in the case, from 1, never reused.
    public var id: Int64
    public var name: String
    public var role: Role
    public var handles: [Handle]
    public var phones: [String]
    public var emails: [String]

    public init(id: Int64, name: String, role: Role, handles: [Handle] = [], phones: [String] = [],
                emails: [String] = []) {
        self.id = id
        self.name = name
        self.role = role
        self.handles = handles
        self.phones = phones
        self.emails = emails
    }

    /// True when the party already records `name` (as a name or a handle), the phone number or the address, compared
    /// as ``CaseParty/comparable(_:)`` makes them.
    public func records(name other: String) -> Bool {
        let key = CaseParty.comparable(other)
        return CaseParty.comparable(name) == key || handles.contains { CaseParty.comparable($0.identifier) == key }
    }

    public func records(phone other: String) -> Bool {
        let key = CaseParty.comparablePhone(other)
        return phones.contains { CaseParty.comparablePhone($0) == key }
    }

    public func records(email other: String) -> Bool {
        emails.contains { CaseParty.comparable($0) == CaseParty.comparable(other) }
    }

    /// Case- and width-insensitive, trimmed, without a leading `@`: how a name, handle or address is matched.
    public static func comparable(_ text: String) -> String {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("@") { trimmed.removeFirst() }
        return trimmed.folding(options: [.caseInsensitive, .widthInsensitive], locale: nil)
    }

    /// A phone number's digits, with its leading `+`: `+32 470 12-34-56` and `+32470123456` are one number.
    public static func comparablePhone(_ text: String) -> String {
        let digits = text.filter(\.isASCIIDigit)
        return text.trimmingCharacters(in: .whitespaces).hasPrefix("+") ? "+" + digits : digits
    }

    /// Invisible characters that set the direction of text, which exports put around names and numbers.
    public static let directionMarks: Set<Character> = ["\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}"]

    /// True when `text` reads as a phone number the way chat exports write authors without a contact name
    /// (`+32 470 12 34 56`): an optional `+`, then at least 7 digits, spaces, dashes, dots or brackets only.
    public static func looksLikePhoneNumber(_ text: String) -> Bool {
        // WhatsApp wraps a number in direction marks (U+202A … U+202C) and spaces it with no-break spaces.
        var body = Substring(text.filter { !CaseParty.directionMarks.contains($0) }.trimmingCharacters(in: .whitespacesAndNewlines))
        if body.hasPrefix("+") { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCIIDigit || " -.()\u{A0}\u{202F}".contains($0) }) else {
            return false
        }
        return body.filter(\.isASCIIDigit).count >= 7
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
