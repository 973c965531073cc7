@testable import EvidenceModel
@testable import EvidenceCrypto
@testable import EvidenceVerify
@testable import EvidenceFormat
import Foundation
import Testing

/// Trusted time-stamps (RFC 3161) end to end: `seal --tsa`, `timestamp`, and `verify` against a local authority,
/// checked with stock `openssl ts -verify` too; each bad token reported with its category.
@Suite("Trusted time-stamps with a local authority", .serialized, .enabled(if: TestSupport.requireTool("openssl")))
struct TimeStampBundleTests {
    /// A case (items acquired now), a running authority, and a folder for bundles; `finish()` cleans up.
    struct Setting {
        let directory: URL
        let caseFolder: URL
        let authority: LocalTimeStampAuthority

        init() throws {
            directory = try TestSupport.temporaryDirectory("timestamps")
            caseFolder = try CaseFixtures.makeCase(in: directory).0.folder
            authority = try LocalTimeStampAuthority()
        }

        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

        func seal(_ name: String, _ extra: [String] = []) throws -> TestSupport.ProcessResult {
            try TestSupport.evidence(["seal", "--case", caseFolder.path, "--out", path(name)] + extra)
        }

        /// The bundle unzipped into a folder of its own; returns the bag folder.
        func unzip(_ name: String) throws -> URL {
            let target = directory.appendingPathComponent(name + ".unzipped")
            try TestSupport.tool("unzip", ["-q", path(name), "-d", target.path])
            let bag = try FileManager.default.contentsOfDirectory(atPath: target.path)
            return target.appendingPathComponent(try #require(bag.first))
        }

        func finish() {
            authority.stop()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    static func report(_ result: TestSupport.ProcessResult) throws -> VerificationReport {
        try JSONDecoder().decode(VerificationReport.self, from: Data(result.stdout.utf8))
    }

    /// `openssl ts -verify -data manifest.json -in TOKEN -CAfile ca.pem`, as a lawyer would run it.
    static func openSSLVerifies(bag: URL, token: String, caFile: String) throws -> Bool {
        let result = try TestSupport.tool("openssl", [
            "ts", "-verify", "-data", bag.appendingPathComponent("evidence/manifest.json").path,
            "-in", bag.appendingPathComponent(token).path, "-CAfile", caFile,
        ])
        return result.status == 0 && result.stdout.contains("Verification: OK")
    }

    static func signatureVerifies(bag: URL) throws -> Bool {
        let evidence = bag.appendingPathComponent("evidence")
        return try TestSupport.tool("openssl", [
            "pkeyutl", "-verify", "-pubin", "-inkey", evidence.appendingPathComponent("signer.pub.pem").path, "-rawin",
            "-in", evidence.appendingPathComponent("manifest.json").path,
            "-sigfile", evidence.appendingPathComponent("manifest.json.sig").path,
        ]).status == 0
    }

    @Test func sealedWithATokenVerifiesWithEvidenceAndWithOpenSSL() throws {
        let setting = try Setting()
        defer { setting.finish() }
        let seal = try setting.seal("b.zip", ["--tsa", setting.authority.url(), "--tsa-ca", setting.authority.caPath])
        #expect(seal.status == 0, "\(seal.stderr)")
        let token = "evidence/manifest.json.127-0-0-1-\(setting.authority.port).tsr"
        #expect(seal.stdout.contains("Trusted timestamp: ") && seal.stdout.contains("stored as \(token)"), "\(seal.stdout)")

        let anchored = try TestSupport.evidence(["verify", setting.path("b.zip"), "--tsa-ca", setting.authority.caPath])
        #expect(anchored.status == 0, "\(anchored.stdout)")
        #expect(anchored.stdout.contains("by CN=Test TSA,O=EvidenceKit Tests, checked against --tsa-ca (\(token))"))
        #expect(anchored.stdout.contains("Result: INTACT"))
        let plain = try TestSupport.evidence(["verify", setting.path("b.zip")])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("signed by CN=Test TSA,O=EvidenceKit Tests, not checked against a trusted list"))

        let json = try Self.report(try TestSupport.evidence(["verify", setting.path("b.zip"), "--json", "--tsa-ca", setting.authority.caPath]))
        let timeStamp = try #require(json.timeStamps.first)
        #expect(json.intact && json.timeStamps.count == 1 && timeStamp.authorityTrusted && timeStamp.path == token)
        let attested = try #require(RFC3339.parse(timeStamp.attestedAt)).instant
        #expect(abs(attested.seconds(to: Instant.now())) < 300)
        #expect(json.warnings.isEmpty, "\(json.warnings)")

        let bag = try setting.unzip("b.zip")
        #expect(try Self.openSSLVerifies(bag: bag, token: token, caFile: setting.authority.caPath))
        #expect(!(try Self.openSSLVerifies(bag: bag, token: token, caFile: setting.authority.otherCAPath)))
        #expect(try Self.signatureVerifies(bag: bag))
        let manifest = try String(contentsOf: bag.appendingPathComponent("evidence/manifest.json"), encoding: .utf8)
        #expect(!manifest.contains(".tsr"), "the token is made after signing: never in the signed manifest")
        // The attested time reaches the summary beside the zip, never the signed one inside.
        let beside = try String(contentsOfFile: setting.path("b.summary.html"), encoding: .utf8)
        let language = SummaryLanguage(caseLanguage: try EvidenceManifest(parsing: Array(manifest.utf8)).language)
        let attestedLabel = "<dt>\(language.labels.attestedTime.replacingOccurrences(of: "'", with: "&#39;"))</dt>"
        #expect(beside.contains(attestedLabel) && beside.contains(" — CN=Test TSA,O=EvidenceKit Tests</dd>"),
                "\(beside.prefix(2000))")
        let inside = try String(contentsOf: bag.appendingPathComponent("summary.html"), encoding: .utf8)
        #expect(!inside.contains("CN=Test TSA") && !inside.contains(attestedLabel))
        if TestSupport.requireTool("bagit.py") {
            let bagit = try TestSupport.tool("bagit.py", ["--validate", bag.path])
            #expect(bagit.status == 0, "\(bagit.stderr)")
        }
    }

    @Test func timestampAddsATokenToASealedBundleWithoutTouchingTheSignature() throws {
        let setting = try Setting()
        defer { setting.finish() }
        #expect(try setting.seal("b.zip").status == 0)
        let before = try setting.unzip("b.zip")
        let signedBefore = try ["evidence/manifest.json", "evidence/manifest.json.sig", "summary.html"]
            .map { try Data(contentsOf: before.appendingPathComponent($0)) }

        let stamp = try TestSupport.evidence(["timestamp", setting.path("b.zip"), "--tsa", setting.authority.url(),
                                              "--tsa-ca", setting.authority.caPath])
        #expect(stamp.status == 0, "\(stamp.stdout)\(stamp.stderr)")
        let token = "evidence/manifest.json.127-0-0-1-\(setting.authority.port).tsr"
        let verify = try TestSupport.evidence(["verify", setting.path("b.zip"), "--tsa-ca", setting.authority.caPath])
        #expect(verify.status == 0 && verify.stdout.contains("checked against --tsa-ca (\(token))"), "\(verify.stdout)")

        let after = try setting.unzip("b.zip")
        #expect(try Self.openSSLVerifies(bag: after, token: token, caFile: setting.authority.caPath))
        #expect(try Self.signatureVerifies(bag: after))
        let signedAfter = try ["evidence/manifest.json", "evidence/manifest.json.sig", "summary.html"]
            .map { try Data(contentsOf: after.appendingPathComponent($0)) }
        #expect(signedAfter == signedBefore)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: setting.directory.path).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty)

        // A second authority, outside --tsa-ca: its token is stored beside the first and reported as such.
        let other = try TestSupport.evidence(["timestamp", setting.path("b.zip"), "--tsa", setting.authority.url("/other")])
        #expect(other.status == 0, "\(other.stdout)\(other.stderr)")
        let second = "evidence/manifest.json.127-0-0-1-\(setting.authority.port)-2.tsr"
        let both = try Self.report(try TestSupport.evidence(["verify", setting.path("b.zip"), "--json"]))
        #expect(both.intact && Set(both.timeStamps.map(\.path)) == [token, second])
        let anchored = try TestSupport.evidence(["verify", setting.path("b.zip"), "--json", "--tsa-ca", setting.authority.caPath])
        #expect(anchored.status == 1)
        let findings = try Self.report(anchored).findings
        #expect(findings.map(\.category) == [.badTimestamp] && findings.first?.path == second, "\(findings)")
        #expect(findings.first?.message.contains("CN=Other TSA") == true && findings.first?.message.contains("does not chain") == true)
    }

    /// Each damaged token is put in an unpacked bag and listed in its tag manifest, so only the token is wrong.
    @Test(arguments: ["garbage", "truncated", "other-manifest", "other-authority", "refusal"])
    func badTokenIsABadTimestampFinding(kind: String) throws {
        let setting = try Setting()
        defer { setting.finish() }
        #expect(try setting.seal("b.zip", ["--tsa", setting.authority.url()]).status == 0)
        let bag = try setting.unzip("b.zip")
        let good = try [UInt8](Data(contentsOf: bag.appendingPathComponent(
            "evidence/manifest.json.127-0-0-1-\(setting.authority.port).tsr")))
        let token: [UInt8]
        switch kind {
        case "garbage": token = Array("not a time-stamp token at all".utf8)
        case "truncated": token = Array(good.prefix(good.count - 40))
        case "other-manifest": token = try Self.reply(for: Array("another manifest".utf8), setting: setting, path: "/")
        case "other-authority": token = try Self.reply(for: try Self.manifest(bag), setting: setting, path: "/other")
        default: token = try Self.refusal(setting)
        }
        let name = "evidence/manifest.json.tsr"
        try Data(token).write(to: bag.appendingPathComponent(name))
        let tagManifest = bag.appendingPathComponent("tagmanifest-sha256.txt")
        let listed = try String(contentsOf: tagManifest, encoding: .utf8) + "\(SHA256.hash(token).hex)  \(name)\n"
        try Data(listed.utf8).write(to: tagManifest)

        let result = try TestSupport.evidence(["verify", bag.path, "--json", "--tsa-ca", setting.authority.caPath])
        #expect(result.status == 1)
        let report = try Self.report(result)
        #expect(report.findings.map(\.category) == [.badTimestamp], "\(report.findings)")
        #expect(report.findings.first?.path == name)
        #expect(report.timeStamps.count == 1, "the good token still verifies")
        let text = try TestSupport.evidence(["verify", bag.path, "--tsa-ca", setting.authority.caPath])
        #expect(text.stdout.contains("[bad-timestamp] \(name): "), "\(text.stdout)")
    }

    @Test func tokenListedNowhereIsUnexpected() throws {
        let setting = try Setting()
        defer { setting.finish() }
        #expect(try setting.seal("b.zip").status == 0)
        let bag = try setting.unzip("b.zip")
        let token = try Self.reply(for: try Self.manifest(bag), setting: setting, path: "/")
        try Data(token).write(to: bag.appendingPathComponent("evidence/manifest.json.tsr"))
        let report = try Self.report(try TestSupport.evidence(["verify", bag.path, "--json"]))
        #expect(report.findings.map(\.category) == [.unexpected], "\(report.findings)")
        #expect(report.timeStamps.count == 1)
    }

    @Test func backdatedSealingTimeIsWarnedAbout() throws {
        let setting = try Setting()
        defer { setting.finish() }
        let seal = try setting.seal("b.zip", ["--sealed-at", "2026-03-04T00:00:00Z", "--tsa", setting.authority.url()])
        #expect(seal.status == 0)
        let verify = try TestSupport.evidence(["verify", setting.path("b.zip")])
        #expect(verify.status == 0, "warnings do not make the bundle altered")
        #expect(verify.stdout.contains("Sealed at: 2026-03-04T00:00:00Z"))
        #expect(verify.stdout.contains("Warning: [sealed-before-acquisition] the stated sealing time 2026-03-04T00:00:00Z is earlier"))
        #expect(verify.stdout.contains("Warning: [sealing-time-far-from-timestamp] the stated sealing time 2026-03-04T00:00:00Z is "))
        let report = try Self.report(try TestSupport.evidence(["verify", setting.path("b.zip"), "--json"]))
        #expect(report.warnings.map(\.code.rawValue) == ["sealed-before-acquisition", "sealing-time-far-from-timestamp"])

        // Without a token the backdating is still reported, from the acquisitions alone.
        #expect(try setting.seal("c.zip", ["--sealed-at", "2026-03-04T00:00:00Z"]).status == 0)
        let untimed = try Self.report(try TestSupport.evidence(["verify", setting.path("c.zip"), "--json"]))
        #expect(untimed.intact && untimed.warnings.map(\.code.rawValue) == ["sealed-before-acquisition"])
    }

    @Test(arguments: ["unreachable", "/error", "/garbage"])
    func unusableAuthorityStillSealsAValidBundle(kind: String) throws {
        let setting = try Setting()
        defer { setting.finish() }
        let url = kind == "unreachable" ? "http://127.0.0.1:9/" : setting.authority.url(kind)
        let seal = try setting.seal("b.zip", ["--tsa", url])
        #expect(seal.status == 0, "\(seal.stderr)")
        #expect(seal.stderr.contains("warning: no time-stamp from \(url)"), "\(seal.stderr)")
        #expect(seal.stdout.contains("No trusted timestamp: no authority gave a usable one"))
        let report = try Self.report(try TestSupport.evidence(["verify", setting.path("b.zip"), "--json"]))
        #expect(report.intact && report.timeStamps.isEmpty)

        let before = try Data(contentsOf: URL(fileURLWithPath: setting.path("b.zip")))
        let stamp = try TestSupport.evidence(["timestamp", setting.path("b.zip"), "--tsa", url])
        #expect(stamp.status == 1 && stamp.stdout.contains("no authority gave a usable token"), "\(stamp.stdout)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: setting.path("b.zip"))) == before)
    }

    @Test func timestampRefusesABundleThatDoesNotVerify() throws {
        let setting = try Setting()
        defer { setting.finish() }
        #expect(try setting.seal("b.zip").status == 0)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: setting.path("b.zip"))))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: setting.path("b.zip")))
        let stamp = try TestSupport.evidence(["timestamp", setting.path("b.zip"), "--tsa", setting.authority.url()])
        #expect(stamp.status == 1 && stamp.stdout.contains("does not verify"), "\(stamp.stdout)")
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: setting.path("b.zip")))) == bytes)
    }

    static func manifest(_ bag: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: bag.appendingPathComponent("evidence/manifest.json")))
    }

    /// A token over `data` from the local authority, made with stock openssl and curl-free Python.
    static func reply(for data: [UInt8], setting: Setting, path: String) throws -> [UInt8] {
        let dataPath = setting.path("data-\(UUID().uuidString)")
        try Data(data).write(to: URL(fileURLWithPath: dataPath))
        try TestSupport.tool("openssl", ["ts", "-query", "-data", dataPath, "-sha256", "-cert", "-out", dataPath + ".tsq"])
        return try post(dataPath + ".tsq", to: setting.authority.url(path), setting: setting)
    }

    /// A SHA-1 request, which the authority refuses (it takes SHA-2 only): a reply with status “rejection”.
    static func refusal(_ setting: Setting) throws -> [UInt8] {
        let dataPath = setting.path("data-\(UUID().uuidString)")
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: dataPath))
        try TestSupport.tool("openssl", ["ts", "-query", "-data", dataPath, "-sha1", "-cert", "-out", dataPath + ".tsq"])
        return try post(dataPath + ".tsq", to: setting.authority.url("/"), setting: setting)
    }

    static func post(_ query: String, to url: String, setting: Setting) throws -> [UInt8] {
        let script = "import sys, urllib.request; sys.stdout.buffer.write(urllib.request.urlopen(urllib.request.Request("
            + "sys.argv[1], data=open(sys.argv[2], 'rb').read(), headers={'Content-Type': 'application/timestamp-query'})).read())"
        let out = setting.path("reply-\(UUID().uuidString)")
        let result = try TestSupport.tool("sh", ["-c", "python3 -c \"$0\" \"$1\" \"$2\" > \"$3\"", script, url, query, out])
        try #require(result.status == 0, "\(result.stderr)")
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
    }
}
