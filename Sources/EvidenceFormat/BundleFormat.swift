/// The versions of the bundle format, named by the manifest's `format`, and the layout each one promises.
///
/// A verifier reads every version ever sealed, each by its own rules; `seal` writes only ``current``.
/// See `Docs/bundle-format.md`, "What changed in version 2".
package enum BundleFormat: String, CaseIterable, Sendable {
    /// Items at `data/NNNN-name` whether sensitive or not; no schemas in the bag.
    case v1 = "evidencekit-manifest/1"
    /// Sensitive items at `data/sensitive/NNNN-name`, the JSON Schemas under `evidence/schema/`, and the
    /// summary's language in the manifest.
    case v2 = "evidencekit-manifest/2"

    package static let current = BundleFormat.v2

    /// Where version 2 keeps sensitive items, apart from the rest, so that a file manager's thumbnails of `data/`
    /// never show them when someone unzips the bundle.
    package static let sensitiveFolder = "data/sensitive/"
    /// Where every version keeps the files derived from an item (normalised messages).
    package static let derivedFolder = "data/derived/"

    /// Tag files a bundle of this version always carries and lists in the signed manifest's `files`.
    package var requiredSignedFiles: [String] {
        switch self {
        case .v1: []
        case .v2: [BagLayout.manifestSchema, BagLayout.messagesSchema]
        }
    }

    /// What is wrong with an item's place in the bag under this version's rules, or `nil` when it is where this
    /// version puts it. Version 1 set no rule beyond `data/`, which the BagIt manifests already check.
    package func problem(withItemPath path: String, sensitive: Bool) -> String? {
        switch self {
        case .v1:
            return nil
        case .v2:
            if path.hasPrefix(Self.derivedFolder) {
                return "an item of a \(rawValue) bundle does not belong under \(Self.derivedFolder), which holds derived files only"
            }
            let underSensitive = path.hasPrefix(Self.sensitiveFolder)
            if sensitive && !underSensitive {
                return "a sensitive item of a \(rawValue) bundle belongs under \(Self.sensitiveFolder)"
            }
            if !sensitive && underSensitive {
                return "an item not marked sensitive is under \(Self.sensitiveFolder), where a \(rawValue) bundle keeps sensitive items only"
            }
            return path.hasPrefix("data/") ? nil : "an item of a \(rawValue) bundle belongs under data/"
        }
    }

    /// What is wrong with a derived file's place in the bag under this version's rules, or `nil`.
    package func problem(withDerivedPath path: String) -> String? {
        switch self {
        case .v1: nil
        case .v2: path.hasPrefix(Self.derivedFolder) ? nil : "a derived file of a \(rawValue) bundle belongs under \(Self.derivedFolder)"
        }
    }
}
