import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// `evidence party`: who the case is about, journaled, in the manifest and the exports; `party suggest` on the
/// SampleEvidence case.
@Suite struct PartyTests {
    @Test func partiesAreJournaledSealedAndOmittedWhenThereAreNone() throws {
        let directory = try TestSupport.temporaryDirectory("party")
        let evidenceCase = try SampleCase.make(in: directory)
        let (_, withoutParties) = try SampleCase.sealAndVerify(evidenceCase, in: directory, name: "none.zip")
        #expect(withoutParties.parties == nil)
        #expect(!String(decoding: withoutParties.encoded(), as: UTF8.self).contains("\"parties\""))

        let lucas = try evidenceCase.addParty(
            name: "Lucas", role: .suspect, handles: [CaseParty.Handle(platform: "instagram", identifier: "lucas.vdb")],
            phones: ["+32 470 12 34 56"], emails: ["lucas.vdb.fake@example.invalid"])
        let camille = try evidenceCase.addParty(name: "Camille Dupont", role: .victim)
        #expect((lucas.id, camille.id) == (1, 2))
        #expect(throws: CaseError.self) { try evidenceCase.addParty(name: "lucas", role: .witness) }
        #expect(throws: CaseError.self) { try evidenceCase.addParty(name: "X", role: .other, emails: ["not-an-address"]) }

        let journal = try SampleCase.journal(of: evidenceCase)
        let added = try #require(journal.first { $0.action == "party-added" && $0.details["party"] == "1" })
        #expect(added.actor == "Camille")
        #expect(added.details["after.name"] == "Lucas")
        #expect(added.details["after.role"] == "suspect")
        #expect(added.details["after.handles"] == "instagram:lucas.vdb")
        #expect(added.details["after.phones"] == "+32 470 12 34 56")

        let removed = try evidenceCase.removeParty(id: camille.id)
        #expect(removed.name == "Camille Dupont")
        let removal = try #require(try SampleCase.journal(of: evidenceCase).last)
        #expect(removal.action == "party-removed")
        #expect(removal.details["before.name"] == "Camille Dupont")
        #expect(removal.details["before.role"] == "victim")
        #expect(throws: CaseError.self) { try evidenceCase.removeParty(id: camille.id) }
        // A removed party's number is never given again.
        #expect(try evidenceCase.addParty(name: "Camille", role: .victim).id == 3)
        #expect(try evidenceCase.parties().map(\.id) == [1, 3])

        let (sealed, manifest) = try SampleCase.sealAndVerify(evidenceCase, in: directory, name: "parties.zip")
        #expect(manifest.parties?.map(\.name) == ["Lucas", "Camille"])
        #expect(manifest.parties?.first == lucas)
        let text = String(decoding: manifest.encoded(), as: UTF8.self)
        #expect(text.contains("\"id\" : \"lucas.vdb\""))
        #expect(text.contains("\"role\" : \"suspect\""))
        // The summary's cover names them with their roles (sealed in English by SampleCase).
        let summary = try String(contentsOf: sealed.summary, encoding: .utf8)
        #expect(summary.contains("<h2>People in this case</h2>"))
        #expect(summary.contains("<li><b>Lucas</b> — Suspect: instagram:lucas.vdb"), "\(summary.prefix(3000))")
        try SampleCase.expectValidAgainstSchema(sealed, in: directory)
    }

    @Test func suggestProposesTheSampleCasesAuthorsAndAddressesWithTheirItems() throws {
        let directory = try TestSupport.temporaryDirectory("party-suggest")
        let evidenceCase = try SampleCase.make(in: directory)
        let chat = try SampleCase.item(named: "WhatsApp Chat with Lucas.txt", in: evidenceCase)
        let mail = try SampleCase.item(named: "Dernière chance.eml", in: evidenceCase)
        let suggestions = try evidenceCase.partySuggestions()
        let authors = suggestions.filter { $0.kind == .author }
        #expect(authors.map(\.value) == ["Lucas", "Camille"])
        #expect(authors.allSatisfy { $0.platform == "whatsapp" && $0.items == [chat.id] })
        let addresses = suggestions.filter { $0.kind == .email }
        #expect(addresses.map(\.value) == ["lucas.vdb.fake@example.invalid", "camille.dupont@example.invalid"])
        #expect(addresses.map(\.displayName) == ["Lucas", "Camille Dupont"])
        #expect(addresses.allSatisfy { $0.items == [mail.id] })

        // Once recorded (by handle, by address), a suggestion is no longer made; nothing else changed.
        let journalBefore = try SampleCase.journal(of: evidenceCase).count
        _ = try evidenceCase.partySuggestions()
        #expect(try SampleCase.journal(of: evidenceCase).count == journalBefore)
        try evidenceCase.addParty(name: "Lucas V.", role: .suspect, handles: [CaseParty.Handle(platform: "whatsapp", identifier: "Lucas")],
                                  emails: ["Lucas.VDB.fake@example.invalid"])
        let after = try evidenceCase.partySuggestions()
        #expect(after.map(\.value) == ["Camille", "camille.dupont@example.invalid"])
    }

    @Test func suggestReadsPhoneNumbersAndMailboxSenders() throws {
        let directory = try TestSupport.temporaryDirectory("party-phones")
        let chat = directory.appendingPathComponent("WhatsApp Chat with +32 470 12 34 56.txt")
        try Data("""
            14/02/2026 19:02 - \u{202A}+32 470 12 34 56\u{202C}: Salut
            14/02/2026 19:03 - Camille: Qui es-tu ?

            """.utf8).write(to: chat)
        let mailbox = directory.appendingPathComponent("inbox.mbox")
        try Data("""
            From sender@example.invalid Thu Mar  5 18:03:27 2026
            From: "Vandenberghe, Lucas" <lucas@example.invalid>
            To: camille@example.invalid
            Date: Thu, 5 Mar 2026 19:03:27 +0100
            Subject: un

            Bonjour

            """.utf8).write(to: mailbox)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Phones",
                                                   timeZone: "Europe/Brussels")
        #expect(try evidenceCase.add([chat, mailbox]).failures.isEmpty)
        try evidenceCase.addParty(name: "Camille", role: .victim, phones: ["+32 499 00 00 00"])
        let suggestions = try evidenceCase.partySuggestions()
        let phone = try #require(suggestions.first { $0.kind == .phone })
        #expect(phone.value == "+32 470 12 34 56")
        #expect(!suggestions.contains { $0.kind == .author && $0.value == "Camille" })
        let sender = try #require(suggestions.first { $0.kind == .email })
        #expect(sender.value == "lucas@example.invalid")
        #expect(sender.displayName == "Vandenberghe, Lucas")
        // The same number written another way is the same number.
        try evidenceCase.addParty(name: "Unknown", role: .suspect, phones: ["+32470123456"])
        #expect(try !evidenceCase.partySuggestions().contains { $0.kind == .phone })
    }

    @Test func partiesAreInTheCSVAndCASEExportsOnlyWhenThereAreSome() throws {
        let directory = try TestSupport.temporaryDirectory("party-export")
        let evidenceCase = try SampleCase.make(in: directory)
        try evidenceCase.addParty(name: "Lucas", role: .suspect,
                                  handles: [CaseParty.Handle(platform: "instagram", identifier: "lucas.vdb")],
                                  phones: ["+32 470 12 34 56"], emails: ["lucas.vdb.fake@example.invalid"])
        let (sealed, _) = try SampleCase.sealAndVerify(evidenceCase, in: directory)
        let csv = directory.appendingPathComponent("csv")
        #expect(try TestSupport.evidence(["export", sealed.bundle.path, "--format", "csv", "--out", csv.path]).status == 0)
        let rows = try ExportTests.pythonRows(csv.appendingPathComponent("parties.csv"))
        #expect(rows.count == 1)
        #expect(rows.first?["name"] == "Lucas")
        #expect(rows.first?["role"] == "suspect")
        #expect(rows.first?["handles"] == "instagram:lucas.vdb")
        #expect(rows.first?["phones"] == "'+32 470 12 34 56")
        #expect(rows.first?["guarded_columns"] == "phones")

        let out = directory.appendingPathComponent("case-export")
        #expect(try TestSupport.evidence(["export", sealed.bundle.path, "--format", "case-uco", "--out", out.path]).status == 0)
        let graph = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("case.jsonld"))) as? [String: Any])
        let nodes = try #require(graph["@graph"] as? [[String: Any]])
        let person = try #require(nodes.first { $0["@type"] as? String == "uco-identity:Person" })
        #expect(person["uco-core:name"] as? String == "Lucas")
        let role = try #require(nodes.first { $0["@type"] as? String == "uco-role:Role" })
        #expect(role["uco-core:name"] as? String == "suspect")
        let types = nodes.compactMap { $0["@type"] as? String }
        #expect(types.contains("uco-observable:EmailAccount"))
        #expect(types.contains("uco-observable:PhoneAccount"))
        try CASEValidation.expectConforms(out.appendingPathComponent("case.jsonld"))
    }
}

/// `evidence party add|list|remove|suggest` as a person types them.
@Suite struct PartyCommandTests {
    @Test func partyCommandsRecordListRemoveAndSuggest() throws {
        let directory = try TestSupport.temporaryDirectory("party-cli")
        let evidenceCase = try SampleCase.make(in: directory)
        let here = evidenceCase.folder
        let suggest = try TestSupport.evidence(["party", "suggest"], in: here)
        #expect(suggest.status == 0, "\(suggest.stderr)")
        #expect(suggest.stdout.contains("whatsapp author “Lucas” in item #"))
        #expect(suggest.stdout.contains("  evidence party add Lucas --role ROLE --handle whatsapp:Lucas\n"))
        #expect(suggest.stdout.contains("  evidence party add 'Camille Dupont' --role ROLE --email camille.dupont@example.invalid\n"))

        let add = try TestSupport.evidence(["party", "add", "Lucas", "--role", "suspect", "--handle", "whatsapp:Lucas",
                                            "--phone", "+32 470 12 34 56", "--email", "lucas.vdb.fake@example.invalid"], in: here)
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == "party #1 Lucas (suspect): whatsapp:Lucas; +32 470 12 34 56; lucas.vdb.fake@example.invalid\n")
        let list = try TestSupport.evidence(["party", "list"], in: here)
        #expect(list.stdout == "#1 Lucas (suspect): whatsapp:Lucas; +32 470 12 34 56; lucas.vdb.fake@example.invalid\n")
        #expect(!(try TestSupport.evidence(["party", "suggest"], in: here)).stdout.contains("Lucas"))

        let badHandle = try TestSupport.evidence(["party", "add", "Y", "--role", "other", "--handle", "nocolon"], in: here)
        #expect(badHandle.status == 2)
        #expect(badHandle.stderr.hasPrefix("error: --handle “nocolon” is not PLATFORM:ID"))
        let badRole = try TestSupport.evidence(["party", "add", "Y", "--role", "boss"], in: here)
        #expect(badRole.status == 2)

        let remove = try TestSupport.evidence(["party", "remove", "1"], in: here)
        #expect(remove.stdout == "removed party #1 Lucas; its number is not reused.\n")
        let none = try TestSupport.evidence(["party", "list"], in: here)
        #expect(none.stdout.hasPrefix("No parties recorded"))
        let unknown = try TestSupport.evidence(["party", "remove", "1"], in: here)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: The case has no party #1; `evidence party list` shows them.\n")
    }
}
