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
        return migrator
    }

    // MARK: Items

    func items() throws -> [EvidenceItem] {
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT json FROM item ORDER BY id").map(CaseIndex.decodeItem)
        }
    }

    func item(withSHA256 sha256: String, in db: Database) throws -> EvidenceItem? {
        try String.fetchOne(db, sql: "SELECT json FROM item WHERE sha256 = ?", arguments: [sha256]).map(CaseIndex.decodeItem)
    }

    func nextItemID(in db: Database) throws -> Int64 {
        (try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM item") ?? 0) + 1
    }

    func insert(_ item: EvidenceItem, in db: Database) throws {
        try db.execute(sql: "INSERT INTO item (id, sha256, json) VALUES (?, ?, ?)",
                       arguments: [item.id, item.sha256, CaseIndex.encode(item)])
    }

    func update(_ item: EvidenceItem, in db: Database) throws {
        try db.execute(sql: "UPDATE item SET json = ? WHERE id = ?", arguments: [CaseIndex.encode(item), item.id])
    }

    func recordSighting(itemID: Int64, originalPath: String, at instant: Instant, in db: Database) throws {
        try db.execute(sql: "INSERT INTO sighting (itemID, originalPath, seenAt) VALUES (?, ?, ?)",
                       arguments: [itemID, originalPath, RFC3339.format(instant, offsetSeconds: 0)])
    }

    // MARK: Custody journal

    /// Appends a journal entry chained to the last one, inside the caller's transaction.
    @discardableResult
    func appendCustody(action: String, actor: String, at instant: Instant, details: [String: String],
                       in db: Database) throws -> CustodyJournal.Entry {
        let last = try Row.fetchOne(db, sql: "SELECT seq, line FROM custody ORDER BY seq DESC LIMIT 1")
        let seq = (last?["seq"] as Int64? ?? 0) + 1
        let prev = (last?["line"] as Data?).map { CustodyJournal.link(after: Array($0)) } ?? CustodyJournal.genesis
        let entry = CustodyJournal.Entry(seq: Int(seq), action: action, actor: actor,
                                         at: RFC3339.format(instant, offsetSeconds: 0), details: details, prev: prev)
        try db.execute(sql: "INSERT INTO custody (seq, line) VALUES (?, ?)",
                       arguments: [seq, Data(CustodyJournal.line(for: entry))])
        return entry
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

    private static func encode(_ item: EvidenceItem) throws -> String {
        String(decoding: try JSONEncoder.evidenceKit(prettyPrinted: false).encode(item), as: UTF8.self)
    }

    private static func decodeItem(_ json: String) throws -> EvidenceItem {
        try JSONDecoder().decode(EvidenceItem.self, from: Data(json.utf8))
    }
}
