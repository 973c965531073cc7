import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace

/// A mailbox of thousands of messages: one item whose derived lines hold every message, warnings kept to a few,
/// and a warning once a case holds more than a bundle may. `scripts/bench-mbox.sh` measures 200,000 messages.
@Suite struct MailboxAtScaleTests {
    static func mailbox(messages: Int, attachment: Bool = false) -> String {
        (0..<messages).map { number in
            let head = "From sender@example.com Mon Mar  3 21:40:00 2026\nFrom: Sender <sender@example.com>\n"
                + "To: victim@example.com\nSubject: message \(number)\n"
                + "Date: Tue, 3 Mar 2026 21:\(String(format: "%02d", number % 60)):00 +0100\n"
                + "Message-ID: <\(number)@example.com>\n"
            guard attachment else { return head + "\nBody of message \(number).\n\n" }
            return head + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\n"
                + "Content-Type: text/plain\n\nBody of message \(number).\n--b\n"
                + "Content-Type: text/plain; name=\"note.txt\"\nContent-Disposition: attachment; filename=\"note.txt\"\n\n"
                + "Attachment of message \(number).\n--b--\n\n"
        }.joined()
    }

    @Test func everyMessageIsReadAndTheMailboxStaysOneItem() throws {
        let directory = try TestSupport.temporaryDirectory("mbox-scale")
        let mbox = directory.appendingPathComponent("inbox.mbox")
        try Data(Self.mailbox(messages: 3000).utf8).write(to: mbox)
        let caseFolder = directory.appendingPathComponent("case")
        _ = try EvidenceCase.create(at: caseFolder, title: "Mail", timeZone: "Europe/Brussels")

        let add = try TestSupport.evidence(["add", "--case", caseFolder.path, mbox.path])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("email conversation “inbox.mbox”: 3000 messages"))
        // Not a terminal here: plain lines, the last one saying every message is read.
        #expect(add.stderr.contains("inbox.mbox: 3000 of 3000 messages read\n"))
        #expect(!add.stderr.contains("\r"))
        let evidenceCase = try EvidenceCase(opening: caseFolder)
        let items = try evidenceCase.items()
        #expect(items.count == 1)
        let derived = try #require(items.first?.derived?.first)
        let lines = try ConversationJSONLines.decode(try Array(Data(contentsOf: evidenceCase.storedCopy(sha256: derived.sha256))))
        // Every message, in order, with its own subject and time (read on several cores, delivered in order).
        #expect(lines.map(\.index) == Array(0..<3000))
        #expect(lines.map(\.thread) == (0..<3000).map { "message \($0)" })
        #expect(lines[2999].timestamp?.value == "2026-03-03T21:59:00+01:00")
        #expect(try evidenceCase.integrityProblems().isEmpty)
        let staging = caseFolder.appendingPathComponent("staging").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: staging).isEmpty)
        // Within what a bundle may hold: no warning.
        #expect(!add.stderr.contains("can no longer be sealed"))
        #expect(try evidenceCase.bundleLimitProblems().isEmpty)
    }

    @Test func manyMessagesWithoutADateGiveAFewWarningsAndACount() throws {
        let directory = try TestSupport.temporaryDirectory("mbox-undated")
        let mbox = directory.appendingPathComponent("undated.mbox")
        let undated = (0..<500).map { "From x@example.com Mon Mar  3 21:40:00 2026\nFrom: X <x@example.com>\nSubject: \($0)\n\nBody.\n\n" }
        try Data(undated.joined().utf8).write(to: mbox)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Mail",
                                                   timeZone: "Europe/Brussels")
        let item = try #require(try evidenceCase.add([mbox]).added.first)
        let noDate = item.warnings.filter { $0.code == .noDate }
        #expect(noDate.count == MailTranscript.Tally.maximumWarnings + 1)
        #expect(noDate.first?.message == "Message 1: The message has no Date header.")
        #expect(noDate.last?.message.hasPrefix("\(500 - MailTranscript.Tally.maximumWarnings) more message warning(s)") == true)
    }

    @Test func addSaysWhenACaseOutgrowsWhatABundleMayHold() throws {
        let directory = try TestSupport.temporaryDirectory("mbox-limits")
        let mbox = directory.appendingPathComponent("inbox.mbox")
        try Data(Self.mailbox(messages: 40, attachment: true).utf8).write(to: mbox)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Mail",
                                                   timeZone: "Europe/Brussels")
        _ = try evidenceCase.add([mbox])
        // Forty messages with an attachment each: 41 items, and their journal, against limits small enough to cross.
        let problems = try evidenceCase.bundleLimitProblems(maximumEntries: 100, maximumJournalBytes: 10_000,
                                                            maximumManifestBytes: 20_000)
        #expect(problems.count == 2)
        #expect(problems.contains { $0.hasPrefix("its custody journal is ") && $0.hasSuffix("more than the 10000 a verifier reads") })
        #expect(problems.contains { $0.hasPrefix("its manifest would be about ") })
        let crowded = try evidenceCase.bundleLimitProblems(maximumEntries: 40)
        #expect(crowded == ["it holds 41 items, and a bundle may hold at most 40 files"])
    }
}
