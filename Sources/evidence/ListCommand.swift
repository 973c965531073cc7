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
                // JSON needs every item whole; the table keeps one short line per item, read item by item, so a
                // case of 100,000 items is listed in little memory.
                let items = json ? sort.sorted(try evidenceCase.items()) : []
                // Checked before the rows are read, so the journal and the rows are never in memory together.
                for problem in try evidenceCase.integrityProblems() + evidenceCase.damagedRecords() {
                    Console.warning(problem)
                }
                var rows: [ListedRow] = []
                var hashes: [(item: Int64, hash: PDQHash, quality: Int)] = []
                if !json {
                    try evidenceCase.forEachItem { item in
                        rows.append(ListedRow(item))
                        if let hex = item.pdq, let hash = PDQHash(hex: hex), let quality = item.pdqQuality {
                            hashes.append((item.id, hash, quality))
                        }
                    }
                    rows = sort.sorted(rows, by: \.key)
                }
                if json {
                    try printJSON(items)
                    return
                }
                print("Case “\(evidenceCase.metadata.title)” (\(evidenceCase.metadata.timeZone)): \(rows.count) items")
                print(["#", "kind", "time", "time from", "sha256", "size", "name"].joined(separator: "\t"))
                for row in rows { print(row.line) }
                // Only a case with near-duplicates gets this section: the listing of any other reads as before.
                let groups = NearDuplicateGroup.groups(of: hashes)
                if !groups.isEmpty { print("Near-duplicates (PDQ within \(PDQHash.matchThreshold) bits):") }
                for resemblance in groups.flatMap(\.resemblances) {
                    print("  item \(resemblance.item) looks like item \(resemblance.looksLike) (distance \(resemblance.distance))")
                }
            }
        }
    }
}

/// What the table of `evidence list` keeps of an item: its line, and what it is sorted by.
private struct ListedRow {
    var key: (id: Int64, kind: EvidenceKind, time: Instant?)
    var line: String

    init(_ item: EvidenceItem) {
        let time = ItemOrder.usableTime(of: item)
        key = (item.id, item.kind, time?.instant)
        let flags = (item.sensitive ? " [sensitive]" : "")
            + (item.warnings.isEmpty ? "" : " [\(counted(item.warnings.count, "warning"))]")
        line = [String(item.id), item.kind.rawValue, time?.spoken ?? "no date found",
                time?.sourceInWords ?? "-", String(item.sha256.prefix(16)) + "…", String(item.size),
                item.originalName + flags].joined(separator: "\t")
    }
}
