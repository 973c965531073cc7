import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceFormat
@testable import EvidenceVerify

/// `verify` reads format 1 and format 2, each by its own rules, and names a format it does not know. Each forged
/// manifest here is signed again with the golden case's key and the tag manifest rewritten, so the only thing
/// wrong with the bag is what the test changed.
@Suite struct BundleFormatVersionTests {
    /// The format-2 golden bundle unzipped into `directory`, its manifest changed by `edit`, signed again; returns
    /// the bag folder.
    static func resignedGoldenV2(in directory: URL, edit: (inout EvidenceManifest) -> Void) throws -> URL {
        let unzip = try TestSupport.tool("unzip", ["-q", TestSupport.fixture("GoldenV2/golden-case-2026-v2.zip").path,
                                                   "-d", directory.path])
        #expect(unzip.status == 0, "\(unzip.stderr)")
        let bag = directory.appendingPathComponent("golden-case-2026")
        let manifestURL = bag.appendingPathComponent(BagLayout.manifest)
        let signatureURL = bag.appendingPathComponent(BagLayout.signature)
        let before = try Data(contentsOf: manifestURL), signatureBefore = try Data(contentsOf: signatureURL)
        var manifest = try EvidenceManifest(parsing: Array(before))
        edit(&manifest)
        let bytes = manifest.encoded()
        let key = try Ed25519PrivateKey(pemRepresentation: String(
            contentsOf: TestSupport.fixture("Golden/golden-case/keys/signer.key.pem"), encoding: .utf8))
        let signature = try key.signature(for: bytes)
        try Data(bytes).write(to: manifestURL)
        try Data(signature).write(to: signatureURL)
        let tagManifestURL = bag.appendingPathComponent(BagLayout.tagManifest)
        let tagManifest = try String(contentsOf: tagManifestURL, encoding: .utf8)
            .replacingOccurrences(of: SHA256.hash(Array(before)).hex, with: SHA256.hash(bytes).hex)
            .replacingOccurrences(of: SHA256.hash(Array(signatureBefore)).hex, with: SHA256.hash(signature).hex)
        try Data(tagManifest.utf8).write(to: tagManifestURL)
        return bag
    }

    @Test func aBagSignedAgainUnchangedIsIntact() throws {
        let directory = try TestSupport.temporaryDirectory("format-same")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bag = try Self.resignedGoldenV2(in: directory) { _ in }
        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(report.intact, "\(report.findings)")
    }

    @Test func anUnknownFormatIsNamed() throws {
        let directory = try TestSupport.temporaryDirectory("format-unknown")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bag = try Self.resignedGoldenV2(in: directory) { $0.format = "evidencekit-manifest/3" }
        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(!report.intact)
        #expect(report.findings.contains {
            $0.category == .manifestInvalid && $0.path == BagLayout.manifest
                && $0.message.contains("“evidencekit-manifest/3” is not one this verifier reads")
        }, "\(report.findings)")
    }

    @Test func aSensitiveItemOutsideDataSensitiveIsAFindingInFormat2() throws {
        let directory = try TestSupport.temporaryDirectory("format-sensitive")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bag = try Self.resignedGoldenV2(in: directory) { manifest in
            let index = manifest.items.firstIndex { !$0.sensitive && $0.parentID == nil }!
            manifest.items[index].sensitive = true
            let marked = manifest.items.firstIndex { $0.path.hasPrefix("data/sensitive/") }!
            manifest.items[marked].sensitive = false
        }
        let report = try BundleVerifier().verify(bundleAt: bag)
        let layout = report.findings.filter { $0.category == .manifestInvalid }
        #expect(layout.count == 2, "\(report.findings)")
        #expect(layout.contains { $0.path == "data/0001-IMG_0412.PNG" && $0.message.contains("belongs under data/sensitive/") })
        #expect(layout.contains { $0.path?.hasPrefix("data/sensitive/") == true && $0.message.contains("not marked sensitive") })
    }

    @Test func aFormat2BagWithoutItsSchemasIsAFinding() throws {
        let directory = try TestSupport.temporaryDirectory("format-schemas")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bag = try Self.resignedGoldenV2(in: directory) { manifest in
            manifest.files.removeAll { $0.path == BagLayout.messagesSchema }
        }
        try FileManager.default.removeItem(at: bag.appendingPathComponent(BagLayout.messagesSchema))
        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(report.findings.contains {
            $0.category == .manifestInvalid && $0.path == BagLayout.messagesSchema
                && $0.message.contains("every evidencekit-manifest/2 bundle lists this file")
        }, "\(report.findings)")
    }

    /// The same manifest called format 1 keeps its format-2 paths, which format 1 never forbade: format 1's rules
    /// are the ones it was sealed under, so a schema-less bag with sensitive items in `data/` still verifies.
    @Test func format1HasNoLayoutRules() throws {
        let directory = try TestSupport.temporaryDirectory("format-1")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bag = try Self.resignedGoldenV2(in: directory) { manifest in
            manifest.format = "evidencekit-manifest/1"
            manifest.items[0].sensitive = true
        }
        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(report.intact, "\(report.findings)")
    }

    @Test func theRulesOfEachFormat() {
        #expect(BundleFormat.v2.problem(withItemPath: "data/sensitive/0002-a.jpg", sensitive: true) == nil)
        #expect(BundleFormat.v2.problem(withItemPath: "data/0001-a.png", sensitive: false) == nil)
        #expect(BundleFormat.v2.problem(withItemPath: "data/0002-a.jpg", sensitive: true) != nil)
        #expect(BundleFormat.v2.problem(withItemPath: "data/sensitive/0001-a.png", sensitive: false) != nil)
        #expect(BundleFormat.v2.problem(withItemPath: "data/derived/0001-a.png", sensitive: false) != nil)
        #expect(BundleFormat.v2.problem(withDerivedPath: "data/0005-chat.txt.messages.jsonl") != nil)
        #expect(BundleFormat.v1.problem(withItemPath: "data/0002-a.jpg", sensitive: true) == nil)
        #expect(BundleFormat.v1.requiredSignedFiles.isEmpty)
        #expect(BundleFormat.current == .v2 && EvidenceManifest.formatName == "evidencekit-manifest/2")
    }
}
