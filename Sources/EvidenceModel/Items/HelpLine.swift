import Foundation

/// A service a victim can call, shown at the end of the summary under "Where to get help".
///
/// A case without its own list (`evidence init --help-line`) shows the Belgian defaults in its summary's language
/// (0800 12 800, Child Focus 116 000, Télé-Accueil 107 / Tele-Onthaal 106); a case elsewhere records its own.
public struct HelpLine: Codable, Sendable, Equatable {
    /// Who answers, e.g. `Child Focus`.
    public var name: String
    /// The number to call, as people dial it, e.g. `116 000`.
    public var number: String
    /// For whom or for what, in the summary's language, e.g. `missing or sexually exploited children`.
    public var purpose: String

    /// A help line from its parts.
    public init(name: String, number: String, purpose: String) {
        self.name = name
        self.number = number
        self.purpose = purpose
    }

    /// Reads `NAME=NUMBER` or `NAME=NUMBER=PURPOSE` (`init --help-line "Police=101=emergencies"`); `nil` when the
    /// name or the number is empty.
    public init?(parsing text: String) {
        let parts = text.split(separator: "=", maxSplits: 2, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(name: parts[0], number: parts[1], purpose: parts.count == 3 ? parts[2] : "")
    }
}
