import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceWorkspace

/// A zip that looks like a platform's download but is built to harm (an entry escaping the folder, a symbolic
/// link, a zip bomb, too many entries): refused with a sentence naming the zip and the reason, before anything is
/// taken out of it. `add` keeps the zip itself, as received, and nothing else; `chat parse` exits 2.
@Suite struct HostileDownloadTests {
    /// An Instagram thread that, alone in a zip, would be read.
    static var thread: String {
        let path = TestSupport.fixture("Chats/Meta/instagram-message_1.json").path
        return "add('your_instagram_activity/messages/inbox/zoe_123/message_1.json', open('\(path)', 'rb').read())\n"
            + "add('your_instagram_activity/messages/inbox/zoe_123/photos/3456.jpg', b'\\xff\\xd8\\xff\\xd9')"
    }

    static let hostile: [(label: String, script: String, reason: String)] = [
        ("path-escape", thread + "\nadd('your_instagram_activity/../../escaped.jpg', b'\\xff\\xd8\\xff\\xd9')",
         "would land outside the archive"),
        ("backslash", thread + "\nadd('..\\\\..\\\\escaped.jpg', b'\\xff\\xd8\\xff\\xd9')", "holds a backslash"),
        ("symlink", thread + "\nlink('your_instagram_activity/messages/inbox/zoe_123/photos/9.jpg', '/etc/passwd')",
         "is a symbolic link"),
        ("bomb", thread + "\nbomb('your_instagram_activity/messages/inbox/mia_456/message_1.json', 64 << 20)",
         "which no chat export does"),
    ]

    @Test(arguments: 0..<hostile.count)
    func hostileDownloadIsKeptWholeAndNothingIsTakenOut(_ index: Int) throws {
        let (label, script, reason) = Self.hostile[index]
        let (evidenceCase, directory) = try PlatformDownloadAddTests.makeCase("hostile-\(label)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("download.zip")
        try HostileBundleTests.makeZip(at: zip, script: script)

        let report = try evidenceCase.add([zip])
        #expect(report.added.count == 1)
        let items = try evidenceCase.items()
        #expect(items.count == 1, "\(items.map(\.originalPath))")
        let item = try #require(items.first)
        #expect(item.sha256 == SHA256.hash(Array(try Data(contentsOf: zip))).hex)
        #expect(item.conversation == nil)
        #expect(item.kind == .other)
        let warning = try #require(item.warnings.first { $0.code == .chatUnreadable })
        #expect(warning.message.contains("download.zip"), "\(warning.message)")
        #expect(warning.message.contains(reason), "\(warning.message)")
        #expect(warning.message.contains("kept as it is"))
        // The store holds the zip and nothing taken out of it; nothing was written beside the zip or above it.
        let objects = try FileManager.default.subpathsOfDirectory(
            atPath: evidenceCase.folder.appendingPathComponent("objects/sha256").path)
        #expect(objects.filter { $0.count > 3 }.map { String($0.suffix(64)) } == [item.sha256])
        let staging = try FileManager.default.contentsOfDirectory(
            atPath: evidenceCase.folder.appendingPathComponent("staging").path)
        #expect(staging.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["case", "download.zip"])

        let parse = try TestSupport.evidence(["chat", "parse", "--timezone", "Europe/Brussels", zip.path])
        #expect(parse.status == 2)
        #expect(parse.stderr.contains("download.zip"))
        #expect(parse.stderr.contains(reason), "\(parse.stderr)")
    }

    @Test func tooManyEntriesAreRefusedBeforeAnyIsRead() throws {
        let directory = try TestSupport.temporaryDirectory("hostile-many")
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("package.zip")
        try HostileBundleTests.makeZip(at: zip, script: Self.thread + "\nfor i in range(60): add('x/%d.json' % i, '{}')")
        #expect(try PlatformDownload(zipAt: zip).conversations.count == 1)
        do {
            _ = try PlatformDownload(zipAt: zip, maximumEntries: 50)
            Issue.record("must be refused")
        } catch let error as ChatParseError {
            #expect(error.code == .tooLarge)
            #expect(error.fileName == "package.zip")
            #expect(error.reason.contains("more than 50 entries"))
        }
    }

    @Test func aConversationThatInflatesPastWhatItDeclaresIsRefused() throws {
        // The declared size is small and honest-looking; the deflated stream holds far more.
        let directory = try TestSupport.temporaryDirectory("hostile-lying")
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("mydata~1.zip")
        try HostileBundleTests.makeZip(at: zip, script: """
            add('json/chat_history.json', b'{"lina_v": [' + b' ' * (4 << 20) + b']}')
            z.close()
            import struct
            data = bytearray(open(out, 'rb').read())
            # Patch the uncompressed size (local header offset 22, central header offset 24) to 100 bytes.
            struct.pack_into('<I', data, 22, 100)
            central = data.rfind(b'PK\\x01\\x02')
            struct.pack_into('<I', data, central + 24, 100)
            open(out, 'wb').write(data)
            z = zipfile.ZipFile(io.BytesIO(), 'w')
            """.replacingOccurrences(of: "import struct", with: "import struct, io"))
        do {
            _ = try PlatformDownload(zipAt: zip)
            Issue.record("must be refused")
        } catch let error as ChatParseError {
            #expect(error.fileName == "mydata~1.zip")
            #expect(["too-large", "bad-archive"].contains(error.code.rawValue), "\(error)")
        }
    }

    @Test func chatParseReadsAZipHoldingOneConversationAndNamesTheConversationsOfOneHoldingSeveral() throws {
        let single = try TestSupport.evidence(["chat", "parse", "--timezone", "Europe/Brussels",
                                               TestSupport.fixture("Chats/Downloads/telegram-html-zipped.zip").path])
        #expect(single.status == 0, "\(single.stderr)")
        let inner = try TestSupport.evidence(["chat", "parse", "--timezone", "Europe/Brussels", TestSupport.fixture(
            "Chats/Downloads/telegram-html-zipped/ChatExport_2023-11-28/messages.html").path])
        // The same messages; the zip also knows which named files the export left out.
        #expect(single.stdout.contains("audio_1@28-11-2023_14-09-00.ogg, missing]"))
        #expect(single.stdout.replacingOccurrences(of: ", missing]", with: "]") == inner.stdout)
        #expect(!single.stdout.isEmpty)

        let several = try TestSupport.evidence(["chat", "parse",
                                                TestSupport.fixture("Chats/Downloads/discord-package.zip").path])
        #expect(several.status == 2)
        #expect(several.stderr.contains("holds 2 conversations"))
        #expect(several.stderr.contains("messages/c713000000000000000/messages.csv"))
    }
}
