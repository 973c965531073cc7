import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// The sample case, built as `scripts/demo.sh` builds it, for the tests that correct and describe it.
enum SampleCase {
    static let folder = TestSupport.packageRoot.appendingPathComponent("SampleEvidence")

    /// A new case holding the SampleEvidence files with their notes, sensitivity and declared times.
    static func make(in directory: URL) throws -> EvidenceCase {
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Sample",
                                                   timeZone: "Europe/Brussels", actor: "Camille")
        let table = String(decoding: try Data(contentsOf: folder.appendingPathComponent("sample-case.tsv")), as: UTF8.self)
        for line in table.split(separator: "\n") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let declared = columns[3].isEmpty ? nil
                : EvidenceTimestamp.declared(columns[3], field: "--declared-time", zone: evidenceCase.timeZone)
            let report = try evidenceCase.add([folder.appendingPathComponent(columns[0])],
                                              options: AddOptions(note: columns[2], sensitive: columns[1] == "yes",
                                                                  declaredTime: declared))
            precondition(report.failures.isEmpty)
        }
        return evidenceCase
    }

    static func item(named name: String, in evidenceCase: EvidenceCase) throws -> EvidenceItem {
        try #require(try evidenceCase.items().first { $0.originalName == name })
    }

    /// The journal's entries, decoded.
    static func journal(of evidenceCase: EvidenceCase) throws -> [CustodyJournal.Entry] {
        try evidenceCase.custodyJournal().split(separator: UInt8(ascii: "\n")).map {
            try JSONDecoder().decode(CustodyJournal.Entry.self, from: Data($0))
        }
    }

    /// Seals the case, checks the bundle verifies INTACT and returns its manifest.
    static func sealAndVerify(_ evidenceCase: EvidenceCase, in directory: URL,
                              name: String = "bundle.zip") throws -> (SealResult, EvidenceManifest) {
        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent(name),
                                           sealedAt: Instant(unixSeconds: 1_773_133_200), language: "en")
        let report = try BundleVerifier().verify(bundleAt: sealed.bundle)
        #expect(report.intact, "\(report.findings)")
        let manifest = try TestSupport.tool("unzip", ["-p", sealed.bundle.path, "\(sealed.bagFolder)/evidence/manifest.json"])
        return (sealed, try EvidenceManifest(parsing: Array(manifest.stdout.utf8)))
    }

    /// Checks a sealed manifest against Docs/manifest.schema.json with python-jsonschema, when it is installed.
    static func expectValidAgainstSchema(_ bundle: SealResult, in directory: URL) throws {
        guard (try? TestSupport.tool("python3", ["-c", "import jsonschema"]).status) == 0 else {
            if TestSupport.toolsRequired { Issue.record("python jsonschema is not installed; scripts/test.sh installs it") }
            return
        }
        let manifest = directory.appendingPathComponent("manifest-\(UUID().uuidString).json")
        let bytes = try TestSupport.tool("unzip", ["-p", bundle.bundle.path, "\(bundle.bagFolder)/evidence/manifest.json"])
        try Data(bytes.stdout.utf8).write(to: manifest)
        let program = """
            import json, sys, jsonschema
            errors = list(jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))).iter_errors(json.load(open(sys.argv[2]))))
            for e in errors: print(list(e.path), e.message)
            sys.exit(1 if errors else 0)
            """
        let schema = TestSupport.packageRoot.appendingPathComponent("Docs/manifest.schema.json")
        let result = try TestSupport.tool("python3", ["-c", program, schema.path, manifest.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }
}

/// `evidence annotate`: correcting and describing items already in the case, each change journaled.
@Suite struct AnnotateTests {
    @Test func annotateChangesDescribesAndJournalsBeforeAndAfter() throws {
        let directory = try TestSupport.temporaryDirectory("annotate")
        let evidenceCase = try SampleCase.make(in: directory)
        let story = try SampleCase.item(named: "Screenshot_20260303-214512_Instagram.jpg", in: evidenceCase)
        #expect(story.sensitive)
        let journalBefore = try SampleCase.journal(of: evidenceCase).count

        let result = try TestSupport.evidence([
            "annotate", "\(story.id)", "--case", evidenceCase.folder.path, "--not-sensitive",
            "--url", "https://www.instagram.com/stories/lucas.vdb_fake/1", "--platform", "Instagram",
            "--account", "@lucas.vdb_fake", "--description", "Story publique montrant la photo",
            "--note", "vue par une amie", "--declared-time", "2026-03-03T21:45",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("#\(story.id)  Screenshot_20260303-214512_Instagram.jpg: note added; declared time "
            + "recorded; marked not sensitive; URL recorded; platform recorded; account recorded; description recorded"),
                "\(result.stdout)")

        let annotated = try SampleCase.item(named: story.originalName, in: evidenceCase)
        #expect(!annotated.sensitive)
        #expect(annotated.sourceURL == "https://www.instagram.com/stories/lucas.vdb_fake/1")
        #expect(annotated.platform == "Instagram")
        #expect(annotated.account == "@lucas.vdb_fake")
        #expect(annotated.description == "Story publique montrant la photo")
        #expect(annotated.note == "\(story.note ?? "")\nvue par une amie")
        #expect(annotated.timestamps.filter { $0.source == .declared }.map(\.value) == ["2026-03-03T21:45:00+01:00"])

        let journal = try SampleCase.journal(of: evidenceCase)
        #expect(journal.count == journalBefore + 1)
        let entry = try #require(journal.last)
        #expect(entry.action == "item-annotated")
        #expect(entry.actor == "Camille")
        #expect(entry.details["item"] == String(story.id))
        #expect(entry.details["before.sensitive"] == "true")
        #expect(entry.details["after.sensitive"] == "false")
        #expect(entry.details["before.platform"] == "")
        #expect(entry.details["after.platform"] == "Instagram")
        #expect(entry.details["after.declaredTime"] == "2026-03-03T21:45:00+01:00")
        #expect(entry.details["before.note"] == story.note)
        #expect(entry.details["after.description"] == "Story publique montrant la photo")

        // Saying it again changes nothing and journals nothing.
        let again = try TestSupport.evidence(["annotate", "#\(story.id)", "--case", evidenceCase.folder.path,
                                              "--platform", "Instagram", "--not-sensitive"])
        #expect(again.stdout.contains("unchanged (it already said that)"))
        #expect(try SampleCase.journal(of: evidenceCase).count == journalBefore + 1)

        let (sealed, manifest) = try SampleCase.sealAndVerify(evidenceCase, in: directory)
        let sealedItem = try #require(manifest.items.first { $0.id == story.id })
        #expect(sealedItem.sourceURL == annotated.sourceURL)
        #expect(sealedItem.platform == "Instagram")
        #expect(sealedItem.account == "@lucas.vdb_fake")
        #expect(sealedItem.description == "Story publique montrant la photo")
        #expect(!sealedItem.sensitive)
        // Items nobody described carry none of the new keys.
        let manifestText = try TestSupport.tool("unzip", ["-p", sealed.bundle.path, "\(sealed.bagFolder)/evidence/manifest.json"]).stdout
        #expect(manifest.items.filter { $0.platform != nil || $0.account != nil || $0.description != nil }.count == 1)
        #expect(manifestText.components(separatedBy: "\"sourceURL\"").count == 2)
        try SampleCase.expectValidAgainstSchema(sealed, in: directory)
    }

    @Test func annotateRefusesUnknownItemsAndEmptyRequests() throws {
        let directory = try TestSupport.temporaryDirectory("annotate-refusals")
        let evidenceCase = try SampleCase.make(in: directory)
        let journalBefore = try evidenceCase.custodyJournal()
        let unknown = try TestSupport.evidence(["annotate", "1", "99", "--case", evidenceCase.folder.path, "--sensitive"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no item #99"))
        let nothing = try TestSupport.evidence(["annotate", "1", "--case", evidenceCase.folder.path])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("Nothing to change"))
        let both = try TestSupport.evidence(["annotate", "1", "--case", evidenceCase.folder.path, "--sensitive", "--not-sensitive"])
        #expect(both.status == 2)
        // Item 1 was not marked even though it came before the unknown item: all or nothing.
        #expect(try evidenceCase.custodyJournal() == journalBefore)
        #expect(try evidenceCase.items().first?.sensitive == false)
    }

    @Test func describingFieldsCanBeSetAtAdd() throws {
        let directory = try TestSupport.temporaryDirectory("describe-at-add")
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "T",
                                                   timeZone: "Europe/Brussels")
        let result = try TestSupport.evidence([
            "add", SampleCase.folder.appendingPathComponent("screenshots/IMG_0412.PNG").path, "--case",
            evidenceCase.folder.path, "--url", "https://instagram.com/direct/t/1", "--platform", "Instagram",
            "--account", "@lucas.vdb_fake", "--description", "Menaces",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let item = try #require(try evidenceCase.items().first)
        #expect(item.sourceURL == "https://instagram.com/direct/t/1")
        #expect(item.platform == "Instagram")
        #expect(item.account == "@lucas.vdb_fake")
        #expect(item.description == "Menaces")
        let (_, manifest) = try SampleCase.sealAndVerify(evidenceCase, in: directory)
        #expect(manifest.items.first?.account == "@lucas.vdb_fake")
    }
}

/// Adding content the case already holds says what it did to the item, option by option.
@Suite struct ReAddTests {
    static let screenshot = SampleCase.folder.appendingPathComponent("screenshots/IMG_0412.PNG").path

    @Test(arguments: [
        (["--note", "relu le 6 mars"], "note added", "note"),
        (["--declared-time", "2026-03-03T21:30"], "declared time recorded", "declaredTime"),
        (["--sensitive"], "marked sensitive", "sensitive"),
        (["--minor-at-time"], "marked minor at the time", "minorAtTime"),
        (["--url", "https://instagram.com/direct/t/1"], "URL recorded", "sourceURL"),
        (["--platform", "Instagram"], "platform recorded", "platform"),
        (["--account", "@lucas.vdb_fake"], "account recorded", "account"),
        (["--description", "Menaces"], "description recorded", "description"),
    ])
    func reAddingSaysWhatItChanged(options: [String], said: String, field: String) throws {
        let directory = try TestSupport.temporaryDirectory("re-add")
        let evidenceCase = try SampleCase.make(in: directory)
        let before = try SampleCase.item(named: "IMG_0412.PNG", in: evidenceCase)
        let result = try TestSupport.evidence(["add", Self.screenshot, "--case", evidenceCase.folder.path] + options)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("duplicate \(Self.screenshot): same content as #\(before.id) (IMG_0412.PNG); "
                                       + "not stored twice; \(said)\n"), "\(result.stdout)")
        let entry = try #require(try SampleCase.journal(of: evidenceCase).last)
        #expect(entry.action == "item-annotated")
        #expect(entry.details["item"] == String(before.id))
        #expect(entry.details["after.\(field)"] != nil)
        #expect(entry.details["before.\(field)"] != nil)
        #expect(entry.details.keys.filter { $0.hasPrefix("after.") }.count == 1)
        let after = try SampleCase.item(named: "IMG_0412.PNG", in: evidenceCase)
        #expect(after != before)
        if field == "declaredTime" {
            #expect(after.timestamps.contains { $0.source == .declared && $0.value == "2026-03-03T21:30:00+01:00" })
            // The XMP time read from the picture stays the best; the declared one is kept beside it.
            #expect(after.best == before.best)
        }
        _ = try SampleCase.sealAndVerify(evidenceCase, in: directory)
    }

    @Test func reAddingWithNothingNewChangesNothing() throws {
        let directory = try TestSupport.temporaryDirectory("re-add-plain")
        let evidenceCase = try SampleCase.make(in: directory)
        let before = try SampleCase.item(named: "IMG_0412.PNG", in: evidenceCase)
        let result = try TestSupport.evidence(["add", Self.screenshot, "--case", evidenceCase.folder.path])
        #expect(result.stdout.contains("same content as #\(before.id) (IMG_0412.PNG); not stored twice\n"))
        #expect(try SampleCase.journal(of: evidenceCase).last?.action == "duplicate-seen")
        #expect(try SampleCase.item(named: "IMG_0412.PNG", in: evidenceCase) == before)
    }

    @Test func declaredTimeGivesAnUndatedPictureItsBestTime() throws {
        let directory = try TestSupport.temporaryDirectory("re-add-undated")
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "T",
                                                   timeZone: "Europe/Brussels")
        let photo = SampleCase.folder.appendingPathComponent("sensitive/placeholder-image-sensible.png")
        _ = try evidenceCase.add([photo])
        let before = try #require(try evidenceCase.items().first)
        #expect(before.warnings.contains { $0.code == .noDate })
        let result = try TestSupport.evidence(["add", photo.path, "--case", evidenceCase.folder.path,
                                               "--declared-time", "2026-03-03T21:47"])
        #expect(result.stdout.contains("declared time recorded"))
        let after = try #require(try evidenceCase.items().first)
        #expect(after.best?.source == .declared)
        #expect(after.best?.value == "2026-03-03T21:47:00+01:00")
        #expect(after.best?.zoneName == "Europe/Brussels")
        #expect(!after.warnings.contains { $0.code == .noDate })
    }
}
