import EvidenceCrypto
import EvidenceFormat
import EvidenceVerify
import EvidenceWorkspace
import ArgumentParser
import Foundation

extension Evidence {
    struct Timestamp: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a trusted time-stamp (RFC 3161) to a sealed bundle without changing anything signed.",
            discussion: "The bundle must verify first. Each token is a new tag file evidence/manifest.json.<authority>.tsr "
                + "listed in tagmanifest-sha256.txt; the bundle is rewritten under a temporary name, checked, and renamed "
                + "over the original. Exit codes: 0 time-stamped, 1 the bundle does not verify or no authority gave a "
                + "token, 2 usage error or unreadable input.")

        @OptionGroup var output: OutputOptions

        @Argument(help: "The sealed bundle (.zip).")
        var bundle: String

        @OptionGroup var timeStampOptions: TimeStampOptions

        func validate() throws {
            if timeStampOptions.authorities.isEmpty { throw ValidationError("Name at least one authority with --tsa URL.") }
        }

        func run() throws {
            try runReportingFailures {
                let url = URL(fileURLWithPath: bundle)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    throw UsageFailure("\(bundle): not a bundle file; `evidence timestamp` adds tokens to a zipped bundle.")
                }
                let anchors = try timeStampOptions.trustAnchors()
                let verifier = BundleVerifier(trustedTimeStampAuthorities: anchors)
                let report = try verifier.verify(bundleAt: url)
                guard report.intact, let manifestSHA256 = report.manifestSHA256, let bagFolder = report.bagFolder,
                      let manifest = SHA256Digest(hex: manifestSHA256) else {
                    print("Not time-stamped: \(bundle) does not verify (\(report.findings.count) problem(s)); run `evidence verify \(bundle)`.")
                    throw ExitCode(1)
                }
                let taken = Set(report.timeStamps.map(\.path))
                let outcome = timeStampOptions.collect(imprint: manifest, trusting: anchors, avoiding: taken)
                for failure in outcome.failures {
                    Console.warning("no time-stamp from \(failure)")
                }
                guard !outcome.timeStamps.isEmpty else {
                    print("Not time-stamped: no authority gave a usable token; \(bundle) is unchanged.")
                    throw ExitCode(1)
                }
                try BundleTimeStampWriter.add(outcome.timeStamps, toBundleAt: url, bagFolder: bagFolder,
                                              manifestSHA256: manifestSHA256) { rewritten in
                    let check = try verifier.verify(bundleAt: rewritten)
                    guard check.intact, check.timeStamps.count == report.timeStamps.count + outcome.timeStamps.count else {
                        throw UsageFailure("the rewritten bundle did not verify (\(check.findings.map(\.description).joined(separator: "; "))); "
                                           + "\(bundle) is unchanged")
                    }
                }
                for line in outcome.report { print(line) }
                print("Time-stamped \(url.path): the signature and every signed file are unchanged.")
            }
        }
    }
}
