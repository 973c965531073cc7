import EvidenceModel
import EvidenceCrypto
import EvidenceParsers
import EvidenceFormat
import EvidenceWorkspace
import EvidenceVerify
import ArgumentParser
import Foundation

extension Evidence {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy files and folders into the case, hashing them; originals are never changed.")

        @OptionGroup var output: OutputOptions

        @OptionGroup var caseOptions: CaseOptions

        @Argument(help: "Files or folders to add (folders are added recursively).")
        var paths: [String]

        @Option(help: "A note kept with every file of this add, e.g. \"reçue le 3 mars par Instagram\".")
        var note: String?

        @Flag(help: "Mark the files as sensitive (intimate images): the summary never shows their content.")
        var sensitive = false

        @Flag(help: "The person shown was a minor when these pictures or videos were made: a takedown then points to child protection, not StopNCII.")
        var minorAtTime = false

        @Option(help: "A time you state for these files (e.g. 2026-03-03T21:40), recorded as declared by you.")
        var declaredTime: String?

        @OptionGroup var describing: ItemDescriptionOptions

        @OptionGroup var dateOrder: DateOrderOption

        func run() throws {
            try runReportingFailures {
                let evidenceCase = try caseOptions.openCase()
                let declared = try declaredTimestamp(declaredTime, in: evidenceCase)
                let redrawProgress = AddProgress.standardErrorIsTerminal
                let progressLine = ProgressLine.onTerminal("adding")
                // Counted as the outcomes are printed: the report keeps none of them, so an add of 100,000 files
                // does not hold 100,000 items in memory.
                let tally = OutcomeTally()
                let report = try evidenceCase.add(
                    paths.map { URL(fileURLWithPath: $0) },
                    options: AddOptions(note: note, sensitive: sensitive, declaredTime: declared, minorAtTime: minorAtTime,
                                        sourceURL: describing.sourceURL, platform: describing.platform,
                                        account: describing.account, description: describing.description,
                                        dateOrder: dateOrder.value),
                    progress: { outcome in
                    progressLine?.clear()
                    tally.count(outcome)
                    switch outcome {
                    case .added(let item):
                        // The item's lines are printed at once: a `print` per line took standard output's lock
                        // and wrote to its buffer once for the line and once for its newline.
                        var lines = "added     #\(item.id)  \(item.originalName)  \(item.kind.rawValue)  sha256 \(item.sha256.prefix(16))…"
                        for warning in item.warnings { lines += "\n          ⚠ \(warning.message)" }
                        if let conversation = item.conversation {
                            lines += "\n          \(conversation.platform.rawValue) conversation “\(conversation.title)”: \(conversation.messageCount) messages"
                        }
                        if item.conversation != nil || item.email != nil {
                            let carried = (item.conversation?.attachmentItems ?? [:]).merging(item.email?.attachmentItems ?? [:]) { a, _ in a }
                            for (name, id) in carried.sorted(by: { $0.value < $1.value }) {
                                lines += "\n          carries #\(id)  \(name)"
                            }
                        }
                        print(lines)
                    case .duplicate(let existing, let path, let changes):
                        // What this add changed on the item already there is said, never done silently.
                        let said = changes.map { "; \($0.spoken)" }.joined()
                        print("duplicate \(path): same content as #\(existing.id) (\(existing.originalName)); not stored twice\(said)")
                    case .skipped(let path, let reason):
                        print("skipped   \(path): \(reason)")
                    case .failed(let path, let reason):
                        FileHandle.standardError.write(Data("error: \(path): \(reason)\n".utf8))
                    }
                }, working: { step in
                    guard !Console.isQuiet else { return }
                    // On a terminal the line is redrawn in place; in a log, each step is a line of its own.
                    let counted = step.step == .messagesRead ? "messages read" : "carried files recorded"
                    let text = "\(step.name): \(step.recorded) of \(step.total) \(counted)"
                    let line = redrawProgress ? "\r\u{1B}[K\(text)\(step.recorded == step.total ? "\n" : "")" : "\(text)\n"
                    FileHandle.standardError.write(Data(line.utf8))
                }, waiting: {
                    Console.say("Another evidence add or seal is changing this case; waiting for it to finish…")
                }, advancing: progressLine?.observer, keepingOutcomes: false)
                progressLine?.clear()
                for link in report.links {
                    print("linked    #\(link.conversationItem) “\(link.attachmentName)” → #\(link.fileItem)")
                }
                print("\(tally.added) added, \(tally.all - tally.added - tally.failed) duplicate or skipped, \(tally.failed) failed.")
                let limits = try evidenceCase.bundleLimitProblems()
                if !limits.isEmpty {
                    Console.warning(
                        "this case can no longer be sealed: \(limits.joined(separator: "; ")). Nothing was lost: "
                        + "every file stays recorded. To seal, start a new case with only what matters for the complaint "
                        + "(for a mailbox, export just the folder or label that holds the messages concerned).")
                }
                if tally.failed > 0 { throw ExitCode(2) }
            }
        }
    }
}

/// How many files an `add` added, and how many failed, of all it was given.
private final class OutcomeTally: @unchecked Sendable {
    private let lock = NSLock()
    private var counts = (all: 0, added: 0, failed: 0)

    func count(_ outcome: AddReport.Outcome) {
        lock.lock()
        defer { lock.unlock() }
        counts.all += 1
        switch outcome {
        case .added: counts.added += 1
        case .failed: counts.failed += 1
        case .duplicate, .skipped: break
        }
    }

    var all: Int { lock.withLock { counts.all } }
    var added: Int { lock.withLock { counts.added } }
    var failed: Int { lock.withLock { counts.failed } }
}
