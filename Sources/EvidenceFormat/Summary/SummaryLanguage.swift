import EvidenceModel

/// The language a summary is written in: every label, weekday, month and number of the summary comes from this
/// language's own table, never from the system's locale data, so that the summary's bytes do not change when the
/// system's ICU is upgraded.
///
/// The raw values are the case's `language` codes (`init --language`, ``CaseMetadata/language``).
public enum SummaryLanguage: String, Sendable, CaseIterable {
    case french = "fr"
    case dutch = "nl"
    case german = "de"
    case english = "en"

    /// The language stored in the case (`init --language`), or English when none of ours is stored.
    package init(caseLanguage code: String?) {
        self = code.flatMap(SummaryLanguage.init(rawValue:)) ?? .english
    }

    /// Every label and phrase of the summary in this language.
    var labels: SummaryLabels {
        switch self {
        case .french: .french
        case .dutch: .dutch
        case .german: .german
        case .english: .english
        }
    }
}
