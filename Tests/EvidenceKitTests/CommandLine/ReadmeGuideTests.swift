import Foundation
import Testing
@testable import EvidenceWorkspace

/// The README's short guide, run as written: the lines between its `short-guide` markers, one by one through a
/// shell, in a fresh home folder that holds the files the guide names. README and test cannot drift apart.
@Suite struct ReadmeGuideTests {
    /// The shell lines of the guide, in order, without blank lines.
    static func guideCommands() throws -> [String] {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- short-guide:"), "README.md has lost its short-guide marker")
        let end = try #require(readme.range(of: "<!-- /short-guide -->", range: start.upperBound..<readme.endIndex))
        let block = readme[start.upperBound..<end.lowerBound]
        let code = try #require(block.range(of: "```sh\n")).upperBound
        let close = try #require(block.range(of: "\n```", range: code..<block.endIndex)).lowerBound
        return block[code..<close].split(separator: "\n").map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// A home folder holding what the guide adds: `~/Downloads/Screenshots`, a WhatsApp zip and chat text, a photo and
    /// a capture, made from the repository's sample evidence and test fixtures.
    static func makeHome(in directory: URL) throws -> URL {
        let home = directory.appendingPathComponent("home")
        let downloads = home.appendingPathComponent("Downloads")
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: downloads.appendingPathComponent("Screenshots"), withIntermediateDirectories: true)
        let screenshots = TestSupport.packageRoot.appendingPathComponent("SampleEvidence/screenshots")
        for name in try fileManager.contentsOfDirectory(atPath: screenshots.path) {
            try fileManager.copyItem(at: screenshots.appendingPathComponent(name),
                                     to: downloads.appendingPathComponent("Screenshots/\(name)"))
        }
        try fileManager.copyItem(at: TestSupport.fixture("Chats/WhatsApp/android-export.zip"),
                                 to: downloads.appendingPathComponent("WhatsApp Chat with X.zip"))
        try fileManager.copyItem(at: TestSupport.packageRoot.appendingPathComponent("SampleEvidence/chats/WhatsApp Chat with Lucas.txt"),
                                 to: downloads.appendingPathComponent("WhatsApp Chat with X.txt"))
        try fileManager.copyItem(at: TestSupport.fixture("Media/photo-iphone.jpg"), to: downloads.appendingPathComponent("photo.jpg"))
        try fileManager.copyItem(at: TestSupport.fixture("Media/plain.png"), to: downloads.appendingPathComponent("capture.png"))
        return home
    }

    @Test func theShortGuideRunsAsWritten() throws {
        let commands = try ReadmeGuideTests.guideCommands()
        #expect(commands.count >= 10, "\(commands)")
        let directory = try TestSupport.temporaryDirectory("readme")
        defer { try? FileManager.default.removeItem(at: directory) }
        let home = try ReadmeGuideTests.makeHome(in: directory)
        let binaries = TestSupport.evidenceBinary.deletingLastPathComponent().path
        let environment = ["HOME": home.path, "PATH": binaries + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                           "EVIDENCE_ACTOR": ""]
        var here = home
        for command in commands {
            // `cd` changes where the next lines run, as it would in the reader's terminal.
            if command.hasPrefix("cd ") {
                here = here.appendingPathComponent(String(command.dropFirst(3))).standardizedFileURL
                #expect(FileManager.default.fileExists(atPath: here.path), "\(command): no such folder")
                continue
            }
            let result = try TestSupport.run(URL(fileURLWithPath: "/bin/bash"), ["-c", command], in: here, environment: environment)
            #expect(result.status == 0, "`\(command)` exited \(result.status): \(result.stderr)")
            #expect(!result.stderr.contains("error"), "`\(command)`: \(result.stderr)")
        }
        // What the guide promises: the bundle and its summary next to the case, intact, with what was added.
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("case-2026-001.zip").path))
        #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("case-2026-001.summary.html").path))
        let items = try EvidenceCase(opening: home.appendingPathComponent("my-case")).items()
        #expect(items.contains { $0.originalName == "photo.jpg" && $0.sensitive })
        #expect(items.contains { $0.originalName == "capture.png" && $0.timestamps.contains { $0.source == .declared } })
        #expect(items.contains { $0.originalName == "WhatsApp Chat with X.zip" && $0.conversation != nil })
        #expect(items.filter { $0.originalPath.hasPrefix("Screenshots/") }.count == 3)
    }

    /// `seal` without `--out` writes `<case id>-<date>.zip` next to the case, the date read in the case's zone;
    /// an `--out` inside the case is refused with the command to type instead, and nothing is written.
    @Test func sealWritesNextToTheCaseAndSaysWhatToTypeInsteadOfWritingInsideIt() throws {
        let directory = try TestSupport.temporaryDirectory("seal-default")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (evidenceCase, _) = try CaseFixtures.makeCase(in: directory)
        let inside = try TestSupport.evidence(["seal", "--out", "case-2026-001.zip"], in: evidenceCase.folder)
        #expect(inside.status == 2)
        #expect(inside.stderr.hasPrefix("error: case-2026-001.zip would be inside the case folder"), "\(inside.stderr)")
        #expect(inside.stderr.contains("evidence seal --out ../case-2026-001.zip"), "\(inside.stderr)")
        #expect(!FileManager.default.fileExists(atPath: evidenceCase.folder.appendingPathComponent("case-2026-001.zip").path))
        // 23:30 UTC is already the next day in Brussels.
        let sealed = try TestSupport.evidence(["seal", "--sealed-at", "2026-03-10T23:30:00Z"], in: evidenceCase.folder)
        #expect(sealed.status == 0, "\(sealed.stderr)")
        let expected = directory.appendingPathComponent("\(evidenceCase.metadata.identifier)-2026-03-11.zip")
        #expect(FileManager.default.fileExists(atPath: expected.path), "\(sealed.stdout)")
        #expect(sealed.stdout.contains(expected.path))
    }
}
