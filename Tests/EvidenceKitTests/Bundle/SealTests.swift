import EvidenceCrypto
import Foundation
import Testing
import ZIPFoundation
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite struct SealTests {
    static let sealedAt = Instant(unixSeconds: 1_773_133_200)  // 2026-03-10T09:00:00Z

    /// A sealed bundle and the folder it was unzipped into (with the `unzip` tool, as a lawyer would).
    static func sealedAndUnzipped(_ label: String) throws -> (bundle: URL, bag: URL, directory: URL) {
        let directory = try TestSupport.temporaryDirectory(label)
        let (evidenceCase, _) = try CaseFixtures.makeCase(in: directory)
        let result = try evidenceCase.seal(to: directory.appendingPathComponent("bundle.zip"), sealedAt: sealedAt)
        let unpacked = directory.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        let unzip = try TestSupport.tool("unzip", ["-q", result.bundle.path, "-d", unpacked.path])
        #expect(unzip.status == 0, "\(unzip.stderr)")
        return (result.bundle, unpacked.appendingPathComponent(result.bagFolder), directory)
    }

    @Test func sealedBundleVerifiesWithOurVerifierAndStockTools() throws {
        let (bundle, bag, _) = try Self.sealedAndUnzipped("seal")
        let report = try BundleVerifier().verify(bundleAt: bundle)
        #expect(report.intact, "\(report.findings)")
        #expect(report.signatureValid)
        #expect(report.itemCount == 3)
        #expect(try BundleVerifier().verify(bundleAt: bag).intact)

        let payload = try TestSupport.tool("sha256sum", ["-c", "--strict", "manifest-sha256.txt"], in: bag)
        #expect(payload.status == 0, "\(payload.stdout)\(payload.stderr)")
        #expect(payload.stdout.contains("OK"))
        let tags = try TestSupport.tool("sha256sum", ["-c", "--strict", "tagmanifest-sha256.txt"], in: bag)
        #expect(tags.status == 0, "\(tags.stdout)\(tags.stderr)")

        let openssl = try TestSupport.tool("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "evidence/signer.pub.pem",
                                                       "-rawin", "-in", "evidence/manifest.json", "-sigfile", "evidence/manifest.json.sig"], in: bag)
        #expect(openssl.status == 0)
        #expect(openssl.stdout.contains("Signature Verified Successfully"))

        if TestSupport.requireTool("bagit.py") {
            let bagit = try TestSupport.tool("bagit.py", ["--validate", bag.path])
            #expect(bagit.status == 0, "\(bagit.stderr)")
            #expect(bagit.stderr.contains("is valid"))
        }
    }

    @Test func bagInfoAndManifestSayWhatTheyShould() throws {
        let (_, bag, _) = try Self.sealedAndUnzipped("info")
        let info = String(decoding: try Data(contentsOf: bag.appendingPathComponent("bag-info.txt")), as: UTF8.self)
        for label in ["Bagging-Date: 2026-03-10", "Payload-Oxum: ", "Bag-Size: ", "External-Description: Harcèlement Instagram 2026",
                      "External-Identifier: case", "Signer-Key-Fingerprint: "] {
            #expect(info.contains(label), "bag-info.txt lacks \(label)")
        }
        let manifestBytes = Array(try Data(contentsOf: bag.appendingPathComponent("evidence/manifest.json")))
        let manifest = try EvidenceManifest(parsing: manifestBytes)
        #expect(manifest.format == "evidencekit-manifest/2")
        #expect(manifest.sealedAt == "2026-03-10T09:00:00Z")
        #expect(Set(manifest.files.map(\.path)) == ["bag-info.txt", "bagit.txt", "manifest-sha256.txt", "summary.html",
                                                    "evidence/custody.jsonl", "evidence/signer.pub.pem",
                                                    "evidence/schema/manifest.schema.json",
                                                    "evidence/schema/messages.schema.json"])
        for item in manifest.items {
            let onDisk = try SHA256.hash(fileAt: bag.appendingPathComponent(item.path).path)
            #expect(onDisk.digest.hex == item.sha256)
            #expect(item.path.hasPrefix("data/"))
        }
        let names = manifest.items.map(\.path).sorted()
        #expect(names == ["data/0001-Screenshot_20260303-214512.png", "data/0002-video-part.bin", "data/0003-note_ menace_.txt"])
        let summary = String(decoding: try Data(contentsOf: bag.appendingPathComponent("summary.html")), as: UTF8.self)
        #expect(summary.contains("Harcèlement Instagram 2026"))
        #expect(summary.contains(manifest.items[0].sha256))
        #expect(!summary.contains("http://") && !summary.contains("https://") && !summary.contains("<script"))
    }

    @Test func copiesOfACaseSealIdentically() throws {
        let directory = try TestSupport.temporaryDirectory("repro")
        let (evidenceCase, _) = try CaseFixtures.makeCase(in: directory)
        let copyFolder = directory.appendingPathComponent("copy-of-case")
        let cp = try TestSupport.tool("cp", ["-a", evidenceCase.folder.path, copyFolder.path])
        #expect(cp.status == 0)
        let first = directory.appendingPathComponent("one/bundle.zip")
        let second = directory.appendingPathComponent("two/bundle.zip")
        for folder in ["one", "two"] {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        // Different time zones in the environment must not change a byte.
        let a = try TestSupport.evidence(["seal", "--case", evidenceCase.folder.path, "--out", first.path, "--sealed-at", "2026-03-10T09:00:00Z"],
                                         environment: ["TZ": "America/New_York", "EVIDENCE_ACTOR": "someone-else"])
        let b = try TestSupport.evidence(["seal", "--case", copyFolder.path, "--out", second.path],
                                         environment: ["TZ": "Asia/Tokyo", "SOURCE_DATE_EPOCH": "1773133200"])
        #expect(a.status == 0, "\(a.stderr)")
        #expect(b.status == 0, "\(b.stderr)")
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
        // The seal is journaled in the case afterwards.
        let journal = String(decoding: try EvidenceCase(opening: evidenceCase.folder).custodyJournal(), as: UTF8.self)
        #expect(journal.contains("\"action\":\"bundle-sealed\""))
        #expect(journal.contains(try SHA256.hash(fileAt: first.path).digest.hex))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("one").path)
        #expect(Set(leftovers) == ["bundle.zip", "bundle.summary.html"])
    }

    @Test func sealNeverReplacesAFileUnlessAsked() throws {
        let directory = try TestSupport.temporaryDirectory("overwrite")
        let (evidenceCase, originals) = try CaseFixtures.makeCase(in: directory)
        let original = originals.appendingPathComponent("Screenshot_20260303-214512.png")
        let before = try Data(contentsOf: original)
        let onOriginal = try TestSupport.evidence(["seal", "--case", evidenceCase.folder.path, "--out", original.path])
        #expect(onOriginal.status == 2)
        #expect(onOriginal.stderr.contains("already exists"))
        #expect(try Data(contentsOf: original) == before)

        let bundle = directory.appendingPathComponent("bundle.zip")
        #expect(try TestSupport.evidence(["seal", "--case", evidenceCase.folder.path, "--out", bundle.path]).status == 0)
        #expect(try TestSupport.evidence(["seal", "--case", evidenceCase.folder.path, "--out", bundle.path]).status == 2)
        // A seal killed earlier left a hidden partial zip: the next seal sweeps it.
        let leftover = directory.appendingPathComponent(".bundle.zip.0123-DEAD.partial")
        try Data("half a zip".utf8).write(to: leftover)
        let again = try TestSupport.evidence(["seal", "--case", evidenceCase.folder.path, "--out", bundle.path, "--overwrite"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        #expect(try BundleVerifier().verify(bundleAt: bundle).intact)

        let noFolder = try TestSupport.evidence(["seal", "--case", evidenceCase.folder.path, "--out", directory.appendingPathComponent("nope/b.zip").path])
        #expect(noFolder.status == 2)
        #expect(noFolder.stderr.contains("does not exist"))
        let tooEarly = try TestSupport.evidence(["seal", "--case", evidenceCase.folder.path, "--out", directory.appendingPathComponent("old.zip").path],
                                                environment: ["SOURCE_DATE_EPOCH": "-62135596801"])
        #expect(tooEarly.status == 2)
        let beforeAcquisition = try TestSupport.evidence(["seal", "--case", evidenceCase.folder.path, "--out", directory.appendingPathComponent("early.zip").path,
                                                          "--sealed-at", "1999-01-01T00:00:00Z"])
        #expect(beforeAcquisition.status == 0)
        #expect(beforeAcquisition.stderr.contains("earlier than the acquisition"))
    }

    enum Tamper: String, CaseIterable, Sendable {
        case payload, bagInfo, manifest, signature, publicKey, journal, deleteFile, addFile
    }

    static func expectedCategory(_ tamper: Tamper) -> VerificationFinding.Category {
        switch tamper {
        case .payload, .bagInfo: .modified
        case .manifest, .signature, .publicKey: .badSignature
        case .journal: .modified
        case .deleteFile: .missing
        case .addFile: .unexpected
        }
    }

    static func apply(_ tamper: Tamper, to bag: URL) throws {
        func flipByte(_ relative: String, at position: Int = 40) throws {
            let url = bag.appendingPathComponent(relative)
            var bytes = Array(try Data(contentsOf: url))
            bytes[min(position, bytes.count - 1)] ^= 0x01
            try Data(bytes).write(to: url)
        }
        switch tamper {
        case .payload: try flipByte("data/0002-video-part.bin", at: 100_000)
        case .bagInfo: try flipByte("bag-info.txt")
        case .manifest: try flipByte("evidence/manifest.json", at: 200)
        case .signature: try flipByte("evidence/manifest.json.sig", at: 10)
        case .publicKey: try flipByte("evidence/signer.pub.pem", at: 60)
        case .journal: try flipByte("evidence/custody.jsonl", at: 30)
        case .deleteFile: try FileManager.default.removeItem(at: bag.appendingPathComponent("data/0001-Screenshot_20260303-214512.png"))
        case .addFile: try Data("planted".utf8).write(to: bag.appendingPathComponent("data/0004-planted.jpg"))
        }
    }

    @Test(arguments: Tamper.allCases)
    func tamperingIsCaught(_ tamper: Tamper) throws {
        let (_, bag, directory) = try Self.sealedAndUnzipped("tamper-\(tamper.rawValue)")
        try Self.apply(tamper, to: bag)
        let expected = Self.expectedCategory(tamper)

        let folderReport = try BundleVerifier().verify(bundleAt: bag)
        #expect(folderReport.findings.contains { $0.category == expected }, "\(tamper): \(folderReport.findings)")

        // The same tampering inside a re-made zip, through the command line.
        let rezipped = directory.appendingPathComponent("tampered.zip")
        try FileManager.default.zipItem(at: bag, to: rezipped, shouldKeepParent: true)
        let result = try TestSupport.evidence(["verify", rezipped.path, "--json"])
        #expect(result.status == 1, "\(tamper): \(result.stdout)\(result.stderr)")
        let report = try JSONDecoder().decode(VerificationReport.self, from: Data(result.stdout.utf8))
        #expect(report.findings.contains { $0.category == expected }, "\(tamper): \(report.findings)")
        #expect(result.stdout.contains("\"intact\" : false"))
    }

    /// A forger edits a payload file, recomputes every hash a manifest holds, and drops the signature they cannot
    /// make: the BagIt manifests agree, but nothing is signed, so the bundle is not intact.
    @Test(arguments: [false, true])
    func forgeryWithoutSignatureIsCaught(removeKeyToo: Bool) throws {
        let (_, bag, directory) = try Self.sealedAndUnzipped("forge")
        let target = bag.appendingPathComponent("data/0003-note_ menace_.txt")
        let oldHash = try SHA256.hash(fileAt: target.path).digest.hex
        try Data("Tu as jusqu'à lundi.\n".utf8).write(to: target)
        let newHash = try SHA256.hash(fileAt: target.path).digest.hex
        for name in ["manifest-sha256.txt", "evidence/manifest.json"] {
            let url = bag.appendingPathComponent(name)
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            try Data(text.replacingOccurrences(of: oldHash, with: newHash).utf8).write(to: url)
        }
        try FileManager.default.removeItem(at: bag.appendingPathComponent("evidence/manifest.json.sig"))
        if removeKeyToo { try FileManager.default.removeItem(at: bag.appendingPathComponent("evidence/signer.pub.pem")) }
        // Rebuild the tag manifest from what is there now, as a forger would.
        let rebuilt = try TestSupport.tool("sh", ["-c", "find . -type f ! -name tagmanifest-sha256.txt ! -path './data/*' | sed 's|^./||' | LC_ALL=C sort | xargs -d '\\n' sha256sum > tagmanifest-sha256.txt"], in: bag)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(try TestSupport.tool("sha256sum", ["-c", "--quiet", "tagmanifest-sha256.txt"], in: bag).status == 0)
        #expect(try TestSupport.tool("sha256sum", ["-c", "--quiet", "manifest-sha256.txt"], in: bag).status == 0)

        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(!report.intact)
        #expect(!report.signatureValid)
        #expect(report.findings.contains { $0.category == .badSignature }, "\(report.findings)")
        #expect(report.findings.contains { $0.category == .missing && $0.path == "evidence/manifest.json.sig" })
        let zipped = directory.appendingPathComponent("forged.zip")
        try FileManager.default.zipItem(at: bag, to: zipped, shouldKeepParent: true)
        let cli = try TestSupport.evidence(["verify", zipped.path])
        #expect(cli.status == 1, "\(cli.stdout)")
        #expect(!cli.stdout.contains("INTACT"))
    }

    @Test func journalEditIsJournalBroken() throws {
        let (_, bag, _) = try Self.sealedAndUnzipped("journal-edit")
        let url = bag.appendingPathComponent("evidence/custody.jsonl")
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        try Data(text.replacingOccurrences(of: "case-created", with: "case-crEated").utf8).write(to: url)
        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(report.findings.contains { $0.category == .journalBroken })
        #expect(report.findings.contains { $0.category == .modified && $0.path == "evidence/custody.jsonl" })
    }

    @Test func trustedKeyIsChecked() throws {
        let (bundle, bag, directory) = try Self.sealedAndUnzipped("trusted")
        let right = bag.appendingPathComponent("evidence/signer.pub.pem")
        let ok = try TestSupport.evidence(["verify", bundle.path, "--trusted-key", right.path, "--json"])
        #expect(ok.status == 0, "\(ok.stdout)")
        #expect(ok.stdout.contains("\"signerTrusted\" : true"))

        let other = directory.appendingPathComponent("other.pub.pem")
        try Data(try Ed25519PrivateKey.generate().publicKey.pemRepresentation.utf8).write(to: other)
        let bad = try TestSupport.evidence(["verify", bundle.path, "--trusted-key", other.path, "--json"])
        #expect(bad.status == 1)
        let report = try JSONDecoder().decode(VerificationReport.self, from: Data(bad.stdout.utf8))
        #expect(report.findings.map(\.category) == [.untrustedKey])
    }

    @Test func unusableInputExitsTwo() throws {
        let directory = try TestSupport.temporaryDirectory("unusable")
        let notZip = directory.appendingPathComponent("bundle.zip")
        try Data("this is not a zip".utf8).write(to: notZip)
        let result = try TestSupport.evidence(["verify", notZip.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bundle.zip"))
        let missing = try TestSupport.evidence(["verify", directory.appendingPathComponent("nope.zip").path])
        #expect(missing.status == 2)
    }
}
