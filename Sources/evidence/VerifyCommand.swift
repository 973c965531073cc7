import EvidenceModel
import EvidenceParsers
import EvidenceFormat
import EvidenceWorkspace
import EvidenceVerify
import ArgumentParser
import EvidenceCrypto
import Foundation

extension Evidence {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a bundle: every hash, the signature, the bag structure and the custody journal.",
            discussion: "Exit codes: 0 intact, 1 problems found, 2 unusable input or usage error.")

        @OptionGroup var output: OutputOptions

        @Argument(help: "The bundle (.zip) or an unpacked bag folder.")
        var bundle: String

        @Flag(help: "Print the report as JSON.")
        var json = false

        @Option(help: "The signer's public key (PEM) you received by another channel; the bundle must be signed by it.")
        var trustedKey: String?

        @Option(help: "Certificates (PEM) the time-stamp authorities must chain to; without it a token is checked against its own certificate only.")
        var tsaCa: String?

        func run() throws {
            try runReportingFailures {
                let trusted = try trustedKey.map(loadTrustedKey(at:))
                let anchors = try tsaCa.map(TimeStampOptions.trustAnchors(at:))
                let progressLine = ProgressLine.onTerminal("verifying")
                let report = try BundleVerifier(trustedKey: trusted, trustedTimeStampAuthorities: anchors)
                    .verify(bundleAt: URL(fileURLWithPath: bundle), advancing: progressLine?.observer)
                progressLine?.clear()
                if json {
                    try printJSON(report)
                } else {
                    printText(report)
                }
                if !report.intact { throw ExitCode(1) }
            }
        }

        private func printText(_ report: VerificationReport) {
            print("Bundle: \(report.bundle)")
            if let title = report.caseTitle { print("Case: \(title) (\(report.caseIdentifier ?? "?"))") }
            if let sealedAt = report.sealedAt { print("Sealed at: \(sealedAt)") }
            if let items = report.itemCount { print("Items: \(items)") }
            if let fingerprint = report.signerFingerprint.flatMap(KeyFingerprint.init(hex:)) {
                print("Signer key fingerprint: \(fingerprint.grouped)")
            }
            print("Signature: \(report.signatureValid ? "valid" : "NOT valid")")
            if let trusted = report.signerTrusted { print("Trusted key: \(trusted ? "matches" : "DOES NOT match")") }
            print("Files checked: \(report.filesChecked) (\(report.bytesChecked) bytes)")
            for timeStamp in report.timeStamps { print(TimeStampOptions.line(timeStamp)) }
            for warning in report.warnings { print("Warning: \(warning)") }
            if report.intact {
                print("Result: INTACT — every file matches the signed manifest.")
                if report.signerTrusted == nil {
                    print("Compare the signer fingerprint above with the one you received by another channel, or pass --trusted-key.")
                }
            } else {
                print("Result: \(report.findings.count) PROBLEM(S) FOUND")
                for finding in report.findings { print("  \(finding)") }
            }
        }
    }
}

/// The signer's public key a person passes with `--trusted-key`, with a plain message for each way it can be wrong.
func loadTrustedKey(at path: String) throws -> Ed25519PublicKey {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw UsageFailure("\(path): cannot read the trusted key.")
    }
    let text = String(decoding: data, as: UTF8.self)
    // The secret half given by mistake: say so plainly rather than pass on OpenSSL's decoder error.
    if text.contains("PRIVATE KEY-----") {
        throw UsageFailure("\(path) is a private key (the secret half that signs), not the public key "
                           + "to check against. Pass the public key instead: the file that begins with "
                           + "-----BEGIN PUBLIC KEY----- (a case's keys/signer.pub.pem). Keep the private key to yourself.")
    }
    do {
        return try Ed25519PublicKey(pemRepresentation: text)
    } catch {
        throw UsageFailure("\(path): not an Ed25519 public key in PEM form (\(error)).")
    }
}
