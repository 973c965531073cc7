import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// `evidence export`: CSV and CASE/UCO written from a verified bundle's own bytes.
@Suite struct ExportTests {
    /// A case with a chat whose messages hold accents, emoji, line breaks, quotes, commas and formula starts.
    static func sealedChatBundle() throws -> (directory: URL, bundle: URL) {
        let directory = try TestSupport.temporaryDirectory("export")
        let chat = directory.appendingPathComponent("WhatsApp Chat with Zoé.txt")
        try Data("""
        14/02/2026 19:02 - Zoé: Salut Camille, ça va ? 😊
        14/02/2026 19:03 - Camille: Première ligne
        deuxième ligne, avec "guillemets"
        14/02/2026 19:04 - Zoé: =HYPERLINK("http://example.invalid","clic")
        14/02/2026 19:05 - Zoé: -5 € 👩‍👩‍👧

        """.utf8).write(to: chat)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Export « test »",
                                                   timeZone: "Europe/Brussels")
        #expect(try evidenceCase.add([chat], options: AddOptions(note: "+32 note, with comma")).failures.isEmpty)
        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("bundle.zip"),
                                           sealedAt: try #require(RFC3339.parse("2026-03-06T10:00:00+01:00")).instant)
        return (directory, sealed.bundle)
    }

    /// Python's `csv` module reads each file back: one header, one field count, every text intact.
    static func pythonRows(_ file: URL) throws -> [[String: String]] {
        let script = """
        import csv, json, sys
        with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
            rows = list(csv.DictReader(f, strict=True))
        print(json.dumps(rows))
        """
        let result = try TestSupport.tool("python3", ["-c", script, file.path])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode([[String: String]].self, from: Data(result.stdout.utf8))
    }

    @Test func csvRoundTripsThroughPythonWithTextIntactAndFormulasGuarded() throws {
        let (directory, bundle) = try Self.sealedChatBundle()
        let out = directory.appendingPathComponent("csv")
        let result = try TestSupport.evidence(["export", bundle.path, "--format", "csv", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
                == ["README.txt", "items.csv", "messages.csv", "custody.csv"])
        // No temporary folder is left beside the export.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { !$0.contains(".partial-") })

        let raw = try [UInt8](Data(contentsOf: out.appendingPathComponent("messages.csv")))
        #expect(Array(raw.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: raw, as: UTF8.self).contains("\r\n"))

        let messages = try Self.pythonRows(out.appendingPathComponent("messages.csv"))
        #expect(messages.count == 4)
        #expect(messages.allSatisfy { $0["verification"] == "verified intact before export" })
        #expect(messages[0]["text"] == "Salut Camille, ça va ? 😊")
        #expect(messages[0]["author"] == "Zoé")
        #expect(messages[1]["text"] == "Première ligne\ndeuxième ligne, avec \"guillemets\"")
        #expect(messages[1]["line_start"] == "2" && messages[1]["line_end"] == "3")
        // A formula start is prefixed with one apostrophe and named, never changed silently.
        #expect(messages[2]["text"] == "'=HYPERLINK(\"http://example.invalid\",\"clic\")")
        #expect(messages[2]["guarded_columns"] == "text")
        #expect(messages[3]["text"] == "'-5 € 👩‍👩‍👧")
        #expect(messages[0]["guarded_columns"] == "")

        let items = try Self.pythonRows(out.appendingPathComponent("items.csv"))
        let chatItem = try #require(items.first)
        #expect(chatItem["kind"] == "chat")
        #expect(chatItem["note"] == "'+32 note, with comma" && chatItem["guarded_columns"] == "note")
        let manifestItem = try BundleVerifier().open(bundleAt: bundle).read(BagLayout.manifest)
        let manifest = try EvidenceManifest(parsing: manifestItem)
        #expect(chatItem["sha256"] == manifest.items[0].sha256)
        #expect(chatItem["size"] == String(manifest.items[0].size))
        let custody = try Self.pythonRows(out.appendingPathComponent("custody.csv"))
        #expect(custody.first?["action"] == "case-created")
        #expect(custody.contains { $0["action"] == "item-added" })
    }

    @Test func aBundleThatFailsIsRefusedUnlessForcedAndThenEveryFileSaysSo() throws {
        let (directory, bundle) = try Self.sealedChatBundle()
        // Verify the folder form with a payload file changed after sealing.
        let unpacked = directory.appendingPathComponent("unpacked")
        #expect(try TestSupport.tool("unzip", ["-q", bundle.path, "-d", unpacked.path]).status == 0)
        let bag = try #require(try FileManager.default.contentsOfDirectory(at: unpacked, includingPropertiesForKeys: nil).first)
        let note = bag.appendingPathComponent("bag-info.txt")
        try (try Data(contentsOf: note) + Data("Extra: added later\n".utf8)).write(to: note)

        let refused = directory.appendingPathComponent("refused")
        let result = try TestSupport.evidence(["export", bag.path, "--format", "csv", "--out", refused.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("FAILED verification") && result.stderr.contains("bag-info.txt"))
        #expect(!FileManager.default.fileExists(atPath: refused.path))

        let forced = directory.appendingPathComponent("forced")
        let csv = try TestSupport.evidence(["export", bag.path, "--format", "csv", "--out", forced.path, "--force"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let readme = try String(contentsOf: forced.appendingPathComponent("README.txt"), encoding: .utf8)
        #expect(readme.hasPrefix("WARNING — NOT VERIFIED"))
        #expect(readme.contains("bag-info.txt"))
        for name in ["items.csv", "messages.csv", "custody.csv"] {
            let rows = try Self.pythonRows(forced.appendingPathComponent(name))
            #expect(!rows.isEmpty && rows.allSatisfy { $0["verification"]?.hasPrefix("NOT VERIFIED") == true }, "\(name)")
        }
        let caseOut = directory.appendingPathComponent("forced-case")
        #expect(try TestSupport.evidence(["export", bag.path, "--format", "case-uco", "--out", caseOut.path, "--force"]).status == 0)
        let graph = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: caseOut.appendingPathComponent("case.jsonld"))) as? [String: Any])
        let first = try #require((graph["@graph"] as? [[String: Any]])?.first)
        #expect(first["@type"] as? String == "uco-core:Annotation")
        #expect((first["uco-core:statement"] as? [String])?.first?.contains("NOT VERIFIED") == true)
        // An existing output folder is never overwritten.
        #expect(try TestSupport.evidence(["export", bag.path, "--format", "csv", "--out", forced.path, "--force"]).status == 2)
    }

    @Test func caseExportDescribesItemsMessagesAndCustody() throws {
        let (directory, bundle) = try Self.sealedChatBundle()
        let out = directory.appendingPathComponent("case-export")
        #expect(try TestSupport.evidence(["export", bundle.path, "--format", "case-uco", "--out", out.path]).status == 0)
        let graph = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("case.jsonld"))) as? [String: Any])
        let nodes = try #require(graph["@graph"] as? [[String: Any]])
        let types = nodes.compactMap { $0["@type"] as? String }
        #expect(types.filter { $0 == "uco-observable:Message" }.count == 4)
        #expect(types.contains("case-investigation:ProvenanceRecord"))
        #expect(types.filter { $0 == "case-investigation:InvestigativeAction" }.count >= 3)
        let file = try #require(nodes.first { $0["@type"] as? String == "uco-observable:File" })
        let facets = try #require(file["uco-core:hasFacet"] as? [[String: Any]])
        let hash = try #require((facets.first { $0["@type"] as? String == "uco-observable:ContentDataFacet" }?["uco-observable:hash"] as? [[String: Any]])?.first)
        let manifest = try EvidenceManifest(parsing: try BundleVerifier().open(bundleAt: bundle).read(BagLayout.manifest))
        #expect((hash["uco-types:hashValue"] as? [String: Any])?["@value"] as? String == manifest.items[0].sha256.uppercased())
    }

    /// `case_validate` (PyPI case-utils) reads the SampleEvidence export as conforming to CASE.
    @Test func sampleEvidenceExportConformsToCASE() throws {
        guard TestSupport.requireTool("case_validate") else { return }
        let directory = try TestSupport.temporaryDirectory("export-sample")
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"),
                                                   title: "Sextorsion Instagram et WhatsApp — mars 2026 (cas fictif)",
                                                   timeZone: "Europe/Brussels")
        let table = String(decoding: try Data(contentsOf: SampleEvidenceTests.sampleFolder.appendingPathComponent("sample-case.tsv")), as: UTF8.self)
        for line in table.split(separator: "\n") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            _ = try evidenceCase.add([SampleEvidenceTests.sampleFolder.appendingPathComponent(columns[0])],
                                     options: AddOptions(note: columns[2], sensitive: columns[1] == "yes"))
        }
        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("sample.zip"),
                                           sealedAt: try #require(RFC3339.parse("2026-03-06T10:00:00+01:00")).instant)
        let out = directory.appendingPathComponent("case-export")
        #expect(try TestSupport.evidence(["export", sealed.bundle.path, "--format", "case-uco", "--out", out.path]).status == 0)
        let validation = try TestSupport.tool("case_validate", [out.appendingPathComponent("case.jsonld").path])
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        #expect(validation.stdout.contains("Conforms: True"), "\(validation.stdout)")
    }
}
