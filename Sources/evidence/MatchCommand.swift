import EvidenceModel
import EvidenceWorkspace
import ArgumentParser
import Foundation

extension Evidence {
    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare a list of PDQ hashes with the case's images.",
            discussion: "HASHLIST holds one PDQ hash (64 hex digits) per line, or is CSV whose header names a column pdq, hash, pdq_hash, signal_value or indicator. Images whose PDQ quality is below 50 are too flat to match on and are left out.")

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        @Argument(help: "The list of PDQ hashes.")
        var hashList: String

        @Option(help: "The largest Hamming distance (of 256 bits) that counts as a match; ThreatExchange uses 31.")
        var maxDistance = PDQHash.matchThreshold

        @Flag(help: "Print the matches as JSON.")
        var json = false

        func validate() throws {
            guard (0...256).contains(maxDistance) else { throw ValidationError("--max-distance must be between 0 and 256.") }
        }

        func run() throws {
            try runReportingFailures {
                let evidenceCase = try caseOptions.openCase()
                let url = URL(fileURLWithPath: hashList)
                guard let text = String(data: try Data(contentsOf: url), encoding: .utf8) else {
                    throw UsageFailure("\(hashList) is not UTF-8 text.")
                }
                let list = try PDQHashList(parsing: text, fileName: url.lastPathComponent)
                try evidenceCase.addMissingContentHashes()
                let report = try evidenceCase.match(list, maxDistance: maxDistance)
                if json {
                    try printJSON(report.matches.map { match in
                        ["line": String(match.line), "hash": match.hash.hex, "item": String(match.item),
                         "name": match.itemName, "distance": String(match.distance)]
                    })
                    return
                }
                for match in report.matches {
                    print("line \(match.line)\t\(match.hash.hex)\titem #\(match.item) (\(match.itemName))\tdistance \(match.distance)")
                }
                print("\(report.matches.count) match(es): \(report.listed) hashes compared with \(report.compared) images "
                      + "at distance ≤ \(maxDistance).")
                if !report.rejectedLines.isEmpty {
                    print("\(report.rejectedLines.count) line(s) held no hash: \(report.rejectedLines.prefix(10).map(String.init).joined(separator: ", "))\(report.rejectedLines.count > 10 ? ", …" : "")")
                }
                if !report.tooFlat.isEmpty {
                    print("Not compared (PDQ quality below \(PDQHash.minimumUsefulQuality)): "
                          + report.tooFlat.map { "#\($0)" }.joined(separator: ", "))
                }
            }
        }
    }

    struct Rehash: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute the PDQ and MD5 hashes that items added by an earlier version lack (journaled).")

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        func run() throws {
            try runReportingFailures {
                let changed = try caseOptions.openCase().addMissingContentHashes()
                for item in changed {
                    let what = item.pdq.map { "pdq \($0)" } ?? item.md5.map { "md5 \($0)" }
                        ?? item.warnings.last.map { "not hashed: \($0.message)" } ?? ""
                    print("#\(item.id)\t\(item.originalName)\t\(what)")
                }
                print("\(changed.count) item(s) rehashed.")
            }
        }
    }
}
