import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// What we write validates against the published schema, checked by a validator nobody here wrote (python-jsonschema).
@Suite struct ManifestSchemaTests {
    static let schema = TestSupport.packageRoot.appendingPathComponent("Docs/manifest.schema.json")

    @Test func sealedManifestValidatesAgainstTheSchema() throws {
        let hasValidator = (try? TestSupport.tool("python3", ["-c", "import jsonschema"]).status) == 0
        if !hasValidator {
            if TestSupport.toolsRequired { Issue.record("python jsonschema is not installed; scripts/test.sh installs it") }
            return
        }
        let directory = try TestSupport.temporaryDirectory("schema")
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Schema",
                                                   timeZone: "Europe/Brussels")
        _ = try evidenceCase.add([TestSupport.fixture("Chats/WhatsApp/ios-export.zip"), TestSupport.fixture("Mail/threat-multipart.eml"),
                                  TestSupport.fixture("Media")],
                                 options: AddOptions(note: "note", sensitive: true))
        let sealed = try evidenceCase.seal(to: directory.appendingPathComponent("b.zip"), sealedAt: Instant(unixSeconds: 1_773_133_200))
        let manifest = directory.appendingPathComponent("manifest.json")
        try Data(try TestSupport.tool("unzip", ["-p", sealed.bundle.path, "case/evidence/manifest.json"]).stdout.utf8).write(to: manifest)
        let parsed = try EvidenceManifest(parsing: Array(try Data(contentsOf: manifest)))
        #expect(parsed.items.contains { $0.conversation != nil })
        #expect(parsed.items.contains { $0.email != nil })
        #expect(parsed.items.contains { $0.linkedMessages != nil })
        let program = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for e in errors: print(list(e.path), e.message)
            sys.exit(1 if errors else 0)
            """
        let result = try TestSupport.tool("python3", ["-c", program, Self.schema.path, manifest.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")

        // The schema is not a rubber stamp: a manifest with a bad hash is refused.
        let text = String(decoding: try Data(contentsOf: manifest), as: UTF8.self)
        try Data(text.replacingOccurrences(of: parsed.items[0].sha256, with: "not-a-hash").utf8).write(to: manifest)
        let bad = try TestSupport.tool("python3", ["-c", program, Self.schema.path, manifest.path])
        #expect(bad.status == 1)
    }
}
