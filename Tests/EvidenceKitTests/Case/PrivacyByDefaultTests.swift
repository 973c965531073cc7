@testable import EvidenceModel
@testable import EvidenceFormat
@testable import EvidenceWorkspace
import Foundation
import Testing

/// A bundle sealed with the defaults carries neither the computer's folders nor its account name (issue 11).
@Suite struct PrivacyByDefaultTests {
    /// The account running the tests, as the system names it.
    private static var accountName: String {
        ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
    }

    /// Originals in a folder that looks like a home folder (`…/home/<account>/Downloads/Instagram`), added,
    /// sealed through the CLI with every default, then every file of the unzipped bag searched.
    @Test func aBundleSealedWithTheDefaultsNamesNoFolderOfTheComputerAndNoAccount() throws {
        guard TestSupport.requireTool("unzip") else { return }
        let directory = try TestSupport.temporaryDirectory("privacy")
        defer { try? FileManager.default.removeItem(at: directory) }
        let account = PrivacyByDefaultTests.accountName
        let home = directory.appendingPathComponent("home/\(account)")
        let originals = home.appendingPathComponent("Downloads/Instagram")
        try FileManager.default.createDirectory(at: originals.appendingPathComponent("DM"), withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 64))
            .write(to: originals.appendingPathComponent("Screenshot_20260303-214512.png"))
        try Data("Tu as jusqu'à vendredi.\n".utf8).write(to: originals.appendingPathComponent("DM/message.txt"))
        let single = home.appendingPathComponent("Pictures/photo.bin")
        try FileManager.default.createDirectory(at: single.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data((0..<500).map { UInt8(truncatingIfNeeded: $0 &* 13) }).write(to: single)

        let environment = ["EVIDENCE_ACTOR": ""]
        let casePath = home.appendingPathComponent("my-case").path
        let created = try TestSupport.evidence(["init", casePath, "--title", "Privé", "--timezone", "Europe/Brussels"],
                                               environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        // Given as a relative path from the home folder and as an absolute one.
        let added = try TestSupport.evidence(["add", "--case", casePath, "Downloads/Instagram", single.path],
                                             in: home, environment: environment)
        #expect(added.status == 0, "\(added.stderr)")
        // The same content again, from elsewhere: the journal's duplicate sighting is private too.
        try FileManager.default.copyItem(at: single, to: home.appendingPathComponent("copy.bin"))
        let again = try TestSupport.evidence(["add", "--case", casePath, home.appendingPathComponent("copy.bin").path],
                                             environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        let bundle = directory.appendingPathComponent("bundle.zip")
        let sealed = try TestSupport.evidence(["seal", "--case", casePath, "--out", bundle.path], environment: environment)
        #expect(sealed.status == 0, "\(sealed.stderr)")

        let unzipped = directory.appendingPathComponent("unzipped")
        #expect(try TestSupport.tool("unzip", ["-q", bundle.path, "-d", unzipped.path]).status == 0)
        let forbidden = [directory.path, home.path, originals.path, FileManager.default.temporaryDirectory.path,
                         NSHomeDirectory(), "\"actor\":\"\(account)\"", "/\(account)/"]
        var searched: [String] = []
        let files = FileManager.default.enumerator(at: unzipped, includingPropertiesForKeys: nil)!
        for case let file as URL in files where !file.hasDirectoryPath {
            let relative = String(file.path.dropFirst(unzipped.path.count))
            searched.append(relative)
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            for needle in forbidden where needle != "/" {
                #expect(!text.contains(needle), "\(relative) contains \(needle)")
                #expect(!relative.contains(needle), "the bag's file name \(relative) contains \(needle)")
            }
            // An account named like a common word (`root`) cannot be searched for alone; any other can.
            if account.count >= 5 { #expect(!text.contains(account), "\(relative) contains the account name \(account)") }
        }
        #expect(searched.contains { $0.hasSuffix("/evidence/manifest.json") })
        #expect(searched.contains { $0.hasSuffix("/evidence/custody.jsonl") })

        // What is recorded instead: the path below what was given to `add`, and a neutral actor.
        let manifestURL = try #require(FileManager.default.enumerator(at: unzipped, includingPropertiesForKeys: nil)?
            .allObjects.compactMap { $0 as? URL }.first { $0.lastPathComponent == "manifest.json" })
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        let recorded = (manifest["items"] as? [[String: Any]] ?? []).compactMap { $0["originalPath"] as? String }
        #expect(Set(recorded) == ["Instagram/DM/message.txt", "Instagram/Screenshot_20260303-214512.png", "photo.bin"])
        let journal = String(decoding: try EvidenceCase(opening: URL(fileURLWithPath: casePath)).custodyJournal(), as: UTF8.self)
        #expect(journal.contains("\"actor\":\"\(CaseMetadata.unnamedActor)\""))
        #expect(journal.contains("\"originalPath\":\"copy.bin\""))
    }

    @Test func theNameGivenAtInitActsAndFullPathsAreRecordedOnlyWhenAsked() throws {
        let directory = try TestSupport.temporaryDirectory("privacy-named")
        defer { try? FileManager.default.removeItem(at: directory) }
        let originals = directory.appendingPathComponent("originals")
        try FileManager.default.createDirectory(at: originals, withIntermediateDirectories: true)
        try Data("bonjour\n".utf8).write(to: originals.appendingPathComponent("a.txt"))
        let casePath = directory.appendingPathComponent("case").path
        let created = try TestSupport.evidence(["init", casePath, "--title", "T", "--timezone", "UTC",
                                                "--by", "Camille Martin", "--record-full-paths"],
                                               environment: ["EVIDENCE_ACTOR": ""])
        #expect(created.status == 0, "\(created.stderr)")
        let metadata = String(decoding: try Data(contentsOf: URL(fileURLWithPath: casePath + "/case.json")), as: UTF8.self)
        #expect(metadata.contains("\"recordsFullPaths\" : true"))
        #expect(metadata.contains("\"actor\" : \"Camille Martin\""))
        #expect(try TestSupport.evidence(["add", "--case", casePath, originals.path],
                                         environment: ["EVIDENCE_ACTOR": ""]).status == 0)
        // Someone helping (a lawyer's assistant) names themselves for one command.
        #expect(try TestSupport.evidence(["add", "--case", casePath, originals.path],
                                         environment: ["EVIDENCE_ACTOR": "Maître Dupont"]).status == 0)
        let evidenceCase = try EvidenceCase(opening: URL(fileURLWithPath: casePath))
        #expect(try evidenceCase.items().map(\.originalPath) == [originals.appendingPathComponent("a.txt").path])
        let journal = String(decoding: try evidenceCase.custodyJournal(), as: UTF8.self)
        #expect(journal.contains("\"action\":\"case-created\",\"actor\":\"Camille Martin\""))
        #expect(journal.contains("\"action\":\"item-added\",\"actor\":\"Camille Martin\""))
        #expect(journal.contains("\"action\":\"duplicate-seen\",\"actor\":\"Maître Dupont\""))
    }

    @Test func aCaseWithoutTheNewFieldsKeepsItsMetadataBytes() throws {
        let metadata = CaseMetadata(identifier: "c", title: "t", timeZone: "UTC", createdAt: Instant(unixSeconds: 0))
        let json = String(decoding: try JSONEncoder.evidenceKit(prettyPrinted: false).encode(metadata), as: UTF8.self)
        #expect(!json.contains("actor") && !json.contains("recordsFullPaths"))
    }

    @Test(arguments: [
        ("/home/camille/Downloads/Chat/a.jpg", "/home/camille/Downloads", "Chat/a.jpg"),
        ("/home/camille/Downloads/a.jpg", "/home/camille/Downloads", "a.jpg"),
        ("/a.jpg", "/", "a.jpg"),
    ])
    func recordedPathsStartAtWhatWasGiven(path: String, base: String, recorded: String) {
        #expect(AddPlan.recordedPath(path, below: base) == recorded)
    }
}
