import EvidenceCrypto
import Foundation
import Testing

/// RFC 3161 requests and replies against stock `openssl ts`, with a throwaway authority made by
/// `Tests/EvidenceKitTests/Fixtures/TSA/make-tsa.sh` (two CAs, each with a time-stamping certificate).
@Suite("RFC 3161 time-stamps against openssl ts", .enabled(if: Tools.haveOpenSSL))
struct TimeStampTests {
    static let makeAuthority = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("EvidenceKitTests/Fixtures/TSA/make-tsa.sh").path

    /// A folder holding the authority, removed by the caller.
    static func authority() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let made = try Tools.run("/bin/bash", [makeAuthority, folder.url.path])
        guard made.status == 0 else { throw ToolFailure(description: "make-tsa.sh: \(made.errorText)") }
        return folder
    }

    /// `openssl ts -reply` to a request's DER bytes.
    static func reply(to query: [UInt8], in folder: TemporaryFolder, section: String = "tsa_main") throws -> [UInt8] {
        let queryPath = try folder.write(query, to: "query-\(UUID().uuidString).tsq")
        let replyPath = folder.path("reply-\(UUID().uuidString).tsr")
        try Tools.openssl(["ts", "-reply", "-config", folder.path("tsa.cnf"), "-section", section,
                           "-queryfile", queryPath, "-out", replyPath])
        return Array(try Data(contentsOf: URL(fileURLWithPath: replyPath)))
    }

    static func anchors(_ folder: TemporaryFolder, _ name: String = "ca.pem") throws -> TimeStampTrustAnchors {
        try TimeStampTrustAnchors(pemRepresentation: String(contentsOfFile: folder.path(name), encoding: .utf8))
    }

    @Test func openSSLReadsOurRequest() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let imprint = SHA256.hash(Array("manifest.json bytes".utf8))
        let request = TimeStampRequest(imprint: imprint, nonce: [0x81, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08])
        let path = try folder.write(try request.derRepresentation(), to: "q.tsq")
        let text = try Tools.openssl(["ts", "-query", "-in", path, "-text"]).outputText
        #expect(text.contains("Hash Algorithm: sha256"))
        #expect(text.contains("Nonce: 0x8102030405060708"))
        #expect(text.contains("Certificate required: yes"))
        // `-text` dumps the imprint as "0000 - 70 93 71 … 9e 88-7f 63 …   p.qy…": keep the hex columns only.
        let hexDump = text.split(separator: "\n").compactMap { line -> String? in
            guard let dash = line.range(of: " - ") else { return nil }
            return String(line[dash.upperBound...].prefix(47)).replacingOccurrences(of: "[^0-9a-f]", with: "",
                                                                                    options: .regularExpression)
        }.joined()
        #expect(hexDump == imprint.hex, "the message imprint is the SHA-256 given")
        #expect(try TimeStampRequest(imprint: imprint).nonce != (try TimeStampRequest(imprint: imprint).nonce))
    }

    @Test func replyFromOpenSSLVerifiesWithAndWithoutTrustAnchors() throws {
        let folder = try Self.authority()
        defer { folder.remove() }
        let imprint = SHA256.hash(Array("{\"format\":\"evidencekit-manifest/1\"}".utf8))
        let request = try TimeStampRequest(imprint: imprint)
        let token = TimeStampResponse(derRepresentation: try Self.reply(to: try request.derRepresentation(), in: folder))

        let anchored = try token.verify(imprint: imprint, nonce: request.nonce, trusting: try Self.anchors(folder))
        #expect(anchored.authority == "CN=Test TSA,O=EvidenceKit Tests")
        #expect(anchored.chainChecked)
        #expect(abs(anchored.attestedAt.timeIntervalSinceNow) < 300)
        #expect(anchored.generalizedTime.hasSuffix("Z"))
        #expect(!anchored.serialNumber.isEmpty)

        let unanchored = try token.verify(imprint: imprint)
        #expect(!unanchored.chainChecked)
        #expect(unanchored.authority == anchored.authority && unanchored.attestedAt == anchored.attestedAt)
    }

    @Test func tokenOverOtherBytesOrAnotherRequestIsAMismatch() throws {
        let folder = try Self.authority()
        defer { folder.remove() }
        let imprint = SHA256.hash(Array("the real manifest".utf8))
        let request = try TimeStampRequest(imprint: imprint)
        let token = TimeStampResponse(derRepresentation: try Self.reply(to: try request.derRepresentation(), in: folder))
        let other = SHA256.hash(Array("another manifest".utf8))
        #expect(throws: CryptoError.self) { try token.verify(imprint: other) }
        #expect(Self.code { try token.verify(imprint: other, trusting: try Self.anchors(folder)) } == .timeStampMismatch)
        var otherNonce = request.nonce
        otherNonce[7] ^= 1
        #expect(Self.code { try token.verify(imprint: imprint, nonce: otherNonce) } == .timeStampMismatch)
    }

    @Test func authorityOutsideTheTrustedCertificatesIsUnverified() throws {
        let folder = try Self.authority()
        defer { folder.remove() }
        let imprint = SHA256.hash([1, 2, 3])
        let query = try TimeStampRequest(imprint: imprint).derRepresentation()
        let token = TimeStampResponse(derRepresentation: try Self.reply(to: query, in: folder, section: "tsa_other"))
        #expect(try token.verify(imprint: imprint).authority == "CN=Other TSA,O=EvidenceKit Tests")
        do {
            _ = try token.verify(imprint: imprint, trusting: try Self.anchors(folder))
            Issue.record("a token from another authority verified against ca.pem")
        } catch let error as CryptoError {
            #expect(error.code == .timeStampUnverified)
            #expect(error.reason.contains("CN=Other TSA") && error.reason.contains("does not chain"), "\(error)")
        }
    }

    @Test func refusalIsReportedAsRefused() throws {
        let folder = try Self.authority()
        defer { folder.remove() }
        // The authority accepts sha256, sha384 and sha512 only: a SHA-1 request is answered with a rejection.
        let dataPath = try folder.write([1, 2, 3], to: "data")
        let queryPath = folder.path("sha1.tsq")
        try Tools.openssl(["ts", "-query", "-data", dataPath, "-sha1", "-cert", "-out", queryPath])
        let reply = try Self.reply(to: Array(try Data(contentsOf: URL(fileURLWithPath: queryPath))), in: folder)
        #expect(Self.code { try TimeStampResponse(derRepresentation: reply).verify(imprint: SHA256.hash([1, 2, 3])) }
                == .timeStampRefused)
    }

    /// Every prefix, a trailing byte, garbage and single-byte flips: never a crash, never a different attestation.
    @Test func damagedTokensAreRefused() throws {
        let folder = try Self.authority()
        defer { folder.remove() }
        let imprint = SHA256.hash(Array("manifest".utf8))
        let bytes = try Self.reply(to: try TimeStampRequest(imprint: imprint).derRepresentation(), in: folder)
        let anchors = try Self.anchors(folder)
        let original = try TimeStampResponse(derRepresentation: bytes).verify(imprint: imprint, trusting: anchors)
        for length in 0..<bytes.count {
            #expect(throws: CryptoError.self, "prefix of \(length) bytes") {
                try TimeStampResponse(derRepresentation: Array(bytes.prefix(length))).verify(imprint: imprint)
            }
        }
        #expect(Self.code { try TimeStampResponse(derRepresentation: bytes + [0]).verify(imprint: imprint) }
                == .timeStampMalformed)
        #expect(Self.code {
            try TimeStampResponse(derRepresentation: Array("not a token".utf8)).verify(imprint: imprint)
        } == .timeStampMalformed)
        for index in stride(from: 0, to: bytes.count, by: 3) {
            var flipped = bytes
            flipped[index] ^= 0x10
            if let accepted = try? TimeStampResponse(derRepresentation: flipped).verify(imprint: imprint, trusting: anchors) {
                // Only bytes outside the signed token (the reply's status) may change without a refusal.
                #expect(accepted == original, "byte \(index) flipped changed what the token attests")
            }
        }
    }

    @Test func trustAnchorsNeedACertificate() throws {
        #expect(throws: CryptoError.self) { try TimeStampTrustAnchors(pemRepresentation: "no certificate here") }
    }

    static func code(_ body: () throws -> TimeStampAttestation) -> CryptoError.Code? {
        do {
            _ = try body()
            return nil
        } catch let error as CryptoError {
            return error.code
        } catch {
            return nil
        }
    }
}
