import EvidenceModel
import EvidenceSystem
import EvidenceFormat
import EvidenceVerify
import ArgumentParser
import Foundation

extension Evidence {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export a sealed bundle as CSV files or a CASE/UCO JSON-LD graph, for spreadsheets and forensic tools.",
            discussion: "The bundle is verified first and only its own files are read (manifest.json, custody.jsonl, the derived messages). A bundle that fails verification is refused (exit 1) unless --force; every file of a forced export then says so first. The folder is written under a temporary name and renamed when complete. Exit codes: 0 exported, 1 verification failed, 2 unusable input or usage error.")

        @OptionGroup var output: OutputOptions

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv
            case caseUCO = "case-uco"
        }

        @Argument(help: "The bundle (.zip) or an unpacked bag folder.")
        var bundle: String

        @Option(help: "csv (items.csv, messages.csv, custody.csv) or case-uco (case.jsonld, CASE 1.5.0 / UCO 1.5.0).")
        var format: Format

        @Option(help: "The folder to create for the export; it must not exist.")
        var out: String

        @Flag(help: "Export even when verification fails; every exported file then says so first.")
        var force = false

        @Option(help: "The signer's public key (PEM) you received by another channel; the bundle must be signed by it.")
        var trustedKey: String?

        func run() throws {
            try runReportingFailures {
                let trusted = try trustedKey.map(loadTrustedKey(at:))
                let output = URL(fileURLWithPath: out)
                guard !FileManager.default.fileExists(atPath: output.path) else {
                    throw UsageFailure("\(output.path) already exists; choose a new folder for the export.")
                }
                let verified = try BundleVerifier(trustedKey: trusted).open(bundleAt: URL(fileURLWithPath: bundle))
                let problems = verified.report.intact ? [] : verified.report.findings.map(\.description)
                    + (verified.report.signatureValid ? [] : ["the signature did not verify"])
                if !problems.isEmpty {
                    let stderr = FileHandle.standardError
                    stderr.write(Data("\(bundle) FAILED verification: \(verified.report.findings.count) problem(s)\n".utf8))
                    for finding in verified.report.findings { stderr.write(Data("  \(finding)\n".utf8)) }
                    guard force else {
                        stderr.write(Data("Nothing exported. Pass --force to export it anyway, marked as not verified.\n".utf8))
                        throw ExitCode(1)
                    }
                }
                let manifestBytes = try verified.read(BagLayout.manifest)
                let manifest = try EvidenceManifest(parsing: manifestBytes)
                var messageFiles: [String: [UInt8]] = [:]
                for path in ExportInput.messageFilePaths(in: manifest) { messageFiles[path] = try verified.read(path) }
                let input = try ExportInput(manifest: manifestBytes, custody: try verified.read(BagLayout.custody),
                                            messageFiles: messageFiles, problems: problems,
                                            timeStamps: verified.report.timeStamps.map {
                    ExportInput.AttestedTime(path: $0.path, attestedAt: $0.attestedAt, authority: $0.authority,
                                             serialNumber: $0.serialNumber, authorityTrusted: $0.authorityTrusted)
                })
                let files: [(name: String, bytes: [UInt8])] = switch format {
                case .csv: CSVExport.files(input)
                case .caseUCO: CASEExport.files(input)
                }
                try AtomicFolder.write(files, to: output) { existing in
                    UsageFailure("\(existing.path) already exists; choose a new folder for the export.")
                }
                print("Exported \(manifest.items.count) items to \(output.path): \(files.map(\.name).joined(separator: ", "))"
                      + (problems.isEmpty ? " (bundle verified intact)." : " — NOT VERIFIED, marked as such in every file."))
            }
        }
    }
}
