import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("evidence chat parse")
struct ChatCommandTests {
    @Test func malformedFilesExitWith2AndNameFileAndLine() throws {
        let folder = try TestSupport.temporaryDirectory("chat-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("_chat.txt")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]).write(to: binary)
        let b = try TestSupport.evidence(["chat", "parse", binary.path])
        #expect(b.status == 2)
        #expect(b.stderr.contains("_chat.txt, line 3"))

        let truncated = try TestSupport.evidence(["chat", "parse", "--json",
                                                  TestSupport.fixture("Chats/Telegram/result-truncated.json").path])
        #expect(truncated.status == 2)
        #expect(truncated.stderr.contains("result-truncated.json, line "))
        #expect(truncated.stderr.contains("truncated"))

        let bad = try TestSupport.evidence(["chat", "parse", "--date-order", "dym", binary.path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("dmy, mdy or ymd"))
    }

    @Test func smsOwnerLabelAndJSONKeys() throws {
        let result = try TestSupport.evidence(["chat", "parse", "--json", "--me", "Victim",
                                               TestSupport.fixture("Chats/SMS/sms-backup.xml").path])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        #expect(second["author"] as? String == "Victim")
        for key in ["timestamp", "author", "text", "attachments", "kind", "source"] {
            #expect(second[key] != nil, "missing key \(key)")
        }
    }

    @Test func transcriptIsReadable() throws {
        let result = try TestSupport.evidence(["chat", "parse", "--timezone", "Europe/Brussels",
                                               TestSupport.fixture("Chats/WhatsApp/android-en-GB.txt").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("[2023-12-25T14:03:00+01:00] Alice: Merry Christmas 🎄\n"))
        #expect(result.stdout.contains("(deleted) Alice: This message was deleted"))
    }
}
