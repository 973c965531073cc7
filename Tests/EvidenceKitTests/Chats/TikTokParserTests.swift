import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceWorkspace

@Suite("TikTok direct messages")
struct TikTokParserTests {
    func parse(_ file: String) throws -> (Conversation, [UInt8]) {
        let bytes = try TestSupport.fixtureBytes("Chats/TikTok/\(file)")
        #expect(ChatExportDetector.detect(bytes: bytes, name: file) == .tiktok)
        let c = try ChatParsers.parse(bytes: bytes, name: file, platform: .tiktok,
                                      options: ChatParseOptions(timeZone: brussels))
        return (c, bytes)
    }

    @Test func jsonFieldByField() throws {
        let (c, _) = try parse("user_data_tiktok.json")
        #expect(c.messages.count == 4)
        #expect(c.messages.map(\.author) == ["jake_22", "lina.v", "jake_22", "sam.k"])
        #expect(c.messages.map(\.thread) == ["jake_22", "jake_22", "jake_22", "sam.k"])
        #expect(c.messages[0].text == "you have 24h")
        #expect(c.messages[0].timestamp?.value == "2024-05-01T20:15:03Z")
        #expect(c.messages[0].timestamp?.zone == .utc)
        #expect(c.messages[0].timestamp?.field == "Date")
        #expect(c.messages[3].text == "ça va ? 🙂")
        #expect(c.participants == ["jake_22", "lina.v", "sam.k"])
        #expect(c.warnings.isEmpty)
    }

    @Test func textFormFieldByFieldAndTheSameTimesAsTheJSON() throws {
        let (c, bytes) = try parse("Direct Messages.txt")
        #expect(c.messages.count == 5)
        #expect(c.messages.map(\.author) == ["jake_22", "lina.v", "lina.v", "jake_22", "sam.k"])
        #expect(c.messages[1].text == "who is this\nwhat do you want")
        #expect(c.messages[1].source.lineStart == 4 && c.messages[1].source.lineEnd == 5)
        #expect(c.messages.map(\.thread) == ["jake_22", "jake_22", "jake_22", "jake_22", "sam.k"])
        #expect(c.messages[4].text == "ça va ? 🙂")
        #expect(c.warnings.isEmpty)
        let (json, _) = try parse("user_data_tiktok.json")
        #expect(c.messages[0].timestamp == json.messages[0].timestamp)
        let slice = String(decoding: bytes[c.messages[0].source.byteStart..<c.messages[0].source.byteEnd], as: UTF8.self)
        #expect(slice == "2024-05-01 20:15:03 UTC jake_22: you have 24h")
    }

    @Test func aDownloadWithoutMessagesSaysSo() throws {
        let json = #"{"Your Activity": {"Watch History": {"VideoList": []}}, "Profile": {}}"#
        #expect(ChatExportDetector.detect(bytes: Array(json.utf8), name: "user_data_tiktok.json") == .tiktok)
        let c = try ChatParsers.parse(bytes: Array(json.utf8), name: "user_data_tiktok.json", platform: .tiktok,
                                      options: ChatParseOptions(timeZone: brussels))
        #expect(c.messages.isEmpty)
        #expect(c.warnings.map(\.code) == [.messageUnreadable])
    }

    @Test(arguments: ["user_data_tiktok.json", "Direct Messages.txt"])
    func everyPrefixIsReadOrRefusedWithItsTypedError(file: String) throws {
        let bytes = try TestSupport.fixtureBytes("Chats/TikTok/\(file)")
        for end in 0...bytes.count {
            do {
                _ = try ChatParsers.parse(bytes: Array(bytes[..<end]), name: file, platform: .tiktok,
                                          options: ChatParseOptions(timeZone: brussels))
            } catch let error as ChatParseError {
                #expect(error.code == .malformedJSON, "prefix \(end)")
            }
        }
        FuzzRun.report(["chat tiktok"], inputs: bytes.count + 1)
    }

    @Test func bothFormsAreRecognisedAtAdd() throws {
        let directory = try TestSupport.temporaryDirectory("tiktok")
        defer { try? FileManager.default.removeItem(at: directory) }
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "TikTok",
                                                   timeZone: "Europe/Brussels")
        _ = try evidenceCase.add([TestSupport.fixture("Chats/TikTok/user_data_tiktok.json"),
                                  TestSupport.fixture("Chats/TikTok/Direct Messages.txt")])
        let chats = try evidenceCase.items().filter { $0.conversation?.platform == .tiktok }
        #expect(chats.count == 2)
    }
}
