import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// What a fixture message must read as: every field a court would look at.
struct ExpectedMessage {
    var time: String?
    var author: String?
    var text: String
    var kind: ChatMessageKind = .message
    var attachments: [String] = []
    var lines: ClosedRange<Int>
    var edited = false
}

let brussels = TimeZone(identifier: "Europe/Brussels")!

func parseWhatsApp(_ fixture: String, order: DateOrder? = nil,
                   media: Set<String>? = nil) throws -> (Conversation, [UInt8]) {
    let bytes = try TestSupport.fixtureBytes("Chats/WhatsApp/\(fixture)")
    #expect(ChatExportDetector.detect(bytes: bytes, name: fixture) == .whatsapp)
    let options = ChatParseOptions(timeZone: brussels, dateOrder: order, availableMediaNames: media)
    return (try ChatParsers.parse(bytes: bytes, name: fixture, platform: .whatsapp, options: options), bytes)
}

func check(_ conversation: Conversation, _ bytes: [UInt8], _ expected: [ExpectedMessage],
           sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(conversation.messages.count == expected.count, sourceLocation: sourceLocation)
    for (i, (m, e)) in zip(conversation.messages, expected).enumerated() {
        #expect(m.index == i, sourceLocation: sourceLocation)
        #expect(m.timestamp?.value == e.time, "message \(i)", sourceLocation: sourceLocation)
        #expect(m.author == e.author, "message \(i)", sourceLocation: sourceLocation)
        #expect(m.text == e.text, "message \(i)", sourceLocation: sourceLocation)
        #expect(m.kind == e.kind, "message \(i)", sourceLocation: sourceLocation)
        #expect(m.attachments.map(\.name) == e.attachments, "message \(i)", sourceLocation: sourceLocation)
        #expect(m.source.lineStart == e.lines.lowerBound && m.source.lineEnd == e.lines.upperBound,
                "message \(i) lines \(m.source.lineStart)-\(m.source.lineEnd)", sourceLocation: sourceLocation)
        #expect(m.edited == e.edited, "message \(i)", sourceLocation: sourceLocation)
        // The byte range points at the original: it ends with the text exactly as stored.
        let slice = Array(bytes[m.source.byteStart..<m.source.byteEnd])
        #expect(slice.count >= m.text.utf8.count && Array(slice.suffix(m.text.utf8.count)) == Array(m.text.utf8),
                "message \(i) byte range", sourceLocation: sourceLocation)
    }
}

@Suite("WhatsApp fixtures")
struct WhatsAppFixtureTests {
    @Test func androidEnglishUK() throws {
        let (c, bytes) = try parseWhatsApp("android-en-GB.txt")
        check(c, bytes, [
            .init(time: "2023-12-25T14:00:00+01:00", author: nil,
                  text: "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, "
                    + "can read or listen to them. Tap to learn more.", kind: .system, lines: 1...1),
            .init(time: "2023-12-25T14:01:00+01:00", author: nil, text: "Alice created group \"Family 🎄\"",
                  kind: .system, lines: 2...2),
            .init(time: "2023-12-25T14:01:00+01:00", author: nil, text: "Alice added Bob", kind: .system, lines: 3...3),
            .init(time: "2023-12-25T14:03:00+01:00", author: "Alice", text: "Merry Christmas 🎄", lines: 4...4),
            .init(time: "2023-12-25T14:04:00+01:00", author: "Bob",
                  text: "Re: the photos\nthey are at 26/12/2023, 10:00 - not before\n\nok?\n26/12/2023 works for me",
                  lines: 5...9),
            .init(time: "2023-12-25T14:05:00+01:00", author: "+32 470 12 34 56", text: "<Media omitted>",
                  kind: .mediaOmitted, lines: 10...10),
            .init(time: "2023-12-25T14:06:00+01:00", author: "Alice", text: "This message was deleted", kind: .deleted,
                  lines: 11...11),
            .init(time: "2023-12-25T14:07:00+01:00", author: "Bob",
                  text: "IMG-20231225-WA0003.jpg (file attached)\nlook at this",
                  attachments: ["IMG-20231225-WA0003.jpg"], lines: 12...13),
            .init(time: "2023-12-25T14:08:00+01:00", author: "Bob", text: "I mean it <This message was edited>",
                  lines: 14...14, edited: true),
            .init(time: "2023-12-26T09:15:00+01:00", author: nil, text: "Bob left", kind: .system, lines: 15...15),
            .init(time: "2023-12-26T09:16:00+01:00", author: nil,
                  text: "Alice changed the subject from \"Family 🎄\" to \"Family: 2024\"", kind: .system,
                  lines: 16...16),
            .init(time: "2023-12-26T09:17:00+01:00", author: "Bob \"the builder\"",
                  text: "quoted names still have an author", lines: 17...17),
        ])
        #expect(c.participants == ["Alice", "Bob", "+32 470 12 34 56", "Bob \"the builder\""])
        #expect(c.warnings.isEmpty)
        #expect(c.messages[0].timestamp?.zone == .assumed)
        #expect(c.messages[0].timestamp?.zoneName == "Europe/Brussels")
        #expect(c.messages[0].timestamp?.source == .chat)
        #expect(c.messages[0].timestamp?.precision == .minute)
        #expect(c.messages[0].source.byteStart == 0)
    }

    @Test func androidEnglishUSWithNarrowSpacesBOMAndCRLF() throws {
        let (c, bytes) = try parseWhatsApp("android-en-US.txt")
        check(c, bytes, [
            .init(time: "2023-12-25T14:03:00+01:00", author: "Alice", text: "Hello there", lines: 1...1),
            .init(time: "2023-12-25T14:04:00+01:00", author: "Bob", text: "Reply: fine", lines: 2...2),
            .init(time: "2023-12-25T23:59:00+01:00", author: "Alice", text: "late", lines: 3...3),
            .init(time: "2023-12-26T00:00:00+01:00", author: "Bob", text: "midnight", lines: 4...4),
            .init(time: "2023-12-26T12:30:00+01:00", author: "Bob", text: "noon-ish", lines: 5...5),
        ])
        // The BOM is not part of the first message; CR is not part of any text.
        #expect(c.messages[0].source.byteStart == 3)
        #expect(bytes[c.messages[0].source.byteEnd] == 0x0D)
    }

    @Test func androidFrench() throws {
        let (c, bytes) = try parseWhatsApp("android-fr-FR.txt")
        check(c, bytes, [
            .init(time: "2023-12-25T14:00:00+01:00", author: nil,
                  text: "Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, ne "
                    + "peut les lire ou les écouter. Appuyez pour en savoir plus.", kind: .system, lines: 1...1),
            .init(time: "2023-12-25T14:03:00+01:00", author: "Élodie", text: "Joyeux Noël", lines: 2...2),
            .init(time: "2023-12-25T14:04:00+01:00", author: "Marc", text: "<Médias omis>", kind: .mediaOmitted,
                  lines: 3...3),
            .init(time: "2023-12-25T14:05:00+01:00", author: "Marc", text: "Ce message a été supprimé", kind: .deleted,
                  lines: 4...4),
            .init(time: "2023-12-25T14:06:00+01:00", author: "Élodie",
                  text: "PTT-20231225-WA0001.opus (fichier joint)", attachments: ["PTT-20231225-WA0001.opus"],
                  lines: 5...5),
        ])
    }

    @Test func androidGerman() throws {
        let (c, bytes) = try parseWhatsApp("android-de-DE.txt")
        check(c, bytes, [
            .init(time: "2023-12-25T14:03:00+01:00", author: "Jürgen", text: "Frohe Weihnachten", lines: 1...1),
            .init(time: "2023-12-25T14:04:00+01:00", author: "Anna", text: "<Medien ausgeschlossen>",
                  kind: .mediaOmitted, lines: 2...2),
            .init(time: "2023-12-25T14:05:00+01:00", author: "Anna", text: "Diese Nachricht wurde gelöscht",
                  kind: .deleted, lines: 3...3),
            .init(time: "2023-12-25T14:06:00+01:00", author: "Jürgen",
                  text: "IMG-20231225-WA0007.jpg (Datei angehängt)", attachments: ["IMG-20231225-WA0007.jpg"],
                  lines: 4...4),
        ])
    }

    @Test func androidDutchWithDashesAndCRLF() throws {
        let (c, bytes) = try parseWhatsApp("android-nl-NL.txt")
        check(c, bytes, [
            .init(time: "2023-12-25T14:03:00+01:00", author: "Sven", text: "Vrolijk kerstfeest", lines: 1...1),
            .init(time: "2023-12-25T14:04:00+01:00", author: "Lotte", text: "<Media weggelaten>", kind: .mediaOmitted,
                  lines: 2...2),
            .init(time: "2023-12-25T14:05:00+01:00", author: "Lotte", text: "Dit bericht is verwijderd",
                  kind: .deleted, lines: 3...3),
            .init(time: "2023-12-25T14:06:00+01:00", author: "Sven",
                  text: "VID-20231225-WA0002.mp4 (bestand bijgevoegd)", attachments: ["VID-20231225-WA0002.mp4"],
                  lines: 4...4),
        ])
    }

    @Test func androidSpanishWithDottedMeridiemAndNoBreakSpaces() throws {
        let (c, bytes) = try parseWhatsApp("android-es-ES.txt")
        check(c, bytes, [
            .init(time: "2023-12-25T14:03:00+01:00", author: "Lucía", text: "Feliz Navidad", lines: 1...1),
            .init(time: "2023-12-25T14:04:00+01:00", author: "Pablo", text: "<Multimedia omitido>",
                  kind: .mediaOmitted, lines: 2...2),
            .init(time: "2023-12-25T14:05:00+01:00", author: "Pablo", text: "Se eliminó este mensaje", kind: .deleted,
                  lines: 3...3),
            .init(time: "2023-12-26T09:15:00+01:00", author: "Lucía",
                  text: "IMG-20231226-WA0001.jpg (archivo adjunto)", attachments: ["IMG-20231226-WA0001.jpg"],
                  lines: 4...4),
        ])
    }

    @Test func iOSEnglishUS() throws {
        let (c, bytes) = try parseWhatsApp("ios-en-US.txt")
        let lrm = "\u{200E}"
        check(c, bytes, [
            .init(time: "2023-12-25T14:03:22+01:00", author: nil,
                  text: "\(lrm)Messages and calls are end-to-end encrypted. No one outside of this chat, not "
                    + "even WhatsApp, can read or listen to them.", kind: .system, lines: 1...1),
            .init(time: "2023-12-25T14:03:40+01:00", author: "Alice", text: "Hi: how are you?\nSecond line",
                  lines: 2...3),
            .init(time: "2023-12-25T14:04:00+01:00", author: "Alice",
                  text: "\(lrm)<attached: 00000012-PHOTO-2023-12-25-14-04-00.jpg>",
                  attachments: ["00000012-PHOTO-2023-12-25-14-04-00.jpg"], lines: 4...4),
            .init(time: "2023-12-25T14:05:10+01:00", author: "Bob", text: "\(lrm)image omitted", kind: .mediaOmitted,
                  lines: 5...5),
            .init(time: "2023-12-25T14:06:00+01:00", author: "Bob", text: "\(lrm)This message was deleted.",
                  kind: .deleted, lines: 6...6),
            .init(time: "2023-12-25T14:07:00+01:00", author: "Bob", text: "new text \(lrm)<This message was edited>",
                  lines: 7...7, edited: true),
            .init(time: "2023-12-25T14:08:00+01:00", author: nil, text: "Alice added Carol", kind: .system,
                  lines: 8...8),
        ])
        #expect(c.messages[1].timestamp?.precision == .second)
        // The chat's name iOS wrote the notice under is kept apart from the event.
        #expect(c.messages[0].writtenUnder == "Family")
        #expect(c.messages.dropFirst().allSatisfy { $0.writtenUnder == nil })
        // The LRM before "[" belongs to the line: the range starts at the line, not after the mark.
        #expect(Array(bytes[c.messages[2].source.byteStart..<c.messages[2].source.byteStart + 3]) == [0xE2, 0x80, 0x8E])
    }

    @Test func iOSGroupEventsUnderTheGroupName() throws {
        let (c, bytes) = try parseWhatsApp("ios-en-GB-group.txt")
        let lrm = "\u{200E}"
        check(c, bytes, [
            .init(time: "2024-08-14T21:00:10+02:00", author: nil,
                  text: "\(lrm)Messages and calls are end-to-end encrypted. No one outside of this chat, not "
                    + "even WhatsApp, can read or listen to them.", kind: .system, lines: 1...1),
            .init(time: "2024-08-14T21:00:10+02:00", author: nil, text: "\(lrm)Boris created group “My Group”",
                  kind: .system, lines: 2...2),
            .init(time: "2024-08-14T21:00:11+02:00", author: nil, text: "\(lrm)Boris added you",
                  kind: .system, lines: 3...3),
            .init(time: "2024-08-14T21:01:57+02:00", author: nil, text: "\(lrm)You're now an admin",
                  kind: .system, lines: 4...4),
            .init(time: "2024-08-14T21:02:30+02:00", author: "Boris", text: "send them or everyone sees it",
                  lines: 5...5),
            .init(time: "2024-08-14T21:03:00+02:00", author: nil, text: "\(lrm)Carol left", kind: .system,
                  lines: 6...6),
        ])
        #expect(c.messages.map(\.writtenUnder) == ["My Group", "Boris", "My Group", "My Group", nil, "My Group"])
        #expect(c.participants == ["Boris"])
        #expect(c.warnings.isEmpty)
    }

    @Test func iOSFrench() throws {
        let (c, bytes) = try parseWhatsApp("ios-fr-FR.txt")
        let lrm = "\u{200E}"
        check(c, bytes, [
            .init(time: "2023-12-25T14:03:22+01:00", author: "Élodie", text: "Bonsoir", lines: 1...1),
            .init(time: "2023-12-25T14:04:00+01:00", author: "Marc",
                  text: "\(lrm)<pièce jointe : 00000003-PHOTO-2023-12-25-14-04-00.jpg>",
                  attachments: ["00000003-PHOTO-2023-12-25-14-04-00.jpg"], lines: 2...2),
            .init(time: "2023-12-25T14:05:00+01:00", author: "Marc", text: "\(lrm)Ce message a été supprimé.",
                  kind: .deleted, lines: 3...3),
            .init(time: "2023-12-25T14:06:00+01:00", author: "Élodie", text: "\(lrm)image absente",
                  kind: .mediaOmitted, lines: 4...4),
        ])
    }

    @Test func iOSGermanTwoDigitYear() throws {
        let (c, bytes) = try parseWhatsApp("ios-de-DE.txt")
        let lrm = "\u{200E}"
        check(c, bytes, [
            .init(time: "2022-12-25T14:03:22+01:00", author: "Jürgen", text: "Hallo", lines: 1...1),
            .init(time: "2022-12-25T14:04:00+01:00", author: "Anna", text: "\(lrm)Bild weggelassen",
                  kind: .mediaOmitted, lines: 2...2),
            .init(time: "2022-12-25T14:05:00+01:00", author: "Anna", text: "\(lrm)Diese Nachricht wurde gelöscht.",
                  kind: .deleted, lines: 3...3),
            .init(time: "2022-12-25T14:06:00+01:00", author: "Jürgen",
                  text: "\(lrm)<Anhang: 00000004-PHOTO-2022-12-25-14-06-00.jpg>",
                  attachments: ["00000004-PHOTO-2022-12-25-14-06-00.jpg"], lines: 4...4),
        ])
    }

    @Test func iOSFinnishWithDotsInTheTimeAndAnOldEncryptionNotice() throws {
        let (c, bytes) = try parseWhatsApp("ios-fi-FI.txt")
        check(c, bytes, [
            .init(time: "2019-01-01T12:00:00+01:00", author: nil,
                  text: "Messages to this chat and calls are now secured with end-to-end encryption.",
                  kind: .system, lines: 1...1),
            .init(time: "2019-01-01T12:00:05+01:00", author: "Jane Doe", text: "Hei 😄", lines: 2...2),
            .init(time: "2019-01-13T09:05:00+01:00", author: "+358 40 123 4567", text: "Huomenta", lines: 3...3),
        ])
        #expect(c.messages[0].writtenUnder == "Jane Doe")
        #expect(c.warnings.isEmpty)
    }

    @Test func isoDates() throws {
        let (c, bytes) = try parseWhatsApp("android-sv-SE.txt")
        check(c, bytes, [
            .init(time: "2023-12-25T14:03:00+01:00", author: "Sara", text: "God jul", lines: 1...1),
            .init(time: "2023-12-26T09:00:00+01:00", author: "Nils", text: "Tack", lines: 2...2),
        ])
    }

    @Test func ambiguousOrderIsInferredWithAWarningAndCanBeOverridden() throws {
        let (c, _) = try parseWhatsApp("android-ambiguous.txt")
        #expect(c.messages.map { $0.timestamp?.value } == [
            "2024-02-01T10:00:00+01:00", "2024-02-03T10:00:00+01:00", "2024-02-05T10:00:00+01:00",
            "2024-03-02T10:00:00+01:00",
        ])
        #expect(c.warnings.map(\.code.rawValue) == ["date-order-assumed"])
        let (forced, _) = try parseWhatsApp("android-ambiguous.txt", order: .mdy)
        #expect(forced.messages.first?.timestamp?.value == "2024-01-02T10:00:00+01:00")
        #expect(forced.warnings.isEmpty)
    }

    @Test func daylightSavingChangesFollowRFC5545WithWarnings() throws {
        let (c, _) = try parseWhatsApp("android-dst.txt")
        #expect(c.messages.map { $0.timestamp?.value } == [
            "2024-03-31T01:59:00+01:00", "2024-03-31T03:30:00+02:00", "2024-10-27T02:30:00+02:00",
        ])
        #expect(c.messages[0].timestamp?.warnings.isEmpty == true)
        #expect(c.messages[1].timestamp?.warnings.first?.contains("did not exist") == true)
        #expect(c.messages[2].timestamp?.warnings.first?.contains("occurred twice") == true)
    }

    @Test func zipExportFindsChatAndMediaAndWarnsAboutMissingFiles() throws {
        let export = try PlatformDownload(zipAt: TestSupport.fixture("Chats/WhatsApp/ios-export.zip"))
        let chat = try #require(export.conversations.first)
        #expect(export.conversations.count == 1)
        #expect(chat.entryPath == "_chat.txt")
        #expect(chat.platform == .whatsapp)
        #expect(export.carriesEveryFile(chat))
        let media = export.mediaFiles(of: chat, namedByMessages: [])
        #expect(media.map(\.entryPath) == ["00000012-PHOTO-2023-12-25-14-04-00.jpg"])
        let options = ChatParseOptions(timeZone: brussels, availableMediaNames: Set(media.map(\.name)))
        let c = try ChatParsers.parse(bytes: chat.bytes, name: chat.entryPath, platform: .whatsapp,
                                      options: options)
        #expect(c.messages.count == 3)
        #expect(c.messages[1].attachments == [ChatAttachment(name: "00000012-PHOTO-2023-12-25-14-04-00.jpg",
                                                             found: true)])
        #expect(c.messages[2].attachments == [ChatAttachment(name: "00000013-PHOTO-2023-12-25-14-05-00.jpg",
                                                             found: false)])
        #expect(c.warnings.map(\.code.rawValue) == ["missing-media"])
        let folder = try TestSupport.temporaryDirectory("wa-zip")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("photo.jpg")
        try export.extractFile("00000012-PHOTO-2023-12-25-14-04-00.jpg", to: out)
        let photo = Array(try Data(contentsOf: out))
        #expect(photo.prefix(3) == [0xFF, 0xD8, 0xFF])
        #expect(photo.count == 22)
    }

    @Test func titleComesFromTheFileName() {
        #expect(WhatsAppParser.title(from: "exports/WhatsApp Chat with Alice 🎄.txt") == "Alice 🎄")
        #expect(WhatsAppParser.title(from: "WhatsApp Chat - Family.zip") == "Family")
        #expect(WhatsAppParser.title(from: "_chat.txt") == "_chat")
    }

    @Test func jsonLinesCarryEveryKeyAndDecode() throws {
        let (c, _) = try parseWhatsApp("android-en-GB.txt")
        let lines = ConversationJSONLines.encode(c.messages).split(separator: 0x0A)
        #expect(lines.count == c.messages.count)
        for (line, message) in zip(lines, c.messages) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            #expect(object["text"] as? String == message.text)
            #expect(object["author"] as? String == message.author)
            #expect(object["kind"] as? String == message.kind.rawValue)
            #expect(object["timestamp"] as? String == message.timestamp?.value)
            #expect((object["attachments"] as? [[String: Any]])?.count == message.attachments.count)
            let source = try #require(object["source"] as? [String: Int])
            #expect(source["byteStart"] == message.source.byteStart)
            #expect(source["lineEnd"] == message.source.lineEnd)
        }
    }
}
