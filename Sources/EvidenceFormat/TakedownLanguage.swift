import EvidenceModel

/// The language a takedown packet's README is written in: the case's own (`init --language`), or else the one
/// most people in the case's time zone read, or else English.
///
/// Belgium has three official languages and one zone: `Europe/Brussels` gives French, the language most victims'
/// services there answer in first; a Flemish or German-speaking case says `--language nl` or `de` at `init`.
package enum TakedownLanguage {
    package static let codes: Set<String> = ["fr", "nl", "de", "en"]

    private static let byZone: [String: String] = [
        "Europe/Paris": "fr", "Europe/Brussels": "fr", "Europe/Luxembourg": "fr", "Europe/Monaco": "fr",
        "America/Montreal": "fr", "America/Toronto": "en", "Indian/Reunion": "fr", "America/Martinique": "fr",
        "America/Guadeloupe": "fr", "Pacific/Noumea": "fr", "Europe/Amsterdam": "nl", "America/Paramaribo": "nl",
        "Europe/Berlin": "de", "Europe/Vienna": "de", "Europe/Zurich": "de", "Europe/Busingen": "de",
        "Europe/Vaduz": "de",
    ]

    package static func code(for metadata: CaseMetadata) -> String {
        if let language = metadata.language, codes.contains(language) { return language }
        return byZone[metadata.timeZone] ?? "en"
    }
}
