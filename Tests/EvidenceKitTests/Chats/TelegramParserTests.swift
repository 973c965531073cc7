import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("Telegram Desktop JSON")
struct TelegramParserTests {
    func parse(_ fixture: String, media: Set<String>? = nil) throws -> (Conversation, [UInt8]) {
        let bytes = try TestSupport.fixtureBytes("Chats/Telegram/\(fixture)")
        #expect(ChatExportDetector.detect(bytes: bytes, name: "result.json") == .telegram)
        let options = ChatParseOptions(timeZone: brussels, availableMediaNames: media)
        return (try ChatParsers.parse(bytes: bytes, name: "result.json", platform: .telegram, options: options), bytes)
    }

    @Test func singleChat() throws {
        let (c, bytes) = try parse("result-single.json", media: ["photos/photo_1@25-12-2023_14-05-00.jpg"])
        #expect(c.title == "Alice 🌸")
        #expect(c.participants == ["Alice 🌸", "Bob"])
        let m = c.messages
        #expect(m.count == 6)
        #expect(m.map { $0.timestamp?.value } == [
            "2023-12-25T13:03:22Z", "2023-12-25T13:04:00Z", "2023-12-25T13:05:00Z", "2023-12-25T13:06:00Z",
            "2023-12-25T13:07:00Z", "2023-12-25T13:08:00Z",
        ])
        #expect(m.allSatisfy { $0.timestamp?.zone == .utc && $0.timestamp?.field == "date_unixtime" })
        #expect(m.map(\.author) == ["Alice 🌸", "Bob", "Bob", "Alice 🌸", "Bob", nil])
        #expect(m[0].text == "Salut ! Ça va ?")
        #expect(m[1].text == "Look at this and https://example.org")
        #expect(m[1].edited && !m[0].edited)
        #expect(m[1].replyTo == "101" && m[1].messageID == "102")
        #expect(m[2].attachments == [ChatAttachment(name: "photos/photo_1@25-12-2023_14-05-00.jpg",
                                                    mediaType: "image/jpeg", found: true)])
        #expect(m[3].attachments == [ChatAttachment(name: "files/contract.pdf", mediaType: "application/pdf",
                                                    found: false)])
        #expect(m[4].kind == .mediaOmitted)
        #expect(m[5].kind == .system && m[5].text == "Bob phone_call")
        #expect(c.warnings.map(\.code.rawValue) == ["missing-media"])
        // Each range is exactly the message's object in the original bytes.
        for message in m {
            let slice = Array(bytes[message.source.byteStart..<message.source.byteEnd])
            #expect(slice.first == UInt8(ascii: "{") && slice.last == UInt8(ascii: "}"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(slice)) as? [String: Any])
            #expect(JSONValue.string(object["id"]) == message.messageID)
            let before = bytes[..<message.source.byteStart].filter { $0 == 0x0A }.count
            #expect(message.source.lineStart == before + 1)
        }
    }

    @Test func fullExportKeepsEachChatAsAThread() throws {
        let (c, _) = try parse("result-full.json")
        #expect(c.title == "Telegram export")
        #expect(c.messages.map(\.thread) == ["Alice", "Group \"Ünïcode\"", "Group \"Ünïcode\""])
        #expect(c.messages[0].timestamp?.value == "2024-03-31T01:30:00Z")
        #expect(c.messages[1].kind == .system)
        #expect(c.messages[1].text == "Carol create_group \"Group \"Ünïcode\"\" Carol, Victim")
        // A deleted account has "from": null; its id is the only name left.
        #expect(c.messages[2].author == "user99")
    }

    @Test func oldExportWithoutUnixTimeIsAssumedLocalWithAWarning() throws {
        let (c, _) = try parse("result-old.json")
        let t = try #require(c.messages.first?.timestamp)
        #expect(t.value == "2020-06-01T12:00:00+02:00")
        #expect(t.zone == .assumed)
        #expect(c.warnings.map(\.code.rawValue) == ["telegram-wall-clock"])
    }

    @Test func truncatedJSONNamesTheFileAndTheLastLine() throws {
        let bytes = try TestSupport.fixtureBytes("Chats/Telegram/result-truncated.json")
        #expect(ChatExportDetector.detect(bytes: bytes, name: "result.json") == .telegram)
        do {
            _ = try ChatParsers.parse(bytes: bytes, name: "result.json", platform: .telegram,
                                      options: ChatParseOptions(timeZone: brussels))
            Issue.record("a truncated export must not parse")
        } catch let e as ChatParseError {
            #expect(e.code == .malformedJSON)
            #expect(e.line == bytes.filter { $0 == 0x0A }.count + 1)
            #expect(e.description.hasPrefix("result.json, line "))
            #expect(e.reason.contains("truncated"))
        }
    }

    @Test func everyPrefixFailsCleanly() throws {
        let bytes = try TestSupport.fixtureBytes("Chats/Telegram/result-single.json")
        for end in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: ChatParseError.self) {
                _ = try ChatParsers.parse(bytes: Array(bytes[..<end]), name: "p.json", platform: .telegram,
                                          options: ChatParseOptions(timeZone: brussels))
            }
        }
    }

    @Test func deepNestingIsRefused() throws {
        let bytes = Array(("{\"messages\":[" + String(repeating: "[", count: 5000)).utf8)
        #expect(throws: ChatParseError.self) {
            _ = try ChatParsers.parse(bytes: bytes, name: "deep.json", platform: .telegram,
                                      options: ChatParseOptions(timeZone: brussels))
        }
    }
}

@Suite("Instagram and Messenger JSON")
struct MetaParserTests {
    @Test func instagramMojibakeIsRepairedAndOrderKept() throws {
        let bytes = try TestSupport.fixtureBytes("Chats/Meta/instagram-message_1.json")
        // The file itself is pure ASCII: every non-ASCII character is a \u00XX escape of one UTF-8 byte.
        #expect(bytes.allSatisfy { $0 < 0x80 })
        #expect(ChatExportDetector.detect(bytes: bytes, name: "message_1.json") == .instagram)
        let c = try ChatParsers.parse(bytes: bytes, name: "message_1.json", platform: .instagram,
                                      options: ChatParseOptions(timeZone: brussels))
        #expect(c.participants == ["Zoë 🌸", "victim.account"])
        #expect(c.title == "Zoë 🌸")
        let m = c.messages
        #expect(m.map(\.text) == ["Réponds ou je publie 😡", "", "https://www.instagram.com/p/Cabc123/",
                                  "Arrête s'il te plaît"])
        #expect(m.map(\.author) == ["Zoë 🌸", "Zoë 🌸", "victim.account", "victim.account"])
        // Newest first, as in the file.
        #expect(m.map { $0.timestamp?.value } == [
            "2023-12-25T13:07:00.123Z", "2023-12-25T13:06:00.000Z", "2023-12-25T13:05:00.000Z",
            "2023-12-25T13:04:00.000Z",
        ])
        #expect(m[0].timestamp?.precision == .millisecond)
        #expect(m[1].attachments.map(\.name) == ["your_instagram_activity/messages/inbox/zoe_123/photos/3456.jpg"])
        #expect(m[0].source.lineStart < m[3].source.lineStart)
    }

    @Test func messengerUnsentAndSubscribe() throws {
        let bytes = try TestSupport.fixtureBytes("Chats/Meta/messenger-message_1.json")
        #expect(ChatExportDetector.detect(bytes: bytes, name: "message_1.json") == .messenger)
        let c = try ChatParsers.parse(bytes: bytes, name: "message_1.json", platform: .messenger,
                                      options: ChatParseOptions(timeZone: brussels))
        #expect(c.messages.map(\.kind) == [.deleted, .message, .message, .system])
        #expect(c.messages[2].text == "Grüße aus Köln")
        #expect(c.messages[3].author == nil)
        #expect(c.messages[1].attachments.map(\.name) == ["messages/inbox/jurgenmuller_456/videos/789.mp4"])
    }

    @Test func mojibakeRepairLeavesRealTextAlone() {
        #expect(TextDecoding.repairingLatin1Mojibake("Ã©tÃ©") == "été")
        #expect(TextDecoding.repairingLatin1Mojibake("été") == "été")  // é alone is not valid UTF-8: kept
        #expect(TextDecoding.repairingLatin1Mojibake("plain") == "plain")
        #expect(TextDecoding.repairingLatin1Mojibake("日本") == "日本")
    }
}
