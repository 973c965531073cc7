import EvidenceCrypto
@testable import EvidenceFormat
import EvidenceModel
@testable import EvidenceVerify
import Foundation
import Testing

/// The custody journal and the summary of a 100,000-item case are larger than the 32 MiB a verifier used to read of
/// them (36 MB and 67 MB): the verifier checks the journal one line at a time and only hashes the summary as it
/// streams, so both may be far larger (``BundleLimits``), and memory does not grow with them. Above their caps they
/// are refused, with a finding that says so.
@Suite struct LargeTagFileTests {
    /// 200,000 journal steps (about 71 MB, twice the former cap) in a bag written by `scripts/make-large-bag.py`:
    /// INTACT, with a peak memory below the journal's own size (the former verifier held it whole, and more).
    @Test func journalAboveTheFormerCapVerifiesInBoundedMemory() throws {
        guard TestSupport.requireTool("python3") else { return }
        let bag = try LargeManifestTests.generatedBag("large-journal", items: 10, options: ["--journal-steps", "200000"])
        let journalSize = try #require(try FileManager.default.attributesOfItem(
            atPath: bag.appendingPathComponent(BagLayout.custody).path)[.size] as? Int)
        #expect(journalSize > 64 << 20)
        let run = try TestSupport.evidencePeakMemory(["verify", bag.path], in: bag.deletingLastPathComponent())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.peak < Self.peakLimit, "verify peaked at \(run.peak / 1_000_000) MB on a \(journalSize / 1_000_000) MB journal")
    }

    /// What `verify` may use on a bag whose only large file is its journal: its own baseline and one line.
    static let peakLimit = 60_000_000

    @Test func sealedCaseWithJournalAndSummaryVerifiesIntact() throws {
        guard TestSupport.requireTool("python3") else { return }
        let bag = try LargeManifestTests.generatedBag("sealed-case", items: 200, options: ["--sealed-case"])
        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(report.intact, "\(report.findings.prefix(5))")
        #expect(report.filesChecked == 200 + 8)
    }

    /// Caps lowered to 100 bytes stand for a journal and a summary above the real ones: each is refused before it is
    /// read, in one finding that names the cap, although the signed manifest declares its size; nothing else is said
    /// (the journal's chain is not checked, the summary not searched).
    @Test(arguments: [false, true])
    func journalAndSummaryAboveTheirCapsAreRefusedWithAClearFinding(zipped: Bool) throws {
        let (bundle, bag, _) = try SealTests.sealedAndUnzipped("over-caps")
        var limits = BundleVerifier.Limits()
        limits.journal = 100
        limits.streamedTagFile = 100
        let report = try BundleVerifier(limits: limits).verify(bundleAt: zipped ? bundle : bag)
        #expect(!report.intact)
        // The two schemas are only hashed too, and larger than 100 bytes.
        let refused = [BagLayout.custody, BagLayout.summary, BagLayout.manifestSchema, BagLayout.messagesSchema]
        for path in refused {
            let about = report.findings.filter { $0.path == path }
            #expect(about.count == 1, "\(report.findings)")
            #expect(about.first?.category == .modified)
            #expect(about.first?.message.hasSuffix("bytes, more than the 100 a verifier reads of this file; not read") == true,
                    "\(about)")
        }
        #expect(report.findings.count == refused.count, "\(report.findings)")
    }

    /// `seal` refuses what a verifier would refuse, and no more: a summary or a journal above the former 32 MiB is
    /// sealed; a tag file the verifier parses whole is not.
    @Test func sealRefusesOnlyWhatAVerifierRefuses() {
        let aboveFormerCap = [UInt8](repeating: UInt8(ascii: " "), count: Int(BundleLimits.maximumTagFileBytes) + 1)
        for path in [BagLayout.summary, BagLayout.custody, BagLayout.manifestSchema] {
            #expect(BundleLimits.problems(with: [BagEntry(path: path, content: .bytes(aboveFormerCap))]).isEmpty, "\(path)")
        }
        for path in [BagLayout.bagInfoFile, BagLayout.payloadManifest, BagLayout.bagitFile] {
            let problems = BundleLimits.problems(with: [BagEntry(path: path, content: .bytes(aboveFormerCap))])
            #expect(problems == ["its \(path) would be \(aboveFormerCap.count) bytes, more than the "
                                 + "\(BundleLimits.maximumTagFileBytes) a verifier reads"])
        }
        #expect(BundleLimits.maximumJournalBytes >= 512 << 20)
        #expect(BundleLimits.maximumStreamedTagFileBytes >= 512 << 20)
    }
}
