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

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        @Option(help: "The bundle to write, outside the case folder, e.g. ../case-2026-001.zip (default: <case id>-<date>.zip next to the case folder).")
        var out: String?

        @Option(help: "The sealing time (RFC 3339). Default: SOURCE_DATE_EPOCH when set, else now.")
        var sealedAt: String?

        @Flag(help: "Replace an existing bundle (and its summary) at --out.")
        var overwrite = false

        @Option(help: "The language of the summary for this seal only: fr, nl, de or en (default: the case's, from init --lang).")
        var lang: String?

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
                let destination = try bundleDestination(in: evidenceCase, sealedAt: sealingTime)
                let anchors = try timeStampOptions.trustAnchors()
                var outcome = TimeStampOptions.Outcome()
                let timeStamping: (([UInt8]) -> [BundleTimeStamp])? = timeStampOptions.authorities.isEmpty ? nil : { manifest in
                    outcome = timeStampOptions.collect(forManifest: manifest, trusting: anchors)
                    return outcome.timeStamps
                }
                let progressLine = ProgressLine.onTerminal("sealing")
                let result = try evidenceCase.seal(to: destination, sealedAt: sealingTime, overwrite: overwrite,
                                                   language: lang, keyPassphrase: signingKeyPassphrase, waiting: {
                    Console.say("Another evidence add or seal is changing this case; waiting for it to finish…")
                }, timeStamping: timeStamping, advancing: progressLine?.observer)
                progressLine?.clear()
                for warning in result.warnings { Console.warning(warning) }
                for failure in outcome.failures { Console.warning("no time-stamp from \(failure)") }
                print("Sealed \(counted(result.itemCount, "item")) into \(result.bundle.path)")
                print("Summary: \(result.summary.path)")
                print("Bundle SHA-256: \(result.bundleSHA256)")
                print("Signing key fingerprint: \(result.fingerprint.grouped)")
                for line in outcome.report { print(line) }
                if timeStamping != nil && result.timeStamps.isEmpty {
                    print("No trusted timestamp: no authority gave a usable one (see the warnings above). The bundle is "
                          + "valid without it; add one later with `evidence timestamp \(typed(result.bundle)) --tsa URL`.")
                }
            }
        }

        /// `--out`, or the default next to the case. A bundle cannot live inside the case it seals (the next seal
        /// would carry it); rather than move it somewhere the person did not type, say exactly what to type.
        private func bundleDestination(in evidenceCase: EvidenceCase, sealedAt: Instant) throws -> URL {
            guard let out else { return evidenceCase.defaultBundleURL(sealedAt: sealedAt) }
            let destination = URL(fileURLWithPath: out).standardizedFileURL
            guard evidenceCase.contains(destination) else { return destination }
            let beside = evidenceCase.folder.standardizedFileURL.deletingLastPathComponent()
                .appendingPathComponent(destination.lastPathComponent)
            throw UsageFailure("\(out) would be inside the case folder \(evidenceCase.folder.standardizedFileURL.path), "
                               + "and a bundle is kept outside the case it seals. Write it next to the case: "
                               + "evidence seal --out \(typed(beside)) (or leave out --out to write "
                               + "\(typed(evidenceCase.defaultBundleURL(sealedAt: sealedAt)))).")
        }

        /// How a person would type `url` from the current folder: `../name` from inside the case, else the full path.
        private func typed(_ url: URL) -> String {
            let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
            let parent = url.deletingLastPathComponent().path
            guard here.hasPrefix(parent + "/") else { return shellQuoted(url.path) }
            let depth = here.dropFirst(parent.count + 1).split(separator: "/").count
            return shellQuoted(String(repeating: "../", count: depth) + url.lastPathComponent)
        }
    }
}
