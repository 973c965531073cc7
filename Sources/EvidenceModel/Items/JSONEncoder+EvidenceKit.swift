import Foundation

extension JSONEncoder {
    /// The one configuration for JSON that people or our own index read back (`case.json`, `--json` output,
    /// item rows in the SQLite index): keys sorted so the same value always gives the same text, and `/` left
    /// as written so paths and media types read as they are.
    ///
    /// Not for anything checked byte for byte later (manifest, journal lines): those have their own canonical
    /// encoder in EvidenceFormat, which no Foundation update can change.
    ///
    /// - Parameter prettyPrinted: indented, one key per line, for files and output a person reads; compact for
    ///   rows in the index.
    package static func evidenceKit(prettyPrinted: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = prettyPrinted
            ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
