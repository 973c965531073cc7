import EvidenceModel
import EvidenceCrypto
import Foundation

/// `bag-info.txt` (RFC 8493 section 2.2.2): `Label: value` lines, written and read side by side.
///
/// For example:
/// ```
/// Payload-Oxum: 179049.9
/// External-Identifier: golden-case-2026
/// ```
package struct BagInfo: Equatable, Sendable {
    /// One `Label: value` line.
    package struct Element: Equatable, Sendable {
        package var label: String
        package var value: String

        package init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    /// The elements in file order; a label may repeat.
    package var elements: [Element]

    package init(elements: [Element]) {
        self.elements = elements
    }

    /// Each label's value; the last one wins when a label repeats.
    package var values: [String: String] {
        Dictionary(elements.map { ($0.label, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The bag-info of a bag being sealed: the reserved elements bagit-python writes first, then ours.
    package init(sealing metadata: CaseMetadata, sealedAt: Instant, payloadBytes: Int64, payloadCount: Int,
                 fingerprint: KeyFingerprint) {
        let date = LocalDateTime(sealedAt, offsetSeconds: 0)
        elements = [
            Element("Bag-Software-Agent", "EvidenceKit \(EvidenceKitVersion.current)"),
            Element("Bagging-Date", String(format: "%04d-%02d-%02d", date.year, date.month, date.day)),
            Element("Bag-Size", Self.humanSize(payloadBytes)),
            Element("Payload-Oxum", "\(payloadBytes).\(payloadCount)"),
            Element("External-Description", metadata.title),
            Element("External-Identifier", metadata.identifier),
            Element("EvidenceKit-Sealed-At", RFC3339.format(sealedAt, offsetSeconds: 0)),
            Element("EvidenceKit-Time-Zone", metadata.timeZone),
            Element("Signer-Key-Algorithm", "Ed25519"),
            Element("Signer-Key-Fingerprint", fingerprint.grouped),
        ]
    }

    /// The file's text: one `Label: value` line per element, each ending in LF. A line break inside a value
    /// becomes a space, so that every element stays one line (we never write continuation lines).
    package var text: String {
        elements.map { "\($0.label): \(Self.singleLine($0.value))\n" }.joined()
    }

    /// More elements than this is not a bag-info file; the rest is not read.
    package static let maximumElements = 1_000

    /// Reads labels and values, folding continuation lines (starting with a space or tab) into the value before
    /// them. Lenient, as the file comes from a bag we did not necessarily write: a line without `:` is skipped,
    /// labels and values are trimmed, bytes that are not UTF-8 become U+FFFD.
    package init(parsing bytes: [UInt8]) {
        var elements: [Element] = []
        TextLines.forEach(in: bytes, carriageReturnEndsLines: true) { rawLine in
            guard !rawLine.isEmpty else { return true }
            let line = String(decoding: rawLine, as: UTF8.self)
            if let first = line.first, first == " " || first == "\t", !elements.isEmpty {
                elements[elements.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
                return true
            }
            guard let colon = line.firstIndex(of: ":") else { return true }
            elements.append(Element(line[..<colon].trimmingCharacters(in: .whitespaces),
                                    line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            return elements.count < Self.maximumElements
        }
        self.elements = elements
    }

    /// Bag-Size as bagit-python writes it (decimal units).
    static func humanSize(_ bytes: Int64) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f %@", value, units[unit])
    }

    private static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
