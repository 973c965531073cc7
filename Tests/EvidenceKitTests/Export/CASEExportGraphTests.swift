import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// The CASE/UCO graph of the SampleEvidence case: conversations as threads, e-mails, the signature and a trusted
/// time-stamp, each as `case_validate` accepts.
@Suite struct CASEExportGraphTests {
    typealias Node = [String: Any]

    static func facet(_ node: Node, _ type: String) -> Node? {
        (node["uco-core:hasFacet"] as? [Node])?.first { $0["@type"] as? String == type }
    }

    static func id(_ value: Any?) -> String? { (value as? Node)?["@id"] as? String }

    @Test func sampleEvidenceGraphHasThreadsEmailsSignatureAndTimeStamp() throws {
        let directory = try TestSupport.temporaryDirectory("case-graph")
        let evidenceCase = try SampleCase.make(in: directory)
        let authority = try LocalTimeStampAuthority()
        defer { authority.stop() }
        let bundle = directory.appendingPathComponent("sample.zip")
        let seal = try TestSupport.evidence(["seal", "--case", evidenceCase.folder.path, "--out", bundle.path,
                                             "--tsa", authority.url()])
        #expect(seal.status == 0, "\(seal.stderr)")
        let verified = try BundleVerifier().verify(bundleAt: bundle)
        let stamp = try #require(verified.timeStamps.first)

        let out = directory.appendingPathComponent("case-export")
        #expect(try TestSupport.evidence(["export", bundle.path, "--format", "case-uco", "--out", out.path]).status == 0)
        let graph = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("case.jsonld"))) as? Node)
        let nodes = try #require(graph["@graph"] as? [Node])
        let byID = Dictionary(nodes.compactMap { node in (node["@id"] as? String).map { ($0, node) } }, uniquingKeysWith: { a, _ in a })
        func typed(_ type: String) -> [Node] { nodes.filter { $0["@type"] as? String == type } }

        // The WhatsApp chat: one thread holding every message of it, its authors as participants.
        let chat = try SampleCase.item(named: "WhatsApp Chat with Lucas.txt", in: evidenceCase)
        let thread = try #require(typed("uco-observable:MessageThread").first)
        #expect(thread["uco-core:name"] as? String == chat.conversation?.title)
        let threadFacet = try #require(Self.facet(thread, "uco-observable:MessageThreadFacet"))
        let list = try #require(byID[Self.id(threadFacet["uco-observable:messageThread"]) ?? ""])
        #expect(list["@type"] as? String == "uco-types:Thread")
        let members = try #require(list["co:element"] as? [Node]).compactMap { $0["@id"] as? String }
        #expect(members.count == chat.conversation?.messageCount)
        #expect(members.allSatisfy { byID[$0]?["@type"] as? String == "uco-observable:Message" })
        let participants = try #require(threadFacet["uco-observable:participant"] as? [Node]).compactMap { $0["@id"] as? String }
        let names = participants.compactMap { byID[$0].flatMap { Self.facet($0, "uco-observable:DigitalAccountFacet") }?["uco-observable:displayName"] as? String }
        #expect(names == ["Lucas", "Camille"])

        // The e-mail: an EmailMessage with its addresses, subject and sent time.
        let email = try #require(typed("uco-observable:EmailMessage").first)
        let emailFacet = try #require(Self.facet(email, "uco-observable:EmailMessageFacet"))
        let from = try #require(byID[Self.id(emailFacet["uco-observable:from"]) ?? ""])
        #expect(Self.facet(from, "uco-observable:EmailAddressFacet")?["uco-observable:addressValue"] as? String
                == "lucas.vdb.fake@example.invalid")
        #expect(emailFacet["uco-observable:subject"] as? String == "Dernière chance")
        #expect((emailFacet["uco-observable:sentTime"] as? Node)?["@value"] as? String == "2026-03-05T19:03:27+01:00")
        #expect((emailFacet["uco-observable:to"] as? [Node])?.count == 1)

        // The signature names the signer key's fingerprint; the time-stamp its authority and attested time.
        let manifest = try EvidenceManifest(parsing: try BundleVerifier().open(bundleAt: bundle).read(BagLayout.manifest))
        let signature = try #require(typed("uco-observable:DigitalSignatureInfo").first)
        let signatureFacet = try #require(Self.facet(signature, "uco-observable:DigitalSignatureInfoFacet"))
        #expect((signatureFacet["uco-observable:signatureDescription"] as? String)?.contains(manifest.signer.fingerprint) == true)
        #expect(signatureFacet["uco-observable:signatureVerified"] as? Bool == true)
        let attestation = try #require(nodes.first { $0["uco-core:name"] as? String == "trusted timestamp" })
        #expect((attestation["uco-action:endTime"] as? Node)?["@value"] as? String == stamp.attestedAt)
        let tsa = try #require(byID[Self.id(attestation["uco-action:performer"]) ?? ""])
        #expect(tsa["@type"] as? String == "uco-identity:Organization")
        #expect(tsa["uco-core:name"] as? String == stamp.authority)

        try CASEValidation.expectConforms(out.appendingPathComponent("case.jsonld"))
    }
}
