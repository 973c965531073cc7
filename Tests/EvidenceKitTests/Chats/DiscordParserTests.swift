import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceWorkspace

@Suite("Discord data package")
struct DiscordParserTests {
    static let json = "Chats/Discord/package/messages/c1102030405060708090/messages.json"
    static let csv = "Chats/Discord/package/messages/c713000000000000000/messages.csv"

    func parse(_ fixture: String) throws -> (Conversation, [UInt8]) {
        let bytes = try TestSupport.fixtureBytes(fixture)
        let name = (fixture as NSString).lastPathComponent
        #expect(ChatExportDetector.detect(bytes: bytes, name: name) == .discord)
        let c = try ChatParsers.parse(bytes: bytes, name: name, platform: .discord,
                                      options: ChatParseOptions(timeZone: brussels, me: "Victim"))
        return (c, bytes)
    }

    @Test func messagesJSONFieldByField() throws {
        let (c, bytes) = try parse(Self.json)
        #expect(c.messages.count == 3)
        #expect(c.messages.allSatisfy { $0.author == "Victim" && $0.kind == .message })
        #expect(c.messages.map(\.messageID) == ["1102341285609472000", "1102341629542400000", "1102353688166400000"])
        #expect(c.messages[0].timestamp?.value == "2023-04-30T21:10:43Z")
        #expect(c.messages[0].timestamp?.zone == .utc)
        #expect(c.messages[0].timestamp?.field == "Timestamp")
        #expect(c.messages[1].attachments.map(\.name)
                == ["https://cdn.discordapp.com/attachments/1102030405060708090/1102031111111111111/screenshot.png"])
        #expect(c.messages[1].attachments.first?.found == nil)
        #expect(c.messages[2].text == "line 1\nline 2")
        // The third record's Timestamp is an hour before the time its ID encodes: said, not hidden.
        #expect(c.warnings.map(\.code) == [.sourcesDisagree])
        #expect(c.warnings.first?.message.contains("message 3") == true)
        let slice = String(decoding: bytes[c.messages[0].source.byteStart..<c.messages[0].source.byteEnd], as: UTF8.self)
        #expect(slice.hasPrefix("{") && slice.hasSuffix("}") && slice.contains("stop sending me those"))
    }

    @Test func olderMessagesCSV() throws {
        let (c, bytes) = try parse(Self.csv)
        #expect(c.messages.count == 2)
        #expect(c.messages[0].text == "hi, \"quoted\", ok")
        #expect(c.messages[0].timestamp?.value == "2021-03-14T18:20:31.123Z")
        #expect(c.messages[0].timestamp?.precision == .millisecond)
        #expect(c.messages[1].text == "two\r\nlines")
        #expect(c.messages[1].source.lineStart == 3 && c.messages[1].source.lineEnd == 4)
        #expect(c.messages[1].attachments.map(\.name) == ["https://cdn.discordapp.com/attachments/713/714/a.jpg",
                                                          "https://cdn.discordapp.com/attachments/713/715/b.mp4"])
        #expect(c.warnings.isEmpty)
        let slice = String(decoding: bytes[c.messages[0].source.byteStart..<c.messages[0].source.byteEnd], as: UTF8.self)
        #expect(slice.hasPrefix("820723082321723392,") && slice.hasSuffix("ok\","))
    }

    @Test(arguments: [("2023-04-30 21:10:43", "2023-04-30T21:10:43Z"),
                      ("2021-03-14 18:20:31.123000+00:00", "2021-03-14T18:20:31.123Z"),
                      ("2021-03-14 18:20:31.1+02:00", "2021-03-14T16:20:31.100Z"),
                      ("2021-03-14 18:20:31.+00:00", nil), ("2021-02-30 18:20:31", nil),
                      ("2021-03-14 18:20:31+2:00", nil), ("2021-03-14 18:20", nil)] as [(String, String?)])
    func timestamps(text: String, expected: String?) {
        let parsed = DiscordParser.timestamp(text)
        #expect(parsed.map { RFC3339.format($0.instant, offsetSeconds: 0, precision: $0.fraction ? .millisecond : .second) }
                == expected)
    }

    @Test(arguments: [json, csv])
    func everyPrefixIsReadOrRefusedWithItsTypedError(fixture: String) throws {
        let bytes = try TestSupport.fixtureBytes(fixture)
        for end in 0...bytes.count {
            do {
                _ = try ChatParsers.parse(bytes: Array(bytes[..<end]), name: "messages", platform: .discord,
                                          options: ChatParseOptions(timeZone: brussels))
            } catch let error as ChatParseError {
                #expect([.malformedJSON, .unexpectedStructure].contains(error.code), "prefix \(end)")
            }
        }
        FuzzRun.report(["chat discord"], inputs: bytes.count + 1)
    }

    @Test func thePackageIsRecognisedAtAdd() throws {
        let directory = try TestSupport.temporaryDirectory("discord")
        defer { try? FileManager.default.removeItem(at: directory) }
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Discord",
                                                   timeZone: "Europe/Brussels")
        let package = directory.appendingPathComponent("package")
        try FileManager.default.copyItem(at: TestSupport.fixture("Chats/Discord/package"), to: package)
        _ = try evidenceCase.add([package])
        let chats = try evidenceCase.items().filter { $0.conversation?.platform == .discord }
        #expect(Set(chats.map(\.originalName)) == ["messages.json", "messages.csv"])
    }
}
