import EvidenceCrypto
import Foundation
import Testing
import ZIPFoundation
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// Chat exports and e-mails added to a case: kept byte for byte, parsed into derived messages, their media and
/// attachments stored as items of their own and linked both ways.
@Suite struct ConversationItemsTests {
    static let sealedAt = Instant(unixSeconds: 1_773_133_200)

    func makeCase(_ label: String) throws -> (EvidenceCase, URL) {
        let directory = try TestSupport.temporaryDirectory(label)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Chats",
                                                   timeZone: "Europe/Brussels")
        return (evidenceCase, directory)
    }

    @Test func whatsAppZipBecomesAConversationWithLinkedMedia() throws {
        let (evidenceCase, directory) = try makeCase("wa-zip")
        let zip = TestSupport.fixture("Chats/WhatsApp/ios-export.zip")
        let report = try evidenceCase.add([zip])
        let items = try evidenceCase.items()
        #expect(report.added.count == 1)
        let chat = try #require(items.first { $0.kind == .chat })
        let conversation = try #require(chat.conversation)
        #expect(conversation.platform == .whatsapp)
        #expect(conversation.messageCount == 3)
        #expect(conversation.missingAttachments == ["00000013-PHOTO-2023-12-25-14-05-00.jpg"])
        #expect(chat.warnings.contains { $0.code.rawValue == "missing-media" })
        #expect(chat.best?.source == .chat)
        #expect(chat.best?.value == "2023-12-25T14:03:22+01:00")

        // The photo inside the zip is its own item, linked both ways.
        let photo = try #require(items.first { $0.parentID == chat.id })
        #expect(photo.originalName == "00000012-PHOTO-2023-12-25-14-04-00.jpg")
        #expect(photo.linkedMessages == [MessageLink(item: chat.id, messages: [1])])
        #expect(conversation.attachmentItems == ["00000012-PHOTO-2023-12-25-14-04-00.jpg": photo.id])
        let archive = try Archive(url: zip, accessMode: .read)
        var original = Data()
        _ = try archive.extract(try #require(archive["00000012-PHOTO-2023-12-25-14-04-00.jpg"])) { original.append($0) }
        #expect(photo.sha256 == SHA256.hash(original).hex)
        #expect(photo.size == Int64(original.count))

        // The derived messages are stored, and each message's byte range points at its lines in the original.
        let derived = try #require(chat.derived?.first)
        let jsonl = Array(try Data(contentsOf: evidenceCase.storedCopy(sha256: derived.sha256)))
        #expect(SHA256.hash(jsonl).hex == derived.sha256)
        let messages = try ConversationJSONLines.decode(jsonl)
        #expect(messages.count == 3)
        let chatText = Array(try TestSupport.tool("unzip", ["-p", zip.path, "_chat.txt"]).stdout.utf8)
        let second = messages[1]
        let line = String(decoding: chatText[second.source.byteStart..<second.source.byteEnd], as: UTF8.self)
        #expect(line.contains("Alice: \u{200E}<attached: 00000012-PHOTO-2023-12-25-14-04-00.jpg>"))

        // Sealed: the derived file sits under data/derived/ and everything verifies, with stock tools too.
        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("b.zip"), sealedAt: Self.sealedAt)
        let report2 = try BundleVerifier().verify(bundleAt: sealed.bundle)
        #expect(report2.intact, "\(report2.findings)")
        let listing = try TestSupport.tool("unzip", ["-Z1", sealed.bundle.path]).stdout
        #expect(listing.contains("case/data/derived/0001-ios-export.zip.messages.jsonl"))
        #expect(listing.contains("case/data/0002-00000012-PHOTO-2023-12-25-14-04-00.jpg"))
        let manifest = try EvidenceManifest(parsing: Array(try TestSupport.tool("unzip", ["-p", sealed.bundle.path, "case/evidence/manifest.json"]).stdout.utf8))
        #expect(manifest.items[0].derived?.first?.path == "data/derived/0001-ios-export.zip.messages.jsonl")
        #expect(manifest.items[1].linkedMessages == [MessageLink(item: 1, messages: [1])])
    }

    @Test func zipBombInsideAWhatsAppExportIsNotExtracted() throws {
        let (evidenceCase, directory) = try makeCase("wa-bomb")
        let zip = directory.appendingPathComponent("WhatsApp Chat with X.zip")
        try HostileBundleTests.makeZip(at: zip, script: """
            add('_chat.txt', '[25/12/2023, 14:03:22] Alice: look\\n\u{200E}[25/12/2023, 14:04:00] Alice: \u{200E}<attached: 00000012-PHOTO-2023-12-25-14-04-00.jpg>\\n')
            bomb('00000012-PHOTO-2023-12-25-14-04-00.jpg', 64 << 20)
            """)
        let report = try evidenceCase.add([zip])
        let chat = try #require(report.added.first)
        #expect(chat.kind == .chat)
        #expect(chat.conversation?.messageCount == 2)
        #expect(chat.warnings.contains { $0.code.rawValue == "media-unreadable" && $0.message.contains("no photo or video does") })
        #expect(try evidenceCase.items().count == 1)
        let objects = try FileManager.default.subpathsOfDirectory(atPath: evidenceCase.folder.appendingPathComponent("objects").path)
        let sizes = try objects.map { try FileManager.default.attributesOfItem(atPath: evidenceCase.folder.appendingPathComponent("objects/\($0)").path)[.size] as? NSNumber }
        #expect(sizes.allSatisfy { ($0?.intValue ?? 0) < 1 << 20 })
    }

    @Test func derivedFileTamperingIsCaught() throws {
        let (evidenceCase, directory) = try makeCase("wa-tamper")
        _ = try evidenceCase.add([TestSupport.fixture("Chats/WhatsApp/ios-export.zip")])
        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("b.zip"), sealedAt: Self.sealedAt)
        let unpacked = directory.appendingPathComponent("u")
        _ = try TestSupport.tool("unzip", ["-q", sealed.bundle.path, "-d", unpacked.path])
        let derived = unpacked.appendingPathComponent("case/data/derived/0001-ios-export.zip.messages.jsonl")
        var bytes = Array(try Data(contentsOf: derived))
        bytes[20] ^= 0x01
        try Data(bytes).write(to: derived)
        let report = try BundleVerifier().verify(bundleAt: unpacked.appendingPathComponent("case"))
        #expect(report.findings.contains { $0.category == .modified && $0.path == "data/derived/0001-ios-export.zip.messages.jsonl" })
    }

    @Test func exportAndMediaBesideItAreLinkedWhicheverComesFirst() throws {
        let (evidenceCase, directory) = try makeCase("wa-folder")
        let export = directory.appendingPathComponent("export")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
        let chat = """
            [25/12/2023, 14:03:22] Alice: Look
            \u{200E}[25/12/2023, 14:04:00] Alice: \u{200E}<attached: 00000012-PHOTO-2023-12-25-14-04-00.jpg>

            """
        try Data(chat.utf8).write(to: export.appendingPathComponent("_chat.txt"))
        let photo = export.appendingPathComponent("00000012-PHOTO-2023-12-25-14-04-00.jpg")
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 1, 2, 3]).write(to: photo)
        // The chat first, the photo in a later add.
        _ = try evidenceCase.add([export.appendingPathComponent("_chat.txt")])
        let second = try evidenceCase.add([photo])
        #expect(second.links == [AddReport.Link(conversationItem: 1, attachmentName: "00000012-PHOTO-2023-12-25-14-04-00.jpg", fileItem: 2)])
        let items = try evidenceCase.items()
        let chatItem = try #require(items.first { $0.kind == .chat })
        let photoItem = try #require(items.first { $0.originalName.hasSuffix(".jpg") })
        #expect(chatItem.conversation?.attachmentItems == ["00000012-PHOTO-2023-12-25-14-04-00.jpg": photoItem.id])
        #expect(chatItem.conversation?.missingAttachments == [])
        #expect(photoItem.linkedMessages == [MessageLink(item: chatItem.id, messages: [1])])
        #expect(CustodyJournal.problems(inJournal: try evidenceCase.custodyJournal()).isEmpty)
    }

    @Test func telegramFolderExportIsLinkedToItsPhotos() throws {
        let (evidenceCase, directory) = try makeCase("tg-folder")
        let export = directory.appendingPathComponent("ChatExport_2023-12-25")
        try FileManager.default.createDirectory(at: export.appendingPathComponent("photos"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.fixture("Chats/Telegram/result-single.json"),
                                         to: export.appendingPathComponent("result.json"))
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 9, 9, 9]).write(to: export.appendingPathComponent("photos/photo_1@25-12-2023_14-05-00.jpg"))
        _ = try evidenceCase.add([export])
        let items = try evidenceCase.items()
        let chat = try #require(items.first { $0.conversation?.platform == .telegram })
        let photo = try #require(items.first { $0.originalName == "photo_1@25-12-2023_14-05-00.jpg" })
        #expect(chat.conversation?.attachmentItems == ["photos/photo_1@25-12-2023_14-05-00.jpg": photo.id])
        #expect(photo.linkedMessages == [MessageLink(item: chat.id, messages: [2])])
        #expect(photo.parentID == nil)
    }

    @Test func emailAttachmentsBecomeItems() throws {
        let (evidenceCase, _) = try makeCase("mail")
        _ = try evidenceCase.add([TestSupport.fixture("Mail/threat-multipart.eml")])
        let items = try evidenceCase.items()
        let mail = try #require(items.first { $0.kind == .email })
        #expect(mail.best?.source == .emailHeader)
        #expect(mail.best?.field == "Date")
        #expect(mail.best?.value == "2023-12-25T14:03:22+01:00")
        #expect(mail.best?.zone == .embedded)
        let email = try #require(mail.email)
        // Two named attachments and one inline image (named by its part number): all three are evidence.
        #expect(email.attachmentItems.keys.sorted() == ["facture €.pdf", "part-1.png", "photo été.jpg"])
        let children = items.filter { $0.parentID == mail.id }
        #expect(children.count == 3)
        #expect(Set(children.map(\.originalName)) == ["facture €.pdf", "part-1.png", "photo été.jpg"])
        #expect(children.allSatisfy { $0.originalPath.hasPrefix(mail.originalPath + "!/") })
    }

    @Test func mailboxMessagesAreItsDerivedMessagesAndTheirAttachmentsItems() throws {
        let (evidenceCase, directory) = try makeCase("mbox")
        var mailbox = try TestSupport.fixtureBytes("Mail/mailbox.mbox")
        let separator = Array("\nFrom lucas@example.invalid Mon Dec 25 14:03:22 2023\n".utf8)
        mailbox += separator
        let threatStart = mailbox.count
        mailbox += try TestSupport.fixtureBytes("Mail/threat-multipart.eml")
        let url = directory.appendingPathComponent("Inbox.mbox")
        try Data(mailbox).write(to: url)
        _ = try evidenceCase.add([url])
        let items = try evidenceCase.items()
        let box = try #require(items.first { $0.originalName == "Inbox.mbox" })
        #expect(box.kind == .email)
        #expect(box.kindReason.contains("mailbox with 4 messages"))
        #expect(box.timestamps.contains { $0.source == .emailHeader && $0.field == "first message" })
        #expect(box.timestamps.contains { $0.source == .emailHeader && $0.value == "2023-12-25T14:03:22+01:00" })
        let conversation = try #require(box.conversation)
        #expect(conversation.platform == .email)
        #expect(conversation.messageCount == 4)

        // The messages are the mailbox's derived lines, each pointing at its bytes in the mailbox.
        let derived = try #require(box.derived?.first)
        let lines = try ConversationJSONLines.decode(try Array(Data(contentsOf: evidenceCase.storedCopy(sha256: derived.sha256))))
        #expect(lines.count == 4)
        let threat = try #require(lines.last)
        #expect(threat.timestamp?.value == "2023-12-25T14:03:22+01:00")
        #expect(threat.source.byteStart == threatStart)
        #expect(threat.source.byteEnd == mailbox.count)
        #expect(threat.author == "Zoë Anon <anon1234@mail.example>")
        #expect(Set(threat.attachments.map(\.name)) == ["message-0004/facture €.pdf", "message-0004/part-1.png",
                                                        "message-0004/photo été.jpg"])

        // No message is copied out; the attachments are items of their own, linked to message 4 (index 3).
        #expect(!items.contains { $0.originalName.hasSuffix(".eml") })
        let attachments = items.filter { $0.parentID == box.id }
        #expect(Set(attachments.map(\.originalName)) == ["facture €.pdf", "part-1.png", "photo été.jpg"])
        #expect(attachments.allSatisfy { $0.linkedMessages == [MessageLink(item: box.id, messages: [3])] })
        #expect(attachments.allSatisfy { $0.originalPath.hasPrefix("Inbox.mbox!/message-0004/") })
        #expect(conversation.attachmentItems.count == 3)
        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("b.zip"), sealedAt: Self.sealedAt)
        #expect(try BundleVerifier().verify(bundleAt: sealed.bundle).intact)
    }

    @Test func addTakesTheDateOrderTheAmbiguityWarningAsksFor() throws {
        let (_, directory) = try makeCase("date-order")
        let casePath = directory.appendingPathComponent("case").path
        let export = TestSupport.fixture("Chats/WhatsApp/android-ambiguous.txt").path
        // Left to itself, add infers the order and says how to set it.
        let inferred = try TestSupport.evidence(["add", "--case", casePath, export])
        #expect(inferred.status == 0, "\(inferred.stderr)")
        #expect(inferred.stdout.contains("pass --date-order"))
        let other = try TestSupport.temporaryDirectory("date-order-mdy")
        _ = try EvidenceCase.create(at: other.appendingPathComponent("case"), title: "Chat", timeZone: "Europe/Brussels")
        let given = try TestSupport.evidence(["add", "--case", other.appendingPathComponent("case").path,
                                              "--date-order", "mdy", export])
        #expect(given.status == 0, "\(given.stderr)")
        #expect(!given.stdout.contains("--date-order"))
        let chat = try #require(try EvidenceCase(opening: other.appendingPathComponent("case")).items().first)
        #expect(!chat.warnings.contains { $0.code == .dateOrderAssumed })
        // 01/02/2024 read month first: 2 January.
        #expect(chat.conversation?.firstMessageAt?.hasPrefix("2024-01-02T10:00:00") == true)
        let refused = try TestSupport.evidence(["add", "--case", casePath, "--date-order", "dym", export])
        #expect(refused.status == 64 || refused.status == 2)
        #expect(refused.stderr.contains("--date-order must be dmy, mdy or ymd, not \"dym\""))
    }

    @Test func telegramAndSMSExportsAreRecognisedByContent() throws {
        let (evidenceCase, directory) = try makeCase("tg")
        // A misleading name: recognition goes by content.
        let renamed = directory.appendingPathComponent("export.txt")
        try FileManager.default.copyItem(at: TestSupport.fixture("Chats/Telegram/result-single.json"), to: renamed)
        _ = try evidenceCase.add([renamed, TestSupport.fixture("Chats/SMS/sms-backup.xml")])
        let items = try evidenceCase.items()
        #expect(items.first { $0.originalName == "export.txt" }?.conversation?.platform == .telegram)
        #expect(items.first { $0.originalName == "sms-backup.xml" }?.conversation?.platform == .sms)
    }

    @Test func brokenExportIsKeptWithAWarning() throws {
        let (evidenceCase, _) = try makeCase("broken")
        let report = try evidenceCase.add([TestSupport.fixture("Chats/Telegram/result-truncated.json")])
        let item = try #require(report.added.first)
        #expect(item.warnings.contains { $0.code.rawValue == "chat-unreadable" } || item.kind != .chat)
        #expect(try evidenceCase.items().count == 1)
    }
}
