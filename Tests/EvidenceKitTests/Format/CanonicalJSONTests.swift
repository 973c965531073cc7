@testable import EvidenceFormat
import EvidenceModel
import Foundation
import Testing

/// `CanonicalJSON` must write exactly what `JSONEncoder` wrote for every manifest and journal line sealed so far,
/// so these tests compare the two on many generated values while Foundation still writes the old bytes. From then
/// on the rules live in our code (and `Docs/bundle-format.md`), whatever a later Foundation does.
///
/// If a comparison with `JSONEncoder` fails after a toolchain upgrade, Foundation changed, not our format: keep
/// `CanonicalJSON` as it is (the golden and documented-rule tests below pin it) and record what Foundation now does.
@Suite struct CanonicalJSONTests {
    static let manifestCount = 3_000
    static let journalEntryCount = 20_000
    static let stringCount = 100_000
    static let dictionaryCount = 10_000

    static func foundationManifestBytes(_ manifest: EvidenceManifest) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(manifest)) + [UInt8(ascii: "\n")]
    }

    static func foundationCompactBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func foundationPrettyBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    @Test func manifestsAreWrittenAsJSONEncoderWroteThem() throws {
        let values = GeneratedValues(seed: 0x6D61_6E69)
        var mismatches = 0
        for _ in 0..<Self.manifestCount {
            let manifest = values.manifest()
            let ours = manifest.encoded()
            let foundation = try Self.foundationManifestBytes(manifest)
            if ours != foundation {
                mismatches += 1
                if mismatches == 1 {
                    Issue.record("first difference:\n\(String(decoding: ours, as: UTF8.self))\n---\n\(String(decoding: foundation, as: UTF8.self))")
                }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func journalLinesAreWrittenAsJSONEncoderWroteThem() throws {
        let values = GeneratedValues(seed: 0x6A6F_7572)
        var mismatches = 0
        for seq in 1...Self.journalEntryCount {
            let entry = values.journalEntry(seq: seq)
            if CustodyJournal.line(for: entry) != (try Self.foundationCompactBytes(entry)) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func stringsAreEscapedAsJSONEncoderEscapedThem() throws {
        let values = GeneratedValues(seed: 0x7374_7269)
        var mismatches: [String] = []
        for _ in 0..<Self.stringCount {
            let text = values.string(maxLength: 24)
            if CanonicalJSON.compact(.string(text)) != (try Self.foundationCompactBytes(text)) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5).map { Array($0.unicodeScalars) })")
    }

    @Test(arguments: [Int64.min, Int64.min + 1, -1_000_000_007, -10, -9, -1, 0, 1, 9, 10, 99, 100, 1_000_000_007, Int64.max])
    func integersAreWrittenAsJSONEncoderWroteThem(value: Int64) throws {
        #expect(CanonicalJSON.compact(.integer(value)) == (try Self.foundationCompactBytes(value)))
    }

    /// Keys sort by UTF-8 bytes, as stored: not `String <` (which compares canonical equivalents as equal),
    /// not case-insensitive, not numeric.
    @Test func objectKeysAreOrderedAsJSONEncoderOrderedThem() throws {
        let values = GeneratedValues(seed: 0x6B65_7973)
        var mismatches = 0
        for _ in 0..<Self.dictionaryCount {
            let dictionary = values.dictionary(upTo: 8) { values.list(upTo: 2) { values.int(-99...99) } }
            let value = CanonicalJSON.Value.object(dictionary.mapValues { .array($0.map(CanonicalJSON.Value.integer)) })
            if CanonicalJSON.compact(value) != (try Self.foundationCompactBytes(dictionary)) { mismatches += 1 }
            if CanonicalJSON.pretty(value) != (try Self.foundationPrettyBytes(dictionary)) { mismatches += 1 }
        }
        #expect(mismatches == 0)
        let keys = ["a10", "a2", "B", "_", "a", "e\u{301}x", "éa", "ä", "\u{1F600}", "\u{E000}", "\u{FFFD}"]
        #expect(CanonicalJSON.sortedKeys(keys) == ["B", "_", "a", "a10", "a2", "e\u{301}x", "ä", "éa", "\u{E000}", "\u{FFFD}", "\u{1F600}"])
    }

    @Test func prettyFormPrintsEmptyContainersOnThreeLines() {
        let value = CanonicalJSON.Value.object(["a": .array([]), "b": .object([:]), "c": .array([.integer(1), .bool(true)])])
        #expect(String(decoding: CanonicalJSON.pretty(value), as: UTF8.self) == """
            {
              "a" : [

              ],
              "b" : {

              },
              "c" : [
                1,
                true
              ]
            }
            """)
        #expect(String(decoding: CanonicalJSON.compact(value), as: UTF8.self) == #"{"a":[],"b":{},"c":[1,true]}"#)
    }

    /// The manifest's items are written one at a time (`pretty(_:streaming:count:element:)`): the bytes must be
    /// those of the whole value, with the streamed array empty, alone, among other members, first or last.
    @Test(arguments: [0, 1, 7])
    func aStreamedArrayIsWrittenAsTheWholeValueWouldBe(_ count: Int) {
        func element(_ index: Int) -> CanonicalJSON.Value {
            .object(["n": .integer(index), "list": .array((0..<index).map { .integer($0) }), "s": .string("é\n\(index)")])
        }
        let members: [[String: CanonicalJSON.Value]] = [
            [:], ["a": .string("first"), "z": .object(["k": .array([])])], ["zz": .bool(false)], ["a": .integer(-1)],
        ]
        for others in members {
            var whole = others
            whole["items"] = .array((0..<count).map(element))
            #expect(CanonicalJSON.pretty(others, streaming: "items", count: count, element: element)
                    == CanonicalJSON.pretty(.object(whole)))
        }
    }

    @Test func escapesFollowTheDocumentedRules() {
        func written(_ text: String, _ escaping: CanonicalJSON.Escaping) -> String {
            var out: [UInt8] = []
            CanonicalJSON.appendString(text, to: &out, escaping: escaping)
            return String(decoding: out, as: UTF8.self)
        }
        let text = "\"\\/\u{8}\u{9}\u{A}\u{C}\u{D}\u{0}\u{1F}\u{7F}\u{2028}é😀"
        #expect(written(text, .manifest) == #""\"\\/\b\t\n\f\r\u0000\u001f"# + "\u{7F}\u{2028}é😀\"")
        #expect(written(text, .messageLines) == #""\"\\/\u0008\t\n\u000c\r\u0000\u001f"# + "\u{7F}\u{2028}é😀\"")
    }

    /// The golden bundle's manifest and journal, read back and written again, give their exact bytes.
    @Test func goldenManifestAndJournalReencodeToTheirBytes() throws {
        let manifestBytes = try GeneratedValues.goldenBundleEntry("evidence/manifest.json")
        #expect(try EvidenceManifest(parsing: manifestBytes).encoded() == manifestBytes)
        let journal = try GeneratedValues.goldenBundleEntry("evidence/custody.jsonl")
        for line in journal.split(separator: UInt8(ascii: "\n")) {
            let entry = try JSONDecoder().decode(CustodyJournal.Entry.self, from: Data(line))
            #expect(CustodyJournal.line(for: entry) == Array(line))
        }
    }

    /// The word-at-a-time check for strings with nothing to escape says what a byte-by-byte one says: every byte
    /// JSON escapes, and the bytes on either side of each, at every position of strings up to three words long,
    /// among ASCII and multi-byte neighbours (whose bytes have the high bit set).
    @Test func theWordAtATimeEscapeCheckFindsEveryEscapedByte() {
        let escaped: [UInt8] = Array(0..<0x20) + [0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F]
        var checked = 0
        for filler in ["a", "é", "🌸"] {
            for length in 0..<25 {
                let base = Array(String(repeating: filler, count: length).utf8.prefix(length))
                guard String(validating: base, as: UTF8.self) != nil else { continue }
                #expect(!CanonicalJSON.needsEscape(String(decoding: base, as: UTF8.self)))
                for position in 0...base.count {
                    for byte in escaped {
                        var bytes = base
                        bytes.insert(byte, at: position)
                        let text = String(decoding: bytes, as: UTF8.self)
                        let expected = !text.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
                        #expect(CanonicalJSON.needsEscape(text) != expected, "\(bytes)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 10_000)
    }
}
