import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// The bundled sample case, added as `scripts/demo.sh` adds it, sealed, and checked with stock tools.
@Suite struct SampleEvidenceTests {
    static let sampleFolder = TestSupport.packageRoot.appendingPathComponent("SampleEvidence")

    @Test func sampleCaseSealsAndValidatesWithStockTools() throws {
        let directory = try TestSupport.temporaryDirectory("sample")
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("sample-case-2026-001"),
                                                   title: "Sextorsion Instagram et WhatsApp — mars 2026 (cas fictif)",
                                                   timeZone: "Europe/Brussels")
        let table = String(decoding: try Data(contentsOf: Self.sampleFolder.appendingPathComponent("sample-case.tsv")), as: UTF8.self)
        for line in table.split(separator: "\n") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(columns.count == 4, "sample-case.tsv: \(line)")
            var declared: EvidenceTimestamp?
            if !columns[3].isEmpty {
                let parsed = try #require(RFC3339.parse(columns[3]))
                declared = EvidenceTimestamp.embedded(parsed.local, offsetSeconds: parsed.offsetSeconds, source: .declared,
                                                      field: "--declared-time", role: .capture, precision: parsed.precision)
            }
            let report = try evidenceCase.add([Self.sampleFolder.appendingPathComponent(columns[0])],
                                              options: AddOptions(note: columns[2], sensitive: columns[1] == "yes", declaredTime: declared))
            #expect(report.failures.isEmpty)
        }
        let items = try evidenceCase.items()
        let byName = Dictionary(uniqueKeysWithValues: items.map { ($0.originalName, $0) })
        #expect(byName["IMG_0412.PNG"]?.best?.value == "2026-03-03T21:32:07+01:00")
        #expect(byName["IMG_0412.PNG"]?.best?.source == .xmp)
        #expect(byName["IMG_0412.PNG"]?.kind == .screenshot)
        #expect(byName["placeholder-image-sensible.png"]?.sensitive == true)
        // Every still image has its PDQ hash, sensitive ones too: the hash is not the image.
        #expect(byName["IMG_0412.PNG"].flatMap { $0.pdq.flatMap(PDQHash.init(hex:)) } != nil)
        #expect(byName["IMG_0412.PNG"]?.pdqQuality != nil)
        #expect(byName["placeholder-image-sensible.png"].flatMap { $0.pdq.flatMap(PDQHash.init(hex:)) } != nil)
        #expect(byName["IMG-20260303-WA0007.jpg"]?.pdq != nil)
        #expect(byName["WhatsApp Chat with Lucas.txt"]?.kind == .chat)
        #expect(byName["WhatsApp Chat with Lucas.txt"]?.conversation?.attachmentItems["IMG-20260303-WA0007.jpg"] == byName["IMG-20260303-WA0007.jpg"]?.id)
        #expect(byName["Dernière chance.eml"]?.kind == .email)
        #expect(byName["Dernière chance.eml"]?.best?.value == "2026-03-05T19:03:27+01:00")

        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("sample-case-2026-001.zip"),
                                           sealedAt: try #require(RFC3339.parse("2026-03-06T10:00:00+01:00")).instant)
        let report = try BundleVerifier().verify(bundleAt: sealed.bundle)
        #expect(report.intact, "\(report.findings)")

        let unpacked = directory.appendingPathComponent("unpacked")
        #expect(try TestSupport.tool("unzip", ["-q", sealed.bundle.path, "-d", unpacked.path]).status == 0)
        let bag = unpacked.appendingPathComponent(sealed.bagFolder)
        // Format 2: the two sensitive items, and only they, sit apart under data/sensitive/.
        let sensitiveFolder = try FileManager.default.contentsOfDirectory(atPath: bag.appendingPathComponent("data/sensitive").path)
        #expect(sensitiveFolder.sorted() == items.filter(\.sensitive).map {
            BagNaming.numberedName(itemID: $0.id, originalName: $0.originalName)
        }.sorted())
        #expect(sensitiveFolder.count == 2)
        #expect(FileManager.default.fileExists(atPath: bag.appendingPathComponent(BagLayout.manifestSchema).path))
        #expect(try TestSupport.tool("sha256sum", ["-c", "--strict", "--quiet", "manifest-sha256.txt"], in: bag).status == 0)
        #expect(try TestSupport.tool("sha256sum", ["-c", "--strict", "--quiet", "tagmanifest-sha256.txt"], in: bag).status == 0)
        let openssl = try TestSupport.tool("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "evidence/signer.pub.pem", "-rawin",
                                                       "-in", "evidence/manifest.json", "-sigfile", "evidence/manifest.json.sig"], in: bag)
        #expect(openssl.stdout.contains("Signature Verified Successfully"))
        if TestSupport.requireTool("bagit.py") {
            let bagit = try TestSupport.tool("bagit.py", ["--validate", bag.path])
            #expect(bagit.status == 0, "\(bagit.stderr)")
        }
        // The originals in the repository are untouched: the bag holds them byte for byte.
        for item in items where item.parentID == nil {
            let original = try SHA256.hash(fileAt: item.sourcePath ?? item.originalPath)
            #expect(original.digest.hex == item.sha256)
        }
    }
}
