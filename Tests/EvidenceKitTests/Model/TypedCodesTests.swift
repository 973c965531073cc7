import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceFormat

/// Warning codes, parse error codes, platforms and timestamp roles are types, not strings: the code says so, the
/// JSON does not notice, and a role read back from storage is the role the timestamp was made with.
@Suite("Typed codes and timestamp roles")
struct TypedCodesTests {
    let brussels = TimeZone(identifier: "Europe/Brussels")!

    /// Every Swift file under `Sources`, relative path and text.
    static func sources() throws -> [(path: String, text: String)] {
        let root = TestSupport.packageRoot.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        var files: [(String, String)] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            files.append((String(url.path.dropFirst(root.path.count + 1)), try String(contentsOf: url, encoding: .utf8)))
        }
        return files
    }

    @Test func noWarningOrParseErrorCodeIsABareString() throws {
        let patterns = ["EvidenceWarning(code: \"", "warn(\"", "MediaParseError(code: \"", "rankingCodes: Set<String>"]
        var offenders: [String] = []
        for (path, text) in try Self.sources() {
            for pattern in patterns where text.contains(pattern) { offenders.append("\(path): \(pattern)") }
            // A warning built over several lines names its code on a line of its own.
            for line in text.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("code: \"") {
                offenders.append("\(path): \(line)")
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }

    @Test func everyWarningCodeIsDocumented() throws {
        let declaration = try String(contentsOf: TestSupport.packageRoot
            .appendingPathComponent("Sources/EvidenceModel/Items/WarningCode.swift"), encoding: .utf8)
        let codes = declaration.split(separator: "\n").compactMap { line -> String? in
            guard let start = line.range(of: "WarningCode(rawValue: \"") else { return nil }
            return String(line[start.upperBound...].prefix { $0 != "\"" })
        }
        #expect(codes.count > 40)
        let docs = try ["Docs/media-timestamps.md", "Docs/chat-exports.md"].map {
            try String(contentsOf: TestSupport.packageRoot.appendingPathComponent($0), encoding: .utf8)
        }.joined()
        let undocumented = codes.filter { !docs.contains("`\($0)`") }
        #expect(undocumented.isEmpty, "not in Docs/media-timestamps.md or Docs/chat-exports.md: \(undocumented)")
    }

    @Test func codesAndPlatformsEncodeAsTheirTextAlone() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let warning = EvidenceWarning(code: .sourcesDisagree, message: "m")
        #expect(String(decoding: try encoder.encode(warning), as: UTF8.self) == #"{"code":"sources-disagree","message":"m"}"#)
        #expect(try JSONDecoder().decode(EvidenceWarning.self, from: Data(#"{"code":"a-later-code","message":"m"}"#.utf8))
            == EvidenceWarning(code: WarningCode(rawValue: "a-later-code"), message: "m"))
        #expect(String(decoding: try encoder.encode([ChatPlatform.whatsapp]), as: UTF8.self) == #"["whatsapp"]"#)
        // A platform added by a later version still reads back, so a manifest naming it stays verifiable.
        #expect(try JSONDecoder().decode([ChatPlatform].self, from: Data(#"["signal"]"#.utf8)) == [ChatPlatform(rawValue: "signal")])
        #expect(WarningCode(rawValue: MediaParseError.Code.noMoov.rawValue) == .noMoov)
    }

    /// Encodes and decodes each timestamp; the role it reads back with must be the role it was made with.
    func expectRolesSurviveStorage(_ timestamps: [EvidenceTimestamp], _ what: String) throws {
        #expect(!timestamps.isEmpty, "\(what) gave no timestamps")
        for timestamp in timestamps {
            let back = try JSONDecoder().decode(EvidenceTimestamp.self, from: JSONEncoder().encode(timestamp))
            #expect(back == timestamp, "\(what): \(timestamp.source.rawValue) \(timestamp.field) made as \(timestamp.role), read back as \(back.role)")
        }
    }

    @Test func everyRoleTheParsersSetReadsBackFromStorage() throws {
        let media = try FileManager.default.contentsOfDirectory(atPath: TestSupport.fixture("Media").path)
            .filter { !$0.hasSuffix(".md") && !$0.hasSuffix(".sh") && !$0.hasSuffix(".py") }
        var seen: Set<TimestampRole> = []
        for name in media {
            let inspection = try ItemInspector.inspect(
                fileAt: TestSupport.fixture("Media/\(name)"), originalName: name,
                context: InspectionContext(timeZone: brussels, fileModificationTime: Instant(unixSeconds: 1_700_000_000),
                                           acquiredAt: Instant(unixSeconds: 1_800_000_000)))
            try expectRolesSurviveStorage(inspection.timestamps, name)
            seen.formUnion(inspection.timestamps.map(\.role))
        }
        let mail = try MailMessage(parsing: TestSupport.fixtureBytes("Mail/threat-multipart.eml"),
                                   name: "threat-multipart.eml", timeZone: brussels)
        let mailTimes = [mail.date].compactMap { $0 } + mail.receivedTimes
        try expectRolesSurviveStorage(mailTimes, "e-mail")
        let chat = try ChatParsers.parse(bytes: TestSupport.fixtureBytes("Chats/SMS/sms-backup.xml"), name: "sms.xml",
                                         platform: .sms, options: ChatParseOptions(timeZone: brussels))
        let messageTimes = chat.messages.compactMap(\.timestamp)
        try expectRolesSurviveStorage(messageTimes, "SMS messages")
        let bounds = [messageTimes.first, messageTimes.last, mail.date].compactMap { $0 }.flatMap {
            [$0.asConversationBound(.conversationStart), $0.asConversationBound(.conversationEnd)]
        }
        try expectRolesSurviveStorage(bounds, "conversation and mailbox bounds")
        seen.formUnion((mailTimes + messageTimes + bounds).map(\.role))
        #expect(seen == Set(TimestampRole.allCases), "roles no fixture exercised: \(Set(TimestampRole.allCases).subtracting(seen))")
    }

    @Test func theMessageLinesReadRolesBackToo() throws {
        let chat = try ChatParsers.parse(bytes: TestSupport.fixtureBytes("Chats/SMS/sms-backup.xml"), name: "sms.xml",
                                         platform: .sms, options: ChatParseOptions(timeZone: brussels))
        let decoded = try ConversationJSONLines.decode(ConversationJSONLines.encode(chat.messages))
        #expect(decoded.compactMap(\.timestamp?.role) == chat.messages.compactMap(\.timestamp?.role))
        #expect(decoded.allSatisfy { $0.timestamp?.role ?? .message == .message })
    }

    @Test func conversationBoundsWriteTheirFieldFromTheRole() {
        let stamp = EvidenceTimestamp.utc(Instant(unixSeconds: 1_700_000_000), source: .chat, field: "date", role: .message)
        #expect(stamp.asConversationBound(.conversationStart).field == "first message")
        #expect(stamp.asConversationBound(.conversationEnd).field == "last message")
        #expect(TimestampRole(readingBack: .chat, field: "first message") == .conversationStart)
        #expect(TimestampRole(readingBack: .emailHeader, field: "last message") == .conversationEnd)
    }
}
