import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceWorkspace

/// A mailbox of thousands of messages: one flush for all its messages, every message an item, a progress line,
/// and a warning once a case holds more than a bundle may.
/// `scripts/bench-mbox.sh` measures 200,000 messages in a release build.
@Suite struct MailboxAtScaleTests {
    static func mailbox(messages: Int) -> String {
        (0..<messages).map { number in
            "From sender@example.com Mon Mar  3 21:40:00 2026\nFrom: Sender <sender@example.com>\n"
                + "To: victim@example.com\nSubject: message \(number)\n"
                + "Date: Tue, 3 Mar 2026 21:\(String(format: "%02d", number % 60)):00 +0100\n"
                + "Message-ID: <\(number)@example.com>\n\nBody of message \(number).\n\n"
        }.joined()
    }

    @Test func everyMessageIsRecordedWithAProgressLine() throws {
        let directory = try TestSupport.temporaryDirectory("mbox-scale")
        let mbox = directory.appendingPathComponent("inbox.mbox")
        try Data(Self.mailbox(messages: 3000).utf8).write(to: mbox)
        let caseFolder = directory.appendingPathComponent("case")
        _ = try EvidenceCase.create(at: caseFolder, title: "Mail", timeZone: "Europe/Brussels")

        let add = try TestSupport.evidence(["add", "--case", caseFolder.path, mbox.path])
        #expect(add.status == 0, "\(add.stderr)")
        // Not a terminal here: plain lines, the last one saying every message is in.
        #expect(add.stderr.contains("inbox.mbox: 3000 of 3000 carried files recorded\n"))
        #expect(!add.stderr.contains("\r"))
        let items = try EvidenceCase(opening: caseFolder).items()
        #expect(items.count == 3001)
        #expect(items.filter { $0.parentID == 1 }.count == 3000)
        #expect(try EvidenceCase(opening: caseFolder).integrityProblems().isEmpty)
        let staging = caseFolder.appendingPathComponent("staging").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: staging).isEmpty)
        // Within what a bundle may hold: no warning.
        #expect(!add.stderr.contains("can no longer be sealed"))
        #expect(try EvidenceCase(opening: caseFolder).bundleLimitProblems().isEmpty)
    }

    @Test func addSaysWhenACaseOutgrowsWhatABundleMayHold() throws {
        let directory = try TestSupport.temporaryDirectory("mbox-limits")
        let mbox = directory.appendingPathComponent("inbox.mbox")
        try Data(Self.mailbox(messages: 40).utf8).write(to: mbox)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Mail",
                                                   timeZone: "Europe/Brussels")
        _ = try evidenceCase.add([mbox])
        // 41 items and their journal against limits small enough to cross: each limit named with its figures.
        let problems = try evidenceCase.bundleLimitProblems(maximumEntries: 100, maximumJournalBytes: 10_000,
                                                            maximumManifestBytes: 20_000)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.hasPrefix("its custody journal is ") && $0.hasSuffix("more than the 10000 a verifier reads") })
        #expect(problems.contains { $0.hasPrefix("its manifest would be about ") })
        let crowded = try evidenceCase.bundleLimitProblems(maximumEntries: 40)
        #expect(crowded == ["it holds 41 items, and a bundle may hold at most 40 files"])
    }
}
