import EvidenceCrypto
import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceWorkspace

/// `takedown`: a hash-only packet, signed, journaled, with the child-protection route for minors.
@Suite struct TakedownTests {
    static let placeholder = SampleEvidenceTests.sampleFolder.appendingPathComponent("sensitive/placeholder-image-sensible.png")

    static func caseWithPlaceholder(_ label: String) throws -> (EvidenceCase, URL, EvidenceItem) {
        let directory = try TestSupport.temporaryDirectory(label)
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Takedown",
                                                   timeZone: "Europe/Brussels")
        _ = try evidenceCase.add([placeholder], options: AddOptions(sensitive: true))
        return (evidenceCase, directory, try #require(try evidenceCase.items().first))
    }

    /// Every 16-byte window of the image's first and last 64 bytes, searched in every file of the packet.
    static func imageBytesFound(in folder: URL) throws -> [String] {
        let image = [UInt8](try Data(contentsOf: placeholder))
        let edges = [Array(image.prefix(64)), Array(image.suffix(64))]
        var found: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            for edge in edges {
                for start in 0...(edge.count - 16) {
                    let window = edge[start..<start + 16]
                    if bytes.count >= 16, (0...(bytes.count - 16)).contains(where: { bytes[$0..<$0 + 16] == window }) {
                        found.append("\(name) holds image bytes at window \(start)")
                    }
                }
            }
        }
        return found
    }

    @Test func packetHoldsNoImageBytesAndItsSignatureVerifiesWithOpenSSL() throws {
        let (evidenceCase, directory, item) = try Self.caseWithPlaceholder("takedown")
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("packet")
        let result = try evidenceCase.prepareTakedown(itemIDs: [item.id], to: out, recipient: "Instagram Trust & Safety")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out.path))
                == ["hashes.csv", "README.txt", "packet.json", "packet.json.sig", "signer.pub.pem"])
        #expect(try Self.imageBytesFound(in: out).isEmpty)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: directory.path)).contains { $0.contains("partial") })

        let csv = try String(contentsOf: out.appendingPathComponent("hashes.csv"), encoding: .utf8)
        #expect(csv.contains(try #require(item.pdq)))
        #expect(csv.contains(item.sha256))
        let readme = try String(contentsOf: out.appendingPathComponent("README.txt"), encoding: .utf8)
        #expect(readme.contains("StopNCII.org"))   // fr: the case's zone is Europe/Brussels
        #expect(readme.contains("ne peut pas être reconstituée"))
        #expect(!readme.contains("Child Focus"))

        let openssl = try TestSupport.tool("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "signer.pub.pem", "-rawin",
                                                       "-in", "packet.json", "-sigfile", "packet.json.sig"], in: out)
        #expect(openssl.stdout.contains("Signature Verified Successfully"), "\(openssl.stderr)")
        // A changed packet does not verify.
        var packet = [UInt8](try Data(contentsOf: out.appendingPathComponent("packet.json")))
        packet[packet.count / 2] ^= 1
        try Data(packet).write(to: out.appendingPathComponent("packet.json"))
        let tampered = try TestSupport.tool("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "signer.pub.pem", "-rawin",
                                                        "-in", "packet.json", "-sigfile", "packet.json.sig"], in: out)
        #expect(!tampered.stdout.contains("Signature Verified Successfully"))

        let journal = String(decoding: try evidenceCase.index.custodyJournal(), as: UTF8.self)
        #expect(journal.contains("\"takedown-prepared\""))
        #expect(journal.contains("Instagram Trust & Safety"))
        #expect(journal.contains(result.packetSHA256))
        // The folder is never overwritten.
        #expect(throws: CaseError.self) { try evidenceCase.prepareTakedown(itemIDs: [item.id], to: out) }
    }

    @Test func aMinorAtTheTimeIsPointedToChildProtectionNotStopNCII() throws {
        let (evidenceCase, directory, item) = try Self.caseWithPlaceholder("takedown-minor")
        defer { try? FileManager.default.removeItem(at: directory) }
        try evidenceCase.markMinorAtTime(itemIDs: [item.id])
        let out = directory.appendingPathComponent("packet")
        let result = try evidenceCase.prepareTakedown(itemIDs: [item.id], to: out)
        #expect(result.minorAtTime == [item.id])
        let readme = try String(contentsOf: out.appendingPathComponent("README.txt"), encoding: .utf8)
        #expect(readme.contains("Child Focus, 116 000"))
        #expect(readme.contains("StopNCII n'est pas fait pour cela"))
        #expect(try String(contentsOf: out.appendingPathComponent("packet.json"), encoding: .utf8)
                    .contains("\"child-protection\""))
        #expect(try Self.imageBytesFound(in: out).isEmpty)

        // Through the command line, with a case marked at init: the same wording, in English outside a known zone.
        let cli = directory.appendingPathComponent("cli-case")
        #expect(try TestSupport.evidence(["init", cli.path, "--title", "T", "--timezone", "America/Chicago",
                                          "--minor-at-time"]).status == 0)
        #expect(try TestSupport.evidence(["add", "--case", cli.path, Self.placeholder.path]).status == 0)
        let written = try TestSupport.evidence(["takedown", "--case", cli.path, "--items", "1", "--out",
                                                directory.appendingPathComponent("cli-packet").path])
        #expect(written.status == 0, "\(written.stderr)")
        let english = try String(contentsOf: directory.appendingPathComponent("cli-packet/README.txt"), encoding: .utf8)
        #expect(english.contains("the person was a minor at the time"))
        #expect(english.contains("inhope.org"))
    }
}
