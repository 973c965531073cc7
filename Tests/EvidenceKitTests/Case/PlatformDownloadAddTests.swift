import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// Each platform's download (`Fixtures/Chats/Downloads/`) given to `add` as the platform hands it out (a zip) and
/// as the person unpacked it (a folder): the conversations found without anyone naming them, the same messages as
/// `chat parse` of the file inside, the media linked both ways, and the rest of a downloaded zip left inside it.
@Suite struct PlatformDownloadAddTests {
    /// What one download holds.
    struct Download: Sendable, CustomTestStringConvertible {
        var name: String
        var platform: ChatPlatform
        /// The export files inside, by path in the download.
        var conversations: [String]
        /// Media a conversation names: the conversation's path, the name its messages use, the file's path.
        var media: [(conversation: String, name: String, path: String)] = []
        var testDescription: String { name }
    }

    static let downloads: [Download] = [
        Download(name: "snapchat-mydata~1716000000000", platform: .snapchat,
                 conversations: ["json/chat_history.json", "json/snap_history.json"],
                 media: [("json/chat_history.json",
                          "chat_media/2024-04-20_b~EiQSFTM0SEdmSTFNRzBDdkhlelFQS1hLUhoAGgAyAXxIAlAEYAE.jpeg",
                          "chat_media/2024-04-20_b~EiQSFTM0SEdmSTFNRzBDdkhlelFQS1hLUhoAGgAyAXxIAlAEYAE.jpeg")]),
        Download(name: "instagram-json-2024-06-01", platform: .instagram,
                 conversations: ["your_instagram_activity/messages/inbox/desiree_123/message_1.json",
                                 "your_instagram_activity/messages/inbox/zoe_123/message_1.json"],
                 media: [("your_instagram_activity/messages/inbox/zoe_123/message_1.json",
                          "your_instagram_activity/messages/inbox/zoe_123/photos/3456.jpg",
                          "your_instagram_activity/messages/inbox/zoe_123/photos/3456.jpg"),
                         ("your_instagram_activity/messages/inbox/desiree_123/message_1.json",
                          "your_instagram_activity/messages/inbox/desiree_123/photos/4521_n.jpg",
                          "your_instagram_activity/messages/inbox/desiree_123/photos/4521_n.jpg")]),
        Download(name: "instagram-html-2024-01-06", platform: .instagram,
                 conversations: ["your_instagram_activity/messages/inbox/dana_1234567890/message_1.html"],
                 media: [("your_instagram_activity/messages/inbox/dana_1234567890/message_1.html", "photos/1122334455.jpg",
                          "your_instagram_activity/messages/inbox/dana_1234567890/photos/1122334455.jpg")]),
        Download(name: "facebook-json-2023", platform: .messenger,
                 conversations: ["messages/inbox/jurgenmuller_456/message_1.json"],
                 media: [("messages/inbox/jurgenmuller_456/message_1.json",
                          "messages/inbox/jurgenmuller_456/videos/789.mp4",
                          "messages/inbox/jurgenmuller_456/videos/789.mp4")]),
        Download(name: "messenger-e2ee-2024-06", platform: .messenger, conversations: ["Anna Schmidt_1.json"],
                 media: [("Anna Schmidt_1.json", "./media/1717244990000_0.jpeg", "media/1717244990000_0.jpeg")]),
        Download(name: "telegram-html-zipped", platform: .telegram,
                 conversations: ["ChatExport_2023-11-28/messages.html"],
                 media: [("ChatExport_2023-11-28/messages.html", "photos/photo_1@28-11-2023_14-05-00.jpg",
                          "ChatExport_2023-11-28/photos/photo_1@28-11-2023_14-05-00.jpg")]),
        Download(name: "telegram-json-zipped", platform: .telegram,
                 conversations: ["ChatExport_2023-12-25/result.json"],
                 media: [("ChatExport_2023-12-25/result.json", "photos/photo_1@25-12-2023_14-05-00.jpg",
                          "ChatExport_2023-12-25/photos/photo_1@25-12-2023_14-05-00.jpg")]),
        Download(name: "discord-package", platform: .discord,
                 conversations: ["messages/c1102030405060708090/messages.json",
                                 "messages/c713000000000000000/messages.csv"]),
        Download(name: "twitter-2024-05-01", platform: .x,
                 conversations: ["data/direct-messages-group.js", "data/direct-messages.js"],
                 media: [("data/direct-messages.js", "direct_messages_media/1785000000000000011-XyZ12345.jpg",
                          "data/direct_messages_media/1785000000000000011-XyZ12345.jpg")]),
        Download(name: "tiktok-json-2024", platform: .tiktok, conversations: ["user_data_tiktok.json"]),
        Download(name: "tiktok-txt-2024", platform: .tiktok,
                 conversations: ["TikTok_Data_1714600000/Direct Messages/Direct Messages.txt"]),
    ]

    /// What a message says and where it comes from, compared between the zip, the folder and `chat parse`.
    struct Said: Equatable, CustomStringConvertible {
        var index: Int
        var author: String?
        var text: String
        var time: String?
        var kind: String
        var attachments: [String]
        var bytes: Range<Int>
        var thread: String?

        init(_ message: ChatMessage) {
            index = message.index
            author = message.author
            text = message.text
            time = message.timestamp?.value
            kind = message.kind.rawValue
            attachments = message.attachments.map(\.name)
            bytes = message.source.byteStart..<message.source.byteEnd
            thread = message.thread
        }

        var description: String { "#\(index) \(author ?? "-"): \(text)" }
    }

    static func makeCase(_ label: String) throws -> (EvidenceCase, URL) {
        let directory = try TestSupport.temporaryDirectory(label)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Downloads",
                                                   timeZone: "Europe/Brussels")
        return (evidenceCase, directory)
    }

    /// The messages `chat parse` gives for the file inside the unpacked download, told (as `add` is) which files
    /// sit beside it: Snapchat names a medium by its file when it has one, else by its id.
    static func chatParse(_ download: Download, _ path: String) throws -> [Said] {
        let file = TestSupport.fixture("Chats/Downloads/\(download.name)/\(path)")
        let export = try ChatExportFile(contentsOf: file)
        var media = file.deletingLastPathComponent()
        let root = ChatParsers.mediaRoot(for: export.platform)
        if !root.isEmpty { media = media.appendingPathComponent(root).standardizedFileURL }
        var options = ChatParseOptions(timeZone: brussels)
        options.availableMediaNames = ContentRecognizer.filesBeside(media)
        var said: [Said] = []
        _ = try export.stream(options: options) { said.append(Said($0)) }
        return said
    }

    static func derivedMessages(of item: EvidenceItem, in evidenceCase: EvidenceCase) throws -> [Said] {
        let derived = try #require(item.derived?.first)
        let bytes = Array(try Data(contentsOf: evidenceCase.storedCopy(sha256: derived.sha256)))
        return try ConversationJSONLines.decode(bytes).map(Said.init)
    }

    static func sha256(_ download: Download, _ path: String) throws -> String {
        SHA256.hash(try TestSupport.fixtureBytes("Chats/Downloads/\(download.name)/\(path)")).hex
    }

    @Test(arguments: downloads)
    func zipAsDownloadedGivesItsConversationsAndTheirMedia(_ download: Download) throws {
        let (evidenceCase, directory) = try Self.makeCase("dl-zip")
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = TestSupport.fixture("Chats/Downloads/\(download.name).zip")
        let report = try evidenceCase.add([zip])
        #expect(report.added.count == 1)
        let items = try evidenceCase.items()
        let archive = try #require(items.first { $0.parentID == nil })
        #expect(archive.originalName == "\(download.name).zip")
        #expect(archive.sha256 == SHA256.hash(try TestSupport.fixtureBytes("Chats/Downloads/\(download.name).zip")).hex)

        // One conversation: the zip is the conversation (as a WhatsApp zip). Several: each is an item inside it.
        var conversations: [String: EvidenceItem] = [:]
        if download.conversations.count == 1 {
            conversations[download.conversations[0]] = archive
        } else {
            #expect(archive.conversation == nil)
            #expect(archive.kindReason.contains("\(download.conversations.count) conversations"))
            for path in download.conversations {
                let item = try #require(items.first { $0.parentID == archive.id && $0.originalPath.hasSuffix("!/\(path)") },
                                        "\(path)")
                #expect(item.originalName == (path as NSString).lastPathComponent)
                #expect(item.sha256 == (try Self.sha256(download, path)))
                conversations[path] = item
            }
        }
        for (path, item) in conversations {
            #expect(item.kind == .chat)
            #expect(item.conversation?.platform == download.platform, "\(path)")
            let said = try Self.derivedMessages(of: item, in: evidenceCase)
            #expect(!said.isEmpty)
            #expect(said == (try Self.chatParse(download, path)), "\(path)")
        }

        // Each medium a message names is an item of the conversation, linked both ways.
        for medium in download.media {
            let conversation = try #require(conversations[medium.conversation])
            let item = try #require(items.first { $0.parentID == conversation.id && $0.sha256 == (try? Self.sha256(download, medium.path)) },
                                    "\(medium.path)")
            #expect(item.originalName == (medium.path as NSString).lastPathComponent)
            #expect(conversation.conversation?.attachmentItems[medium.name] == item.id, "\(medium.name)")
            let messages = try #require(conversation.conversation?.attachmentMessages[medium.name])
            #expect(item.linkedMessages == [MessageLink(item: conversation.id, messages: messages)])
        }
        // Nothing else of the download became an item: profile, ads and the download's own pages stay in the zip.
        let expected = 1 + (download.conversations.count > 1 ? download.conversations.count : 0) + download.media.count
        #expect(items.count == expected, "\(items.map(\.originalPath))")
    }

    @Test(arguments: downloads)
    func unpackedFolderGivesTheSameConversationsAndLinksTheirMedia(_ download: Download) throws {
        let (evidenceCase, directory) = try Self.makeCase("dl-folder")
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent(download.name)
        try FileManager.default.copyItem(at: TestSupport.fixture("Chats/Downloads/\(download.name)"), to: folder)
        _ = try evidenceCase.add([folder])
        let items = try evidenceCase.items()
        func item(at path: String) throws -> EvidenceItem {
            try #require(items.first { ($0.sourcePath ?? $0.originalPath).hasSuffix("/\(download.name)/\(path)") }, "\(path)")
        }
        for path in download.conversations {
            let conversation = try item(at: path)
            #expect(conversation.kind == .chat)
            #expect(conversation.conversation?.platform == download.platform, "\(path)")
            #expect(try Self.derivedMessages(of: conversation, in: evidenceCase) == (try Self.chatParse(download, path)))
        }
        for medium in download.media {
            let conversation = try item(at: medium.conversation)
            let file = try item(at: medium.path)
            #expect(conversation.conversation?.attachmentItems[medium.name] == file.id, "\(medium.name)")
            let messages = try #require(conversation.conversation?.attachmentMessages[medium.name])
            #expect(file.linkedMessages == [MessageLink(item: conversation.id, messages: messages)])
        }
    }

    @Test func aDownloadOfSeveralConversationsSealsAndVerifies() throws {
        let (evidenceCase, directory) = try Self.makeCase("dl-seal")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try evidenceCase.add([TestSupport.fixture("Chats/Downloads/instagram-json-2024-06-01.zip")])
        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("b.zip"),
                                           sealedAt: Instant(unixSeconds: 1_773_133_200))
        let report = try BundleVerifier().verify(bundleAt: sealed.bundle)
        #expect(report.intact, "\(report.findings)")
        let manifest = try EvidenceManifest(parsing: Array(try TestSupport.tool(
            "unzip", ["-p", sealed.bundle.path, "case/evidence/manifest.json"]).stdout.utf8))
        #expect(manifest.items.count == 5)
        #expect(manifest.items.filter { $0.derived != nil }.count == 2)
    }
}
