import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// Which time each JSON export is trusted for, and malformed JSON exports named by file and line.
@Suite("Chat export times and JSON errors")
struct ChatTimeAndErrorTests {
    func parse(_ text: String, _ platform: ChatPlatform, name: String = "result.json") throws -> Conversation {
        try ChatParsers.parse(bytes: Array(text.utf8), name: name, platform: platform,
                              options: ChatParseOptions(timeZone: brussels))
    }

    func failure(_ bytes: [UInt8], _ platform: ChatPlatform, name: String) -> ChatParseError? {
        do {
            _ = try ChatParsers.parse(bytes: bytes, name: name, platform: platform,
                                      options: ChatParseOptions(timeZone: brussels))
        } catch let e as ChatParseError {
            return e
        } catch {
            Issue.record("unexpected error type \(error)")
        }
        return nil
    }

    /// The export was made on a computer set to New York: `date` says 08:03, the instant is 13:03 UTC. The
    /// instant wins, whatever zone the case is read in.
    @Test func telegramTrustsDateUnixtimeOverTheWallClock() throws {
        let c = try parse("""
            {
             "name": "Alice",
             "type": "personal_chat",
             "id": 1,
             "messages": [
              {
               "id": 1,
               "type": "message",
               "date": "2023-12-25T08:03:22",
               "date_unixtime": "1703509402",
               "from": "Alice",
               "from_id": "user1",
               "text": "hi"
              }
             ]
            }
            """, .telegram)
        let t = try #require(c.messages.first?.timestamp)
        #expect(t.value == "2023-12-25T13:03:22Z")
        #expect(t.zone == .utc)
        #expect(t.field == "date_unixtime")
        #expect(t.source == .chat)
        #expect(c.warnings.isEmpty)
    }

    @Test func telegramInvalidUTF8NamesFileAndLine() throws {
        var bytes = Array("{\n \"name\": \"A\",\n \"messages\": [\n  {\"id\": 1, \"type\": \"message\", ".utf8)
        bytes += Array("\"date_unixtime\": \"1703509402\", \"from\": \"A\", \"text\": \"caf".utf8) + [0xE9]
        bytes += Array("\"}\n ]\n}\n".utf8)
        let e = try #require(failure(bytes, .telegram, name: "result.json"))
        #expect(e.line == 4)
        #expect(e.description.hasPrefix("result.json, line 4"))
    }

    @Test func instagramTruncatedNamesFileAndLine() throws {
        let whole = try TestSupport.fixtureBytes("Chats/Meta/instagram-message_1.json")
        let cut = Array(whole.prefix(whole.count * 2 / 3))
        let e = try #require(failure(cut, .instagram, name: "message_1.json"))
        #expect(e.code == .malformedJSON)
        #expect(e.line == cut.filter { $0 == 0x0A }.count + 1)
        #expect(e.description.hasPrefix("message_1.json, line "))
        #expect(e.reason.contains("truncated"))
    }

    @Test func fiftyMegabyteLineErrorNamesFileAndLine() throws {
        var bytes = Array("25/12/2023, 14:03 - Alice: hi\n25/12/2023, 14:04 - Alice: ".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 50 << 20)
        let e = try #require(failure(bytes, .whatsapp, name: "_chat.txt"))
        #expect(e.code == .lineTooLong)
        #expect(e.line == 2)
        #expect(e.description.hasPrefix("_chat.txt, line 2"))
    }

    @Test func emptyFileIsNotAChat() throws {
        let e = try #require(failure([], .whatsapp, name: "_chat.txt"))
        #expect(e.description.hasPrefix("_chat.txt, line 1"))
    }
}

@Suite("evidence chat parse: order, owner label, exit codes")
struct ChatCommandOrderTests {
    @Test func instagramJSONLinesKeepTheFileOrderNewestFirst() throws {
        let r = try TestSupport.evidence(["chat", "parse", "--json",
                                          TestSupport.fixture("Chats/Meta/instagram-message_1.json").path])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        let times = try lines.map { line in
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return o["timestamp"] as? String
        }
        #expect(times == ["2023-12-25T13:07:00.123Z", "2023-12-25T13:06:00.000Z", "2023-12-25T13:05:00.000Z",
                          "2023-12-25T13:04:00.000Z"])
    }

    @Test func smsSentMessagesDefaultToMeAndUnknownContactsToTheirNumber() throws {
        let r = try TestSupport.evidence(["chat", "parse", "--json",
                                          TestSupport.fixture("Chats/SMS/sms-backup.xml").path])
        #expect(r.status == 0)
        let authors = try r.stdout.split(separator: "\n").map { line in
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return o["author"] as? String
        }
        #expect(authors == ["Alice", "Me", "+32499887766", "Alice", "Alice"])
    }

    @Test func exitCodes() throws {
        let folder = try TestSupport.temporaryDirectory("chat-exit")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ok = try TestSupport.evidence(["chat", "parse", "--timezone", "Europe/Brussels",
                                           TestSupport.fixture("Chats/WhatsApp/ios-de-DE.txt").path])
        #expect(ok.status == 0)
        #expect(ok.stderr.isEmpty)

        let missing = try TestSupport.evidence(["chat", "parse", folder.appendingPathComponent("nope.txt").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.txt"))

        let unknown = folder.appendingPathComponent("photo.bin")
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]).write(to: unknown)
        let notChat = try TestSupport.evidence(["chat", "parse", unknown.path])
        #expect(notChat.status == 2)
        #expect(notChat.stderr.contains("photo.bin, line 1"))

        let badOrder = try TestSupport.evidence(["chat", "parse", "--date-order", "dym", unknown.path])
        #expect(badOrder.status == 2)
        let badZone = try TestSupport.evidence(["chat", "parse", "--timezone", "Mars/Olympus", unknown.path])
        #expect(badZone.status == 2)
        #expect(badZone.stderr.contains("Mars/Olympus"))

        let ambiguous = try TestSupport.evidence(["chat", "parse", "--timezone", "Europe/Brussels",
                                                  TestSupport.fixture("Chats/WhatsApp/android-ambiguous.txt").path])
        #expect(ambiguous.status == 0)
        #expect(ambiguous.stderr.contains("warning: android-ambiguous.txt: No date in this export has a day above 12"))
        let forced = try TestSupport.evidence(["chat", "parse", "--json", "--date-order", "mdy", "--timezone",
                                               "Europe/Brussels",
                                               TestSupport.fixture("Chats/WhatsApp/android-ambiguous.txt").path])
        #expect(forced.status == 0)
        #expect(forced.stderr.isEmpty)
        #expect(forced.stdout.hasPrefix("{\"index\":0,\"timestamp\":\"2024-01-02T10:00:00+01:00\"")
                    || forced.stdout.contains("\"timestamp\":\"2024-01-02T10:00:00+01:00\""))
    }
}
