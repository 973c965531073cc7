import EvidenceCrypto
import Foundation
import Testing

/// A bundle sealed by an earlier version must verify with every later one, and the same case sealed at the same
/// time must give the same bytes (see `Fixtures/Golden/README.md` and `Fixtures/GoldenV2/README.md`).
///
/// Format 2 deliberately changed what a seal writes (sensitive items under `data/sensitive/`, the schemas under
/// `evidence/schema/`): re-sealing the golden case now gives the format-2 golden bundle, while the format-1 one,
/// sealed before, must still verify INTACT.
@Suite struct GoldenBundleTests {
    static let sealedAt = "2026-12-01T12:00:00Z"
    /// The format-1 golden bundle's SHA-256, as its README records it: it is never regenerated.
    static let version1SHA256 = "784a1110dbebd5ac57cc8cee2364927ae2dfc81979ef8d904139c863706a9fe1"
    static let version1 = "Golden/golden-case-2026.zip"
    static let version2 = "GoldenV2/golden-case-2026-v2.zip"
    static let key = "Golden/golden-case/keys/signer.pub.pem"

    /// The SHA-256 that `scripts/make-golden-v2.sh` wrote into the format-2 README beside the bundle.
    static func version2SHA256() throws -> String {
        let readme = try String(contentsOf: TestSupport.fixture("GoldenV2/README.md"), encoding: .utf8)
        let line = try #require(readme.split(separator: "\n").first { $0.hasPrefix("SHA-256 `") })
        return String(line.dropFirst("SHA-256 `".count).prefix(64))
    }

    @Test(arguments: [(version1, "evidencekit-manifest/1"), (version2, "evidencekit-manifest/2")])
    func goldenBundleStillVerifiesIntact(bundle: String, format: String) throws {
        let result = try TestSupport.evidence(["verify", TestSupport.fixture(bundle).path,
                                               "--trusted-key", TestSupport.fixture(Self.key).path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Result: INTACT"))
        #expect(result.stdout.contains("Items: 8"))
        let manifest = try TestSupport.tool("unzip", ["-p", TestSupport.fixture(bundle).path,
                                                      "golden-case-2026/evidence/manifest.json"])
        #expect(manifest.stdout.contains("\"format\" : \"\(format)\""))
    }

    @Test func theGoldenBundlesAreTheCommittedOnes() throws {
        let version1 = try SHA256.hash(fileAt: TestSupport.fixture(Self.version1).path).digest.hex
        #expect(version1 == Self.version1SHA256, "the format-1 golden bundle was regenerated; it never is")
        let version2 = try SHA256.hash(fileAt: TestSupport.fixture(Self.version2).path).digest.hex
        #expect(version2 == (try Self.version2SHA256()), "GoldenV2/README.md and the bundle beside it disagree")
    }

    @Test func resealingTheGoldenCaseGivesTheVersion2GoldenBytes() throws {
        let directory = try TestSupport.temporaryDirectory("golden")
        defer { try? FileManager.default.removeItem(at: directory) }
        let caseCopy = directory.appendingPathComponent("golden-case")
        try FileManager.default.copyItem(at: TestSupport.fixture("Golden/golden-case"), to: caseCopy)
        let out = directory.appendingPathComponent("resealed.zip")
        let result = try TestSupport.evidence(["seal", "--case", caseCopy.path, "--out", out.path,
                                               "--sealed-at", Self.sealedAt])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let resealed = try Data(contentsOf: out)
        let golden = try Data(contentsOf: TestSupport.fixture(Self.version2))
        #expect(resealed == golden, "re-sealing the golden case changed the bundle's bytes (if on purpose: run scripts/make-golden-v2.sh and commit what it writes)")
        #expect(result.stdout.contains("Bundle SHA-256: \(try Self.version2SHA256())"))
    }
}
