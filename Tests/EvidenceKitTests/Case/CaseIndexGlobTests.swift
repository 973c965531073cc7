import Foundation
import GRDB
import Testing
@testable import EvidenceModel
@testable import EvidenceWorkspace

/// The index looks for a fragment of the item records with `GLOB` rather than `instr`: for every fragment and
/// record, SQLite must give the same answer both ways, including for `GLOB`'s own special characters, other case
/// and text beyond ASCII.
@Suite struct CaseIndexGlobTests {
    static let records = [
        #"{"acquiredAt":"2026-11-30T08:00:00Z","conversation":{"title":"x"},"derived":[]}"#,
        #"{"kind":"video","mediaType":"video/mp4","note":"the \"conversation\": below"}"#,
        #"{"kind":"screenshot","mediaType":"image/png","pdq":"ab","originalName":"a*b?c[d]e.png"}"#,
        #"{"mediaType":"image/jpeg","originalName":"Été — 東京 [1].jpg","note":"Conversation: DERIVED"}"#,
        #"{"originalName":"[*]?.txt","note":"*"}"#,
        "", "*", "[", "\"",
    ]
    static let fragments = [
        #""conversation":"#, #""derived":"#, #""mediaType":"image/"#, #""pdq":"#, #""kind":"video""#, #""md5":"#,
        "*", "?", "[", "]", "[*]", "a*b?c[d]e", "[1]", "Été", "東京", "conversation", "Conversation", "DERIVED",
        "\"", "*\"", "zzz",
    ]

    @Test func globMatchesExactlyWhatInstrFinds() throws {
        let folder = try TestSupport.temporaryDirectory("index-glob")
        let index = try CaseIndex(path: folder.appendingPathComponent("index.sqlite").path)
        try index.database.read { db in
            for record in Self.records {
                for fragment in Self.fragments {
                    let byInstr = try Bool.fetchOne(db, sql: "SELECT instr(?, ?) > 0", arguments: [record, fragment])
                    let byGlob = try Bool.fetchOne(db, sql: "SELECT ? GLOB ?",
                                                   arguments: [record, CaseIndex.globPattern(containing: fragment)])
                    #expect(byGlob == byInstr, "\(fragment) in \(record)")
                }
            }
        }
    }
}
