import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// `evidence withdraw`: an item leaves the case and the next bundle, the journal keeps the withdrawal.
@Suite struct WithdrawTests {
    static let privatePhoto = "placeholder-image-sensible.png"

    @Test(arguments: [false, true])
    func withdrawnItemLeavesTheBundleAndTheJournalKeepsIt(purging: Bool) throws {
        let directory = try TestSupport.temporaryDirectory("withdraw")
        let evidenceCase = try SampleCase.make(in: directory)
        let photo = try SampleCase.item(named: Self.privatePhoto, in: evidenceCase)
        let storedCopy = evidenceCase.storedCopy(sha256: photo.sha256)
        let itemCount = try evidenceCase.items().count

        let result = try TestSupport.evidence(["withdraw", "\(photo.id)", "--case", evidenceCase.folder.path,
                                               "--reason", "photo privée ajoutée par erreur"] + (purging ? ["--purge"] : []))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("withdrawn #\(photo.id)  sha256 \(photo.sha256)"))
        #expect(try evidenceCase.items().count == itemCount - 1)
        #expect(try evidenceCase.items().allSatisfy { $0.id != photo.id })
        #expect(FileManager.default.fileExists(atPath: storedCopy.path) == !purging)

        let entry = try #require(try SampleCase.journal(of: evidenceCase).last)
        #expect(entry.action == "item-withdrawn")
        #expect(entry.actor == "Camille")
        #expect(entry.details == ["item": String(photo.id), "sha256": photo.sha256, "size": String(photo.size),
                                  "reason": "photo privée ajoutée par erreur", "purged": String(purging)])

        let (sealed, manifest) = try SampleCase.sealAndVerify(evidenceCase, in: directory)
        #expect(manifest.items.count == itemCount - 1)
        #expect(!manifest.items.contains { $0.id == photo.id || $0.sha256 == photo.sha256 })
        #expect(manifest.withdrawals == [EvidenceManifest.Withdrawal(
            item: photo.id, sha256: photo.sha256, size: photo.size, withdrawnAt: entry.at, actor: "Camille",
            reason: "photo privée ajoutée par erreur", purged: purging)])
        let listing = try TestSupport.tool("unzip", ["-Z1", sealed.bundle.path]).stdout
        #expect(!listing.contains("placeholder-image"))
        // The summary lists the withdrawal by number and hash, never by name.
        let summary = try String(contentsOf: sealed.summary, encoding: .utf8)
        #expect(summary.contains("<h2>Withdrawn items</h2>"))
        #expect(summary.contains(photo.sha256))
        #expect(summary.contains("photo privée ajoutée par erreur"))
        #expect(!summary.contains(Self.privatePhoto))
        #expect(summary.contains("only the hash is kept") == purging)
        try SampleCase.expectValidAgainstSchema(sealed, in: directory)

        // The number is never given to another item, even when the same content comes back.
        let again = try evidenceCase.add([SampleCase.folder.appendingPathComponent("sensitive/\(Self.privatePhoto)")])
        let readded = try #require(again.added.first)
        #expect(readded.id == (try evidenceCase.items().map(\.id).max()))
        #expect(readded.id > photo.id)
        #expect(FileManager.default.fileExists(atPath: storedCopy.path))
    }

    @Test func anEditedWithdrawalEntryIsJournalBroken() throws {
        let directory = try TestSupport.temporaryDirectory("withdraw-edited")
        let evidenceCase = try SampleCase.make(in: directory)
        let photo = try SampleCase.item(named: Self.privatePhoto, in: evidenceCase)
        try evidenceCase.withdraw(itemID: photo.id, reason: "ajoutée par erreur", purging: true)
        _ = try evidenceCase.add([SampleCase.folder.appendingPathComponent("email")]) // an entry after the withdrawal
        let (sealed, _) = try SampleCase.sealAndVerify(evidenceCase, in: directory)

        let unpacked = directory.appendingPathComponent("unpacked")
        #expect(try TestSupport.tool("unzip", ["-q", sealed.bundle.path, "-d", unpacked.path]).status == 0)
        let bag = unpacked.appendingPathComponent(sealed.bagFolder)
        #expect(try BundleVerifier().verify(bundleAt: bag).intact)
        let journal = bag.appendingPathComponent("evidence/custody.jsonl")
        let text = try String(contentsOf: journal, encoding: .utf8)
        #expect(text.contains("\"reason\":\"ajoutée par erreur\""))
        try Data(text.replacingOccurrences(of: "\"reason\":\"ajoutée par erreur\"", with: "\"reason\":\"ajoutée par hasard\"").utf8)
            .write(to: journal)
        let report = try BundleVerifier().verify(bundleAt: bag)
        #expect(!report.intact)
        #expect(report.findings.contains { $0.category == .journalBroken && $0.description.contains("does not chain") }, "\(report.findings)")
    }

    @Test func withdrawRefusesWhatItCannotDo() throws {
        let directory = try TestSupport.temporaryDirectory("withdraw-refusals")
        let evidenceCase = try SampleCase.make(in: directory)
        let journal = try evidenceCase.custodyJournal()
        let email = try SampleCase.item(named: "Dernière chance.eml", in: evidenceCase)
        let noReason = try TestSupport.evidence(["withdraw", "1", "--case", evidenceCase.folder.path, "--reason", " "])
        #expect(noReason.status == 2)
        #expect(noReason.stderr.contains("--reason"))
        let unknown = try TestSupport.evidence(["withdraw", "99", "--case", evidenceCase.folder.path, "--reason", "x"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no item #99"))
        // An e-mail carrying an attachment cannot leave while its attachment stays.
        let carried = try #require(try evidenceCase.items().first { $0.parentID == email.id })
        let parent = try TestSupport.evidence(["withdraw", "\(email.id)", "--case", evidenceCase.folder.path, "--reason", "x"])
        #expect(parent.status == 2)
        #expect(parent.stderr.contains("carries items #\(carried.id)"))
        #expect(try evidenceCase.custodyJournal() == journal)
    }
}
