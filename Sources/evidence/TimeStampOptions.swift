import EvidenceCrypto
import EvidenceFormat
import EvidenceVerify
import EvidenceModel
import ArgumentParser
import Foundation

/// `--tsa URL …` and `--tsa-ca FILE`, shared by `seal` and `timestamp`.
struct TimeStampOptions: ParsableArguments {
    @Option(name: .customLong("tsa"),
            help: "A time-stamp authority (RFC 3161) to attest the sealed manifest, e.g. http://timestamp.example/; repeat for several.")
    var authorities: [String] = []

    @Option(help: "Certificates (PEM) the time-stamp authorities must chain to.")
    var tsaCa: String?

    func validate() throws {
        for authority in authorities {
            guard let url = URL(string: authority), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                  url.host != nil else {
                throw ValidationError("--tsa “\(authority)” is not an http:// or https:// address.")
            }
        }
        if tsaCa != nil, authorities.isEmpty {
            throw ValidationError("--tsa-ca needs at least one --tsa.")
        }
    }

    var urls: [URL] { authorities.compactMap(URL.init(string:)) }

    /// What asking the authorities gave: the tokens to store, and a line for each authority.
    struct Outcome {
        var timeStamps: [BundleTimeStamp] = []
        var report: [String] = []
        var failures: [String] = []
    }

    /// Asks every authority for a token over `manifest`'s SHA-256 and checks each reply (status, imprint, nonce,
    /// signature, time-stamping certificate, chain to `--tsa-ca`). An authority that fails is reported, never fatal.
    func collect(forManifest manifest: [UInt8], trusting anchors: TimeStampTrustAnchors?) -> Outcome {
        collect(imprint: SHA256.hash(manifest), trusting: anchors)
    }

    /// Asks every authority for a token over `imprint`, naming the tag files apart from `taken`.
    func collect(imprint: SHA256Digest, trusting anchors: TimeStampTrustAnchors?, avoiding taken: Set<String> = []) -> Outcome {
        var outcome = Outcome()
        var paths = taken
        for url in urls {
            do {
                let request = try TimeStampRequest(imprint: imprint)
                let response = TimeStampResponse(derRepresentation: try TimeStampAuthorityClient().reply(to: request, from: url))
                let attestation = try response.verify(imprint: imprint, nonce: request.nonce, trusting: anchors)
                let path = BundleTimeStamps.tokenPath(forAuthorityAt: url, avoiding: paths)
                paths.insert(path)
                outcome.timeStamps.append(BundleTimeStamp(
                    path: path, response: response,
                    attested: HTMLSummary.AttestedTime(authority: attestation.authority, time: Instant(attestation.attestedAt))))
                outcome.report.append("Trusted timestamp: \(RFC3339.format(Instant(attestation.attestedAt), offsetSeconds: 0)) "
                    + "from \(attestation.authority) (\(url.absoluteString)), stored as \(path)")
            } catch let error as CryptoError {
                outcome.failures.append("\(url.absoluteString): the reply is not a usable time-stamp: \(error.reason)")
            } catch {
                outcome.failures.append("\(error)")
            }
        }
        return outcome
    }

    /// `--tsa-ca`, read before anything is sealed or sent.
    func trustAnchors() throws -> TimeStampTrustAnchors? {
        try tsaCa.map(Self.trustAnchors(at:))
    }

    /// Reads a PEM file of trusted authority certificates.
    static func trustAnchors(at path: String) throws -> TimeStampTrustAnchors {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageFailure("\(path): cannot read the time-stamp authority certificates.")
        }
        do {
            return try TimeStampTrustAnchors(pemRepresentation: String(decoding: data, as: UTF8.self))
        } catch let error as CryptoError {
            throw UsageFailure("\(path): \(error.reason)")
        }
    }

    /// One line of `verify`'s text report for a token that verified.
    static func line(_ timeStamp: VerifiedTimeStamp) -> String {
        "Trusted timestamp: \(timeStamp.attestedAt) "
            + (timeStamp.authorityTrusted ? "by \(timeStamp.authority), checked against --tsa-ca"
                : "signed by \(timeStamp.authority), not checked against a trusted list")
            + " (\(timeStamp.path))"
    }
}
