import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceWorkspace

/// `inspect` reports what `add` would record: a chat export as a chat with its times, an e-mail as an e-mail,
/// folders walked as `add` walks them; `chat parse` chooses and states its zone as `inspect` does.
@Suite struct InspectLikeAddTests {
    static let sample = TestSupport.packageRoot.appendingPathComponent("SampleEvidence")

    @Test func chatAndEmailAreInspectedAsAddRecordsThem() throws {
        let directory = try TestSupport.temporaryDirectory("inspect-like-add")
        let chat = Self.sample.appendingPathComponent("chats/WhatsApp Chat with Lucas.txt")
        let mail = Self.sample.appendingPathComponent("email/Dernière chance.eml")
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "T",
                                                   timeZone: "Europe/Brussels")
        #expect(try evidenceCase.add([chat, mail]).failures.isEmpty)
        let added = Dictionary(uniqueKeysWithValues: try evidenceCase.items().map { ($0.originalName, $0) })

        let result = try TestSupport.evidence(["inspect", "--json", "--timezone", "Europe/Brussels", chat.path, mail.path])
        #expect(result.status == 0, "\(result.stderr)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 2)
        for report in reports {
            let name = URL(fileURLWithPath: try #require(report["path"] as? String)).lastPathComponent
            let item = try #require(added[name])
            #expect(report["kind"] as? String == item.kind.rawValue, "\(name)")
            #expect((report["best"] as? [String: Any])?["value"] as? String == item.best?.value, "\(name)")
            #expect((report["best"] as? [String: Any])?["source"] as? String == item.best?.source.rawValue, "\(name)")
            let sources = (report["timestamps"] as? [[String: Any]])?.compactMap { $0["source"] as? String }
            #expect(sources == item.timestamps.filter { $0.source != .acquired }.map(\.source.rawValue), "\(name)")
        }
        #expect(added["WhatsApp Chat with Lucas.txt"]?.kind == .chat)
        #expect(added["Dernière chance.eml"]?.kind == .email)
        #expect((reports[0]["conversation"] as? [String: Any])?["messageCount"] as? Int
                == added["WhatsApp Chat with Lucas.txt"]?.conversation?.messageCount)
        #expect((reports[1]["email"] as? [String: Any])?["subject"] as? String == "Dernière chance")

        let text = try TestSupport.evidence(["inspect", "--timezone", "Europe/Brussels", chat.path])
        #expect(text.stdout.contains("  kind: chat (whatsapp chat export (recognised by its content))"), "\(text.stdout)")
        #expect(text.stdout.contains("  conversation: whatsapp, "))
    }

    @Test func aFolderIsInspectedAsAddWalksIt() throws {
        let directory = try TestSupport.temporaryDirectory("inspect-folder")
        let folder = directory.appendingPathComponent("Captures")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["IMG_10.txt", "IMG_2.txt", ".DS_Store"] {
            try Data("bytes of \(name)".utf8).write(to: folder.appendingPathComponent(name))
        }
        let result = try TestSupport.evidence(["inspect", "--json", "--timezone", "UTC", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.compactMap { ($0["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }
                == ["IMG_2.txt", "IMG_10.txt"])
        #expect(result.stderr.contains("skipped \(folder.path)/.DS_Store: operating-system clutter, not evidence"))
    }

    @Test func chatParseStatesTheSystemZoneAsInspectDoes() throws {
        let directory = try TestSupport.temporaryDirectory("chat-zone")
        let chat = Self.sample.appendingPathComponent("chats/WhatsApp Chat with Lucas.txt")
        let parse = try TestSupport.evidence(["chat", "parse", chat.path], in: directory, environment: ["TZ": "America/New_York"])
        #expect(parse.status == 0, "\(parse.stderr)")
        #expect(parse.stdout.contains("[2026-02-14T19:02:00-05:00]"), "\(parse.stdout.prefix(300))")
        #expect(parse.stderr.contains("evidence chat parse: local times without an offset were placed in this computer's "
                                      + "time zone, America/New_York (no --timezone given, not in a case)"), "\(parse.stderr)")
        let given = try TestSupport.evidence(["chat", "parse", chat.path, "--timezone", "Europe/Brussels"], in: directory)
        #expect(!given.stderr.contains("this computer's time zone"))
    }
}
