import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// The `evidence` binary end to end: the spellings scripts rely on, outputs and exit codes.
@Suite struct CommandLineTests {
    @Test func fullFlowInTheCaseFolder() throws {
        let directory = try TestSupport.temporaryDirectory("cli")
        let originals = try CaseFixtures.makeOriginals(in: directory)
        let initResult = try TestSupport.evidence(["init", "my-case", "--title", "Harcèlement Instagram 2026",
                                                   "--timezone", "Europe/Brussels"], in: directory)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        #expect(initResult.stdout.contains("Signing key fingerprint: "))
        let caseFolder = directory.appendingPathComponent("my-case")

        let add = try TestSupport.evidence(["add", originals.path], in: caseFolder)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("skipped   \(originals.path)/.DS_Store"))
        #expect(add.stdout.contains("3 added"))

        let sensitive = try TestSupport.evidence(["add", originals.appendingPathComponent("nested/video-part.bin").path,
                                                  "--sensitive", "--note", "reçue le 3 mars par Instagram",
                                                  "--declared-time", "2026-03-03T21:40"], in: caseFolder)
        #expect(sensitive.status == 0)
        #expect(sensitive.stdout.contains("duplicate"))

        let list = try TestSupport.evidence(["list", "--json"], in: caseFolder)
        #expect(list.status == 0)
        let items = try JSONDecoder().decode([EvidenceItem].self, from: Data(list.stdout.utf8))
        #expect(items.count == 3)
        #expect(items.first { $0.originalName == "video-part.bin" }?.sensitive == true)
        let table = try TestSupport.evidence(["list"], in: caseFolder)
        #expect(table.stdout.contains("3 items"))
        #expect(table.stdout.contains("[sensitive]"))

        let seal = try TestSupport.evidence(["seal", "--out", "../case-2026-001.zip", "--sealed-at", "2026-03-10T10:00:00+01:00"], in: caseFolder)
        #expect(seal.status == 0, "\(seal.stderr)")
        #expect(seal.stdout.contains("case-2026-001.zip"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("case-2026-001.summary.html").path))

        let verify = try TestSupport.evidence(["verify", "case-2026-001.zip"], in: directory)
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("INTACT"))
        #expect(verify.stdout.contains("Sealed at: 2026-03-10T09:00:00Z"))
    }

    @Test func keyMadeByOpenSSLSignsTheBundle() throws {
        let directory = try TestSupport.temporaryDirectory("openssl-key")
        let key = directory.appendingPathComponent("police-unit.pem")
        let genpkey = try TestSupport.tool("openssl", ["genpkey", "-algorithm", "ed25519", "-out", key.path])
        #expect(genpkey.status == 0)
        let pub = directory.appendingPathComponent("police-unit.pub.pem")
        #expect(try TestSupport.tool("openssl", ["pkey", "-in", key.path, "-pubout", "-out", pub.path]).status == 0)
        let originals = try CaseFixtures.makeOriginals(in: directory)
        #expect(try TestSupport.evidence(["init", "c", "--title", "T", "--timezone", "UTC", "--key", key.path], in: directory).status == 0)
        #expect(try TestSupport.evidence(["add", "--case", "c", originals.path], in: directory).status == 0)
        #expect(try TestSupport.evidence(["seal", "--case", "c", "--out", "b.zip"], in: directory).status == 0)
        let verify = try TestSupport.evidence(["verify", "b.zip", "--trusted-key", pub.path], in: directory)
        #expect(verify.status == 0, "\(verify.stdout)")
        #expect(verify.stdout.contains("Trusted key: matches"))
        // And stock openssl agrees, with the key it made itself.
        _ = try TestSupport.tool("unzip", ["-q", "b.zip", "-d", "u"], in: directory)
        let bag = directory.appendingPathComponent("u/c")
        let check = try TestSupport.tool("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", pub.path, "-rawin",
                                                     "-in", "evidence/manifest.json", "-sigfile", "evidence/manifest.json.sig"], in: bag)
        #expect(check.stdout.contains("Signature Verified Successfully"))
    }

    @Test func chatParseTakesTheCaseZoneAndNeverFallsBackToUTC() throws {
        let directory = try TestSupport.temporaryDirectory("chat-zone")
        let export = TestSupport.fixture("Chats/WhatsApp/android-fr-FR.txt")
        _ = try TestSupport.evidence(["init", "c", "--title", "T", "--timezone", "America/New_York"], in: directory)
        let inCase = try TestSupport.evidence(["chat", "parse", export.path, "--json"], in: directory.appendingPathComponent("c"))
        #expect(inCase.status == 0, "\(inCase.stderr)")
        #expect(inCase.stdout.contains("\"zoneName\":\"America/New_York\""))
        let option = try TestSupport.evidence(["chat", "parse", export.path, "--json", "--case", "c", "--timezone", "Europe/Brussels"], in: directory)
        #expect(option.stdout.contains("\"zoneName\":\"Europe/Brussels\""))
        let badTZ = try TestSupport.evidence(["chat", "parse", export.path], in: directory, environment: ["TZ": "Mars/Olympus"])
        #expect(badTZ.status == 2)
        #expect(badTZ.stderr.contains("TZ"))
    }

    @Test func declaredTimeIsRecordedAsDeclared() throws {
        let directory = try TestSupport.temporaryDirectory("declared")
        let file = directory.appendingPathComponent("capture.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]).write(to: file)
        _ = try TestSupport.evidence(["init", "c", "--title", "T", "--timezone", "Europe/Brussels"], in: directory)
        let add = try TestSupport.evidence(["add", "--case", "c", file.path, "--declared-time", "2026-03-03T21:40"], in: directory)
        #expect(add.status == 0, "\(add.stderr)")
        let items = try EvidenceCase(opening: directory.appendingPathComponent("c")).items()
        let declared = try #require(items.first?.timestamps.first { $0.source == .declared })
        #expect(declared.value == "2026-03-03T21:40:00+01:00")
        #expect(declared.zone == .assumed)
        #expect(declared.precision == .minute)
    }

    @Test(arguments: [
        (["list"], "not an EvidenceKit case"),
        (["init", "x", "--title", "T", "--timezone", "Europe/Bruxelles"], "not an IANA time zone"),
        (["seal", "--case", "c", "--out", "b.zip", "--sealed-at", "yesterday"], "not an RFC 3339 time"),
        (["add", "--case", "c", "does-not-exist.png"], "does-not-exist.png"),
        (["add", "--case", "c", "x", "--declared-time", "3 mars"], "--declared-time"),
        (["verify", "b.zip", "--trusted-key", "nope.pem"], "nope.pem"),
        // Without --out, seal writes next to the case (issue 11); an --out inside the case is the usage error.
        (["seal", "--case", "c", "--out", "c/b.zip"], "evidence seal --out "),
        (["verify", "b.zip", "--no-such-option"], "--no-such-option"),
    ])
    func usageErrorsExitTwoWithASentence(arguments: [String], message: String) throws {
        let directory = try TestSupport.temporaryDirectory("usage")
        _ = try TestSupport.evidence(["init", "c", "--title", "T", "--timezone", "UTC"], in: directory)
        let result = try TestSupport.evidence(arguments, in: directory)
        #expect(result.status == 2, "\(arguments): \(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }
}
