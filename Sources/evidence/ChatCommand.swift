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
            do {
                let export = try ChatExportFile(contentsOf: URL(fileURLWithPath: file))
                let name = export.name
                var assumedZone = false
                let printer = ChatPrinter(json: json, zone: zone)
                let info = try ChatMessagePipeline.run(parse: { onMessage in
                    try export.stream(options: options) {
                        assumedZone = assumedZone || $0.timestamp?.zone == .assumed
                        try onMessage($0)
                    }
                }, format: { try printer.print($0) }, finish: { try printer.finish(parsingSucceeded: $0) })
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

/// Prints messages in one of `chat parse`'s two forms to standard output, in chunks of about 256 KiB. Used by
/// the formatting thread of ``ChatMessagePipeline`` only (one thread at a time, hence unchecked).
final class ChatPrinter: @unchecked Sendable {
    private var json: ConversationJSONLines.Writer?
    private var transcript: TranscriptWriter?
    private let output: StandardOutput

    init(json: Bool, zone: TimeZone) {
        let output = StandardOutput()
        self.output = output
        self.json = json ? ConversationJSONLines.Writer { chunk in try output.write(chunk) } : nil
        transcript = json ? nil : TranscriptWriter(zone: zone)
    }

    func print(_ message: ChatMessage) throws {
        if json != nil {
            try json!.writeOrFlush(message)
        } else {
            transcript!.write(message)
            if transcript!.buffer.count > 1 << 18 { try output.write(transcript!.take()) }
        }
    }

    /// Writes what is pending when parsing reached the end; when it stopped at an error, the messages before it
    /// stay where the last full chunk left them, as the error says where reading stopped.
    func finish(parsingSucceeded: Bool) throws {
        guard parsingSucceeded else { return }
        if json != nil { try json!.flush() } else { try output.write(transcript!.take()) }
    }
}

/// The readable transcript: `[2023-12-25T14:03:00+01:00] Alice: text`, attachments and app lines marked.
/// Times the export gives in UTC are shown in the chosen zone (the same instant, easier to read beside the phone's
/// screen); a time with a DST warning carries it on the line.
///
/// Each line is appended to ``buffer`` as UTF-8 piece by piece (no `String` per line, no Foundation formatter): a
/// million-message export is written at the speed of its JSON Lines.
struct TranscriptWriter {
    /// Offsets of the zone UTC times are shown in.
    private var offsets: ZoneDayOffsets
    /// Pending bytes, not yet written out.
    private(set) var buffer: [UInt8] = []

    init(zone: TimeZone) {
        offsets = ZoneDayOffsets(zone: zone)
        buffer.reserveCapacity(1 << 18 + 4096)
    }

    mutating func write(_ m: ChatMessage) {
        buffer.append(UInt8(ascii: "["))
        if let stamp = m.timestamp {
            let offset = stamp.zone == .utc ? utcOffset(at: stamp.instant) : stamp.offsetSeconds
            RFC3339.append(stamp.instant, offsetSeconds: offset, precision: stamp.precision, to: &buffer)
        } else {
            raw("no time")
        }
        raw("] ")
        if let thread = m.thread {
            buffer.append(UInt8(ascii: "("))
            buffer.append(contentsOf: thread.utf8)
            raw(") ")
        }
        switch m.kind {
        case .system: raw("* ")
        case .deleted: raw("(deleted) ")
        case .mediaOmitted: raw("(media omitted) ")
        case .message: break
        }
        if let author = m.author {
            buffer.append(contentsOf: author.utf8)
            raw(": ")
        }
        TextLines.appendIndentingLines(m.text, indent: "    ", to: &buffer)
        for a in m.attachments {
            raw(" [attachment: ")
            buffer.append(contentsOf: a.name.utf8)
            if a.found == false { raw(", missing") }
            buffer.append(UInt8(ascii: "]"))
        }
        if m.edited { raw(" (edited)") }
        for warning in m.timestamp?.warnings ?? [] {
            raw("  ⚠ ")
            buffer.append(contentsOf: warning.utf8)
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    /// The pending bytes; the buffer is emptied and keeps its capacity.
    mutating func take() -> [UInt8] {
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer
    }

    /// The zone's offset at a UTC instant: from the per-day cache, or from the zone itself near an offset change.
    private mutating func utcOffset(at instant: Instant) -> Int {
        let seconds = instant.unixSeconds
        let day = seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1
        return offsets.stableOffset(day: day) ?? offsets.zone.secondsFromGMT(for: instant.date)
    }

    @inline(__always)
    private mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }
}
