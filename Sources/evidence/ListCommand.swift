import EvidenceModel
import EvidenceCrypto
import EvidenceParsers
import EvidenceFormat
import EvidenceWorkspace
import EvidenceVerify
import ArgumentParser
import Foundation

extension ItemOrder: ExpressibleByArgument {}

extension Evidence {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the items of the case, by time (earliest first) unless --sort says otherwise.")

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        @Flag(help: "Print the items as JSON.")
        var json = false

        @Option(help: "time (by best time, items without a usable time last), added (by number) or kind.")
        var sort: ItemOrder = .time

        func run() throws {
            try runReportingFailures {
                let evidenceCase = try caseOptions.openCase()
                let items = sort.sorted(try evidenceCase.items())
                for problem in try evidenceCase.integrityProblems() + evidenceCase.damagedRecords() {
                    Console.warning(problem)
                }
                if json {
                    try printJSON(items)
                    return
                }
                print("Case “\(evidenceCase.metadata.title)” (\(evidenceCase.metadata.timeZone)): \(items.count) items")
                print(["#", "kind", "time", "time from", "sha256", "size", "name"].joined(separator: "\t"))
                for item in items {
                    let time = ItemOrder.usableTime(of: item)
                    let flags = (item.sensitive ? " [sensitive]" : "")
                        + (item.warnings.isEmpty ? "" : " [\(counted(item.warnings.count, "warning"))]")
                    print([String(item.id), item.kind.rawValue, time?.spoken ?? "no date found",
                           time?.sourceInWords ?? "-", String(item.sha256.prefix(16)) + "…", String(item.size),
                           item.originalName + flags].joined(separator: "\t"))
                }
                // Only a case with near-duplicates gets this section: the listing of any other reads as before.
                let groups = try evidenceCase.nearDuplicateGroups()
                if !groups.isEmpty { print("Near-duplicates (PDQ within \(PDQHash.matchThreshold) bits):") }
                for resemblance in groups.flatMap(\.resemblances) {
                    print("  item \(resemblance.item) looks like item \(resemblance.looksLike) (distance \(resemblance.distance))")
                }
            }
        }
    }
}
