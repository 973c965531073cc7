import EvidenceModel
import EvidenceCrypto
import EvidenceParsers
import EvidenceFormat
import EvidenceWorkspace
import EvidenceVerify
import ArgumentParser
import Foundation

extension Evidence {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the items of the case.")

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        @Flag(help: "Print the items as JSON.")
        var json = false

        func run() throws {
            try runReportingFailures {
                let evidenceCase = try caseOptions.openCase()
                let items = try evidenceCase.items()
                for problem in try evidenceCase.integrityProblems() + evidenceCase.damagedRecords() {
                    Console.warning(problem)
                }
                if json {
                    try printJSON(items)
                    return
                }
                print("Case “\(evidenceCase.metadata.title)” (\(evidenceCase.metadata.timeZone)): \(items.count) items")
                print(["#", "kind", "best time", "source", "sha256", "size", "name"].joined(separator: "\t"))
                for item in items {
                    let best = item.best.map { $0.precision == .day ? String($0.value.prefix(10)) : $0.value } ?? "no date found"
                    let flags = (item.sensitive ? " [sensitive]" : "") + (item.warnings.isEmpty ? "" : " [\(item.warnings.count) warning(s)]")
                    print([String(item.id), item.kind.rawValue, best, item.best?.source.rawValue ?? "-",
                           String(item.sha256.prefix(16)) + "…", String(item.size), item.originalName + flags].joined(separator: "\t"))
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
