import EvidenceCrypto
@testable import EvidenceFormat
import EvidenceModel
@testable import EvidenceVerify
import Foundation
import Testing

/// Manifests far larger than a decoder can hold, and hostile ones, through the whole verifier. The large and hostile
/// bags are written by `scripts/make-large-bag.py` (Python and `openssl`, independently of our writer), the small
/// one from ``BagBuilder``'s entries (what `seal` zips); each signed with a throwaway key.
@Suite struct LargeManifestTests {
    /// Runs `scripts/make-large-bag.py` (with `options` such as `--sealed-case`) and returns the bag it wrote.
    static func generatedBag(_ label: String, items: Int, hostile: (shape: String, megabytes: Int)? = nil,
                             options: [String] = []) throws -> URL {
        let bag = try TestSupport.temporaryDirectory(label).appendingPathComponent("large-case")
        let script = TestSupport.packageRoot.appendingPathComponent("scripts/make-large-bag.py").path
        let extra = (hostile.map { ["--hostile", $0.shape, String($0.megabytes)] } ?? []) + options
        let result = try TestSupport.tool("python3", [script, bag.path, String(items)] + extra)
        try #require(result.status == 0, "\(result.stderr)")
        return bag
    }

    static let sealedAt = Instant(unixSeconds: 1_773_133_200)

    /// An item as large as a real photo's in a manifest (about 1.3 KB): four timestamps, a note, a warning.
    static func item(_ id: Int64, sha256: String, size: Int64) -> EvidenceItem {
        let taken = Instant(unixSeconds: 1_772_000_000 + id)
        let timestamps = [
            EvidenceTimestamp(source: .exif, field: "exif:DateTimeOriginal", role: .capture, instant: taken, offsetSeconds: 3600,
                              zone: .embedded, zoneName: nil, precision: .second, warnings: []),
            EvidenceTimestamp(source: .exif, field: "exif:CreateDate", role: .capture, instant: taken, offsetSeconds: 3600,
                              zone: .embedded, zoneName: nil, precision: .second, warnings: []),
            EvidenceTimestamp(source: .filesystem, field: "mtime", role: .modification, instant: taken, offsetSeconds: 0, zone: .utc,
                              zoneName: nil, precision: .nanosecond, warnings: []),
            EvidenceTimestamp(source: .acquired, field: "acquired", role: .acquisition, instant: sealedAt, offsetSeconds: 0, zone: .utc,
                              zoneName: nil, precision: .microsecond, warnings: []),
        ]
        return EvidenceItem(
            id: id, sha256: sha256, size: size, mediaType: "image/jpeg", kind: .photo,
            kindReason: "EXIF camera model says a phone camera took it", originalPath: "/home/victim/Evidence/DCIM/Camera/IMG_\(id).jpg",
            originalName: "IMG_\(id).jpg", acquiredAt: sealedAt, modifiedAt: taken,
            note: "Photo \(id) of the messages received that evening, taken with the phone's camera",
            sensitive: id % 7 == 0, timestamps: timestamps, best: timestamps[0],
            warnings: [EvidenceWarning(code: .sourcesDisagree, message: "The file's time and the camera's time differ by an hour")])
    }

    /// Writes an unpacked bag of `count` tiny items at `bag` and returns the key that signed it.
    @discardableResult
    static func writeFolderBag(items count: Int, at bag: URL) throws -> Ed25519PrivateKey {
        let data = bag.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        var items: [EvidenceItem] = []
        var stored: [String: URL] = [:]
        for id in 1...Int64(count) {
            let content = Array("item \(id)\n".utf8)
            let sha256 = SHA256.hash(content).hex
            let url = bag.appendingPathComponent(BagNaming.payloadPath(itemID: id, originalName: "IMG_\(id).jpg", sensitive: false))
            try Data(content).write(to: url)
            stored[sha256] = url
            items.append(item(id, sha256: sha256, size: Int64(content.count)))
        }
        let key = try Ed25519PrivateKey.generate()
        let journal = CustodyJournal.line(for: .init(seq: 1, action: "case-created", actor: "test", at: "2026-03-10T09:00:00Z",
                                                     details: [:], prev: CustodyJournal.genesis)) + [0x0A]
        let snapshot = CaseSnapshot(
            metadata: CaseMetadata(identifier: "large-case", title: "Large case", timeZone: "UTC", createdAt: sealedAt),
            items: items, custodyJournal: journal, storedCopy: { [stored] in stored[$0]! })
        for entry in try BagBuilder.bag(for: snapshot, sealedAt: sealedAt, key: key).entries {
            guard case .bytes(let bytes) = entry.content else { continue } // payload files are already in place
            let url = bag.appendingPathComponent(entry.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        return key
    }

    /// Replaces the bag's manifest with `manifest` and signs it again with `key`, so only its content is wrong.
    static func replaceManifest(in bag: URL, with manifest: [UInt8], key: Ed25519PrivateKey) throws {
        try Data(manifest).write(to: bag.appendingPathComponent(BagLayout.manifest))
        try Data(try key.signature(for: manifest)).write(to: bag.appendingPathComponent(BagLayout.signature))
        var tagManifest = ""
        for path in ["bag-info.txt", "bagit.txt", "evidence/custody.jsonl", "evidence/manifest.json",
                     "evidence/manifest.json.sig", "evidence/signer.pub.pem", "manifest-sha256.txt", "summary.html"] {
            let bytes = Array(try Data(contentsOf: bag.appendingPathComponent(path)))
            tagManifest += ChecksumManifest.line(sha256: SHA256.hash(bytes).hex, path: path)
        }
        try Data(tagManifest.utf8).write(to: bag.appendingPathComponent(BagLayout.tagManifest))
    }

    /// 20,000 items make a 37 MB manifest, above the 32 MiB the verifier used to refuse, and it verifies.
    /// `scripts/bench-verify-manifest.sh` does the same with 100,000 items in release, and measures it.
    @Test func manifestAboveTheOldCapVerifiesIntact() throws {
        let bag = try Self.generatedBag("large-manifest", items: 20_000)
        let manifestSize = try FileManager.default.attributesOfItem(atPath: bag.appendingPathComponent(BagLayout.manifest).path)[.size] as? Int
        #expect((manifestSize ?? 0) > 32 << 20)
        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(report.intact, "\(report.findings.prefix(5))")
        #expect(report.signatureValid)
        #expect(report.itemCount == 20_000)
        #expect(report.caseIdentifier == "large-case")
        #expect(report.filesChecked == 20_000 + 7) // and the seven tag files tagmanifest-sha256.txt lists
    }
    /// A manifest signed with two `"sha256"` keys for one item: one reader would check one hash, another the other.
    @Test func signedManifestWithDuplicateKeyIsManifestInvalid() throws {
        let bag = try TestSupport.temporaryDirectory("duplicate-key").appendingPathComponent("case")
        let key = try Self.writeFolderBag(items: 3, at: bag)
        #expect(try BundleVerifier().verify(bundleAt: bag).intact)
        var text = try String(contentsOf: bag.appendingPathComponent(BagLayout.manifest), encoding: .utf8)
        let original = try #require(text.range(of: #""sha256" : ""#))
        text.replaceSubrange(original, with: #""sha256" : "0000", "sha256" : ""#)
        try Self.replaceManifest(in: bag, with: Array(text.utf8), key: key)
        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(report.signatureValid)
        #expect(!report.intact)
        let finding = report.findings.first { $0.path == BagLayout.manifest && $0.category == .manifestInvalid }
        #expect(finding?.message.contains("appears twice") == true, "\(report.findings)")
    }

    /// Hostile manifests, signed so that the signature is not what stops them: each is refused as manifest-invalid.
    /// How long that takes is not a unit test's business (a shared machine under load made a wall-clock bound here
    /// fail on correct code): `scripts/bench-verify-manifest.sh` measures them at 300 MB, in time linear in size.
    @Test(arguments: ["zeros", "deep", "string", "keys"])
    func hostileSignedManifestIsManifestInvalid(shape: String) throws {
        let bag = try Self.generatedBag("hostile-manifest", items: 1, hostile: (shape, 20))
        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(report.signatureValid)
        #expect(report.findings.contains { $0.path == BagLayout.manifest && $0.category == .manifestInvalid },
                "\(report.findings.prefix(5))")
    }
}
