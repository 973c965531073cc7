import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// One WhatsApp export variant: how it writes a header, which phrases it uses, how lines end.
struct WhatsAppVariant: CustomStringConvertible, Sendable {
    var description: String
    var iOS: Bool
    var newline: String
    var bom = false
    var deleted: String
    var omitted: String
    /// Writes an attachment reference for a media file name.
    var attachment: @Sendable (String) -> String
    var header: @Sendable (LocalDateTime) -> String
}

private func pad(_ v: Int, _ width: Int = 2) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, width - s.count)) + s
}

private func twelve(_ h: Int) -> Int { h % 12 == 0 ? 12 : h % 12 }

let whatsAppVariants: [WhatsAppVariant] = [
    WhatsAppVariant(description: "Android en-GB", iOS: false, newline: "\n", deleted: "This message was deleted",
                    omitted: "<Media omitted>", attachment: { "\($0) (file attached)" },
                    header: { "\(pad($0.day))/\(pad($0.month))/\($0.year), \(pad($0.hour)):\(pad($0.minute)) - " }),
    WhatsAppVariant(description: "Android en-US", iOS: false, newline: "\r\n", bom: true,
                    deleted: "This message was deleted", omitted: "<Media omitted>",
                    attachment: { "\($0) (file attached)" },
                    header: { "\($0.month)/\($0.day)/\($0.year % 100), \(twelve($0.hour)):\(pad($0.minute))\u{202F}"
                        + "\($0.hour < 12 ? "AM" : "PM") - " }),
    WhatsAppVariant(description: "Android fr-FR", iOS: false, newline: "\n", deleted: "Ce message a été supprimé",
                    omitted: "<Médias omis>", attachment: { "\($0) (fichier joint)" },
                    header: { "\(pad($0.day))/\(pad($0.month))/\($0.year) à \(pad($0.hour)):\(pad($0.minute)) - " }),
    WhatsAppVariant(description: "Android de-DE", iOS: false, newline: "\n",
                    deleted: "Diese Nachricht wurde gelöscht", omitted: "<Medien ausgeschlossen>",
                    attachment: { "\($0) (Datei angehängt)" },
                    header: { "\(pad($0.day)).\(pad($0.month)).\(pad($0.year % 100)), \(pad($0.hour)):\(pad($0.minute)) - " }),
    WhatsAppVariant(description: "Android nl-NL", iOS: false, newline: "\r\n", deleted: "Dit bericht is verwijderd",
                    omitted: "<Media weggelaten>", attachment: { "\($0) (bestand bijgevoegd)" },
                    header: { "\(pad($0.day))-\(pad($0.month))-\($0.year) \(pad($0.hour)):\(pad($0.minute)) - " }),
    WhatsAppVariant(description: "Android es-ES", iOS: false, newline: "\n", deleted: "Se eliminó este mensaje",
                    omitted: "<Multimedia omitido>", attachment: { "\($0) (archivo adjunto)" },
                    header: { "\($0.day)/\($0.month)/\($0.year % 100), \(twelve($0.hour)):\(pad($0.minute))\u{A0}"
                        + "\($0.hour < 12 ? "a." : "p.")\u{A0}m. - " }),
    WhatsAppVariant(description: "Android sv-SE", iOS: false, newline: "\n", deleted: "This message was deleted",
                    omitted: "<Media omitted>", attachment: { "\($0) (file attached)" },
                    header: { "\($0.year)-\(pad($0.month))-\(pad($0.day)) \(pad($0.hour)):\(pad($0.minute)) - " }),
    WhatsAppVariant(description: "Android en-AU", iOS: false, newline: "\n", deleted: "This message was deleted",
                    omitted: "<Media omitted>", attachment: { "\($0) (file attached)" },
                    header: { "\(pad($0.day))/\(pad($0.month))/\($0.year), \(twelve($0.hour)):\(pad($0.minute)) "
                        + "\($0.hour < 12 ? "am" : "pm") - " }),
    WhatsAppVariant(description: "Android en-CA", iOS: false, newline: "\n", deleted: "This message was deleted",
                    omitted: "<Media omitted>", attachment: { "\($0) (file attached)" },
                    header: { "\($0.year)-\(pad($0.month))-\(pad($0.day)), \(twelve($0.hour)):\(pad($0.minute))\u{202F}"
                        + "\($0.hour < 12 ? "a.m." : "p.m.") - " }),
    WhatsAppVariant(description: "iOS en-US", iOS: true, newline: "\n", deleted: "\u{200E}This message was deleted.",
                    omitted: "\u{200E}image omitted", attachment: { "\u{200E}<attached: \($0)>" },
                    header: { "[\($0.month)/\($0.day)/\($0.year % 100), \(twelve($0.hour)):\(pad($0.minute)):"
                        + "\(pad($0.second))\u{202F}\($0.hour < 12 ? "AM" : "PM")] " }),
    WhatsAppVariant(description: "iOS fr-FR", iOS: true, newline: "\n", deleted: "\u{200E}Ce message a été supprimé.",
                    omitted: "\u{200E}image absente", attachment: { "\u{200E}<pièce jointe : \($0)>" },
                    header: { "[\(pad($0.day))/\(pad($0.month))/\($0.year) \(pad($0.hour)):\(pad($0.minute)):"
                        + "\(pad($0.second))] " }),
    WhatsAppVariant(description: "iOS fi-FI", iOS: true, newline: "\n", deleted: "\u{200E}This message was deleted.",
                    omitted: "\u{200E}image omitted", attachment: { "\u{200E}<attached: \($0)>" },
                    header: { "[\($0.day).\($0.month).\($0.year) klo \($0.hour).\(pad($0.minute)).\(pad($0.second))] " }),
    WhatsAppVariant(description: "iOS en-IN", iOS: true, newline: "\n", deleted: "\u{200E}This message was deleted.",
                    omitted: "\u{200E}image omitted", attachment: { "\u{200E}<attached: \($0)>" },
                    header: { "[\(pad($0.day))/\(pad($0.month))/\(pad($0.year % 100)), \(twelve($0.hour)):"
                        + "\(pad($0.minute)):\(pad($0.second))\u{A0}\($0.hour < 12 ? "am" : "pm")] " }),
    WhatsAppVariant(description: "iOS nl-NL", iOS: true, newline: "\n", deleted: "\u{200E}Dit bericht is verwijderd.",
                    omitted: "\u{200E}afbeelding weggelaten", attachment: { "\u{200E}<bijgevoegd: \($0)>" },
                    header: { "[\(pad($0.day))-\(pad($0.month))-\($0.year) \(pad($0.hour)):\(pad($0.minute)):"
                        + "\(pad($0.second))] " }),
    WhatsAppVariant(description: "iOS es-ES", iOS: true, newline: "\n", deleted: "\u{200E}Se eliminó este mensaje.",
                    omitted: "\u{200E}imagen omitida", attachment: { "\u{200E}<adjunto: \($0)>" },
                    header: { "[\($0.day)/\($0.month)/\(pad($0.year % 100)), \(twelve($0.hour)):\(pad($0.minute)):"
                        + "\(pad($0.second))\u{202F}\($0.hour < 12 ? "a." : "p.")\u{202F}m.] " }),
    // Hebrew and Arabic phones put a right-to-left mark before every line.
    WhatsAppVariant(description: "iOS he-IL", iOS: true, newline: "\n", deleted: "\u{200E}This message was deleted.",
                    omitted: "\u{200E}image omitted", attachment: { "\u{200E}<attached: \($0)>" },
                    header: { "\u{200F}[\($0.day).\($0.month).\($0.year), \(pad($0.hour)):\(pad($0.minute)):"
                        + "\(pad($0.second))] " }),
    WhatsAppVariant(description: "iOS de-DE", iOS: true, newline: "\r\n",
                    deleted: "\u{200E}Diese Nachricht wurde gelöscht.", omitted: "\u{200E}Bild weggelassen",
                    attachment: { "\u{200E}<Anhang: \($0)>" },
                    header: { "[\(pad($0.day)).\(pad($0.month)).\(pad($0.year % 100)), \(pad($0.hour)):"
                        + "\(pad($0.minute)):\(pad($0.second))] " }),
]

struct GeneratedMessage {
    var local: LocalDateTime
    var author: String?
    var text: String
    var kind: ChatMessageKind
    var attachment: String?
}

@Suite("WhatsApp property tests")
struct WhatsAppPropertyTests {
    static let authors = [
        "Alice", "Zoë 🌸", "+32 470 12 34 56", "\u{202A}+33 6 12 34 56 78\u{202C}", "Jean-Éric", "🔥🔥🔥",
        "Mohammed Al-Fulan", "李雷", "Bob (work)", "ما", "שרה", "\u{200F}نور",
    ]
    static let words = [
        "hello", "Re:", "time: 10:00", "ok", "😀", "👍🏽", "🇧🇪", "25/12/2023", "14:03", "-", "[x]", "<b>", "Ça va ?",
        "naïve", "e\u{301}", "ﬁ", "\"quoted\"", "\\", "tab\there", "a: b", "https://example.org/?a=1&b=2", "ÀÉÎÕÜ",
    ]

    /// A random body: 1–4 lines of words; a continuation line never starts with a digit or "[" (that would be a
    /// header in any parser, WhatsApp's own included).
    static func body(_ rng: inout SeededGenerator, newline: String) -> String {
        let lineCount = Int.random(in: 1...4, using: &rng)
        var lines: [String] = []
        for i in 0..<lineCount {
            var words: [String] = []
            for _ in 0..<Int.random(in: 1...8, using: &rng) { words.append(Self.words.randomElement(using: &rng)!) }
            var line = words.joined(separator: " ")
            if i > 0, let first = line.unicodeScalars.first, first.properties.numericType != nil || first == "[" {
                line = "then " + line
            }
            if i == 0 && line.hasPrefix("\u{200E}") { line = "x" + line }
            lines.append(line)
        }
        // An empty line in the middle of a message, as people write.
        if lineCount > 2, Bool.random(using: &rng) { lines[1] = "" }
        return lines.joined(separator: newline)
    }

    static func conversation(seed: UInt64, variant: WhatsAppVariant, count: Int) -> ([UInt8], [GeneratedMessage]) {
        var rng = SeededGenerator(seed: seed)
        // Dates around both Brussels DST changes of 2024, days above 12 so the order is certain.
        let days = [(2024, 3, 30), (2024, 3, 31), (2024, 4, 1), (2024, 10, 26), (2024, 10, 27), (2024, 10, 28)]
        var messages: [GeneratedMessage] = []
        for _ in 0..<count {
            let (y, mo, d) = days.randomElement(using: &rng)!
            let hour = Bool.random(using: &rng) ? Int.random(in: 1...3, using: &rng) : Int.random(in: 0...23, using: &rng)
            let local = LocalDateTime(year: y, month: mo, day: d, hour: hour, minute: Int.random(in: 0...59, using: &rng),
                                      second: variant.iOS ? Int.random(in: 0...59, using: &rng) : 0)!
            let author = authors.randomElement(using: &rng)!
            switch Int.random(in: 0..<20, using: &rng) {
            case 0:
                messages.append(GeneratedMessage(local: local, author: nil, text: "\(author) left", kind: .system))
            case 1:
                messages.append(GeneratedMessage(local: local, author: author, text: variant.deleted, kind: .deleted))
            case 2:
                messages.append(GeneratedMessage(local: local, author: author, text: variant.omitted,
                                                 kind: .mediaOmitted))
            case 3:
                let name = "IMG-2024\(pad(mo))\(pad(d))-WA\(pad(Int.random(in: 0...9999, using: &rng), 4)).jpg"
                messages.append(GeneratedMessage(local: local, author: author, text: variant.attachment(name),
                                                 kind: .message, attachment: name))
            default:
                messages.append(GeneratedMessage(local: local, author: author,
                                                 text: body(&rng, newline: variant.newline), kind: .message))
            }
        }
        var text = variant.bom ? "\u{FEFF}" : ""
        for m in messages {
            if variant.iOS && m.text.hasPrefix("\u{200E}") { text += "\u{200E}" }
            text += variant.header(m.local)
            if let author = m.author { text += "\(author): " }
            text += m.text + variant.newline
        }
        return (Array(text.utf8), messages)
    }

    @Test(arguments: Array(whatsAppVariants.indices))
    func parsingGivesBackWhatWasGenerated(variantIndex: Int) throws {
        let variant = whatsAppVariants[variantIndex]
        let seeds = 8 * FuzzRun.scale
        defer { FuzzRun.report(["chat whatsapp"], inputs: seeds) }
        for seed in UInt64(1)...UInt64(seeds) {
            let (bytes, expected) = Self.conversation(seed: seed &* 7919 &+ UInt64(variantIndex), variant: variant,
                                                      count: 150)
            #expect(ChatExportDetector.detect(bytes: bytes, name: "gen.txt") == .whatsapp)
            let c = try ChatParsers.parse(bytes: bytes, name: "gen.txt", platform: .whatsapp,
                                          options: ChatParseOptions(timeZone: brussels))
            try #require(c.messages.count == expected.count, "\(variant) seed \(seed)")
            for (m, e) in zip(c.messages, expected) {
                let want = EvidenceTimestamp.assumed(e.local, in: brussels, source: .chat, field: "WhatsApp line", role: .message,
                                                     precision: variant.iOS ? .second : .minute)
                #expect(m.timestamp == want, "\(variant) seed \(seed) #\(m.index)")
                #expect(m.author == e.author, "\(variant) seed \(seed) #\(m.index)")
                // Bytes, not String ==: Swift compares strings up to canonical equivalence, which would hide a
                // normalisation of the evidence ("e\u{301}" == "é").
                // The file's CRLF line ends are not part of what was written: a multi-line body joins with LF.
                var wanted: [UInt8] = []
                for (i, byte) in e.text.utf8.enumerated()
                where !(byte == 0x0D && Array(e.text.utf8).dropFirst(i + 1).first == 0x0A) { wanted.append(byte) }
                #expect(Array(m.text.utf8) == wanted, "\(variant) seed \(seed) #\(m.index)")
                #expect(m.author.map { Array($0.utf8) } == e.author.map { Array($0.utf8) },
                        "\(variant) seed \(seed) #\(m.index)")
                #expect(m.kind == e.kind, "\(variant) seed \(seed) #\(m.index)")
                #expect(m.attachments.map(\.name) == (e.attachment.map { [$0] } ?? []),
                        "\(variant) seed \(seed) #\(m.index)")
            }
        }
    }
}
