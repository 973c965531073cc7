import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceWorkspace

/// The exports issue 14 adds, given to `add` as the platform delivers them: recognised by content, the right file
/// found without the person naming it, the media beside it linked both ways.
@Suite struct NewChatExportAddTests {
    @Test func telegramHTMLFolderIsRecognisedAndLinkedToItsPhotos() throws {
        let directory = try TestSupport.temporaryDirectory("tg-html")
        defer { try? FileManager.default.removeItem(at: directory) }
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Chats",
                                                   timeZone: "Europe/Brussels")
        let export = directory.appendingPathComponent("ChatExport_2023-11-28")
        try FileManager.default.copyItem(at: TestSupport.fixture("Chats/TelegramHTML/ChatExport_2023-11-28"),
                                         to: export)
        _ = try evidenceCase.add([export])
        let items = try evidenceCase.items()
        let chat = try #require(items.first { $0.conversation?.platform == .telegram })
        #expect(chat.originalName == "messages.html")
        #expect(chat.kind == .chat)
        let photo = try #require(items.first { $0.originalName == "photo_1@28-11-2023_14-05-00.jpg" })
        #expect(chat.conversation?.attachmentItems == ["photos/photo_1@28-11-2023_14-05-00.jpg": photo.id])
        #expect(photo.linkedMessages == [MessageLink(item: chat.id, messages: [3])])
        #expect(chat.conversation?.missingAttachments == ["voice_messages/audio_1@28-11-2023_14-09-00.ogg"])
    }

    @Test func instagramHTMLDownloadIsRecognisedAndLinkedToItsPhotos() throws {
        let directory = try TestSupport.temporaryDirectory("ig-html")
        defer { try? FileManager.default.removeItem(at: directory) }
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Chats",
                                                   timeZone: "Europe/Brussels")
        let export = directory.appendingPathComponent("instagram-dana-2024-01-06")
        try FileManager.default.copyItem(at: TestSupport.fixture("Chats/MetaHTML/instagram-dana-2024-01-06"),
                                         to: export)
        _ = try evidenceCase.add([export])
        let items = try evidenceCase.items()
        let chat = try #require(items.first { $0.conversation?.platform == .instagram })
        #expect(chat.originalName == "message_1.html")
        #expect(chat.kind == .chat)
        #expect(chat.conversation?.messageCount == 5)
        let photo = try #require(items.first { $0.originalName == "1122334455.jpg" })
        #expect(chat.conversation?.attachmentItems == ["photos/1122334455.jpg": photo.id])
        #expect(photo.linkedMessages == [MessageLink(item: chat.id, messages: [1])])
        #expect(chat.conversation?.missingAttachments == ["videos/998877.mp4"])
    }
}
