import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// The schemas a format-2 bundle carries (`evidence/schema/`) are the published ones, and what we write validates
/// against the copies in the bundle, checked by a validator nobody here wrote (python-jsonschema).
@Suite struct BundleSchemaTests {
    /// Every chat platform's fixture, and a mailbox: each is recognised at `add` and gets derived message lines.
    static let conversations = [
        "Chats/WhatsApp/android-en-GB.txt", "Chats/WhatsApp/ios-export.zip", "Chats/Telegram/result-full.json",
        "Chats/TelegramHTML/ChatExport_2023-11-28/messages.html", "Chats/Meta/instagram-message_1.json",
        "Chats/Meta/messenger-e2ee.json", "Chats/MetaHTML/messenger-2021-de.html", "Chats/SMS/sms-backup.xml",
        "Chats/Snapchat/mydata~1716000000000/json/chat_history.json",
        "Chats/Discord/package/messages/c1102030405060708090/messages.json",
        "Chats/Discord/package/messages/c713000000000000000/messages.csv",
        "Chats/X/twitter-2024-05-01/data/direct-messages.js", "Chats/TikTok/user_data_tiktok.json",
        "Chats/TikTok/Direct Messages.txt", "Mail/mailbox.mbox",
    ]

    /// Validates each JSON document (a file, or each line of a JSON Lines file) against a schema; prints each error.
    static let validator = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        count = errors = 0
        for path in sys.argv[2:]:
            with open(path, encoding="utf-8") as f:
                documents = [json.loads(l) for l in f if l.strip()] if path.endswith(".jsonl") else [json.load(f)]
            for document in documents:
                count += 1
                for e in validator.iter_errors(document):
                    errors += 1
                    print(path, list(e.path), e.message)
        print("validated", count)
        sys.exit(1 if errors else 0)
        """

    static var hasValidator: Bool {
        if (try? TestSupport.tool("python3", ["-c", "import jsonschema"]).status) == 0 { return true }
        if TestSupport.toolsRequired { Issue.record("python jsonschema is not installed; scripts/test.sh installs it") }
        return false
    }

    @Test(arguments: [("Docs/manifest.schema.json", BundleSchemas.manifest),
                      ("Docs/messages.schema.json", BundleSchemas.messages)])
    func theEmbeddedSchemaIsTheDocsCopyByteForByte(docs: String, embedded: String) throws {
        let published = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent(docs))
        #expect(Array(published) == Array(embedded.utf8), "\(docs) and its copy in Sources/EvidenceFormat/Schemas differ")
    }

    /// A case holding every platform's conversation and a sensitive photo, sealed and unzipped with `unzip`.
    static func sealedConversations(in directory: URL) throws -> (bag: URL, manifest: EvidenceManifest) {
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Schemas",
                                                   timeZone: "Europe/Brussels")
        _ = try evidenceCase.add(conversations.map(TestSupport.fixture))
        _ = try evidenceCase.add([TestSupport.fixture("Media")], options: AddOptions(sensitive: true))
        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("b.zip"), sealedAt: Instant(unixSeconds: 1_773_133_200))
        let unzip = try TestSupport.tool("unzip", ["-q", sealed.bundle.path, "-d", directory.path])
        #expect(unzip.status == 0, "\(unzip.stderr)")
        let bag = directory.appendingPathComponent(sealed.bagFolder)
        let manifest = try EvidenceManifest(parsing: Array(try Data(contentsOf: bag.appendingPathComponent(BagLayout.manifest))))
        return (bag, manifest)
    }

    @Test func aSealedBundleValidatesAgainstTheSchemasItCarries() throws {
        guard Self.hasValidator else { return }
        let directory = try TestSupport.temporaryDirectory("schemas")
        defer { try? FileManager.default.removeItem(at: directory) }
        let (bag, manifest) = try Self.sealedConversations(in: directory)
        #expect(manifest.format == "evidencekit-manifest/2")
        for (path, bytes) in BundleSchemas.tagFiles {
            #expect(Array(try Data(contentsOf: bag.appendingPathComponent(path))) == bytes, "\(path)")
            #expect(manifest.files.contains { $0.path == path }, "\(path) is not signed")
        }
        let platforms = Set(manifest.items.compactMap { $0.conversation?.platform.rawValue })
        #expect(platforms.isSuperset(of: ["whatsapp", "telegram", "instagram", "messenger", "sms", "snapchat", "discord",
                                          "x", "tiktok", "email"]), "\(platforms.sorted())")
        #expect(manifest.items.contains { $0.sensitive && $0.path.hasPrefix("data/sensitive/") })

        let manifestCheck = try TestSupport.tool("python3", ["-c", Self.validator, BagLayout.manifestSchema, BagLayout.manifest],
                                                 in: bag)
        #expect(manifestCheck.status == 0, "\(manifestCheck.stdout)\(manifestCheck.stderr)")

        let derived = manifest.items.flatMap { $0.derived ?? [] }.map(\.path)
        #expect(derived.count >= Self.conversations.count)
        let linesCheck = try TestSupport.tool("python3", ["-c", Self.validator, BagLayout.messagesSchema] + derived, in: bag)
        #expect(linesCheck.status == 0, "\(linesCheck.stdout)\(linesCheck.stderr)")
        #expect(linesCheck.stdout.contains("validated"), "\(linesCheck.stdout)")
    }

    /// The schema is not a rubber stamp: a format-2 manifest with a sensitive item outside `data/sensitive/`, one
    /// without its schemas, and a message line with an unknown kind are refused; the format-1 golden manifest is
    /// accepted as it is.
    @Test func theSchemasRefuseWhatFormat2DoesNotAllowAndAcceptFormat1() throws {
        guard Self.hasValidator else { return }
        let directory = try TestSupport.temporaryDirectory("schema-refusals")
        defer { try? FileManager.default.removeItem(at: directory) }
        let schema = directory.appendingPathComponent("manifest.schema.json")
        try Data(BundleSchemas.manifest.utf8).write(to: schema)
        let golden = try TestSupport.tool("unzip", ["-p", TestSupport.fixture("GoldenV2/golden-case-2026-v2.zip").path,
                                                    "golden-case-2026/evidence/manifest.json"]).stdout
        let version1 = try TestSupport.tool("unzip", ["-p", TestSupport.fixture("Golden/golden-case-2026.zip").path,
                                                      "golden-case-2026/evidence/manifest.json"]).stdout
        let sensitivePath = "data/sensitive/0002-Screenshot_20260303-214512_Instagram.jpg"
        #expect(golden.contains(sensitivePath))
        let documents: [(name: String, text: String, valid: Bool)] = [
            ("v2.json", golden, true),
            ("v1.json", version1, true),
            ("moved.json", golden.replacingOccurrences(of: sensitivePath, with: "data/0002-Screenshot_20260303-214512_Instagram.jpg"), false),
            ("unsigned-schema.json", golden.replacingOccurrences(of: "evidence/schema/messages.schema.json", with: "evidence/other.json"), false),
            ("v1-with-language.json", version1.replacingOccurrences(of: "\"format\" :", with: "\"language\" : \"fr\",\n  \"format\" :"), false),
        ]
        for document in documents {
            let url = directory.appendingPathComponent(document.name)
            try Data(document.text.utf8).write(to: url)
            let result = try TestSupport.tool("python3", ["-c", Self.validator, schema.path, url.path])
            #expect((result.status == 0) == document.valid, "\(document.name): \(result.stdout)\(result.stderr)")
        }
        let messagesSchema = directory.appendingPathComponent("messages.schema.json")
        try Data(BundleSchemas.messages.utf8).write(to: messagesSchema)
        let line = try GeneratedValues.goldenBundleEntry("data/derived/0005-WhatsApp Chat with Lucas.txt.messages.jsonl")
        let lines = directory.appendingPathComponent("lines.jsonl")
        try Data(line).write(to: lines)
        #expect(try TestSupport.tool("python3", ["-c", Self.validator, messagesSchema.path, lines.path]).status == 0)
        let text = String(decoding: line, as: UTF8.self)
        try Data(text.replacingOccurrences(of: "\"kind\":\"message\"", with: "\"kind\":\"sticker\"").utf8).write(to: lines)
        #expect(try TestSupport.tool("python3", ["-c", Self.validator, messagesSchema.path, lines.path]).status == 1)
    }
}
