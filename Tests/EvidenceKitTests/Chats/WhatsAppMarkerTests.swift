import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// Every phrase WhatsApp writes in place of content, in every language we list, in both export forms; and the
/// small header details (meridiem spellings, marks, 2-digit years) one at a time, so a failure names the variant.
@Suite("WhatsApp markers and header details")
struct WhatsAppMarkerTests {
    func parse(_ text: String, order: DateOrder? = nil) throws -> Conversation {
        try ChatParsers.parse(bytes: Array(text.utf8), name: "chat.txt", platform: .whatsapp,
                              options: ChatParseOptions(timeZone: brussels, dateOrder: order))
    }

    /// One Android line and one iOS line (with the U+200E iOS puts before a marker) carrying `body`.
    func bothForms(_ body: String) throws -> [ChatMessage] {
        let android = try parse("25/12/2023, 14:03 - Alice: \(body)\n").messages
        let iOS = try parse("\u{200E}[25/12/2023, 14:03:22] Alice: \u{200E}\(body)\n").messages
        return android + iOS
    }

    static let deleted = WhatsAppMarkers.deleted.map { String(decoding: $0, as: UTF8.self) }
    static let omitted = WhatsAppMarkers.omitted.map { String(decoding: $0, as: UTF8.self) }

    @Test(arguments: deleted)
    func everyDeletedPhraseIsADeletion(phrase: String) throws {
        let messages = try bothForms(phrase)
        #expect(messages.count == 2)
        for m in messages {
            #expect(m.kind == .deleted)
            #expect(m.author == "Alice")
            #expect(m.text.hasSuffix(phrase))
        }
        // The same words inside a longer message are what someone typed, not a notice.
        let typed = try parse("25/12/2023, 14:03 - Alice: he said \"\(phrase)\" to me\n").messages
        #expect(typed.first?.kind == .message)
    }

    @Test(arguments: omitted)
    func everyOmittedMarkerIsMediaOmitted(marker: String) throws {
        let messages = try bothForms(marker)
        #expect(messages.count == 2)
        for m in messages {
            #expect(m.kind == .mediaOmitted)
            #expect(m.attachments.isEmpty)
        }
        let typed = try parse("25/12/2023, 14:03 - Alice: \(marker) again?\n").messages
        #expect(typed.first?.kind == .message)
    }

    /// The five markers the issue names, spelled out here rather than read from the table, so a typo in the table
    /// cannot hide.
    @Test(arguments: ["<Media omitted>", "<Médias omis>", "<Media weggelaten>", "<Medien ausgeschlossen>",
                      "<Multimedia omitido>", "image omitted"])
    func namedMarkers(marker: String) throws {
        #expect(try bothForms(marker).allSatisfy { $0.kind == .mediaOmitted })
    }

    @Test(arguments: ["This message was deleted", "Ce message a été supprimé", "Dit bericht is verwijderd",
                      "Diese Nachricht wurde gelöscht", "Se eliminó este mensaje"])
    func namedDeletions(phrase: String) throws {
        #expect(try bothForms(phrase).allSatisfy { $0.kind == .deleted })
    }

    @Test(arguments: WhatsAppMarkers.attachedOpeners.map { String(decoding: $0, as: UTF8.self) })
    func everyIOSAttachmentFormNamesItsFile(opener: String) throws {
        let file = "00000042-PHOTO-2023-12-25-14-03-22.jpg"
        let c = try parse("[25/12/2023, 14:03:22] Alice: \u{200E}\(opener)\(file)>\n")
        let m = try #require(c.messages.first)
        #expect(m.kind == .message)
        #expect(m.attachments.map(\.name) == [file])
        #expect(m.text == "\u{200E}\(opener)\(file)>")
    }

    @Test(arguments: WhatsAppMarkers.attachedSuffixes.map { String(decoding: $0, as: UTF8.self) })
    func everyAndroidAttachmentFormNamesItsFile(suffix: String) throws {
        let file = "DOC-20231225-WA0001.pdf"
        // A caption follows on the next line in real exports; the attachment stays the first line's file.
        let c = try parse("25/12/2023, 14:03 - Alice: \(file)\(suffix)\ncaption: pay now\n")
        let m = try #require(c.messages.first)
        #expect(m.attachments.map(\.name) == [file])
        #expect(m.text == "\(file)\(suffix)\ncaption: pay now")
    }

    @Test func attachmentFileNamesWithSpacesAreKeptWhole() throws {
        let c = try parse("25/12/2023, 14:03 - Alice: Facture décembre 2023.pdf (file attached)\n"
                          + "[25/12/2023, 14:04:00] Bob: \u{200E}<attached: 00000043-Rapport final.pdf>\n")
        #expect(c.messages.first?.attachments.map(\.name) == ["Facture décembre 2023.pdf"])
    }

    /// Every spelling of the 12-hour marker, after each of the three spaces real exports use.
    @Test(arguments: ["\u{20}", "\u{A0}", "\u{202F}"])
    func meridiemSpellings(space: String) throws {
        let forms = [("PM", "AM"), ("pm", "am"), ("p.m.", "a.m."), ("p.\(space)m.", "a.\(space)m."),
                     ("P.M.", "A.M.")]
        for (pm, am) in forms {
            let c = try parse("25/12/2023, 2:03\(space)\(pm) - Alice: afternoon\n"
                              + "25/12/2023, 12:00\(space)\(am) - Alice: midnight\n"
                              + "25/12/2023, 12:30\(space)\(pm) - Alice: noon\n")
            #expect(c.messages.map { $0.timestamp?.value } == [
                "2023-12-25T14:03:00+01:00", "2023-12-25T00:00:00+01:00", "2023-12-25T12:30:00+01:00",
            ], "\(pm) after U+\(String(space.unicodeScalars.first!.value, radix: 16))")
            #expect(c.messages.map(\.text) == ["afternoon", "midnight", "noon"])
            let iOS = try parse("[25/12/2023, 2:03:09\(space)\(pm)] Alice: afternoon\n")
            #expect(iOS.messages.first?.timestamp?.value == "2023-12-25T14:03:09+01:00", "iOS \(pm)")
        }
    }

    @Test func thirteenOClockOnATwelveHourClockIsRefusedWithItsLine() throws {
        do {
            _ = try parse("25/12/2023, 10:00 AM - A: x\n25/12/2023, 13:03 PM - A: y\n")
            Issue.record("13 PM must be refused")
        } catch let e as ChatParseError {
            #expect(e.code == .badDate)
            #expect(e.description.hasPrefix("chat.txt, line 2"))
        }
    }

    /// U+200E (left-to-right) and U+200F (right-to-left, Arabic and Hebrew phones) marks before the header.
    @Test(arguments: ["\u{200E}", "\u{200F}", "\u{200F}\u{200E}"])
    func directionalMarksAtLineStarts(mark: String) throws {
        let c = try parse("\(mark)[25/12/2023, 14:03:22] سارة: مرحبا\n\(mark)[25/12/2023, 14:04:00] Alice: hi\n"
                          + "\(mark)[25/12/2023, 14:05:00] Bob: \(mark)This message was deleted.\n")
        #expect(c.messages.count == 3)
        #expect(c.messages.map(\.author) == ["سارة", "Alice", "Bob"])
        #expect(c.messages[0].text == "مرحبا")
        #expect(c.messages[2].kind == .deleted)
        // The range starts at the line, mark included: the original bytes are what a court is shown.
        #expect(c.messages[1].source.byteStart == Array("\(mark)[25/12/2023, 14:03:22] سارة: مرحبا\n".utf8).count)
    }

    @Test func twoDigitYearsAreThisCentury() throws {
        let android = try parse("25.12.23, 14:03 - A: x\n01.02.09, 10:00 - B: y\n")
        #expect(android.messages.map { $0.timestamp?.value } == ["2023-12-25T14:03:00+01:00",
                                                                 "2009-02-01T10:00:00+01:00"])
        let iOS = try parse("[12/25/23, 2:03:22 PM] A: x\n")
        #expect(iOS.messages.first?.timestamp?.value == "2023-12-25T14:03:22+01:00")
    }

    @Test func ambiguousOrderWarningSaysWhatWasAssumedAndHowToChangeIt() throws {
        let c = try parse("01/02/2024, 10:00 - A: x\n03/02/2024, 10:00 - A: y\n")
        let warning = try #require(c.warnings.first)
        #expect(warning.code.rawValue == "date-order-assumed")
        #expect(warning.message.contains("day above 12"))
        #expect(warning.message.contains("day/month"))
        #expect(warning.message.contains("--date-order"))
        // Dates that only run forward when read month-first are read month-first, still with the warning.
        let us = try parse("01/02/2024, 10:00 - A: x\n01/03/2024, 10:00 - A: y\n02/01/2024, 10:00 - A: z\n")
        #expect(us.messages.map { $0.timestamp?.value } == [
            "2024-01-02T10:00:00+01:00", "2024-01-03T10:00:00+01:00", "2024-02-01T10:00:00+01:00",
        ])
        #expect(us.warnings.first?.message.contains("month/day") == true)
        // A tie goes to day-first.
        let tie = try parse("05/05/2024, 10:00 - A: x\n")
        #expect(tie.messages.first?.timestamp?.value == "2024-05-05T10:00:00+02:00")
        #expect(tie.warnings.first?.message.contains("day/month") == true)
    }

    @Test func aDayAboveTwelveAnywhereDecidesWithoutAWarning() throws {
        let c = try parse("01/02/2024, 10:00 - A: x\n02/13/2024, 10:00 - A: y\n")
        #expect(c.messages.first?.timestamp?.value == "2024-01-02T10:00:00+01:00")
        #expect(c.warnings.isEmpty)
    }
}

@Suite("Evidence text is not normalised")
struct ChatNormalisationTests {
    @Test func decomposedTextStaysDecomposedAndSearchTextIsNFC() throws {
        // "Zoë" with a combining diaeresis, "café" precomposed, and U+212B ANGSTROM SIGN (NFC maps it to U+00C5).
        let text = "Zoe\u{308} au café, 5 \u{212B}"
        let bytes = Array("25/12/2023, 14:03 - Zoe\u{308}: \(text)\n".utf8)
        let c = try ChatParsers.parse(bytes: bytes, name: "chat.txt", platform: .whatsapp,
                                      options: ChatParseOptions(timeZone: brussels))
        let m = try #require(c.messages.first)
        #expect(Array(m.text.utf8) == Array(text.utf8))
        #expect(m.author.map { Array($0.utf8) } == Array("Zoe\u{308}".utf8))
        #expect(Array(m.searchText.utf8) == Array("Zoë au café, 5 Å".utf8))
        // The JSON Lines file carries the same bytes, and reads back to them.
        let jsonl = ConversationJSONLines.encode(c.messages)
        let back = try ConversationJSONLines.decode(jsonl)
        #expect(back.first.map { Array($0.text.utf8) } == Array(text.utf8))
        #expect(back.first?.author.map { Array($0.utf8) } == Array("Zoe\u{308}".utf8))
    }
}

/// Recent iOS exports write group events under the group's name, after a U+200E.
@Suite("WhatsApp iOS group events")
struct WhatsAppGroupEventTests {
    func parse(_ text: String) throws -> Conversation {
        try ChatParsers.parse(bytes: Array(text.utf8), name: "_chat.txt", platform: .whatsapp,
                              options: ChatParseOptions(timeZone: brussels))
    }

    @Test func eventsUnderTheGroupNameAreTheAppSpeaking() throws {
        let lrm = "\u{200E}"
        let lines = [
            "[19/10/2025, 01:02:19] Lappers: \(lrm)Rudi Anderson added you",
            "[19/10/2025, 01:02:20] Lappers: \(lrm)You're now an admin",
            "[19/10/2025, 01:02:21] Boris: \(lrm)Boris created group “Lappers”",
            "[19/10/2025, 01:02:22] Lappers: \(lrm)Carol left",
            "[19/10/2025, 01:02:23] Lappers: \(lrm)+32 470 12 34 56 joined using this group's invite link",
            "[19/10/2025, 01:02:24] Famille: \(lrm)Élodie a ajouté Marc",
            "[19/10/2025, 01:02:25] Familie: \(lrm)Anna hat Ben hinzugefügt",
        ]
        let c = try parse(lines.joined(separator: "\n") + "\n")
        #expect(c.messages.count == lines.count)
        for (m, line) in zip(c.messages, lines) {
            #expect(m.kind == .system, "\(line)")
            #expect(m.author == nil, "\(line)")
            // Nothing is lost: the text is the event (with its mark), the name WhatsApp wrote is kept apart.
            let body = line.dropFirst(23)
            let name = try #require(body.range(of: ": ")).lowerBound
            #expect(m.writtenUnder == String(body[..<name]), "\(line)")
            #expect(Array(m.text.utf8) == Array(body[name...].dropFirst(2).utf8), "\(line)")
            #expect(m.text.hasPrefix(lrm), "\(line)")
        }
        // A group's name is not a participant; a person named before an event they caused still is.
        #expect(c.participants.isEmpty)
        let mixed = try parse("[19/10/2025, 01:02:18] Boris: hi\n" + lines.joined(separator: "\n") + "\n")
        #expect(mixed.participants == ["Boris"])
    }

    @Test func theChatNameOverTheEncryptionNoticeIsNotAParticipant() throws {
        let (c, _) = try parseWhatsApp("ios-en-US.txt")
        #expect(c.participants == ["Alice", "Bob"])
        let (fi, _) = try parseWhatsApp("ios-fi-FI.txt")
        #expect(fi.participants == ["Jane Doe", "+358 40 123 4567"])
    }

    @Test func theSameWordsWithoutTheMarkOrWithMoreAreAPersonsMessage() throws {
        let c = try parse("""
            [19/10/2025, 01:02:19] Rudi: I added you to the list
            [19/10/2025, 01:02:20] Rudi: \u{200E}<attached: 00000003-Alice added.jpg>
            [19/10/2025, 01:02:21] Rudi: \u{200E}Location: https://maps.google.com/?q=50.8,4.3
            [19/10/2025, 01:02:22] Rudi: \u{200E}image omitted
            [19/10/2025, 01:02:23] Rudi: \u{200E}Carol left
            and this is a second line

            """)
        #expect(c.messages.map(\.kind) == [.message, .message, .message, .mediaOmitted, .message])
        #expect(c.messages.map(\.author) == ["Rudi", "Rudi", "Rudi", "Rudi", "Rudi"])
        #expect(c.messages[1].attachments.map(\.name) == ["00000003-Alice added.jpg"])
    }

    @Test func androidLinesAreUnchanged() throws {
        let c = try parse("19/10/2025, 01:02 - Lappers: \u{200E}Rudi Anderson added you\n")
        #expect(c.messages.first?.kind == .message)
        #expect(c.messages.first?.author == "Lappers")
    }
}
