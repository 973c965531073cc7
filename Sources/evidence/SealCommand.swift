import EvidenceModel
import EvidenceCrypto
import EvidenceParsers
import EvidenceFormat
import EvidenceWorkspace
import EvidenceVerify
import ArgumentParser
import Foundation

extension Evidence {
    struct Seal: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal the case into a signed, zipped BagIt bundle plus an HTML summary.")

        @OptionGroup var caseOptions: CaseOptions

        @Option(help: "The bundle to write, e.g. case-2026-001.zip.")
        var out: String

        @Option(help: "The sealing time (RFC 3339). Default: SOURCE_DATE_EPOCH when set, else now.")
        var sealedAt: String?

        @Flag(help: "Replace an existing bundle (and its summary) at --out.")
        var overwrite = false

        @OptionGroup var timeStampOptions: TimeStampOptions

        func run() throws {
            try runReportingFailures {
                let sealingTime: Instant
                if let sealedAt {
                    guard let parsed = RFC3339.parse(sealedAt) else {
                        throw UsageFailure("--sealed-at “\(sealedAt)” is not an RFC 3339 time such as 2026-03-10T09:00:00Z.")
                    }
                    sealingTime = parsed.instant
                } else if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] {
                    guard let seconds = Int64(epoch) else { throw UsageFailure("SOURCE_DATE_EPOCH “\(epoch)” is not a whole number of seconds.") }
                    sealingTime = Instant(unixSeconds: seconds)
                } else {
                    sealingTime = Instant(unixSeconds: Instant.now().unixSeconds)
                }
                let evidenceCase = try caseOptions.openCase()
                let anchors = try timeStampOptions.trustAnchors()
                var outcome = TimeStampOptions.Outcome()
                let timeStamping: (([UInt8]) -> [BundleTimeStamp])? = timeStampOptions.authorities.isEmpty ? nil : { manifest in
                    outcome = timeStampOptions.collect(forManifest: manifest, trusting: anchors)
                    return outcome.timeStamps
                }
                let result = try evidenceCase.seal(to: URL(fileURLWithPath: out), sealedAt: sealingTime, overwrite: overwrite,
                                                   waiting: {
                    FileHandle.standardError.write(Data("Another evidence add or seal is changing this case; waiting for it to finish…\n".utf8))
                }, timeStamping: timeStamping)
                for warning in result.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
                for failure in outcome.failures {
                    FileHandle.standardError.write(Data("warning: no time-stamp from \(failure)\n".utf8))
                }
                print("Sealed \(result.itemCount) items into \(result.bundle.path)")
                print("Summary: \(result.summary.path)")
                print("Bundle SHA-256: \(result.bundleSHA256)")
                print("Signing key fingerprint: \(result.fingerprint.grouped)")
                for line in outcome.report { print(line) }
                if timeStamping != nil && result.timeStamps.isEmpty {
                    print("No trusted timestamp: no authority gave a usable one (see the warnings above). The bundle is "
                          + "valid without it; add one later with `evidence timestamp \(out) --tsa URL`.")
                }
            }
        }
    }
}
