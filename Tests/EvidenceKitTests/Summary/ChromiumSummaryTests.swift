import Foundation
import Testing

/// The summary as a reader gets it: the SampleEvidence case sealed with the `evidence` binary, unzipped with `unzip`,
/// and opened from `file://` in real headless Chromium by `scripts/chromium-summary-check.py`
/// (see Docs/summary-checks.md).
///
/// Skipped, with the reason shown, only when Chromium is missing on a developer's machine; under CI and
/// `scripts/test.sh` a missing Chromium is a failure (`scripts/setup.sh` installs it).
@Suite(.enabled(if: TestSupport.hasTool("chromium") || TestSupport.toolsRequired,
                "Chromium is not installed (apt-get install chromium; scripts/test.sh installs it)"),
       .timeLimit(.minutes(5)))
struct ChromiumSummaryTests {
    /// Images the SampleEvidence summary shows: its four non-sensitive images (IMG_0412.PNG, IMG-20260303-WA0007.jpg,
    /// the Mac capture and the e-mail's contacts.png) in the images section, and the WhatsApp photo once more inline
    /// in its conversation; a summary that silently drops an image fails.
    static let imagesTheSummaryShows = 5

    /// A4 pages the SampleEvidence summary prints to: every section starts a page (cover, timeline, conversations,
    /// e-mails, images, item table, how to verify, help), and the longer ones run over; a layout change that breaks
    /// page breaks or lets a section overflow changes the count.
    static let printedPagesTheLayoutIntends = 13

    /// The widest the page may be at phone width without the reader scrolling sideways.
    static let phoneWidth = 390

    @Test func sampleSummaryRendersInChromiumWithoutRequestsOrSensitiveReferences() throws {
        guard TestSupport.requireTool("chromium"), TestSupport.requireTool("unzip") else { return }
        let directory = try TestSupport.temporaryDirectory("chromium-summary")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bundle = try Self.sealSampleEvidence(in: directory)
        let unpacked = directory.appendingPathComponent("unpacked")
        let unzip = try TestSupport.tool("unzip", ["-q", bundle.path, "-d", unpacked.path])
        try #require(unzip.status == 0, "unzip: \(unzip.stderr)")

        let outputs = directory.appendingPathComponent("chromium")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        let report = try Self.check(unpacked, outputs: outputs)

        // Nothing but the bag's own files: no network, no file outside the bag.
        #expect(!report.requests.isEmpty, "the summary itself must show up as a file: request")
        for request in report.requests {
            #expect(request.scheme == "file" && request.problem == nil, "\(request.url): \(request.problem ?? "")")
        }
        // Every image the summary shows is a file of the bag that loads.
        for image in report.images {
            #expect(image.loaded, "image did not load: \(image.src ?? "(no src)")")
        }
        #expect(report.images.count == Self.imagesTheSummaryShows)
        // SampleEvidence has two sensitive items: the check must have had something to look for.
        #expect(report.sensitiveReferencesChecked.count >= 2)
        #expect(report.sensitiveReferencesFound.isEmpty, "\(report.sensitiveReferencesFound)")
        #expect(report.phoneScrollWidth <= Self.phoneWidth)

        let pdf = try #require(report.pdf)
        #expect(pdf.pages >= 1)
        #expect(pdf.pages == Self.printedPagesTheLayoutIntends)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf.path)).starts(with: Array("%PDF-".utf8)))
        for screenshot in [report.desktopScreenshot, report.phoneScreenshot] {
            let path = try #require(screenshot?.path)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }

    /// The harness itself: a hand-made bag whose summary does everything wrong must have every fault reported,
    /// so a clean report on the real summary means something.
    @Test func harnessReportsEveryKindOfFault() throws {
        guard TestSupport.requireTool("chromium") else { return }
        let directory = try TestSupport.temporaryDirectory("chromium-harness")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bag = directory.appendingPathComponent("bag")
        let manager = FileManager.default
        try manager.createDirectory(at: bag.appendingPathComponent("evidence"), withIntermediateDirectories: true)
        try manager.createDirectory(at: bag.appendingPathComponent("data/sensitive"), withIntermediateDirectories: true)
        try Data("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8).write(to: bag.appendingPathComponent("bagit.txt"))
        let png = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("SampleEvidence/screenshots/IMG_0412.PNG"))
        try png.write(to: bag.appendingPathComponent("data/0001-shown.png"))
        try png.write(to: bag.appendingPathComponent("data/sensitive/0002-secret photo.png"))
        try png.write(to: directory.appendingPathComponent("outside.png"))
        try Data("""
            {"items":[{"id":1,"path":"data/0001-shown.png","sensitive":false},
                      {"id":2,"path":"data/sensitive/0002-secret photo.png","sensitive":true}]}
            """.utf8).write(to: bag.appendingPathComponent("evidence/manifest.json"))
        // 127.0.0.1:9 (discard) refuses at once: the request is made, and seen, without leaving the machine.
        try Data("""
            <!doctype html><html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>t</title></head><body>
            <div style="width: 1000px">too wide for a phone</div>
            <img src="data/0001-shown.png" alt="shown">
            <img src="data/0009-missing.png" alt="missing">
            <img src="http://127.0.0.1:9/tracker.png" alt="remote">
            <img src="../outside.png" alt="outside">
            <a href="data/sensitive/0002-secret%20photo.png">sensitive</a>
            </body></html>
            """.utf8).write(to: bag.appendingPathComponent("summary.html"))

        let report = try Self.check(directory, outputs: nil)
        #expect(report.requests.contains { $0.scheme == "http" && $0.problem != nil })
        #expect(report.requests.contains { $0.url.hasSuffix("/outside.png") && $0.problem?.contains("outside the bag") == true })
        #expect(report.images.filter(\.loaded).map(\.src) == ["data/0001-shown.png", "../outside.png"])
        #expect(report.sensitiveReferencesFound.contains("data/sensitive/0002-secret%20photo.png"))
        #expect(report.sensitiveReferencesFound.contains("data/sensitive/"))
        #expect(report.phoneScrollWidth > Self.phoneWidth)
        #expect(!report.ok)
    }

    // MARK: - Helpers

    /// Seals SampleEvidence as `scripts/demo.sh` does, with the `evidence` binary, at the current time: a fixed sealing
/// time would fall before the acquisitions, a bundle nobody hands over (`seal` warns about it).
    static func sealSampleEvidence(in directory: URL) throws -> URL {
        let samples = TestSupport.packageRoot.appendingPathComponent("SampleEvidence")
        let caseFolder = directory.appendingPathComponent("sample-case").path
        let created = try TestSupport.evidence(["init", caseFolder, "--title", "Sextorsion Instagram et WhatsApp — mars 2026 (cas fictif)",
                                                "--timezone", "Europe/Brussels", "--id", "sample-case-2026-001"])
        try #require(created.status == 0, "init: \(created.stderr)")
        let table = try String(contentsOf: samples.appendingPathComponent("sample-case.tsv"), encoding: .utf8)
        for line in table.split(separator: "\n") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(columns.count == 4, "sample-case.tsv: \(line)")
            var arguments = ["add", "--case", caseFolder, samples.appendingPathComponent(columns[0]).path, "--note", columns[2]]
            if columns[1] == "yes" { arguments.append("--sensitive") }
            if !columns[3].isEmpty { arguments += ["--declared-time", columns[3]] }
            let added = try TestSupport.evidence(arguments)
            try #require(added.status == 0, "add \(columns[0]): \(added.stderr)")
        }
        let bundle = directory.appendingPathComponent("sample-case-2026-001.zip")
        let sealed = try TestSupport.evidence(["seal", "--case", caseFolder, "--out", bundle.path])
        try #require(sealed.status == 0, "seal: \(sealed.stderr)")
        return bundle
    }

    /// Runs the harness on a folder holding one bag; `outputs` receives the screenshots and the PDF.
    static func check(_ folder: URL, outputs: URL?) throws -> ChromiumReport {
        var arguments = [TestSupport.packageRoot.appendingPathComponent("scripts/chromium-summary-check.py").path, folder.path]
        if let outputs {
            arguments += ["--desktop-png", outputs.appendingPathComponent("desktop.png").path,
                          "--phone-png", outputs.appendingPathComponent("phone.png").path,
                          "--pdf", outputs.appendingPathComponent("summary.pdf").path]
        }
        let result = try TestSupport.tool("python3", arguments)
        // 0: nothing wrong, 1: faults listed in the report; 2 means the check itself could not run.
        try #require(result.status == 0 || result.status == 1, "chromium-summary-check.py: \(result.stderr)")
        return try JSONDecoder().decode(ChromiumReport.self, from: Data(result.stdout.utf8))
    }
}

/// The parts of `scripts/chromium-summary-check.py`'s JSON report these tests read.
struct ChromiumReport: Decodable {
    struct Request: Decodable {
        var url: String
        var scheme: String
        var problem: String?
    }

    struct Image: Decodable {
        var src: String?
        var loaded: Bool
    }

    struct Screenshot: Decodable {
        var path: String
    }

    struct PDF: Decodable {
        var path: String
        var pages: Int
    }

    var requests: [Request]
    var images: [Image]
    var sensitiveReferencesChecked: [String]
    var sensitiveReferencesFound: [String]
    var phoneScrollWidth: Int
    var desktopScreenshot: Screenshot?
    var phoneScreenshot: Screenshot?
    var pdf: PDF?
    var ok: Bool
}
