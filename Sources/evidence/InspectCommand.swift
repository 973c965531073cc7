import EvidenceModel
import EvidenceParsers
import EvidenceFormat
import EvidenceWorkspace
import EvidenceVerify
import ArgumentParser
import EvidenceCrypto
import Foundation

extension Evidence {
    /// `evidence inspect FILE... [--json] [--timezone ZONE]`: what `add` would record, for files outside any case.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what add would record about files and folders (media type, kind, every timestamp), without adding them to a case.",
            discussion: """
                A folder is read as add reads it (its files in natural order, operating-system clutter left out); \
                a chat export or an e-mail is recognised by its content, with its own times, as add records it. \
                Local times written without an offset are placed in --timezone, else the zone of the case \
                (--case, or the current folder when it is a case), else the system's zone (never silently in UTC); \
                each timestamp says whether its offset was embedded, assumed or UTC.
                """
        )

        @OptionGroup var output: OutputOptions

        @Argument(help: "The files and folders to inspect.")
        var files: [String] = []

        @OptionGroup var dateOrder: DateOrderOption

        @Flag(help: "Print JSON: one object per file, an array when several files are given.")
        var json = false

        @Option(help: "IANA time zone for local times without an offset (e.g. Europe/Brussels).")
        var timezone: String?

        @Option(name: .customLong("case"), help: "Take the time zone from this case (default: the current folder, when it is a case).")
        var casePath: String?

        func run() throws {
            guard !files.isEmpty else {
                FileHandle.standardError.write(Data("error: give at least one file to inspect\n".utf8))
                throw ExitCode(2)
            }
            let (zone, origin, zoneName) = try ZoneChoice.choose(timezone: timezone, casePath: casePath,
                                                                 command: "inspect")
            var reports: [InspectReport] = []
            var failed = false
            // The same walk as `add`: what it would leave out is said, what it cannot read is an error.
            let (found, leftOut) = FileInspection.files(forAdding: files)
            for outcome in leftOut {
                switch outcome {
                case .failed(let path, let reason):
                    FileHandle.standardError.write(Data("error: \(path): \(reason)\n".utf8))
                    failed = true
                case .skipped(let path, let reason):
                    Console.say("skipped \(path): \(reason)")
                case .added, .duplicate:
                    break
                }
            }
            for path in found {
                do {
                    reports.append(try InspectReport(path: path, zone: zone, zoneName: zoneName, dateOrder: dateOrder.value))
                } catch {
                    FileHandle.standardError.write(Data("error: \(path): \(plainReason(error))\n".utf8))
                    failed = true
                }
            }
            if json {
                let encoder = JSONEncoder.evidenceKit(prettyPrinted: true)
                // One object for one file given; an array for several, or for a folder.
                let data = reports.count == 1 && files.count == 1 && found == files
                    ? try encoder.encode(reports[0]) : try encoder.encode(reports)
                print(String(decoding: data, as: UTF8.self))
            } else {
                if !reports.isEmpty { print(reports.map(\.text).joined(separator: "\n\n")) }
            }
            if origin == .system, reports.contains(where: { $0.timestamps.contains { $0.zone == .assumed } }) {
                Console.say(ZoneChoice.systemZoneNote(command: "inspect", zoneName: zoneName))
            }
            if failed { throw ExitCode(2) }
        }
    }
}

/// One file's inspection as `inspect` prints it; the JSON keys are exactly these.
struct InspectReport: Encodable {
    var path: String
    var size: UInt64
    var sha256: String
    var mediaType: String
    var kind: EvidenceKind
    var timestamps: [EvidenceTimestamp]
    var best: EvidenceTimestamp?
    var warnings: [EvidenceWarning]
    /// Present only for a recognised chat export or e-mail.
    var conversation: ConversationSummary?
    var email: EmailSummary?
    private var kindReason: String

    private enum CodingKeys: String, CodingKey {
        case path, size, sha256, mediaType, kind, timestamps, best, warnings, conversation, email
    }

    init(path: String, zone: TimeZone, zoneName: String, dateOrder: DateOrder?) throws {
        let file = try FileInspection(fileAt: path, timeZone: zone, zoneName: zoneName, dateOrder: dateOrder)
        self.conversation = file.conversation
        self.email = file.email
        self.path = file.path
        self.size = file.size
        self.sha256 = file.sha256
        self.mediaType = file.inspection.mediaType
        self.kind = file.inspection.kind
        self.timestamps = file.inspection.timestamps
        self.best = file.inspection.best
        self.warnings = file.inspection.warnings
        self.kindReason = file.inspection.kindReason
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(size, forKey: .size)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(mediaType, forKey: .mediaType)
        try container.encode(kind, forKey: .kind)
        try container.encode(timestamps, forKey: .timestamps)
        try container.encode(best, forKey: .best)  // `null` when there is none: the key is always present
        try container.encode(warnings, forKey: .warnings)
        try container.encodeIfPresent(conversation, forKey: .conversation)
        try container.encodeIfPresent(email, forKey: .email)
    }

    /// The human-readable block: a date-only time is shown as a date, never as midnight.
    var text: String {
        func shown(_ timestamp: EvidenceTimestamp) -> String {
            let value = timestamp.precision == .day ? String(timestamp.value.prefix(10)) + " (date only)" : timestamp.value
            let zone = timestamp.zone == .assumed ? "assumed \(timestamp.zoneName ?? "")" : timestamp.zone.rawValue
            return "\(value)  [\(timestamp.source.rawValue) \(timestamp.field); \(zone); \(timestamp.precision.rawValue)]"
        }
        var lines = [path, "  size: \(size) bytes", "  sha256: \(sha256)", "  mediaType: \(mediaType)",
                     "  kind: \(kind.rawValue) (\(kindReason))"]
        lines.append(timestamps.isEmpty ? "  timestamps: none" : "  timestamps:")
        lines += timestamps.map { "    \(shown($0))" }
        lines.append("  best: " + (best.map(shown) ?? "none"))
        if let conversation {
            lines.append("  conversation: \(conversation.platform.rawValue), \(counted(conversation.messageCount, "message"))"
                         + (conversation.firstMessageAt.map { ", \($0) … \(conversation.lastMessageAt ?? $0)" } ?? "")
                         + (conversation.participants.isEmpty ? "" : "; authors: " + conversation.participants.joined(separator: ", ")))
        }
        if let email {
            lines.append("  e-mail: from \(email.from ?? "(none)") to \(email.to ?? "(none)")"
                         + (email.subject.map { ", subject “\($0)”" } ?? ""))
        }
        lines.append(warnings.isEmpty ? "  warnings: none" : "  warnings:")
        lines += warnings.map { "    - [\($0.code)] \($0.message)" }
        return lines.joined(separator: "\n")
    }
}
