import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceWorkspace

/// A mailbox of thousands of messages: one flush for all its messages, every message an item, a progress line.
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
    }
}
