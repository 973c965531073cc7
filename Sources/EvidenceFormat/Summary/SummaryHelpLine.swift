/// A service a victim can call, shown at the end of the summary under "Where to get help".
///
/// A summary without its own list shows the Belgian defaults in its language (0800 12 800, Child Focus 116 000,
/// Télé-Accueil 107 / Tele-Onthaal 106); a case elsewhere passes its own.
public struct SummaryHelpLine: Sendable, Equatable {
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
}
