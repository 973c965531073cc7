/// The one JSON writer for every file that is later checked byte for byte: `evidence/manifest.json`, the custody
/// journal's lines and the derived message lines.
///
/// Its rules are ours, written here and in `Docs/bundle-format.md`, so that no Foundation upgrade can change the
/// bytes we write or a verdict about bytes written long ago. They reproduce exactly what `JSONEncoder` with
/// `.sortedKeys` and `.withoutEscapingSlashes` (plus `.prettyPrinted` for the manifest) wrote on Linux with
/// Swift 6.3, as a property test shows on generated values:
///
/// - Object keys are sorted by their UTF-8 bytes (so by Unicode code point), as stored: never normalised, never
///   compared case-insensitively or numerically.
/// - Strings are UTF-8 as they are. `"` and `\` are escaped with a backslash; U+0000…U+001F are escaped as `\b`,
///   `\t`, `\n`, `\f`, `\r` where ``Escaping/manifest`` has a short form and otherwise as `\u00xx` (lowercase hex);
///   nothing else is escaped: not `/`, not U+007F, not U+2028/U+2029, not any non-ASCII character.
/// - Integers are decimal, with `-` when negative, no leading zeros, no `+`, no exponent. There are no floating
///   point numbers and no `null` (an absent optional is an absent key).
/// - Compact form: no whitespace at all. Pretty form: each member and element on its own line, indented two
///   spaces per level, `" : "` between a key and its value, `,` at the end of the line; an empty array or object is
///   its bracket, an empty line, then the closing bracket at the enclosing indentation (`[\n\n  ]`).
package enum CanonicalJSON {
    /// A value as the canonical writer knows it: no floating point numbers, no `null`.
    package indirect enum Value: Equatable, Sendable {
        case string(String)
        case integer(Int64)
        case bool(Bool)
        case array([Value])
        /// Members in any order: the writer sorts them.
        case object([String: Value])

        package static func integer(_ value: Int) -> Value { .integer(Int64(value)) }

        /// A JSON array of strings.
        package static func strings(_ values: [String]) -> Value { .array(values.map(Value.string)) }
    }

    /// Which control characters get a two-character escape; the others are written `\u00xx`.
    package enum Escaping: Sendable {
        /// Manifest and custody journal: `\b`, `\t`, `\n`, `\f`, `\r` (what `JSONEncoder` writes).
        case manifest
        /// Derived message lines: `\t`, `\n`, `\r` only; U+0008 and U+000C are `\u0008` and `\u000c`, as the
        /// message-line writer has always written them.
        case messageLines
    }

    /// The value without any whitespace (journal lines).
    package static func compact(_ value: Value) -> [UInt8] {
        var out: [UInt8] = []
        write(value, to: &out, indentation: nil)
        return out
    }

    /// The value indented two spaces per level, without a final newline (the manifest adds one).
    package static func pretty(_ value: Value) -> [UInt8] {
        var out: [UInt8] = []
        write(value, to: &out, indentation: 0)
        return out
    }

    /// The pretty form of an object whose member `key` is an array too large to hold as values (a manifest's
    /// 100,000 items): `count` elements, each made by `element` only as it is written, then dropped. The bytes are
    /// those of ``pretty(_:)`` of the object with that array in it.
    package static func pretty(_ members: [String: Value], streaming key: String, count: Int,
                               element: (Int) -> Value) -> [UInt8] {
        var out: [UInt8] = []
        out.append(UInt8(ascii: "{"))
        writeMembers(sortedKeys(Array(members.keys) + [key]), to: &out, indentation: 0) { name, out, inner in
            appendString(name, to: &out, escaping: .manifest)
            out.append(contentsOf: " : ".utf8)
            guard name == key else { return write(members[name]!, to: &out, indentation: inner) }
            out.append(UInt8(ascii: "["))
            writeMembers(Array(0..<count), to: &out, indentation: inner) { index, out, inner in
                write(element(index), to: &out, indentation: inner)
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Object keys in the order they are written: by their UTF-8 bytes.
    package static func sortedKeys<Keys: Sequence<String>>(_ keys: Keys) -> [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// `indentation` is `nil` for the compact form, else the current level's number of spaces.
    private static func write(_ value: Value, to out: inout [UInt8], indentation: Int?) {
        switch value {
        case .string(let text):
            appendString(text, to: &out, escaping: .manifest)
        case .integer(let number):
            appendInteger(number, to: &out)
        case .bool(let flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            writeMembers(elements, to: &out, indentation: indentation) { element, out, inner in
                write(element, to: &out, indentation: inner)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            writeMembers(sortedKeys(members.keys), to: &out, indentation: indentation) { key, out, inner in
                appendString(key, to: &out, escaping: .manifest)
                out.append(contentsOf: (inner == nil ? ":" : " : ").utf8)
                write(members[key]!, to: &out, indentation: inner)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The inside of an array or object: members separated by `,`, and in the pretty form each on its own line.
    private static func writeMembers<Member>(
        _ members: [Member], to out: inout [UInt8], indentation: Int?,
        writeMember: (Member, inout [UInt8], Int?) -> Void
    ) {
        guard let indentation else {
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeMember(member, &out, nil)
            }
            return
        }
        out.append(UInt8(ascii: "\n"))
        for (index, member) in members.enumerated() {
            if index > 0 { out.append(contentsOf: ",\n".utf8) }
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indentation + 2))
            writeMember(member, &out, indentation + 2)
        }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indentation))
    }

    /// Appends a string literal, quotes included, escaped as `escaping` says.
    ///
    /// Written for the message lines' pace (millions per export): a string with nothing to escape, by far the most
    /// common, is found so by one scan, eight bytes at a time, and copied in one go.
    package static func appendString(_ text: String, to out: inout [UInt8], escaping: Escaping) {
        out.append(UInt8(ascii: "\""))
        guard needsEscape(text) else {
            out.append(contentsOf: text.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(backslash); out.append(byte)
            case 0x09: out.append(backslash); out.append(UInt8(ascii: "t"))
            case 0x0A: out.append(backslash); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(backslash); out.append(UInt8(ascii: "r"))
            case 0x08 where escaping == .manifest: out.append(backslash); out.append(UInt8(ascii: "b"))
            case 0x0C where escaping == .manifest: out.append(backslash); out.append(UInt8(ascii: "f"))
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Whether `text` holds a byte that a JSON string escapes (below U+0020, `"` or `\`), read eight bytes at a
    /// time: nearly every string has none, and for a million chat messages the scan byte by byte was a tenth of
    /// encoding them, as long as copying their text.
    static func needsEscape(_ text: String) -> Bool {
        guard #available(macOS 26, iOS 26, *) else {
            return text.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        }
        let bytes = text.utf8.span.bytes
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // A byte of `word` below `n` (n ≤ 0x80) sets its high bit in `(word - n·ones) & ~word & highs`; a borrow
        // only runs on from a byte that is itself below `n`, so the test never reports one that is not there.
        @inline(__always) func hasByteBelow(_ word: UInt64, _ n: UInt64) -> Bool {
            (word &- n &* ones) & ~word & highs != 0
        }
        var offset = 0
        while offset &+ 8 <= bytes.byteCount {
            let word = bytes.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if hasByteBelow(word, 0x20) || hasByteBelow(word ^ (0x22 &* ones), 1) || hasByteBelow(word ^ (0x5C &* ones), 1) {
                return true
            }
            offset &+= 8
        }
        while offset < bytes.byteCount {
            let byte = bytes.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt8.self)
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            offset &+= 1
        }
        return false
    }

    private static let backslash = UInt8(ascii: "\\")
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends an integer in decimal: `-` when negative, no leading zeros.
    package static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt64 = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }
}
