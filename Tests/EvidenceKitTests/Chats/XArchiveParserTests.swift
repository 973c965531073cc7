import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceWorkspace

@Suite("X archive direct messages")
struct XArchiveParserTests {
    static let data = "Chats/X/twitter-2024-05-01/data"

    func parse(_ file: String, accounts: [String: String] = [:], media: Set<String>? = nil) throws -> Conversation {
        let bytes = try TestSupport.fixtureBytes("\(Self.data)/\(file)")
        #expect(ChatExportDetector.detect(bytes: bytes, name: file) == .x)
        var options = ChatParseOptions(timeZone: brussels, availableMediaNames: media)
        options.accountNames = accounts
        return try ChatParsers.parse(bytes: bytes, name: file, platform: .x, options: options)
    }

    @Test func accountJSGivesTheOwnersUsername() throws {
        let bytes = try TestSupport.fixtureBytes("\(Self.data)/account.js")
        #expect(XArchiveParser.accounts(fromAccountJS: bytes) == ["1500000000000000001": "@lina_v"])
        #expect(ChatExportDetector.detect(bytes: bytes, name: "account.js") == nil)
    }

    @Test func directMessagesFieldByField() throws {
        let c = try parse("direct-messages.js", accounts: ["1500000000000000001": "@lina_v"],
                          media: ["direct_messages_media/1785000000000000011-XyZ12345.jpg"])
        #expect(c.messages.count == 2)
        #expect(c.messages.map(\.author) == ["1600000000000000002", "@lina_v"])
        #expect(c.participants == ["1600000000000000002", "@lina_v"])
        #expect(c.messages[0].text == "pay 200 or the photos go public")
        #expect(c.messages[0].timestamp?.value == "2024-04-29T21:45:10.123Z")
        #expect(c.messages[0].timestamp?.zone == .utc)
        #expect(c.messages[0].messageID == "1785000000000000010")
        #expect(c.messages[0].thread == "1500000000000000001-1600000000000000002")
        #expect(c.messages[1].attachments
                == [ChatAttachment(name: "direct_messages_media/1785000000000000011-XyZ12345.jpg", found: true)])
        #expect(c.warnings.isEmpty)
    }

    @Test func groupEventsAreAppLines() throws {
        let c = try parse("direct-messages-group.js")
        #expect(c.messages.map(\.kind) == [.system, .system, .message])
        #expect(c.messages[0].text == "participantsJoin by 1600000000000000002 1500000000000000001")
        #expect(c.messages[1].text == "conversationNameUpdate by 1600000000000000002 \"exposed\"")
        #expect(c.messages[2].author == "1600000000000000002")
        #expect(c.messages.allSatisfy { $0.thread == "1785000000000000500" })
    }

    @Test(arguments: ["direct-messages.js", "direct-messages-group.js"])
    func everyPrefixIsReadOrRefusedWithItsTypedError(file: String) throws {
        let bytes = try TestSupport.fixtureBytes("\(Self.data)/\(file)")
        for end in 0...bytes.count {
            do {
                _ = try ChatParsers.parse(bytes: Array(bytes[..<end]), name: file, platform: .x,
                                          options: ChatParseOptions(timeZone: brussels))
                #expect(end >= bytes.count - 1, "a cut archive file parsed at \(end)")
            } catch let error as ChatParseError {
                #expect([.malformedJSON, .unexpectedStructure].contains(error.code), "prefix \(end)")
            }
        }
        FuzzRun.report(["chat x"], inputs: bytes.count + 1)
    }

    @Test func theArchiveIsRecognisedAtAddWithTheOwnerResolvedAndMediaLinked() throws {
        let directory = try TestSupport.temporaryDirectory("x-archive")
        defer { try? FileManager.default.removeItem(at: directory) }
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "X",
                                                   timeZone: "Europe/Brussels")
        let archive = directory.appendingPathComponent("twitter-2024-05-01")
        try FileManager.default.copyItem(at: TestSupport.fixture("Chats/X/twitter-2024-05-01"), to: archive)
        _ = try evidenceCase.add([archive])
        let items = try evidenceCase.items()
        let chat = try #require(items.first { $0.originalName == "direct-messages.js" })
        #expect(chat.conversation?.platform == .x)
        #expect(chat.conversation?.participants.contains("@lina_v") == true)
        #expect(items.first { $0.originalName == "direct-messages-group.js" }?.conversation?.platform == .x)
        let photo = try #require(items.first { $0.originalName == "1785000000000000011-XyZ12345.jpg" })
        #expect(photo.linkedMessages == [MessageLink(item: chat.id, messages: [1])])
    }
}
