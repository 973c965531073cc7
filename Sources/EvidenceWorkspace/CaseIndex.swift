import EvidenceModel
import EvidenceCrypto
import EvidenceSystem
import EvidenceParsers
import EvidenceFormat
import Foundation
import GRDB

/// The case's index: items, sightings of duplicate originals and the custody journal, in one SQLite database.
///
/// Every change is one transaction, so a killed `add` leaves each item either fully recorded (row, journal
/// entry and stored copy) or not at all.
final class CaseIndex: Sendable {
    let database: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        database = try DatabaseQueue(path: path, configuration: configuration)
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try CaseIndex.migrator.migrate(database)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "item") { t in
                t.primaryKey("id", .integer)
                t.column("sha256", .text).notNull().unique()
                t.column("json", .text).notNull()
            }
            try db.create(table: "sighting") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("itemID", .integer).notNull().references("item")
                t.column("originalPath", .text).notNull()
                t.column("seenAt", .text).notNull()
            }
            try db.create(table: "custody") { t in
                t.primaryKey("seq", .integer)
                t.column("line", .blob).notNull()
            }
        }
        // Items withdrawn from the case (`evidence withdraw`): their numbers are never given to another item.
        migrator.registerMigration("v2-withdrawn") { db in
            try db.create(table: "withdrawn") { t in
                t.primaryKey("id", .integer)
                t.column("sha256", .text).notNull()
            }
        }
        // The people the case is about (`evidence party add`); a removed party's number is never reused either.
        migrator.registerMigration("v3-parties") { db in
            try db.create(table: "party") { t in
                t.primaryKey("id", .integer)
                t.column("json", .text).notNull()
                t.column("removed", .boolean).notNull().defaults(to: false)
            }
        }
        return migrator
    }

    // MARK: Parties

    /// The parties still in the case, by number.
    func parties() throws -> [CaseParty] {
        try database.read { db in try parties(in: db) }
    }

    func parties(in db: Database) throws -> [CaseParty] {
        try String.fetchAll(db, sql: "SELECT json FROM party WHERE removed = 0 ORDER BY id").map {
            try JSONDecoder().decode(CaseParty.self, from: Data($0.utf8))
        }
    }

    func nextPartyID(in db: Database) throws -> Int64 {
        (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM party") ?? 0) + 1
    }

    func insert(_ party: CaseParty, in db: Database) throws {
        try db.execute(sql: "INSERT INTO party (id, json) VALUES (?, ?)",
                       arguments: [party.id, String(decoding: try JSONEncoder.evidenceKit(prettyPrinted: false).encode(party), as: UTF8.self)])
    }

    /// Marks a party removed, keeping its row so that its number is never given to another.
    func remove(partyID: Int64, in db: Database) throws {
        try db.execute(sql: "UPDATE party SET removed = 1 WHERE id = ?", arguments: [partyID])
    }

    // MARK: Items

    /// Every item, in the order they were added. A record that cannot be decoded does not hide the others:
    /// it comes back rebuilt from its custody-journal entry (see ``rebuilt(id:sha256:reason:in:)``).
    func items() throws -> [EvidenceItem] {
        try database.read { db in try items(in: db) }
    }

    func items(in db: Database) throws -> [EvidenceItem] {
        let rows = try Row.fetchAll(db, sql: "SELECT id, sha256, json FROM item ORDER BY id")
        // Decoding the records is most of the work (seal reads every one before anything else): on every core.
        // A record that does not decode is rebuilt here, from the database, as one at a time would be.
        let records: [String] = rows.map { $0["json"] ?? "" }
        let decoded = try Parallel.map(records.count) { try? CaseIndex.decodeItem(records[$0]) }
        return try rows.indices.map { try decoded[$0] ?? item(from: rows[$0], in: db) }
    }

    /// Every item, in the order they were added, handed to `body` one at a time (a cursor): a case of 100,000
    /// items is never in memory at once.
    func forEachItem(in db: Database, _ body: (EvidenceItem) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT id, sha256, json FROM item ORDER BY id")
        while let row = try rows.next() { try body(try item(from: row, in: db)) }
    }

    /// The items whose record holds `fragment` (a cheap filter before decoding), in the order they were added.
    func items(in db: Database, whereJSONContains fragment: String) throws -> [EvidenceItem] {
        try Row.fetchAll(db, sql: "SELECT id, sha256, json FROM item WHERE json GLOB ? ORDER BY id",
                         arguments: [CaseIndex.globPattern(containing: fragment)]).map { try item(from: $0, in: db) }
    }

    /// A `GLOB` pattern that matches the texts holding `fragment`, as `instr(text, fragment) > 0` does. SQLite's
    /// `instr` compares the fragment at every byte of every record (most of the cost of looking through a case
    /// of small items after each `add`); `GLOB` skips to each occurrence of the fragment's first character.
    /// `GLOB` is case-sensitive, like `instr`; its own special characters are matched literally by a one-character
    /// class (`[*]`).
    static func globPattern(containing fragment: String) -> String {
        var pattern = "*"
        for character in fragment.unicodeScalars {
            switch character {
            case "*", "?", "[": pattern += "[\(character)]"
            default: pattern.unicodeScalars.append(character)
            }
        }
        return pattern + "*"
    }

    /// Images whose record has no `"pdq"` and videos whose record has no `"md5"`: the only items a case made
    /// before perceptual hashing can lack hashes for (a cheap filter before decoding).
    func itemsPossiblyLackingContentHashes() throws -> [EvidenceItem] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, sha256, json FROM item
                WHERE (json GLOB '*"mediaType":"image/*' AND NOT json GLOB '*"pdq":*')
                   OR (json GLOB '*"kind":"video"*' AND NOT json GLOB '*"md5":*')
                ORDER BY id
                """).map { try item(from: $0, in: db) }
        }
    }

    func item(withSHA256 sha256: String, in db: Database) throws -> EvidenceItem? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT id, sha256, json FROM item WHERE sha256 = ?"), arguments: [sha256])
            .map { try item(from: $0, in: db) }
    }

    /// The items whose records cannot be decoded, each with the reason.
    func damagedRecords() throws -> [(id: Int64, reason: String)] {
        try database.read { db in
            var damaged: [(id: Int64, reason: String)] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT id, json FROM item ORDER BY id")
            while let row = try rows.next() {
                do {
                    _ = try CaseIndex.decodeItem(row["json"] ?? "")
                } catch {
                    damaged.append((row["id"], CaseIndex.describe(error)))
                }
            }
            return damaged
        }
    }

    private func item(from row: Row, in db: Database) throws -> EvidenceItem {
        let id: Int64 = row["id"]
        let sha256: String = row["sha256"]
        do {
            return try CaseIndex.decodeItem(row["json"] ?? "")
        } catch {
            return try rebuilt(id: id, sha256: sha256, reason: CaseIndex.describe(error), in: db)
        }
    }

    /// Warning code of an item whose record was damaged and rebuilt from the custody journal.
    static let damagedRecordCode = WarningCode.indexRecordDamaged

    /// An item whose record cannot be decoded, rebuilt from what the custody journal recorded when it was added
    /// (its name, path, size and acquisition time) and its SHA-256: enough to seal its bytes, which `seal`
    /// re-hashes on the way into the bundle. Its parsed times and contents are lost and a warning says so. It is
    /// marked sensitive, because nothing left says it is not an intimate image.
    private func rebuilt(id: Int64, sha256: String, reason: String, in db: Database) throws -> EvidenceItem {
        var added: CustodyJournal.Entry?
        for line in try Data.fetchAll(db, sql: "SELECT line FROM custody WHERE CAST(line AS TEXT) LIKE '%\"item-added\"%' ORDER BY seq") {
            guard let entry = try? JSONDecoder().decode(CustodyJournal.Entry.self, from: line),
                  entry.action == "item-added", entry.details["item"] == String(id) else { continue }
            added = entry
            break
        }
        let details = added?.details ?? [:]
        let acquiredAt = added.flatMap { RFC3339.parse($0.at)?.instant } ?? Instant(unixSeconds: 0)
        let acquired = EvidenceTimestamp.utc(acquiredAt, source: .acquired, field: "custody journal", role: .acquisition)
        let name = details["originalName"] ?? "item-\(id)"
        return EvidenceItem(
            id: id, sha256: sha256, size: details["size"].flatMap { Int64($0) } ?? 0,
            mediaType: "application/octet-stream", kind: .other,
            kindReason: "rebuilt from the custody journal: the item's index record is damaged",
            originalPath: details["originalPath"] ?? name, originalName: name, acquiredAt: acquiredAt, modifiedAt: nil,
            note: nil, sensitive: true, timestamps: [acquired], best: acquired,
            warnings: [EvidenceWarning(code: CaseIndex.damagedRecordCode, message: "The index record of item \(id) "
                                       + "(\(name)) cannot be read (\(reason)); its bytes, name, size and acquisition time "
                                       + "come from the custody journal, its parsed times and contents are lost, and it "
                                       + "is marked sensitive.")],
            parentID: details["parent"].flatMap { Int64($0) })
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        return "\(error)"
    }

    /// Which of `sha256s` are items already, in one query (a batch of `add` asks once, not once per file).
    func storedSHA256s(among sha256s: [String], in db: Database) throws -> Set<String> {
        guard !sha256s.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: sha256s.count).joined(separator: ",")
        // Cached: batches take a few sizes only (1, 2, 4, … then mostly the largest), so each is parsed once.
        let statement = try db.cachedStatement(sql: "SELECT sha256 FROM item WHERE sha256 IN (\(placeholders))")
        return Set(try String.fetchAll(statement, arguments: StatementArguments(sha256s)))
    }

    /// The number the next item gets: above every item's and every withdrawn item's. Each `MAX` is read from its
    /// table's primary key (a `MAX` over their union would scan both tables, once per item added).
    func nextItemID(in db: Database) throws -> Int64 {
        (try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT MAX(id) FROM (SELECT MAX(id) AS id FROM item UNION ALL SELECT MAX(id) AS id FROM withdrawn)
            """)) ?? 0) + 1
    }

    /// Takes an item out of the index (its sightings with it) and keeps its number, so it is never reused.
    func withdraw(_ item: EvidenceItem, in db: Database) throws {
        try db.execute(sql: "DELETE FROM sighting WHERE itemID = ?", arguments: [item.id])
        try db.execute(sql: "DELETE FROM item WHERE id = ?", arguments: [item.id])
        try db.execute(sql: "INSERT INTO withdrawn (id, sha256) VALUES (?, ?)", arguments: [item.id, item.sha256])
    }

    /// The journal's `item-withdrawn` entries, in order.
    func withdrawalEntries() throws -> [CustodyJournal.Entry] {
        try database.read { db in
            try Data.fetchAll(db, sql: "SELECT line FROM custody WHERE CAST(line AS TEXT) LIKE '%\"item-withdrawn\"%' ORDER BY seq")
                .compactMap { line in
                    guard let entry = try? JSONDecoder().decode(CustodyJournal.Entry.self, from: line),
                          entry.action == "item-withdrawn" else { return nil }
                    return entry
                }
        }
    }

    func insert(_ item: EvidenceItem, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO item (id, sha256, json) VALUES (?, ?, ?)").execute(
            arguments: [item.id, item.sha256, CaseIndex.encode(item)])
    }

    /// Rewrites an item's record; a record rebuilt from the journal is never written back over the damaged one,
    /// which stays as it is for whoever examines the case folder.
    func update(_ item: EvidenceItem, in db: Database) throws {
        guard !item.warnings.contains(where: { $0.code == CaseIndex.damagedRecordCode }) else { return }
        try db.cachedStatement(sql: "UPDATE item SET json = ? WHERE id = ?").execute(arguments: [CaseIndex.encode(item), item.id])
    }

    func recordSighting(itemID: Int64, originalPath: String, at instant: Instant, in db: Database) throws {
        try db.execute(sql: "INSERT INTO sighting (itemID, originalPath, seenAt) VALUES (?, ?, ?)",
                       arguments: [itemID, originalPath, RFC3339.format(instant, offsetSeconds: 0)])
    }

    /// How many items the index holds, the bytes of their records and the bytes of the custody journal
    /// (newlines included): what a sealed bundle's size follows, counted without decoding a record.
    func totals() throws -> (items: Int, itemRecordBytes: Int64, derivedFiles: Int, journalBytes: Int64) {
        try database.read { db in
            let items = try Row.fetchOne(db, sql: """
                SELECT COUNT(*), COALESCE(SUM(length(json)), 0), COALESCE(SUM(json GLOB '*"derived":*'), 0) FROM item
                """)
            let journal = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(length(line) + 1), 0) FROM custody") ?? 0
            return (items?[0] ?? 0, items?[1] ?? 0, items?[2] ?? 0, journal)
        }
    }

    // MARK: Custody journal

    /// Appends a journal entry chained to the last one, inside the caller's transaction.
    @discardableResult
    func appendCustody(action: String, actor: String, at instant: Instant, details: [String: String],
                       in db: Database) throws -> CustodyJournal.Entry {
        let end = try custodyJournalEnd(in: db)
        let entry = CustodyJournal.Entry(seq: Int(end.nextSeq), action: action, actor: actor,
                                         at: RFC3339.format(instant, offsetSeconds: 0), details: details, prev: end.prev)
        try insertCustodyLine(CustodyJournal.line(for: entry), seq: end.nextSeq, in: db)
        return entry
    }

    /// Where the next journal entry goes: its number and the `prev` it must carry.
    struct CustodyJournalEnd: Equatable {
        var nextSeq: Int64
        var prev: String
    }

    /// The journal's end as the index holds it now.
    func custodyJournalEnd(in db: Database) throws -> CustodyJournalEnd {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, line FROM custody ORDER BY seq DESC LIMIT 1"))
        return CustodyJournalEnd(
            nextSeq: (last?["seq"] as Int64? ?? 0) + 1,
            prev: (last?["line"] as Data?).map { CustodyJournal.link(after: Array($0)) } ?? CustodyJournal.genesis)
    }

    /// Appends a journal entry at `end`, which the caller knows to be the journal's end (read by
    /// ``custodyJournalEnd(in:)`` or left by the entry it appended last, in the same transaction), and moves `end`
    /// past it: `add` journals every file of a batch without reading back the line it has just written.
    ///
    /// - Parameter details: Sorted by their keys' UTF-8 bytes (``CanonicalJSON/sortedKeys(_:)``).
    func appendCustody(action: String, actor: String, at instant: Instant,
                       sortedDetails details: [(key: String, value: String)], at end: inout CustodyJournalEnd,
                       in db: Database) throws {
        let line = CustodyJournal.line(seq: Int(end.nextSeq), action: action, actor: actor,
                                       at: RFC3339.format(instant, offsetSeconds: 0), sortedDetails: details,
                                       prev: end.prev)
        try insertCustodyLine(line, seq: end.nextSeq, in: db)
        end = CustodyJournalEnd(nextSeq: end.nextSeq + 1, prev: CustodyJournal.link(after: line))
    }

    private func insertCustodyLine(_ line: [UInt8], seq: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO custody (seq, line) VALUES (?, ?)").execute(
            arguments: [seq, Data(line)])
    }

    /// The journal as JSON Lines, exactly as stored.
    func custodyJournal() throws -> [UInt8] {
        try database.read { db in
            var bytes: [UInt8] = []
            for line in try Data.fetchAll(db, sql: "SELECT line FROM custody ORDER BY seq") {
                bytes.append(contentsOf: line)
                bytes.append(UInt8(ascii: "\n"))
            }
            return bytes
        }
    }

    /// The item's record: the bytes `JSONEncoder.evidenceKit(prettyPrinted: false)` would give, written by hand
    /// (``ItemRecord``).
    private static func encode(_ item: EvidenceItem) -> String {
        String(decoding: ItemRecord.encode(item), as: UTF8.self)
    }

    private static func decodeItem(_ json: String) throws -> EvidenceItem {
        try JSONDecoder().decode(EvidenceItem.self, from: Data(json.utf8))
    }
}
