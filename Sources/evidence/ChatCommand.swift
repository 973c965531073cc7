import EvidenceModel
import EvidenceCrypto
import EvidenceParsers
import EvidenceSystem
import EvidenceFormat
import EvidenceWorkspace
import EvidenceVerify
import ArgumentParser
import Foundation


extension Evidence {
    /// `evidence chat …`: work with exported conversations.
    struct Chat: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read chat exports (WhatsApp, Telegram, Instagram, Messenger, SMS Backup & Restore).",
            subcommands: [Parse.self]
        )
    }
}

extension Evidence.Chat {
    /// `evidence chat parse FILE`: prints the messages of one export.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the messages of a chat export, in the export's order.",
            discussion: """
                The format is recognised from the file's content. A WhatsApp .zip export is accepted as is.
                Exit status 2 when the file cannot be read or is not a chat export this tool knows.
                """
        )

        @OptionGroup var output: OutputOptions

        @Argument(help: "The export: WhatsApp .txt or .zip, Telegram result.json, Instagram/Messenger message_1.json, SMS .xml, or an e-mail .eml/.mbox.")
        var file: String

        @Flag(help: "Print JSON Lines, one message per line (keys timestamp, author, text, attachments, kind, …).")
        var json = false

        @Option(help: "IANA time zone for wall-clock times, e.g. Europe/Brussels (default: the case's zone, else this computer's).")
        var timezone: String?

        @Option(name: .customLong("case"), help: "Take the time zone from this case (default: the current folder, when it is a case).")
        var casePath: String?

        @OptionGroup var dateOrder: DateOrderOption

        @Option(help: "Label for messages the phone's owner sent (SMS); default \"Me\".")
        var me: String?

        func run() throws {
            let (zone, origin, zoneName) = try ZoneChoice.choose(timezone: timezone, casePath: casePath, command: "chat parse")
            let options = ChatParseOptions(timeZone: zone, dateOrder: dateOrder.value,
                                           me: me)
            let output = StandardOutput()
            do {
                let export = try ChatExportFile(contentsOf: URL(fileURLWithPath: file))
                let name = export.name
                let info: ConversationInfo
                var assumedZone = false
                if json {
                    var writer = ConversationJSONLines.Writer { chunk in try output.write(chunk) }
                    info = try export.stream(options: options) {
                        assumedZone = assumedZone || $0.timestamp?.zone == .assumed
                        try writer.writeOrFlush($0)
                    }
                    try writer.flush()
                } else {
                    var transcript = TranscriptWriter(zone: zone)
                    info = try export.stream(options: options) {
                        assumedZone = assumedZone || $0.timestamp?.zone == .assumed
                        transcript.write($0)
                        if transcript.buffer.count > 1 << 18 { try output.write(transcript.take()) }
                    }
                    try output.write(transcript.take())
                }
                for warning in info.warnings {
                    Console.warning("\(name): \(warning.message)")
                }
                // The zone is chosen as `inspect` chooses it, and said as `inspect` says it when it is this computer's.
                if origin == .system, assumedZone {
                    Console.say(ZoneChoice.systemZoneNote(command: "chat parse", zoneName: zoneName))
                }
            } catch let error as ChatParseError {
                FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
                throw ExitCode(2)
            } catch is StandardOutput.Closed {
                throw ExitCode(0)
            } catch {
                FileHandle.standardError.write(Data("error: \(file): \(plainReason(error))\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}

/// The readable transcript: `[2023-12-25T14:03:00+01:00] Alice: text`, attachments and app lines marked.
/// Times the export gives in UTC are shown in the chosen zone (the same instant, easier to read beside the phone's
/// screen); a time with a DST warning carries it on the line.
struct TranscriptWriter {
    var zone: TimeZone
    var buffer: [UInt8] = []

    mutating func write(_ m: ChatMessage) {
        var line = "["
        if let stamp = m.timestamp {
            let offset = stamp.zone == .utc ? zone.secondsFromGMT(for: stamp.instant.date) : stamp.offsetSeconds
            line += RFC3339.format(stamp.instant, offsetSeconds: offset, precision: stamp.precision)
        } else {
            line += "no time"
        }
        line += "] "
        if let thread = m.thread { line += "(\(thread)) " }
        switch m.kind {
        case .system: line += "* "
        case .deleted: line += "(deleted) "
        case .mediaOmitted: line += "(media omitted) "
        case .message: break
        }
        if let author = m.author { line += "\(author): " }
        line += m.text.replacingOccurrences(of: "\n", with: "\n    ")
        for a in m.attachments {
            let state = a.found.map { $0 ? "" : ", missing" } ?? ""
            line += " [attachment: \(a.name)\(state)]"
        }
        if m.edited { line += " (edited)" }
        for warning in m.timestamp?.warnings ?? [] { line += "  ⚠ \(warning)" }
        line += "\n"
        buffer.append(contentsOf: line.utf8)
    }

    mutating func take() -> [UInt8] {
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer
    }
}
