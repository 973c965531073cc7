import Foundation
import Testing

/// A bundle sealed by an earlier version must verify with every later one, and the same case sealed at the same
/// time must give the same bytes (see `Fixtures/Golden/README.md`).
@Suite struct GoldenBundleTests {
    static let sealedAt = "2026-12-01T12:00:00Z"
    static let bundleSHA256 = "784a1110dbebd5ac57cc8cee2364927ae2dfc81979ef8d904139c863706a9fe1"

    @Test func goldenBundleStillVerifiesIntact() throws {
        let bundle = TestSupport.fixture("Golden/golden-case-2026.zip")
        let key = TestSupport.fixture("Golden/golden-case/keys/signer.pub.pem")
        let result = try TestSupport.evidence(["verify", bundle.path, "--trusted-key", key.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Result: INTACT"))
        #expect(result.stdout.contains("Items: 8"))
    }

    @Test func resealingTheGoldenCaseGivesTheSameBytes() throws {
        let directory = try TestSupport.temporaryDirectory("golden")
        defer { try? FileManager.default.removeItem(at: directory) }
        let caseCopy = directory.appendingPathComponent("golden-case")
        try FileManager.default.copyItem(at: TestSupport.fixture("Golden/golden-case"), to: caseCopy)
        let out = directory.appendingPathComponent("resealed.zip")
        let result = try TestSupport.evidence(["seal", "--case", caseCopy.path, "--out", out.path,
                                               "--sealed-at", Self.sealedAt])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let resealed = try Data(contentsOf: out)
        let golden = try Data(contentsOf: TestSupport.fixture("Golden/golden-case-2026.zip"))
        #expect(resealed == golden, "re-sealing the golden case changed the bundle's bytes")
        #expect(result.stdout.contains("Bundle SHA-256: \(Self.bundleSHA256)"))
    }
}
