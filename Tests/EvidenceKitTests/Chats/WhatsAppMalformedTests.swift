import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("WhatsApp malformed input")
struct WhatsAppMalformedTests {
    func error(_ bytes: [UInt8], name: String = "chat.txt", order: DateOrder? = nil) -> ChatParseError? {
        do {
            _ = try ChatParsers.parse(bytes: bytes, name: name, platform: .whatsapp,
                                      options: ChatParseOptions(timeZone: brussels, dateOrder: order))
            return nil
        } catch let error as ChatParseError {
            return error
        } catch {
            Issue.record("unexpected error type \(error)")
            return nil
        }
    }

    @Test func binaryFileNamedTxt() throws {
        // The first bytes of a PNG, saved as "_chat.txt".
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48]
        let e = try #require(error(png, name: "_chat.txt"))
        #expect(e.code == .notText)
        // 0x0A twice before the NUL at byte 8: line 3.
        #expect(e.line == 3)
        #expect(e.description.hasPrefix("_chat.txt, line 3 (byte 8)"))
    }

    @Test func invalidUTF8NamesTheLine() throws {
        let bytes = Array("25/12/2023, 14:03 - Alice: hi\n25/12/2023, 14:04 - Bob: caf".utf8) + [0xE9, 0x0A]
        let e = try #require(error(bytes))
        #expect(e.code == .invalidUTF8)
        #expect(e.line == 2)
        #expect(e.byteOffset == bytes.count - 2)
        #expect(e.description.contains("chat.txt, line 2"))
    }

    @Test func fiftyMegabyteSingleLine() throws {
        var bytes = Array("25/12/2023, 14:03 - Alice: ".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 50 << 20)
        let e = try #require(error(bytes))
        #expect(e.code == .lineTooLong)
        #expect(e.line == 1)
    }

    @Test func manyContinuationLinesCannotGrowAMessageWithoutBound() throws {
        var bytes = Array("25/12/2023, 14:03 - Alice: start\n".utf8)
        let line = Array(repeating: UInt8(ascii: "b"), count: 1000) + [0x0A]
        for _ in 0..<5000 { bytes += line }
        let e = try #require(error(bytes))
        #expect(e.code == .messageTooLong)
    }

    @Test func textWithoutAnyMessageHeader() throws {
        let e = try #require(error(Array("Dear diary,\nnothing here.\n".utf8), name: "notes.txt"))
        #expect(e.code == .noMessages)
        #expect(e.description.hasPrefix("notes.txt, line 1"))
    }

    @Test func impossibleDateNamesItsLine() throws {
        let bytes = Array("13/01/2023, 10:00 - A: x\n31/02/2023, 10:00 - A: y\n".utf8)
        let e = try #require(error(bytes))
        #expect(e.code == .badDate)
        #expect(e.line == 2)
    }

    @Test func contradictoryDayPositions() throws {
        let bytes = Array("13/01/2023, 10:00 - A: x\n01/13/2023, 10:00 - A: y\n".utf8)
        let e = try #require(error(bytes))
        #expect(e.code == .inconsistentDates)
        // An explicit order settles it, and then the impossible reading is reported.
        let forced = try #require(error(bytes, order: .dmy))
        #expect(forced.code == .badDate)
        #expect(forced.line == 2)
    }

    @Test func everyPrefixOfARealExportParsesOrFailsCleanly() throws {
        let bytes = try TestSupport.fixtureBytes("Chats/WhatsApp/ios-en-US.txt")
        for end in 0...bytes.count {
            do {
                let c = try ChatParsers.parse(bytes: Array(bytes[..<end]), name: "p.txt", platform: .whatsapp,
                                              options: ChatParseOptions(timeZone: brussels))
                #expect(c.messages.count <= 8)
            } catch let e as ChatParseError {
                #expect([.noMessages, .invalidUTF8].contains(e.code), "prefix \(end): \(e)")
            }
        }
        FuzzRun.report(["chat whatsapp"], inputs: bytes.count + 1)
    }

    @Test func commandExitsWithStatus2AndNamesFileAndLine() throws {
        let folder = try TestSupport.temporaryDirectory("wa-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("broken.txt")
        try Data("25/12/2023, 14:03 - Alice: hi\n25/12/2023, 14:04 - Bob: \u{FF}".utf8).write(to: file)
        var raw = Array(try Data(contentsOf: file))
        raw[raw.count - 2] = 0xFF
        try Data(raw).write(to: file)
        let result = try TestSupport.evidence(["chat", "parse", file.path, "--json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("broken.txt, line 2"))

        let good = try TestSupport.evidence(["chat", "parse", "--json", "--timezone", "Europe/Brussels",
                                             TestSupport.fixture("Chats/WhatsApp/android-en-GB.txt").path])
        #expect(good.status == 0)
        let lines = good.stdout.split(separator: "\n")
        #expect(lines.count == 12)
        #expect(lines.first?.contains("\"timestamp\":\"2023-12-25T14:00:00+01:00\"") == true)
        let zip = try TestSupport.evidence(["chat", "parse", "--timezone", "Europe/Brussels",
                                            TestSupport.fixture("Chats/WhatsApp/ios-export.zip").path])
        #expect(zip.status == 0)
        #expect(zip.stdout.contains("Alice: Look"))
        #expect(zip.stderr.contains("missing") || zip.stderr.contains("not in the export"))
    }
}

@Suite("WhatsApp zip exports")
struct WhatsAppZipTests {
    @Test func androidZipUsesTheChatFileAndMedia() throws {
        let export = try PlatformDownload(zipAt: TestSupport.fixture("Chats/WhatsApp/android-export.zip"))
        let chat = try #require(export.conversations.first)
        #expect(export.conversations.count == 1)
        #expect(chat.entryPath == "WhatsApp Chat with Bob.txt")
        let media = export.mediaFiles(of: chat, namedByMessages: [])
        #expect(media.map(\.entryPath) == ["IMG-20231225-WA0003.jpg"])
        let c = try ChatParsers.parse(bytes: chat.bytes, name: chat.entryPath, platform: .whatsapp,
                                      options: ChatParseOptions(timeZone: brussels,
                                                                availableMediaNames: Set(media.map(\.name))))
        #expect(c.title == "Bob")
        #expect(c.messages.first?.attachments == [ChatAttachment(name: "IMG-20231225-WA0003.jpg", found: true)])
        #expect(c.warnings.isEmpty)
    }

    @Test func zipWithoutChatAndNonZipAreRefusedByName() throws {
        do {
            _ = try PlatformDownload(zipAt: TestSupport.fixture("Chats/WhatsApp/no-chat.zip"))
            Issue.record("must fail")
        } catch let e as ChatParseError {
            #expect(e.code == .noMessages)
            #expect(e.fileName == "no-chat.zip")
        }
        do {
            _ = try PlatformDownload(zipAt: TestSupport.fixture("Chats/WhatsApp/android-en-GB.txt"))
            Issue.record("must fail")
        } catch let e as ChatParseError {
            #expect(e.code == .badArchive)
        }
    }

    @Test func extractingAnAbsentEntryFails() throws {
        let export = try PlatformDownload(zipAt: TestSupport.fixture("Chats/WhatsApp/ios-export.zip"))
        let folder = try TestSupport.temporaryDirectory("wa-zip-missing")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ChatParseError.self) {
            try export.extractFile("00000013-PHOTO-2023-12-25-14-05-00.jpg", to: folder.appendingPathComponent("x.jpg"))
        }
    }
}
