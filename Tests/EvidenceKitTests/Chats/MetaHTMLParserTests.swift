import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers

@Suite("Instagram and Messenger HTML")
struct MetaHTMLParserTests {
    static let instagram = "Chats/MetaHTML/instagram-dana-2024-01-06/your_instagram_activity/messages/inbox/"
        + "dana_1234567890/message_1.html"
    static let facebook = "Chats/MetaHTML/facebook-zoe-fr/your_facebook_activity/messages/inbox/"
        + "danawhitfield_987654321/message_1.html"
    static let older = "Chats/MetaHTML/messenger-2021-de.html"

    func parse(_ fixture: String, platform: ChatPlatform, media: Set<String>? = nil) throws -> Conversation {
        let bytes = try TestSupport.fixtureBytes(fixture)
        #expect(ChatExportDetector.detect(bytes: bytes, name: "message_1.html") == platform)
        return try ChatParsers.parse(bytes: bytes, name: "message_1.html", platform: platform,
                                     options: ChatParseOptions(timeZone: brussels, availableMediaNames: media))
    }

    @Test func everyFieldOfAnInstagramPage() throws {
        let bytes = try TestSupport.fixtureBytes(Self.instagram)
        let c = try parse(Self.instagram, platform: .instagram, media: ["message_1.html", "photos/1122334455.jpg"])
        #expect(c.platform == .instagram)
        #expect(c.title == "dana.w")
        #expect(c.participants == ["dana.w", "Zoë Martin"])
        let m = c.messages
        #expect(m.count == 5)
        // Entities decoded once; the page's order (newest first) is kept.
        #expect(m[0].author == "dana.w" && m[0].text == "pay 500 € or everyone sees it & your boss too <3")
        #expect(m[0].timestamp?.value == "2024-01-06T00:05:00+01:00")
        #expect(m[0].timestamp?.zone == .assumed)
        #expect(m[0].timestamp?.precision == .minute)
        #expect(m[0].timestamp?.field == "printed time")
        // A link wrapping its image names one file, relative to the thread's folder.
        #expect(m[1].text.isEmpty)
        #expect(m[1].attachments == [ChatAttachment(name: "photos/1122334455.jpg", found: true)])
        #expect(m[1].timestamp?.value == "2024-01-05T23:58:00+01:00")
        // `br` is a line break; the reaction list is not what was written.
        #expect(m[2].author == "Zoë Martin" && m[2].text == "stop\nplease")
        #expect(m[2].timestamp?.value == "2024-01-05T21:41:00+01:00")
        #expect(m[3].attachments == [ChatAttachment(name: "videos/998877.mp4", found: false)])
        // An unreadable time: the message is kept, and named.
        #expect(m[4].text == "hey" && m[4].timestamp == nil && m[4].author == "dana.w")
        #expect(c.warnings.map(\.code) == [.missingMedia, .messageUnreadable, .metaPrintedTime])
        #expect(c.warnings[1].message.contains("message 5") && c.warnings[1].message.contains("time"))
        #expect(c.warnings[2].message.contains("4 were read in Europe/Brussels"))
        for message in m {
            let slice = String(decoding: bytes[message.source.byteStart..<message.source.byteEnd], as: UTF8.self)
            #expect(slice.hasPrefix("<div class=\"pam _3-95 _2ph- _a6-g"))
            #expect(slice.hasSuffix("</div>"))
        }
    }

    @Test func aFrenchFacebookPage() throws {
        let c = try parse(Self.facebook, platform: .messenger)
        #expect(c.title == "Dana Whitfield")
        #expect(c.participants == ["Dana Whitfield", "Zoë Martin"])
        #expect(c.messages.map(\.text) == ["tu as jusqu'à demain", "Laisse-moi tranquille"])
        #expect(c.messages.map { $0.timestamp?.value } == ["2024-01-05T21:41:00+01:00", "2024-02-29T09:05:00+01:00"])
        #expect(c.warnings.map(\.code) == [.metaPrintedTime])
    }

    @Test func anOlderGermanFacebookPage() throws {
        let c = try parse(Self.older, platform: .messenger)
        #expect(c.messages.map(\.author) == ["Dana Whitfield", "Zoë Martin"])
        #expect(c.messages.map(\.text) == ["Letzte Warnung.", "Nein."])
        #expect(c.messages.map { $0.timestamp?.value } == ["2021-03-07T18:30:00+01:00", "2021-03-07T18:29:00+01:00"])
    }

    @Test func theJSONExportStillGoesToTheJSONParser() throws {
        let bytes = try TestSupport.fixtureBytes("Chats/Meta/instagram-message_1.json")
        let c = try ChatParsers.parse(bytes: bytes, name: "message_1.json", platform: .instagram,
                                      options: ChatParseOptions(timeZone: brussels))
        #expect(c.messages.first?.timestamp?.field == "timestamp_ms")
    }

    @Test(arguments: [
        ("Jan 05, 2024 9:41 pm", "2024-01-05T21:41:00"), ("Jan 05, 2024, 9:41 PM", "2024-01-05T21:41:00"),
        ("Dec 31, 2023 12:05 am", "2023-12-31T00:05:00"), ("Jun 11, 2026 12:38 pm", "2026-06-11T12:38:00"),
        ("January 5, 2024 at 9:41:07 PM", "2024-01-05T21:41:07"),
        ("5 janv. 2024 21:41", "2024-01-05T21:41:00"), ("5 janv. 2024 à 21:41", "2024-01-05T21:41:00"),
        ("août 15, 2023 7:02 am", "2023-08-15T07:02:00"), ("1 déc. 2022 08:00", "2022-12-01T08:00:00"),
        ("5 mrt 2024 om 21:41", "2024-03-05T21:41:00"), ("5 jan. 2024 21:41", "2024-01-05T21:41:00"),
        ("17 okt. 2022 06:59", "2022-10-17T06:59:00"), ("mei 04, 2024 3:15 pm", "2024-05-04T15:15:00"),
        ("5. Jan. 2024, 21:41", "2024-01-05T21:41:00"), ("05.01.2024, 21:41", "2024-01-05T21:41:00"),
        ("7. März 2021 um 18:29", "2021-03-07T18:29:00"), ("24. Dez. 2023, 23:59", "2023-12-24T23:59:00"),
        ("Jan 05, 2024 13:41 pm", nil), ("Jan 32, 2024 9:41 pm", nil), ("Jan 05 9:41 pm", nil),
        ("Jan 05, 2024", nil), ("Jan Feb 05, 2024 9:41", nil), ("05.01.2024 Jan 21:41", nil),
        ("sometime yesterday", nil), ("Jan 05, 2024 9:4 pm", nil), ("29.02.2023 10:00", nil),
    ] as [(String, String?)])
    func printedDates(printed: String, expected: String?) {
        let parsed = MetaPrintedDate.parse(printed)
        #expect(parsed.map { "\($0.0)" }.map { String($0.prefix(19)) } == expected, "\(printed)")
    }

    @Test func everyPrefixIsReadOrRefusedWithItsTypedError() throws {
        let bytes = try TestSupport.fixtureBytes(Self.instagram)
        var read = 0
        for end in stride(from: 0, through: bytes.count, by: 1) {
            do {
                let c = try ChatParsers.parse(bytes: Array(bytes[..<end]), name: "message_1.html",
                                              platform: .instagram, options: ChatParseOptions(timeZone: brussels))
                // A cut page never invents a record.
                #expect(c.messages.count <= 5)
                read += 1
            } catch let error as ChatParseError {
                // Before its first message block a cut page is not recognised, and the JSON parser refuses it.
                #expect([.unexpectedStructure, .malformedJSON].contains(error.code), "prefix \(end)")
            }
        }
        #expect(read > bytes.count / 2)
        FuzzRun.report(["chat meta-html"], inputs: bytes.count + 1)
    }
}
