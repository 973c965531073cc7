import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// Corrupted exports: every parser either reads them or throws its typed error; none traps.
@Suite("Corrupted exports")
struct ChatFuzzTests {
    static let cases: [(String, ChatPlatform?)] = [
        ("Chats/WhatsApp/android-en-GB.txt", .whatsapp), ("Chats/WhatsApp/ios-en-US.txt", .whatsapp),
        ("Chats/WhatsApp/android-es-ES.txt", .whatsapp), ("Chats/Telegram/result-single.json", .telegram),
        ("Chats/Telegram/result-full.json", .telegram), ("Chats/Meta/instagram-message_1.json", .instagram),
        ("Chats/SMS/sms-backup.xml", .sms), ("Mail/threat-multipart.eml", nil),
        ("Chats/Meta/instagram-no-participants.json", .instagram), ("Chats/Meta/messenger-e2ee.json", .messenger),
        ("Chats/Meta/messenger-e2ee-group.json", .messenger),
        ("Chats/WhatsApp/ios-2015-crlf.txt", .whatsapp),
        ("Chats/TelegramHTML/ChatExport_2023-11-28/messages.html", .telegram),
        ("Chats/Snapchat/mydata~1716000000000/json/chat_history.json", .snapchat),
        ("Chats/Snapchat/chat_history-2021.json", .snapchat),
        ("Chats/Discord/package/messages/c1102030405060708090/messages.json", .discord),
        ("Chats/Discord/package/messages/c713000000000000000/messages.csv", .discord),
        ("Chats/X/twitter-2024-05-01/data/direct-messages.js", .x),
        ("Chats/X/twitter-2024-05-01/data/direct-messages-group.js", .x),
        ("Chats/TikTok/user_data_tiktok.json", .tiktok), ("Chats/TikTok/Direct Messages.txt", .tiktok),
        ("Chats/MetaHTML/instagram-dana-2024-01-06/your_instagram_activity/messages/inbox/dana_1234567890/"
            + "message_1.html", .instagram),
        ("Chats/MetaHTML/messenger-2021-de.html", .messenger),
    ]

    @Test(arguments: cases)
    func mutatedBytesNeverTrap(fixture: String, platform: ChatPlatform?) throws {
        let original = try TestSupport.fixtureBytes(fixture)
        var rng = SeededGenerator(seed: UInt64(original.count))
        let interesting: [UInt8] = [0x00, 0x0A, 0x0D, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x5D, 0x3C, 0x3E, 0x26, 0x3B, 0x3A,
                                    0x2D, 0x3D, 0x80, 0xC3, 0xE2, 0xF0, 0xFF, 0x20, 0x2F, 0x2E, 0x31]
        var parsed = 0
        let inputs = 400 * FuzzRun.scale
        for _ in 0..<inputs {
            var bytes = original
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[at] = interesting.randomElement(using: &rng)!
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(interesting.randomElement(using: &rng)!, at: at)
                default: bytes = Array(bytes[..<at])
                }
                if bytes.isEmpty { break }
            }
            do {
                if let platform {
                    _ = try ChatParsers.parse(bytes: bytes, name: "f", platform: platform,
                                              options: ChatParseOptions(timeZone: brussels))
                } else {
                    _ = try MailMessage(parsing: bytes, name: "f", timeZone: brussels)
                }
                parsed += 1
            } catch is ExportParseError {
            }
            _ = ChatExportDetector.detect(bytes: bytes, name: "f")
            _ = MailDetector.detect(bytes: bytes, name: "f")
        }
        // Damage of a few bytes leaves most text exports readable; a trap anywhere above fails the whole run.
        if platform == .whatsapp || platform == nil { #expect(parsed > inputs / 2) }
        FuzzRun.report([platform.map { "chat \($0.rawValue)" } ?? "mail", "ChatExportDetector", "MailDetector"],
                       inputs: inputs)
    }
}
