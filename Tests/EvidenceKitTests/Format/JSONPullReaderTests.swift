@testable import EvidenceFormat
import Foundation
import Testing

/// The pull reader against hostile JSON: what RFC 8259 refuses is refused with a code and an offset, limits hold,
/// and what it accepts Foundation reads the same way.
@Suite struct JSONPullReaderTests {
    /// Every token of `text`, strings and whole numbers with their values, or the error that stopped it.
    static func tokens(_ text: String, limits: JSONPullReader.Limits = .init()) -> Result<[String], JSONReadError> {
        tokens(Array(text.utf8), limits: limits)
    }

    static func tokens(_ bytes: [UInt8], limits: JSONPullReader.Limits = .init()) -> Result<[String], JSONReadError> {
        var reader = JSONPullReader(bytes, limits: limits)
        var tokens: [String] = []
        do {
            while true {
                let token = try reader.next()
                switch token {
                case .end: return .success(tokens)
                case .key(let name): tokens.append("key:\(name)")
                case .string: tokens.append("string:\(reader.stringValue())")
                case .number: tokens.append("number:\(reader.integerValue().map(String.init) ?? "-")")
                default: tokens.append("\(token)")
                }
            }
        } catch {
            return .failure(error)
        }
    }

    static func refusal(_ text: String, limits: JSONPullReader.Limits = .init()) -> JSONReadError? {
        if case .failure(let error) = tokens(text, limits: limits) { return error }
        return nil
    }

    @Test func readsTokensInOrder() throws {
        let tokens = try Self.tokens(#" {"a": [1, -2, 3.5e1, "x\n\u00e9\ud83d\ude00"], "b": {"c": null, "d": true, "e": false}} "#).get()
        #expect(tokens == ["beginObject", "key:a", "beginArray", "number:1", "number:-2", "number:-", "string:x\n\u{E9}\u{1F600}",
                           "endArray", "key:b", "beginObject", "key:c", "null", "key:d", "true", "key:e", "false",
                           "endObject", "endObject"])
        #expect(try Self.tokens("[]").get() == ["beginArray", "endArray"])
        #expect(try Self.tokens("{}").get() == ["beginObject", "endObject"])
        #expect(try Self.tokens("\t\r\n0\n").get() == ["number:0"])
        #expect(try Self.tokens(#""\"\\\/\b\f\n\r\t""#).get() == ["string:\"\\/\u{8}\u{C}\n\r\t"])
    }

    @Test(arguments: [
        ("", JSONReadError.Code.unexpectedEnd), ("[1,]", .unexpectedByte), ("[,1]", .unexpectedByte),
        ("{\"a\" 1}", .unexpectedByte), ("{\"a\":1,}", .unexpectedByte), ("{1:2}", .unexpectedByte),
        ("[1 2]", .unexpectedByte), ("{\"a\":1]", .unexpectedByte), ("[1}", .unexpectedByte), ("'a'", .unexpectedByte),
        ("nul", .unexpectedEnd), ("tru e", .unexpectedByte), ("NaN", .unexpectedByte), ("Infinity", .unexpectedByte),
        ("\u{FEFF}{}", .unexpectedByte), ("\u{A0}1", .unexpectedByte),
        ("{} {}", .trailingContent), ("1 2", .trailingContent), ("[]x", .trailingContent), ("{}\u{0}", .trailingContent),
        ("01", .leadingZero), ("-01", .leadingZero), ("00", .leadingZero), ("[-0012]", .leadingZero),
        ("+1", .unexpectedByte), ("1.", .unexpectedEnd), ("1.e5", .badNumber), (".5", .unexpectedByte), ("1e", .unexpectedEnd),
        ("1e+", .unexpectedEnd), ("-", .unexpectedEnd), ("-a", .badNumber), ("1x", .badNumber), ("0x10", .badNumber),
        (#""\x""#, .badEscape), (#""\u12""#, .badEscape), (#""\u12G4""#, .badEscape), (#""\U0041""#, .badEscape),
        (#""\'""#, .badEscape), (#""\"#, .unexpectedEnd), (#""\u00"#, .unexpectedEnd),
        (#""\ud800""#, .loneSurrogate), (#""\udc00""#, .loneSurrogate), (#""\ud800\u0041""#, .loneSurrogate),
        (#""\ud800\ud800""#, .loneSurrogate), (#""\ud800x""#, .loneSurrogate), (#""\ude00\ud83d""#, .loneSurrogate),
        ("\"a\u{1}\"", .controlCharacter), ("\"\t\"", .controlCharacter), ("\"\n\"", .controlCharacter),
        ("\"abc", .unexpectedEnd),
    ])
    func refusesWhatRFC8259Refuses(text: String, code: JSONReadError.Code) {
        #expect(Self.refusal(text)?.code == code, "\(text): \(String(describing: Self.refusal(text)))")
    }

    @Test(arguments: [
        [0x22, 0x80, 0x22], // lone continuation byte
        [0x22, 0xC0, 0xAF, 0x22], // overlong "/"
        [0x22, 0xC1, 0xBF, 0x22], // overlong
        [0x22, 0xE0, 0x80, 0xAF, 0x22], // overlong three-byte form
        [0x22, 0xED, 0xA0, 0x80, 0x22], // U+D800 encoded directly
        [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], // overlong four-byte form
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], // above U+10FFFF
        [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], [0x22, 0xFF, 0x22], [0x22, 0xFE, 0x22],
        [0x22, 0xC3, 0x22], // cut short by the quote
        [0x22, 0xE2, 0x82, 0x22],
    ] as [[UInt8]])
    func refusesInvalidUTF8(bytes: [UInt8]) {
        guard case .failure(let error) = Self.tokens(bytes) else {
            Issue.record("accepted \(bytes)")
            return
        }
        #expect(error.code == .invalidUTF8)
        #expect(error.offset == 1)
        // The same bytes as a key are refused too.
        guard case .failure(let asKey) = Self.tokens([0x7B] + bytes + Array(":1}".utf8)) else {
            Issue.record("accepted as a key \(bytes)")
            return
        }
        #expect(asKey.code == .invalidUTF8)
    }

    @Test func acceptsEveryValidUTF8Form() throws {
        let text = "\"a\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\u{E000}\u{D7FF}\u{FEFF}\""
        #expect(try Self.tokens(text).get() == ["string:a\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}\u{E000}\u{D7FF}\u{FEFF}"])
    }

    /// Two `"sha256"` keys in one item: `JSONDecoder` keeps the first, Python's `json` the last, so the document must
    /// be refused. An escaped spelling of the same key, or another normal form of it, is the same key.
    @Test func refusesDuplicateKeysEvenWhenEscapedDifferently() throws {
        let forged = #"{"items":[{"path":"data/a","sha256":"aa","size":1,"sha256":"bb"}]}"#
        let error = try #require(Self.refusal(forged))
        #expect(error.code == .duplicateKey)
        #expect(error.offset == forged.utf8.count - #""sha256":"bb"}]}"#.utf8.count)
        #expect(Self.refusal(#"{"sha256":1,"sh\u0061256":2}"#)?.code == .duplicateKey)
        #expect(Self.refusal(#"{"\u00e9":1,"é":2}"#)?.code == .duplicateKey)
        #expect(Self.refusal("{\"\u{E9}\":1,\"e\u{301}\":2}")?.code == .duplicateKey)
        // The same key in different objects, or in an object and its parent, is fine.
        #expect(throws: Never.self) {
            try Self.tokens(#"{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":{"b":{"a":0}}}"#).get()
        }
    }

    @Test func boundsNestingWithoutRecursion() throws {
        let deep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try Self.tokens(deep).get() }
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(Self.refusal(tooDeep)?.code == .tooDeep)
        #expect(Self.refusal(tooDeep)?.offset == 64)
        // A million open brackets (and objects) stop at the cap, without touching the stack.
        #expect(Self.refusal(String(repeating: "[", count: 1_000_000))?.code == .tooDeep)
        #expect(Self.refusal(String(repeating: #"{"a":"#, count: 1_000_000))?.code == .tooDeep)
        var shallow = JSONPullReader.Limits()
        shallow.maximumDepth = 2
        #expect(Self.refusal(#"{"a":[{}]}"#, limits: shallow)?.code == .tooDeep)
    }

    @Test func boundsStringsAndOpenKeys() {
        var limits = JSONPullReader.Limits()
        limits.maximumStringBytes = 8
        #expect(throws: Never.self) { try Self.tokens(#"["12345678"]"#, limits: limits).get() }
        #expect(Self.refusal(#"["123456789"]"#, limits: limits)?.code == .stringTooLong)
        #expect(Self.refusal("[\"" + String(repeating: "x", count: 1_000_000), limits: limits)?.code == .stringTooLong)
        #expect(Self.refusal(#"{"123456789":1}"#, limits: limits)?.code == .stringTooLong)

        limits = JSONPullReader.Limits()
        limits.maximumOpenKeyBytes = 3 * 33
        #expect(throws: Never.self) { try Self.tokens(#"{"a":1,"b":2,"c":3}"#, limits: limits).get() }
        #expect(Self.refusal(#"{"a":1,"b":2,"c":3,"d":4}"#, limits: limits)?.code == .tooManyKeys)
        // Keys of closed objects are forgotten: many small objects in a row are fine.
        #expect(throws: Never.self) {
            try Self.tokens("[" + Array(repeating: #"{"a":1,"b":2,"c":3}"#, count: 1000).joined(separator: ",") + "]",
                            limits: limits).get()
        }
        #expect(Self.refusal(#"{"a":{"b":1,"c":{"d":1}}}"#, limits: limits)?.code == .tooManyKeys)
    }

    @Test func readsHugeNumbersAsNumbersButNotAsIntegers() throws {
        #expect(try Self.tokens("[9223372036854775807, -9223372036854775808]").get()
            == ["beginArray", "number:9223372036854775807", "number:-9223372036854775808", "endArray"])
        #expect(try Self.tokens("[9223372036854775808, -9223372036854775809, 1e999999, 1.0, -0]").get()
            == ["beginArray", "number:-", "number:-", "number:-", "number:-", "number:0", "endArray"])
        let digits = String(repeating: "9", count: 1_000_000)
        #expect(try Self.tokens("[\(digits)]").get() == ["beginArray", "number:-", "endArray"])
        #expect(try Self.tokens("1E+2").get() == ["number:-"])
    }

    @Test func skipsValuesCheckingThemAsStrictly() throws {
        var reader = JSONPullReader(Array(#"{"skip":{"a":[1,{"b":"\u00e9"}],"c":null},"keep":2}"#.utf8))
        #expect(try reader.next() == .beginObject)
        #expect(try reader.next() == .key("skip"))
        try reader.skipValue(startingWith: try reader.next())
        #expect(try reader.next() == .key("keep"))
        #expect(try reader.next() == .number)
        #expect(reader.integerValue() == 2)
        #expect(try reader.next() == .endObject)
        #expect(try reader.next() == .end)

        var bad = JSONPullReader(Array(#"{"skip":{"a":"\ud800"},"keep":2}"#.utf8))
        _ = try bad.next()
        _ = try bad.next()
        #expect(throws: JSONReadError.self) { try bad.skipValue(startingWith: try bad.next()) }
    }

    /// Every strict prefix of the golden manifest is refused (none is a whole document), with an offset inside it;
    /// in four interleaved parts, which run in parallel.
    @Test(arguments: 0..<4)
    func refusesEveryPrefixOfTheGoldenManifest(part: Int) throws {
        let manifest = try GeneratedValues.goldenBundleEntry("evidence/manifest.json")
        #expect(throws: Never.self) { try Self.tokens(manifest).get() }
        for length in stride(from: part, to: manifest.count - 1, by: 4) {
            var reader = JSONPullReader(Array(manifest[..<length]))
            do {
                while try reader.next() != .end {}
                Issue.record("a prefix of \(length) bytes was accepted")
                return
            } catch {
                #expect(error.offset <= length)
            }
        }
        // The last prefix lacks only the final newline, which is white space.
        #expect(throws: Never.self) { try Self.tokens(Array(manifest.dropLast())).get() }
    }

    /// Documents Foundation accepts are read the same way: strings, integers and structure.
    @Test(arguments: 0..<200)
    func agreesWithFoundationOnGeneratedStrings(seed: Int) throws {
        let values = GeneratedValues(seed: UInt64(seed))
        let strings = values.list(upTo: 6) { values.string(maxLength: 24) }
        let encoded = try JSONEncoder().encode(["values": strings])
        let tokens = try Self.tokens(Array(encoded)).get()
        #expect(tokens == ["beginObject", "key:values", "beginArray"] + strings.map { "string:\($0)" } + ["endArray", "endObject"])
        // And the canonical writer's form, which escapes every non-ASCII character.
        let canonical = CanonicalJSON.compact(.array(strings.map(CanonicalJSON.Value.string)))
        #expect(try Self.tokens(canonical).get() == ["beginArray"] + strings.map { "string:\($0)" } + ["endArray"])
    }
}
