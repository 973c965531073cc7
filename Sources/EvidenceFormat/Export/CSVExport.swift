import EvidenceModel
import Foundation

/// The bundle as CSV files a spreadsheet or a script loads: `items.csv`, `messages.csv`, `custody.csv` and a
/// `README.txt`.
///
/// RFC 4180: CRLF between records, a field holding a comma, a quote, CR or LF is quoted and its quotes doubled;
/// UTF-8 with a byte-order mark so spreadsheet programs keep accents. Every record begins with a `verification`
/// column repeating the bundle's verdict, so the warning of a forced export is in every file's first cells and in
/// every row copied elsewhere, while the files keep one header and one field count (a comment line above the header
/// would break parsers that read the first line as the header).
///
/// Formula injection (OWASP "CSV Injection"): a cell whose text begins with `=`, `+`, `-`, `@`, a tab or a carriage
/// return would be run as a formula by a spreadsheet. Such a cell gets one apostrophe in front, and the record's
/// last column, `guarded_columns`, names the columns so changed: removing exactly one leading apostrophe from those
/// cells gives the sealed text back, and no other cell is ever changed.
public enum CSVExport {
    /// The characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// The export's files, by name: bytes in, bytes out.
    public static func files(_ input: ExportInput) -> [(name: String, bytes: [UInt8])] {
        let items = table(["number", "path_in_bag", "original_name", "kind", "media_type", "size", "sha256", "best_time",
                           "best_time_source", "all_times", "sensitive", "note", "parent_number", "pdq", "pdq_quality", "md5"],
                          input.manifest.items.map { item in
            [String(item.id), item.path, item.originalName, item.kind.rawValue, item.mediaType, String(item.size), item.sha256,
             item.best?.value ?? "", item.best.map(describeSource) ?? "",
             item.timestamps.map { "\(describeSource($0)) \($0.value)" }.joined(separator: "; "),
             item.sensitive ? "yes" : "no", item.note ?? "", item.parentID.map(String.init) ?? "",
             item.pdq ?? "", item.pdqQuality.map(String.init) ?? "", item.md5 ?? ""]
        }, verdict: input.verdict)
        var messageRows: [[String]] = []
        for item in input.manifest.items {
            for path in (item.derived ?? []).filter({ $0.role == "messages" }).map(\.path) {
                for message in input.messages[path] ?? [] {
                    messageRows.append([String(item.id), item.conversation?.title ?? "", String(message.index),
                                        String(message.source.lineStart), String(message.source.lineEnd),
                                        message.timestamp?.value ?? "", message.timestamp.map(describeSource) ?? "",
                                        message.author ?? "", message.kind.rawValue, message.text,
                                        message.attachments.map(\.name).joined(separator: "; ")])
                }
            }
        }
        let messages = table(["conversation_item", "conversation_title", "message_index", "line_start", "line_end", "time",
                              "time_source", "author", "kind", "text", "attachments"], messageRows, verdict: input.verdict)
        let custody = table(["seq", "at", "action", "actor", "details", "prev"], input.custody.map { entry in
            [String(entry.seq), entry.at, entry.action, entry.actor,
             entry.details.keys.sorted().map { "\($0)=\(entry.details[$0] ?? "")" }.joined(separator: "; "), entry.prev]
        }, verdict: input.verdict)
        // Only a case with parties gets `parties.csv`: the export of any other holds the same files as before.
        let parties = input.manifest.parties ?? []
        let partiesTable = parties.isEmpty ? nil : table(["number", "name", "role", "handles", "phones", "emails"],
                                                         parties.map { party in
            [String(party.id), party.name, party.role.rawValue, party.handles.map(\.description).joined(separator: "; "),
             party.phones.joined(separator: "; "), party.emails.joined(separator: "; ")]
        }, verdict: input.verdict)
        let readme = input.readme(files: [
            ("items.csv", "one row per item: number, path in the bag, kind, size, SHA-256, best time and its source, all times, sensitive, note, PDQ/MD5 when present."),
            ("messages.csv", "one row per message of each conversation: its item, index, line range in the export, time, author, kind, text, attachments."),
            ("custody.csv", "the custody journal, one row per entry."),
        ] + (partiesTable == nil ? [] : [
            ("parties.csv", "the people the case is about, one row per party: number, name, role, accounts (PLATFORM:ID), phone numbers, e-mail addresses."),
        ]), extra: ["",
                   "CSV: RFC 4180 (CRLF, quoted fields, quotes doubled), UTF-8 with a byte-order mark. The first column,",
                   "`verification`, repeats the verdict above on every row.",
                   "Formula guard: a cell beginning with = + - @ TAB or CR got ONE apostrophe in front so that a spreadsheet",
                   "shows it as text instead of running it. The last column, `guarded_columns`, names the cells so changed;",
                   "remove exactly one leading apostrophe from those to get the sealed text. No other cell is changed."])
        return [("README.txt", readme), ("custody.csv", custody), ("items.csv", items), ("messages.csv", messages)]
            + (partiesTable.map { [("parties.csv", $0)] } ?? [])
    }

    /// `exif DateTimeOriginal`-style: where a time came from.
    static func describeSource(_ timestamp: EvidenceTimestamp) -> String {
        timestamp.field.isEmpty ? timestamp.source.rawValue : "\(timestamp.source.rawValue) \(timestamp.field)"
    }

    /// A whole CSV file: BOM, header, records, each guarded and framed by the verification column.
    static func table(_ header: [String], _ rows: [[String]], verdict: String) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        append(["verification"] + header + ["guarded_columns"], to: &out)
        for row in rows {
            var guarded: [String] = []
            let cells = zip(header, row).map { name, cell -> String in
                guard let first = cell.first, formulaStarts.contains(first) else { return cell }
                guarded.append(name)
                return "'" + cell
            }
            append([verdict] + cells + [guarded.joined(separator: " ")], to: &out)
        }
        return out
    }

    /// One RFC 4180 record and its CRLF.
    static func append(_ fields: [String], to out: inout [UInt8]) {
        for (position, field) in fields.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            let bytes = Array(field.utf8)
            if bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) {
                out.append(UInt8(ascii: "\""))
                for byte in bytes {
                    if byte == UInt8(ascii: "\"") { out.append(byte) }
                    out.append(byte)
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out += bytes
            }
        }
        out += [0x0D, 0x0A]
    }
}
