import EvidenceModel
import EvidenceWorkspace
import ArgumentParser
import Foundation

extension Evidence {
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take an item out of the case: it leaves the next bundle; the custody journal keeps the withdrawal (hash, time, who, why).",
            discussion: "With --purge the stored copy is deleted too (a private file added by mistake): only its hash is left.")

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        @Argument(help: "The item to withdraw, by number (as `evidence list` shows it).")
        var item: String

        @Option(help: "Why it is withdrawn; kept in the custody journal and listed in the summary.")
        var reason: String

        @Flag(help: "Also delete the case's stored copy, leaving only its hash. The original on your computer is not touched.")
        var purge = false

        func validate() throws {
            guard itemNumber(item) != nil else {
                throw ValidationError("“\(item)” is not an item number; give the number `evidence list` shows, e.g. 4.")
            }
        }

        func run() throws {
            try runReportingFailures {
                let withdrawal = try caseOptions.openCase().withdraw(itemID: itemNumber(item) ?? 0, reason: reason,
                                                                     purging: purge)
                print("withdrawn #\(withdrawal.item)  sha256 \(withdrawal.sha256): it will not be in the next bundle; "
                      + (withdrawal.purged ? "its stored copy is deleted, only the hash is kept."
                                           : "its stored copy stays in the case folder (--purge deletes it)."))
            }
        }
    }
}
