import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace

/// The defects found by running other projects' published exports through our parsers (issue 14), each fixed.
@Suite("Chat export defects")
struct ChatDefectTests {
    func parse(_ fixture: String, media: Set<String>? = nil) throws -> Conversation {
        let bytes = try TestSupport.fixtureBytes("Chats/\(fixture)")
        let name = (fixture as NSString).lastPathComponent
        let platform = try #require(ChatExportDetector.detect(bytes: bytes, name: name))
        return try ChatParsers.parse(bytes: bytes, name: name, platform: platform,
                                     options: ChatParseOptions(timeZone: brussels, availableMediaNames: media))
    }

    @Test func metaWithoutParticipantsIsReadAndAnEmptyRecordIsNamed() throws {
        let c = try parse("Meta/instagram-no-participants.json")
        #expect(c.platform == .instagram)
        #expect(c.messages.count == 3)
        #expect(c.messages[0].author == "Désirée")
        #expect(c.messages[0].timestamp?.value == "2023-12-25T13:10:00.000Z")
        #expect(c.messages[0].text == "send it or everyone sees the pictures")
        #expect(c.messages[1].author == "sam.k")
        #expect(c.messages[1].attachments.map(\.name)
                == ["your_instagram_activity/messages/inbox/desiree_123/photos/4521_n.jpg"])
        #expect(c.participants == ["Désirée", "sam.k"])
        // The third record (a reaction alone) has nothing we can read: it is kept, and a warning names it.
        #expect(c.messages[2].timestamp == nil && c.messages[2].author == nil)
        let warnings = c.warnings.filter { $0.code == .messageUnreadable }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("instagram-no-participants.json: message 3 (line 20)") == true)
        #expect(warnings.first?.message.contains("sender, time, text or attachment") == true)
    }

    @Test func endToEndEncryptedMessengerExportIsRead() throws {
        let c = try parse("Meta/messenger-e2ee.json")
        #expect(c.platform == .messenger)
        #expect(c.title == "Anna Schmidt")
        #expect(c.participants == ["Anna Schmidt", "Lukas Weber"])
        #expect(c.messages.map(\.author) == ["Lukas Weber", "Anna Schmidt", "Lukas Weber"])
        #expect(c.messages.map { $0.timestamp?.value } == ["2024-06-01T12:30:00.123Z", "2024-06-01T12:29:50.000Z",
                                                         "2024-06-01T12:29:40.000Z"])
        #expect(c.messages[0].timestamp?.field == "timestamp")
        #expect(c.messages[0].text == "Du wirst es bereuen")
        #expect(c.messages[1].attachments.map(\.name) == ["./media/1717244990000_0.jpeg"])
        #expect(c.messages.map(\.kind) == [.message, .message, .deleted])
        #expect(c.warnings.isEmpty)
    }

    @Test func endToEndEncryptedMessengerGroupWithoutIsUnsentIsRead() throws {
        // Recognised by its content alone (the name says nothing of Messenger), by `senderName`, `timestamp` and
        // the thread's `threadName`; its text is real UTF-8, not Meta's mojibake, and stays as written.
        let bytes = try TestSupport.fixtureBytes("Chats/Meta/messenger-e2ee-group.json")
        #expect(ChatExportDetector.detect(bytes: bytes, name: "Klassenfahrt 2024_1.json") == .messenger)
        let c = try parse("Meta/messenger-e2ee-group.json")
        #expect(c.platform == .messenger)
        #expect(c.title == "Klassenfahrt 2024")
        #expect(c.participants == ["Zoé Martin", "Lukas Weber", "Anna Schmidt"])
        #expect(c.messages.map(\.author) == ["Lukas Weber", "Zoé Martin"])
        #expect(c.messages.map { $0.timestamp?.value } == ["2024-06-02T12:30:00.000Z", "2024-06-02T12:29:50.456Z"])
        #expect(c.messages[0].attachments.map(\.name) == ["./media/1717331400000_0.mp4"])
        #expect(c.messages[0].text == "")
        #expect(c.messages[1].text == "Lösch das sofort ❗")
        #expect(c.messages.map(\.kind) == [.message, .message])
        #expect(c.warnings.isEmpty)
    }

    @Test func telegramMessageWithoutDateOrSenderIsNamed() throws {
        let json = #"{"name":"X","type":"personal_chat","id":1,"messages":[{"id":1,"type":"message","from":"A","from_id":"user1","date_unixtime":"1703509800","text":"hi"},{"id":2,"type":"message"}]}"#
        let c = try ChatParsers.parse(bytes: Array(json.utf8), name: "result.json", platform: .telegram,
                                      options: ChatParseOptions(timeZone: brussels))
        #expect(c.messages.count == 2)
        let warnings = c.warnings.filter { $0.code == .messageUnreadable }
        #expect(warnings.map(\.message) == ["result.json: message 2 (line 1) has no readable sender, time, text or "
                                            + "attachment; it is kept with what could be read."])
    }

    @Test func olderIOSWhatsAppAttachmentsAndCRLFBodies() throws {
        let c = try parse("WhatsApp/ios-2015-crlf.txt",
                          media: ["2015-08-04-PHOTO-00004762.jpg", "00000002-contract.pdf"])
        #expect(c.platform == .whatsapp)
        #expect(c.messages.count == 4)
        #expect(c.messages[1].attachments == [ChatAttachment(name: "2015-08-04-PHOTO-00004762.jpg", found: true)])
        #expect(c.messages[1].text == "2015-08-04-PHOTO-00004762.jpg \u{2039}\u{200E}attached>")
        #expect(c.messages[2].attachments == [ChatAttachment(name: "00000002-contract.pdf", found: true)])
        #expect(c.messages[2].text == "contract.pdf \u{2022} 14 pages <attached: 00000002-contract.pdf>")
        // Line ends of the file are not part of what was written.
        #expect(Array(c.messages[3].text.utf8) == Array("first line\nsecond line\n\nthird line".utf8))
        #expect(c.messages[3].source.lineStart == 4 && c.messages[3].source.lineEnd == 7)
        // No day above 12: the order is inferred, and said; nothing else is wrong.
        #expect(c.warnings.map(\.code) == [.dateOrderAssumed])
    }

    @Test func aPersonTypingTheBracketWordsIsNotAnAttachment() throws {
        let text = "[04/08/2015 21:10:30] Jane: see <attached: x.jpg>\n[04/08/2015 21:10:31] Jane: a \u{2022} b\n"
        let c = try ChatParsers.parse(bytes: Array(text.utf8), name: "_chat.txt", platform: .whatsapp,
                                      options: ChatParseOptions(timeZone: brussels))
        #expect(c.messages.allSatisfy { $0.attachments.isEmpty })
    }

    @Test func writtenUnderRoundTripsThroughTheDerivedLines() throws {
        let c = try parse("WhatsApp/ios-en-GB-group.txt")
        let encoded = ConversationJSONLines.encode(c.messages)
        let back = try ConversationJSONLines.decode(encoded)
        #expect(back.map(\.writtenUnder) == c.messages.map(\.writtenUnder))
        // Unset, the key is left out, so the lines of every other export stay byte for byte as before.
        let plain = try parse("WhatsApp/android-en-GB.txt")
        #expect(!String(decoding: ConversationJSONLines.encode(plain.messages), as: UTF8.self).contains("writtenUnder"))
    }

    @Test(arguments: ["Mail/threat-multipart.eml", "Mail/mailbox.mbox"])
    func chatParsePrintsEmailMessages(fixture: String) throws {
        let text = try TestSupport.evidence(["chat", "parse", "--timezone", "Europe/Brussels",
                                             TestSupport.fixture(fixture).path])
        #expect(text.status == 0, "\(text.stderr)")
        let json = try TestSupport.evidence(["chat", "parse", "--json", "--timezone", "Europe/Brussels",
                                             TestSupport.fixture(fixture).path])
        #expect(json.status == 0)
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == (fixture.hasSuffix(".mbox") ? 3 : 1))
        for line in lines {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(o["author"] is String)
            #expect(o["timestamp"] is String)
            #expect(o["timestampSource"] as? String == "email-header")
        }
        #expect(text.stdout.split(separator: "\n").filter { $0.hasPrefix("[") }.count == lines.count)
    }
}
