import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

@Suite("E-mail (.eml, .mbox)")
struct MailMessageTests {
    let zone = TimeZone(identifier: "Europe/Brussels")!

    @Test func multipartThreatWithEveryEncoding() throws {
        let bytes = try TestSupport.fixtureBytes("Mail/threat-multipart.eml")
        let mail = try MailMessage(parsing: bytes, name: "threat-multipart.eml", timeZone: zone)
        let date = try #require(mail.date)
        #expect(date.value == "2023-12-25T14:03:22+01:00")
        #expect(date.source == .emailHeader && date.zone == .embedded && date.field == "Date")
        #expect(mail.from == "Zoë Anon <anon1234@mail.example>")
        #expect(mail.to == "victim@victim.example")
        #expect(mail.cc == "Jürgen <j@victim.example>")
        #expect(mail.subject == "Dernier avertissement 😡")
        #expect(mail.messageID == "<20231225130322.1234@mail.example>")
        #expect(mail.receivedTimes.map(\.value) == ["2023-12-25T14:03:25+01:00", "2023-12-25T13:03:23Z"])
        #expect(mail.receivedTimes.map(\.field) == ["Received[0]", "Received[1]"])
        #expect(mail.textBody == "Si tu ne paies pas avant ce soir, j'envoie les photos à tous tes contacts.\r\n"
                    + "Ligne deux 😡")
        #expect(mail.htmlBody?.contains("<img src=\"cid:logo1\">") == true)
        #expect(mail.attachments.map(\.fileName) == ["part-1.png", "photo été.jpg", "facture €.pdf"])
        #expect(mail.attachments.map(\.mediaType) == ["image/png", "image/jpeg", "application/pdf"])
        #expect(mail.attachments[0].contentID == "<logo1>")
        #expect(mail.attachments[0].disposition == "inline")
        #expect(mail.attachments[0].bytes.prefix(4) == [0x89, 0x50, 0x4E, 0x47])
        #expect(mail.attachments[1].bytes == [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01,
                                              0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9])
        #expect(mail.attachments[2].bytes.starts(with: Array("%PDF-1.4\n".utf8)))
        #expect(mail.attachments[2].bytes.last == 0x0A)
        #expect(mail.warnings.isEmpty)
    }

    @Test func latin1AndWindows1252() throws {
        let bytes = try TestSupport.fixtureBytes("Mail/latin1-windows1252.eml")
        let mail = try MailMessage(parsing: bytes, name: "latin1.eml", timeZone: zone)
        // Adjacent encoded words join without the space between them; their own "_" spaces stay.
        #expect(mail.subject == "Réunion à 19h €")
        #expect(mail.from == "\"Service\" <service@shop.example>")
        #expect(mail.textBody == "Prix : 20 € – merci d'avance.\r\n")
        #expect(mail.date?.value == "2024-01-05T09:30:00Z")
        #expect(mail.date?.precision == .minute)
    }

    @Test func mboxSplitsOnFromLinesOnly() throws {
        let bytes = try TestSupport.fixtureBytes("Mail/mailbox.mbox")
        let ranges = MailboxSplitter.split(mbox: bytes)
        #expect(ranges.count == 3)
        let mails = try ranges.map { try MailMessage(parsing: Array(bytes[$0]), name: "mailbox.mbox", timeZone: zone) }
        #expect(mails.map(\.subject) == ["one", "two", "Re: two"])
        #expect(mails[0].textBody == "first body\n>From here on, it is quoted.\n\n")
        #expect(mails.map(\.messageID) == ["<m1@mail.example>", "<m2@mail.example>", "<m3@victim.example>"])
        // "-0000": the sender's zone is unknown; RFC 5322 reads the time as UTC.
        #expect(mails[2].date?.value == "2023-12-25T13:20:00Z")
        for r in ranges { #expect(bytes[r].starts(with: Array("From: ".utf8))) }
    }

    @Test func dateWithoutOffsetIsAssumedWithAWarning() throws {
        let bytes = Array("From: a@b\r\nDate: Mon, 25 Dec 2023 14:03:22\r\n\r\nhi".utf8)
        let mail = try MailMessage(parsing: bytes, name: "x.eml", timeZone: zone)
        #expect(mail.date?.zone == .assumed)
        #expect(mail.date?.value == "2023-12-25T14:03:22+01:00")
        #expect(mail.date?.warnings.isEmpty == false)
    }

    @Test func nonMailIsRefusedWithTheFileName() {
        #expect(throws: MailParseError.self) {
            _ = try MailMessage(parsing: [0x89, 0x50, 0x4E, 0x47, 0, 0, 0], name: "photo.eml", timeZone: zone)
        }
        do {
            _ = try MailMessage(parsing: Array("hello world\nnot mail\n".utf8), name: "notes.eml", timeZone: zone)
        } catch let e as MailParseError {
            #expect(e.description.hasPrefix("notes.eml, line 1"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func deepNestingIsCapped() throws {
        var text = "From: a@b\r\nDate: Mon, 25 Dec 2023 14:03:22 +0100\r\n"
        for level in 0..<40 {
            text += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n"
        }
        text += "Content-Type: text/plain\r\n\r\ndeep\r\n"
        let mail = try MailMessage(parsing: Array(text.utf8), name: "deep.eml", timeZone: zone)
        #expect(mail.warnings.map(\.code.rawValue).contains("mime-too-deep"))
        #expect(mail.textBody == nil)
    }

    @Test func everyPrefixParsesOrFailsCleanly() throws {
        let bytes = try TestSupport.fixtureBytes("Mail/threat-multipart.eml")
        for end in stride(from: 0, through: bytes.count, by: 3) {
            do {
                _ = try MailMessage(parsing: Array(bytes[..<end]), name: "p.eml", timeZone: zone)
            } catch is MailParseError {
                continue
            }
        }
    }

    @Test func rfc2047Words() {
        #expect(RFC2047.decode("=?UTF-8?q?caf=C3=A9?= au lait") == "café au lait")
        #expect(RFC2047.decode("=?utf-8?b?w6k=?= =?utf-8?b?w6k=?=") == "éé")
        #expect(RFC2047.decode("plain =?bogus?Q?x?=") == "plain =?bogus?Q?x?=")
        #expect(RFC2047.decode("=?utf-8?Q?unterminated") == "=?utf-8?Q?unterminated")
    }
}

@Suite("Mail detection")
struct MailDetectorTests {
    @Test func recognisesByContent() throws {
        #expect(MailDetector.detect(bytes: try TestSupport.fixtureBytes("Mail/threat-multipart.eml"), name: "x") == .eml)
        #expect(MailDetector.detect(bytes: try TestSupport.fixtureBytes("Mail/mailbox.mbox"), name: "x.txt") == .mbox)
        #expect(MailDetector.detect(bytes: try TestSupport.fixtureBytes("Chats/WhatsApp/android-en-GB.txt"),
                                    name: "x.eml") == nil)
        #expect(MailDetector.detect(bytes: [0x89, 0x50, 0x4E, 0x47, 0], name: "x.eml") == nil)
        // A chat export is not mistaken for mail, and mail is not mistaken for a chat.
        #expect(ChatExportDetector.detect(bytes: try TestSupport.fixtureBytes("Mail/threat-multipart.eml"),
                                          name: "x.txt") == nil)
        for fixture in ["WhatsApp/ios-en-US.txt", "Telegram/result-single.json", "Meta/instagram-message_1.json",
                        "SMS/sms-backup.xml"] {
            #expect(MailDetector.detect(bytes: try TestSupport.fixtureBytes("Chats/\(fixture)"), name: "x") == nil)
        }
    }
}
