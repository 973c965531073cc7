import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceWorkspace

@Suite("Snapchat My Data")
struct SnapchatParserTests {
    static let folder = "Chats/Snapchat/mydata~1716000000000"
    static let mediaID = "b~EiQSFTM0SEdmSTFNRzBDdkhlelFQS1hLUhoAGgAyAXxIAlAEYAE"

    func parse(_ fixture: String, media: Set<String>? = nil) throws -> Conversation {
        let bytes = try TestSupport.fixtureBytes(fixture)
        let name = (fixture as NSString).lastPathComponent
        #expect(ChatExportDetector.detect(bytes: bytes, name: name) == .snapchat)
        return try ChatParsers.parse(bytes: bytes, name: name, platform: .snapchat,
                                     options: ChatParseOptions(timeZone: brussels, me: "Victim",
                                                               availableMediaNames: media))
    }

    @Test func chatHistoryFieldByField() throws {
        let c = try parse("\(Self.folder)/json/chat_history.json",
                          media: ["chat_media/2024-04-20_\(Self.mediaID).jpeg", "json/chat_history.json"])
        let m = c.messages
        #expect(m.count == 5)
        #expect(m.map(\.author) == ["jake_22", "lina.v", "jake_22", "jake_22", "jake_22"])
        #expect(m[0].text == "send me more or I show everyone 😈")
        #expect(m[0].timestamp?.value == "2024-04-20T01:29:22.686Z")
        #expect(m[0].timestamp?.field == "Created(microseconds)")
        #expect(m[0].timestamp?.zone == .utc)
        #expect(m[0].thread == "jake_22")
        #expect(m[1].kind == .message)
        #expect(m[1].attachments == [ChatAttachment(name: "chat_media/2024-04-20_\(Self.mediaID).jpeg", found: true)])
        // A voice note whose file is not in the download: named by its id, missing, and said.
        #expect(m[2].attachments == [ChatAttachment(name: "b~NotInTheDownload", found: false)])
        #expect(m[3].kind == .deleted && m[3].text.isEmpty)
        #expect(m[4].thread == "Class of 2025")
        #expect(c.participants == ["jake_22", "lina.v"])
        #expect(c.warnings.map(\.code) == [.missingMedia])
    }

    @Test func snapsAreMediaWithoutContent() throws {
        let c = try parse("\(Self.folder)/json/snap_history.json")
        #expect(c.messages.map(\.kind) == [.mediaOmitted, .mediaOmitted])
        #expect(c.messages.map { $0.timestamp?.value } == ["2024-04-19T22:10:00.000Z", "2024-04-19T22:11:30.000Z"])
        #expect(c.messages.map(\.author) == ["jake_22", "lina.v"])
    }

    @Test func olderSavedAndUnsavedLists() throws {
        let c = try parse("Chats/Snapchat/chat_history-2021.json")
        #expect(c.messages.map(\.author) == ["jake_22", "Victim", "jake_22"])
        #expect(c.messages.map(\.text) == ["hey", "who is this", ""])
        #expect(c.messages.map(\.kind) == [.message, .message, .mediaOmitted])
        #expect(c.messages[1].timestamp?.value == "2021-06-01T18:01:00Z")
        #expect(c.messages[1].timestamp?.field == "Created")
        #expect(c.warnings.isEmpty)
    }

    @Test func otherStatusEventsAreTheAppSpeakingUnderTheActorsName() throws {
        let json = #"{"jake_22":[{"From":"jake_22","Media Type":"STATUSPARTICIPANTREMOVED","Created":"2024-04-20 01:29:22 UTC","Content":"","IsSender":false}]}"#
        let c = try ChatParsers.parse(bytes: Array(json.utf8), name: "chat_history.json", platform: .snapchat,
                                      options: ChatParseOptions(timeZone: brussels))
        #expect(c.messages.first?.kind == .system)
        #expect(c.messages.first?.author == nil)
        #expect(c.messages.first?.writtenUnder == "jake_22")
        #expect(c.messages.first?.timestamp?.value == "2024-04-20T01:29:22Z")
    }

    @Test func createdTimes() {
        #expect(SnapchatParser.created("2024-04-20 01:29:22 UTC") == Instant(unixSeconds: 1_713_576_562))
        #expect(SnapchatParser.created("2024-02-30 01:29:22 UTC") == nil)
        #expect(SnapchatParser.created("2024-04-20 01:29:22") == nil)
        #expect(SnapchatParser.created("2024-04-20T01:29:22 UTC") == nil)
    }

    @Test func everyPrefixIsReadOrRefusedWithItsTypedError() throws {
        let bytes = try TestSupport.fixtureBytes("\(Self.folder)/json/chat_history.json")
        for end in 0...bytes.count {
            do {
                _ = try ChatParsers.parse(bytes: Array(bytes[..<end]), name: "chat_history.json", platform: .snapchat,
                                          options: ChatParseOptions(timeZone: brussels))
                #expect(end == bytes.count || end >= bytes.count - 2, "prefix \(end) of a cut JSON parsed")
            } catch let error as ChatParseError {
                #expect(error.code == .malformedJSON, "prefix \(end)")
            }
        }
        FuzzRun.report(["chat snapchat"], inputs: bytes.count + 1)
    }

    @Test func theDownloadFolderIsRecognisedAndItsMediaLinked() throws {
        let directory = try TestSupport.temporaryDirectory("snap")
        defer { try? FileManager.default.removeItem(at: directory) }
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Snap",
                                                   timeZone: "Europe/Brussels")
        let export = directory.appendingPathComponent("mydata~1716000000000")
        try FileManager.default.copyItem(at: TestSupport.fixture(Self.folder), to: export)
        _ = try evidenceCase.add([export])
        let items = try evidenceCase.items()
        let chat = try #require(items.first { $0.originalName == "chat_history.json" })
        #expect(chat.conversation?.platform == .snapchat)
        #expect(items.first { $0.originalName == "snap_history.json" }?.conversation?.platform == .snapchat)
        let photo = try #require(items.first { $0.originalName.hasPrefix("2024-04-20_b~") })
        let name = "chat_media/2024-04-20_\(Self.mediaID).jpeg"
        #expect(chat.conversation?.attachmentItems == [name: photo.id])
        #expect(photo.linkedMessages == [MessageLink(item: chat.id, messages: [1])])
    }
}
