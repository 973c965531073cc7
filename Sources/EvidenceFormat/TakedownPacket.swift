import EvidenceModel
import EvidenceCrypto
import Foundation

/// A hash-only takedown packet: what a victim can hand to StopNCII, a platform's form or a hotline without
/// sending a single byte of the image. Pure: the same items, time, recipient and key give the same files.
///
/// - `hashes.csv`: one row per item (item, kind, PDQ, quality, MD5, SHA-256, size, first-seen time and its source,
///   URL and platform when known, the route to take);
/// - `README.txt`: what the hashes are, that the image cannot be rebuilt from them, where to take them;
/// - `packet.json`: the case identifier, the time, the recipient, the items' hashes and the SHA-256 of the two files
///   above, signed with the case's Ed25519 key (`packet.json.sig`, raw 64 bytes; `signer.pub.pem`), checkable with
///   `openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in packet.json -sigfile packet.json.sig`.
package struct TakedownPacket: Sendable {
    package static let formatName = "evidencekit-takedown/1"

    /// Where a takedown of an item goes.
    package enum Route: String, Sendable {
        /// StopNCII.org, for images of adults (and a platform's own form).
        case stopNCII = "stopncii"
        /// Child protection: Child Focus (116 000) in Belgium, the national hotline elsewhere, NCMEC's Take It Down.
        case childProtection = "child-protection"
    }

    /// One item as the packet shows it.
    package struct Entry: Sendable {
        package var item: EvidenceItem
        /// The platform it came through, when the case knows it (a file sent in a chat export).
        package var platform: String?
        package var route: Route { item.minorAtTime == true ? .childProtection : .stopNCII }

        package init(item: EvidenceItem, platform: String?) {
            self.item = item
            self.platform = platform
        }
    }

    /// The packet's files by name, each complete.
    package var files: [(name: String, bytes: [UInt8])]

    package init(entries: [Entry], metadata: CaseMetadata, preparedAt: Instant, recipient: String?,
                 key: Ed25519PrivateKey) throws {
        let language = TakedownLanguage.code(for: metadata)
        let csv = Array(Self.csv(entries).utf8)
        let readme = Array(TakedownReadme.text(language: language, entries: entries, timeZone: metadata.timeZone,
                                               recipient: recipient).utf8)
        let publicKey = key.publicKey
        var packet: [String: CanonicalJSON.Value] = [
            "format": .string(Self.formatName),
            "case": .string(metadata.identifier),
            "preparedAt": .string(RFC3339.format(preparedAt, offsetSeconds: 0)),
            "language": .string(language),
            "signer": .object(["algorithm": .string("Ed25519"), "fingerprint": .string(publicKey.fingerprint.hex),
                               "publicKey": .string("signer.pub.pem")]),
            "items": .array(entries.map { entry in
                var members: [String: CanonicalJSON.Value] = [
                    "item": .integer(entry.item.id), "kind": .string(entry.item.kind.rawValue),
                    "sha256": .string(entry.item.sha256), "size": .integer(entry.item.size),
                    "route": .string(entry.route.rawValue),
                ]
                members["pdq"] = entry.item.pdq.map(CanonicalJSON.Value.string)
                members["pdqQuality"] = entry.item.pdqQuality.map { .integer($0) }
                members["md5"] = entry.item.md5.map(CanonicalJSON.Value.string)
                return .object(members)
            }),
            "files": .array([("hashes.csv", csv), ("README.txt", readme)].map { name, bytes in
                .object(["path": .string(name), "size": .integer(bytes.count), "sha256": .string(SHA256.hash(bytes).hex)])
            }),
        ]
        packet["recipient"] = recipient.map(CanonicalJSON.Value.string)
        let json = CanonicalJSON.pretty(.object(packet)) + [UInt8(ascii: "\n")]
        files = [("hashes.csv", csv), ("README.txt", readme), ("packet.json", json),
                 ("packet.json.sig", try key.signature(for: json)), ("signer.pub.pem", Array(publicKey.pemRepresentation.utf8))]
    }

    static func csv(_ entries: [Entry]) -> String {
        var text = "item,kind,pdq,pdq_quality,md5,sha256,size,first_seen,first_seen_source,url,platform,route\r\n"
        for entry in entries {
            let item = entry.item
            let cells = [String(item.id), item.kind.rawValue, item.pdq ?? "", item.pdqQuality.map(String.init) ?? "",
                         item.md5 ?? "", item.sha256, String(item.size), item.best?.value ?? "",
                         item.best?.source.rawValue ?? "", "", entry.platform ?? "", entry.route.rawValue]
            text += cells.map(Self.csvCell).joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled.
    private static func csvCell(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
