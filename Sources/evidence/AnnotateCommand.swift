import EvidenceModel
import EvidenceWorkspace
import ArgumentParser
import Foundation

/// `--url`, `--platform`, `--account`, `--description`: what a police officer asks first about a piece of
/// evidence, accepted by `add` and `annotate`.
struct ItemDescriptionOptions: ParsableArguments {
    @Option(name: .customLong("url"), help: "Where it was seen: the address of the post, profile or message.")
    var sourceURL: String?

    @Option(help: "The service it was seen on or sent through, e.g. Instagram.")
    var platform: String?

    @Option(help: "The account that posted or sent it, as the platform shows it, e.g. @someone.")
    var account: String?

    @Option(help: "What it shows or why it matters, in your words.")
    var description: String?
}

/// Reads `--declared-time` in the case's zone, or says how to write it.
func declaredTimestamp(_ text: String?, in evidenceCase: EvidenceCase) throws -> EvidenceTimestamp? {
    guard let text else { return nil }
    guard let declared = EvidenceTimestamp.declared(text, field: "--declared-time", zone: evidenceCase.timeZone) else {
        throw UsageFailure("--declared-time “\(text)” is not a date and time like 2026-03-03T21:40 or 2026-03-03T21:40+01:00.")
    }
    return declared
}

/// Item numbers as typed: `4` or `#4`.
func itemNumber(_ text: String) -> Int64? {
    Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text).flatMap { $0 > 0 ? $0 : nil }
}

extension Evidence {
    struct Annotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct or describe items already in the case; every change is journaled with its value before and after.")

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        @Argument(help: "The items to change, by number (as `evidence list` shows them), e.g. 4 7.")
        var items: [String]

        @Option(help: "A note added to the items' notes.")
        var note: String?

        @Option(help: "A time you state for the items (e.g. 2026-03-03T21:40), recorded as declared by you; it replaces an earlier one.")
        var declaredTime: String?

        /// `--sensitive` or `--not-sensitive`, one at most.
        enum Sensitivity: String, EnumerableFlag {
            case sensitive, notSensitive

            static func help(for value: Sensitivity) -> ArgumentHelp? {
                switch value {
                case .sensitive: "Mark the items sensitive: the summary never shows their content."
                case .notSensitive: "Unmark items marked sensitive by mistake."
                }
            }
        }

        @Flag var sensitivity: Sensitivity?

        @Flag(help: "The person shown was a minor when these were made: a takedown then points to child protection.")
        var minorAtTime = false

        @OptionGroup var describing: ItemDescriptionOptions

        func validate() throws {
            for item in items where itemNumber(item) == nil {
                throw ValidationError("“\(item)” is not an item number; give the numbers `evidence list` shows, e.g. 4 7.")
            }
        }

        func run() throws {
            try runReportingFailures {
                let evidenceCase = try caseOptions.openCase()
                let annotation = ItemAnnotation(
                    note: note, declaredTime: try declaredTimestamp(declaredTime, in: evidenceCase), sensitive: sensitivity.map { $0 == .sensitive },
                    minorAtTime: minorAtTime, sourceURL: describing.sourceURL, platform: describing.platform,
                    account: describing.account, description: describing.description)
                guard annotation != ItemAnnotation() else {
                    throw UsageFailure("Nothing to change: give --note, --declared-time, --sensitive or --not-sensitive, "
                                       + "--minor-at-time, --url, --platform, --account or --description.")
                }
                let outcomes = try evidenceCase.annotate(itemIDs: items.compactMap(itemNumber), with: annotation)
                for outcome in outcomes {
                    let said = outcome.changes.isEmpty ? "unchanged (it already said that)"
                        : outcome.changes.map(\.spoken).joined(separator: "; ")
                    print("#\(outcome.item.id)  \(outcome.item.originalName): \(said)")
                }
            }
        }
    }
}
