import EvidenceModel
import EvidenceWorkspace
import ArgumentParser
import Foundation

extension Evidence {
    struct Takedown: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a hash-only takedown packet (no image inside) for StopNCII, a platform or a hotline.",
            discussion: "The folder holds hashes.csv, README.txt in the case's language and packet.json signed with the case's key. Items marked --minor-at-time are pointed to child protection (Child Focus 116 000 in Belgium) instead of StopNCII. The packet is journaled in the case.")

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        @Option(help: "The items to include, by number, e.g. 4,12.")
        var items: String

        @Option(help: "The folder to create for the packet.")
        var out: String

        @Option(help: "Who the packet is for (journaled and written in the packet).")
        var recipient: String?

        func validate() throws {
            guard !itemIDs.isEmpty, itemIDs.count == items.split(separator: ",").count else {
                throw ValidationError("--items takes item numbers separated by commas, e.g. 4,12.")
            }
        }

        var itemIDs: [Int64] {
            items.split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        }

        func run() throws {
            try runReportingFailures {
                let result = try caseOptions.openCase().prepareTakedown(
                    itemIDs: itemIDs, to: URL(fileURLWithPath: out), recipient: recipient,
                    keyPassphrase: signingKeyPassphrase)
                for item in result.items {
                    let hash = item.pdq.map { "pdq \($0)" } ?? item.md5.map { "md5 \($0)" } ?? "sha256 \(item.sha256)"
                    print("#\(item.id)\t\(item.originalName)\t\(hash)")
                }
                print("Takedown packet written to \(result.folder.path): \(result.files.joined(separator: ", ")) (no image inside).")
                if !result.minorAtTime.isEmpty {
                    print("Items \(result.minorAtTime.map { "#\($0)" }.joined(separator: ", ")) were made when the person was a minor: "
                          + "the README points to child protection, not StopNCII.")
                }
            }
        }
    }
}
