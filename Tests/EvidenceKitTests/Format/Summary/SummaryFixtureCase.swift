@testable import EvidenceFormat
@testable import EvidenceModel
@testable import EvidenceParsers
import EvidenceCrypto
import Foundation

/// A small case built in memory, the bag's files beside its manifest: a WhatsApp conversation with a picture sent in
/// it, a screenshot, an iPhone HEIC photo, a sensitive photo, an e-mail, a document whose only date is the file's,
/// and an item with the issue-11 notes. `hostile` puts `<script>`, `</td>`, quotes and `&` into every string
/// the evidence gives: names, notes, chat text and authors, the e-mail's subject and body.
struct SummaryFixtureCase {
    var manifest: EvidenceManifest
    var files: [String: [UInt8]]
    /// The path of the sensitive item, which must appear nowhere in a summary.
    static let sensitivePath = "data/sensitive/0004-intime_plage.jpg"
    static let sensitiveName = "intime_plage.jpg"
    /// Every limit the summary asked for, by path.
    let requestedLimits = RequestLog()

    final class RequestLog: @unchecked Sendable {
        private let lock = NSLock()
        private var limits: [String: Int] = [:]
        func record(_ path: String, _ limit: Int) { lock.withLock { limits[path] = limit } }
        var all: [String: Int] { lock.withLock { limits } }
    }

    static let hostile = "<script>alert('x')</script></td>\"&amp;"

    init(hostile: Bool = false) {
        let evil = hostile ? " " + Self.hostile : ""
        let brussels = TimeZone(identifier: "Europe/Brussels")!
        func local(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int = 0) -> LocalDateTime {
            LocalDateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s)!
        }
        func sha(_ text: String) -> String { SHA256Hex.of(Array(text.utf8)) }
        let acquired = Instant(unixSeconds: 1_773_043_200)  // 2026-03-09T08:00:00Z

        // The WhatsApp export, its derived lines, and the picture sent in it.
        let exportText = "03/03/2026, 21:40 - Karim: Tu vas le regretter\(evil)\n03/03/2026, 21:41 - Karim: IMG-20260303-WA0001.jpg (fichier joint)\n"
            + "03/03/2026, 21:42 - Karim: Ce message a été supprimé\n04/03/2026, 08:15 - Léa: <Médias omis>\n"
        let chatTime = { (h: Int, m: Int, d: Int) in
            EvidenceTimestamp.assumed(local(2026, 3, d, h, m), in: brussels, source: .chat, field: "WhatsApp line",
                                      role: .message, precision: .minute)
        }
        let messages = [
            ChatMessage(index: 0, timestamp: chatTime(21, 40, 3), author: "Karim\(evil)", text: "Tu vas le regretter\(evil)",
                        kind: .message, source: SourceRange(byteStart: 0, byteEnd: 46, lineStart: 1, lineEnd: 1)),
            ChatMessage(index: 1, timestamp: chatTime(21, 41, 3), author: "Karim", text: "",
                        attachments: [ChatAttachment(name: "IMG-20260303-WA0001.jpg", found: true),
                                      ChatAttachment(name: "IMG-20260303-WA0002.jpg", found: true)],
                        kind: .message, source: SourceRange(byteStart: 47, byteEnd: 110, lineStart: 2, lineEnd: 2)),
            ChatMessage(index: 2, timestamp: chatTime(21, 42, 3), author: "Karim", text: "Ce message a été supprimé",
                        kind: .deleted, source: SourceRange(byteStart: 111, byteEnd: 160, lineStart: 3, lineEnd: 3)),
            ChatMessage(index: 3, timestamp: chatTime(8, 15, 4), author: "Léa", text: "<Médias omis>",
                        kind: .mediaOmitted, source: SourceRange(byteStart: 161, byteEnd: 200, lineStart: 4, lineEnd: 4)),
        ]
        let lines = ConversationJSONLines.encode(messages)
        let chatPath = "data/0001-WhatsApp Chat avec Karim\(hostile ? "_script_" : "").txt"
        let derivedPath = "data/derived/0001-WhatsApp Chat avec Karim\(hostile ? "_script_" : "").txt.messages.jsonl"

        // The e-mail.
        let subject = "Dernier avertissement\(evil)"
        let emailText = "From: Karim <karim@example.org>\r\nTo: lea@example.org\r\nSubject: \(subject)\r\n"
            + "Date: Tue, 3 Mar 2026 22:05:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + "Je sais où tu habites.\(evil)\r\n"
        let screenshotBytes = Array("PNG bytes of a screenshot".utf8)

        func item(_ id: Int64, path: String, name: String, kind: EvidenceKind, mediaType: String, sha256: String,
                  size: Int, timestamps: [EvidenceTimestamp], sensitive: Bool = false) -> EvidenceManifest.Item {
            EvidenceManifest.Item(
                id: id, path: path, size: Int64(size), sha256: sha256, mediaType: mediaType, kind: kind,
                kindReason: "test", originalName: name, originalPath: name, acquiredAt: acquired, modifiedAt: nil,
                timestamps: timestamps, best: timestamps.first, warnings: [], sensitive: sensitive)
        }
        var chat = item(1, path: chatPath, name: "WhatsApp Chat avec Karim\(evil).txt", kind: .chat, mediaType: "text/plain",
                        sha256: sha(exportText), size: exportText.utf8.count,
                        timestamps: [chatTime(21, 40, 3).asConversationBound(.conversationStart)])
        chat.conversation = ConversationSummary(
            platform: .whatsapp, title: "Karim\(evil)", participants: ["Karim\(evil)", "Léa"], messageCount: 4,
            firstMessageAt: "2026-03-03T21:40:00+01:00", lastMessageAt: "2026-03-04T08:15:00+01:00",
            attachmentItems: ["IMG-20260303-WA0001.jpg": 2, "IMG-20260303-WA0002.jpg": 4],
            attachmentMessages: ["IMG-20260303-WA0001.jpg": [1], "IMG-20260303-WA0002.jpg": [1]], missingAttachments: [])
        chat.derived = [EvidenceManifest.Derived(role: "messages", path: derivedPath, size: Int64(lines.count),
                                                 sha256: SHA256Hex.of(lines), mediaType: "application/jsonl")]

        var sent = item(2, path: "data/0002-IMG-20260303-WA0001.jpg", name: "IMG-20260303-WA0001.jpg", kind: .photo,
                        mediaType: "image/jpeg", sha256: sha("sent picture"), size: 12,
                        timestamps: [.assumed(local(2026, 3, 3, 0, 0), in: brussels, source: .filename,
                                              field: "IMG-yyyyMMdd-WAnnnn", role: .capture, precision: .day)])
        sent.parentID = 1
        sent.linkedMessages = [MessageLink(item: 1, messages: [1])]

        var screenshot = item(3, path: "data/0003-Screenshot_20260303-214512\(hostile ? "_script_" : "").png",
                              name: "Screenshot_20260303-214512\(evil).png", kind: .screenshot, mediaType: "image/png",
                              sha256: SHA256Hex.of(screenshotBytes), size: screenshotBytes.count,
                              timestamps: [.assumed(local(2026, 3, 3, 21, 45, 12), in: brussels, source: .filename,
                                                    field: "Screenshot_yyyyMMdd-HHmmss", role: .capture),
                                           .utc(acquired, source: .filesystem, field: "mtime", role: .modification)])
        screenshot.note = "Capture de la menace\(evil)"
        screenshot.sourceURL = "https://instagram.com/p/abc?x=1&y=\"2\"\(evil)"
        screenshot.platform = "Instagram"
        screenshot.account = "@karim\(evil)"
        screenshot.description = "Message reçu en privé"
        screenshot.warnings = [EvidenceWarning(code: .sourcesDisagree, message: "The file name and the PNG time differ by 2 hours.")]

        let sensitive = item(4, path: Self.sensitivePath, name: Self.sensitiveName, kind: .photo, mediaType: "image/jpeg",
                             sha256: sha("sensitive"), size: 9,
                             timestamps: [.embedded(local(2026, 2, 28, 16, 2, 9), offsetSeconds: 3600, source: .exif,
                                                    field: "DateTimeOriginal", role: .capture)],
                             sensitive: true)

        var email = item(5, path: "data/0005-avertissement\(hostile ? "_script_" : "").eml", name: "avertissement\(evil).eml",
                         kind: .email, mediaType: "message/rfc822", sha256: sha(emailText), size: emailText.utf8.count,
                         timestamps: [.embedded(local(2026, 3, 3, 22, 5), offsetSeconds: 3600, source: .emailHeader,
                                                field: "Date", role: .capture)])
        email.email = EmailSummary(from: "Karim <karim@example.org>", to: "lea@example.org", subject: subject,
                                   attachmentItems: [:])

        let heic = item(6, path: "data/0006-IMG_0412.HEIC", name: "IMG_0412.HEIC", kind: .photo, mediaType: "image/heic",
                        sha256: sha("heic"), size: 4,
                        timestamps: [.embedded(local(2026, 3, 4, 9, 30, 5), offsetSeconds: 32_400, source: .exif,
                                               field: "DateTimeOriginal", role: .capture)])

        let document = item(7, path: "data/0007-plainte.pdf", name: "plainte\(evil).pdf", kind: .document,
                            mediaType: "application/pdf", sha256: sha("pdf"), size: 1_234_567,
                            timestamps: [.utc(acquired, source: .filesystem, field: "mtime", role: .modification)])

        let journal = CustodyJournal.line(for: .init(seq: 1, action: "case-created", actor: "Léa Dubois\(evil)",
                                                     at: "2026-03-05T09:00:00Z", details: [:], prev: CustodyJournal.genesis))
        manifest = EvidenceManifest(
            format: EvidenceManifest.formatName, tool: .init(name: "EvidenceKit", version: "1.0.0"),
            case: .init(identifier: "case-2026-001", title: "Harcèlement de Léa\(evil)", timeZone: "Europe/Brussels",
                        createdAt: "2026-03-05T09:00:00Z"),
            sealedAt: "2026-03-10T09:00:00Z",
            signer: .init(algorithm: "Ed25519", fingerprint: String(repeating: "3f2a91c0", count: 8),
                          publicKey: BagLayout.publicKey),
            items: [chat, sent, screenshot, sensitive, email, heic, document], files: [])
        files = [
            chatPath: Array(exportText.utf8), derivedPath: lines, Self.sensitivePath: Array("sensitive".utf8),
            email.path: Array(emailText.utf8), screenshot.path: screenshotBytes,
            BagLayout.custody: journal + [0x0A],
        ]
    }

    /// A reader over ``files`` that records what it was asked.
    var bagFiles: SummaryBagFiles {
        let files = self.files
        let log = requestedLimits
        return SummaryBagFiles(read: { path, limit in
            log.record(path, limit)
            guard let bytes = files[path] else { throw IOError(path: path, operation: "read", reason: "absent") }
            return Array(bytes.prefix(limit))
        }, emailBody: { bytes in
            guard let message = try? MailMessage(parsing: bytes, name: "m.eml", timeZone: TimeZone(identifier: "UTC")!) else { return nil }
            return SummaryEmailBody(text: message.textBody == message.htmlBody ? nil : message.textBody,
                                                        html: message.htmlBody)
        })
    }

    func render(_ language: SummaryLanguage, placement: HTMLSummary.Placement = .insideBundle) -> String {
        HTMLSummary(manifest: manifest, language: language, payload: bagFiles, placement: placement).render()
    }
}

/// Lowercase hex SHA-256, for fixture hashes.
enum SHA256Hex {
    static func of(_ bytes: [UInt8]) -> String { SHA256.hash(bytes).hex }
}
