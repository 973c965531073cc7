import EvidenceModel

/// Whether each attachment an export names came with it, and the `missing-media` warning for each one that did
/// not. Every chat parser uses this one piece, so the wording and the cap are the same for all of them.
struct MissingMediaCheck {
    /// Most `missing-media` warnings one export gets: a hundred say enough, a hostile file could name millions.
    static let maximumWarnings = 100

    /// The media files that came with the export, or `nil` when the caller did not say.
    let available: Set<String>?
    /// Where the files should have been, as the warning says it (`the export`, `the export folder`).
    let place: String
    private(set) var missing = 0

    init(available: Set<String>?, place: String = "the export") {
        self.available = available
        self.place = place
    }

    /// Whether `name` came with the export (`nil` when nobody said what came with it). A missing one adds a
    /// warning to `warnings`, up to ``maximumWarnings``.
    mutating func found(_ name: String, line: Int, warnings: inout [EvidenceWarning]) -> Bool? {
        guard let available else { return nil }
        if available.contains(name) { return true }
        missing &+= 1
        if missing <= Self.maximumWarnings {
            warnings.append(EvidenceWarning(code: .missingMedia,
                                            message: "Line \(line) refers to \"\(name)\", which is not in \(place)."))
        }
        return false
    }
}
