import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("SMS Backup & Restore XML")
struct SMSBackupParserTests {
    func parse(_ fixture: String, me: String? = nil) throws -> (Conversation, [UInt8]) {
        let bytes = try TestSupport.fixtureBytes("Chats/SMS/\(fixture)")
        #expect(ChatExportDetector.detect(bytes: bytes, name: fixture) == .sms)
        return (try ChatParsers.parse(bytes: bytes, name: fixture, platform: .sms,
                                      options: ChatParseOptions(timeZone: brussels, me: me)), bytes)
    }

    @Test func messagesAuthorsAndRepairedEmoji() throws {
        let (c, bytes) = try parse("sms-backup.xml")
        let m = c.messages
        #expect(m.count == 5)
        #expect(m.map(\.author) == ["Alice", "Me", "+32499887766", "Alice", "Alice"])
        #expect(m[0].text == "Tu vas voir 😀 & \"après\"")
        #expect(m[1].text == "Arrête.\nStop.")
        #expect(m[3].text == "Regarde 🎉")
        #expect(m[3].attachments == [ChatAttachment(name: "IMG_0001.jpg", mediaType: "image/jpeg", found: true)])
        #expect(m[4].text == "half \u{FFFD} an emoji")
        #expect(c.warnings.map(\.code.rawValue) == ["lone-surrogate"])
        #expect(m.map { $0.timestamp?.value } == [
            "2023-12-25T13:03:22.123Z", "2023-12-25T13:04:00.000Z", "2023-12-25T13:05:00.000Z",
            "2023-12-25T13:06:00.000Z", "2023-12-25T13:07:00.000Z",
        ])
        #expect(m.allSatisfy { $0.timestamp?.zone == .utc })
        #expect(m.map(\.thread) == ["+32470123456", "+32470123456", "+32499887766", "+32470123456", "+32470123456"])
        #expect(m.map(\.source.lineStart) == [5, 6, 7, 8, 19])
        #expect(m[3].source.lineEnd == 18)
        for message in m {
            let slice = String(decoding: bytes[message.source.byteStart..<message.source.byteEnd], as: UTF8.self)
            #expect(slice.hasPrefix("<sms ") || slice.hasPrefix("<mms "))
            #expect(slice.hasSuffix("/>") || slice.hasSuffix("</mms>"))
        }
    }

    @Test func sentMessagesAreByTheOwnerLabelNeverTheContact() throws {
        let (c, _) = try parse("sms-backup.xml", me: "Victim")
        #expect(c.messages[1].author == "Victim")
        let (empty, _) = try parse("sms-backup.xml", me: "")
        #expect(empty.messages[1].author == "Me")
    }

    /// Every Android box, in one thread with an unknown contact: only the inbox is the contact's.
    @Test func onlyTheInboxIsTheContactsAndUnknownContactsAreTheirNumber() throws {
        var xml = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"6\">\n"
        for box in 1...6 {
            xml += "  <sms protocol=\"0\" address=\"+32499887766\" date=\"170350940\(box)000\" type=\"\(box)\" "
                + "body=\"box \(box)\" contact_name=\"(Unknown)\" />\n"
        }
        xml += "</smses>\n"
        let c = try ChatParsers.parse(bytes: Array(xml.utf8), name: "sms.xml", platform: .sms,
                                      options: ChatParseOptions(timeZone: brussels))
        #expect(c.messages.map(\.author) == ["+32499887766", "Me", "Me", "Me", "Me", "Me"])
        #expect(c.messages.map(\.text) == (1...6).map { "box \($0)" })
        #expect(c.messages.allSatisfy { $0.author?.isEmpty == false })
        let named = try ChatParsers.parse(bytes: Array(xml.utf8), name: "sms.xml", platform: .sms,
                                          options: ChatParseOptions(timeZone: brussels, me: "Victim"))
        #expect(named.messages.map(\.author) == ["+32499887766", "Victim", "Victim", "Victim", "Victim", "Victim"])
    }

    @Test func truncatedBackupNamesTheLine() throws {
        let bytes = try TestSupport.fixtureBytes("Chats/SMS/sms-truncated.xml")
        do {
            _ = try ChatParsers.parse(bytes: bytes, name: "sms-truncated.xml", platform: .sms,
                                      options: ChatParseOptions(timeZone: brussels))
            Issue.record("a truncated backup must not parse")
        } catch let e as ChatParseError {
            #expect(e.code == .malformedXML)
            #expect(e.line == 8)
            #expect(e.reason.contains("truncated"))
        }
    }

    @Test func everyPrefixFailsCleanly() throws {
        let bytes = try TestSupport.fixtureBytes("Chats/SMS/sms-backup.xml")
        for end in stride(from: 0, to: bytes.count, by: 5) {
            #expect(throws: ChatParseError.self) {
                _ = try ChatParsers.parse(bytes: Array(bytes[..<end]), name: "p.xml", platform: .sms,
                                          options: ChatParseOptions(timeZone: brussels))
            }
        }
    }

    @Test func invalidUTF8IsRefusedWithItsLine() throws {
        var bytes = Array("<smses count=\"1\">\n<sms body=\"x".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("\" type=\"1\" date=\"0\" />\n</smses>\n".utf8)
        do {
            _ = try ChatParsers.parse(bytes: bytes, name: "bad.xml", platform: .sms,
                                      options: ChatParseOptions(timeZone: brussels))
            Issue.record("invalid UTF-8 must be refused")
        } catch let e as ChatParseError {
            #expect(e.code == .invalidUTF8)
            #expect(e.line == 2)
        }
    }
}

@Suite("SMS embedded MMS files")
struct SMSEmbeddedFileTests {
    @Test func mmsPartsAreDecodedFromTheMessagesOwnElement() throws {
        let bytes = try TestSupport.fixtureBytes("Chats/SMS/sms-backup.xml")
        let c = try ChatParsers.parse(bytes: bytes, name: "sms.xml", platform: .sms,
                                      options: ChatParseOptions(timeZone: brussels))
        let files = try SMSBackupParser.embeddedFiles(in: bytes, of: c.messages[3], name: "sms.xml")
        #expect(files.map(\.name) == c.messages[3].attachments.map(\.name))
        #expect(files.first?.mediaType == "image/jpeg")
        #expect(files.first?.bytes.prefix(3) == [0xFF, 0xD8, 0xFF])
        #expect(try SMSBackupParser.embeddedFiles(in: bytes, of: c.messages[0], name: "sms.xml").isEmpty)
    }
}
