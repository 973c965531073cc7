import EvidenceModel
/// A strict RFC 8259 JSON reader that hands out one token at a time and builds no tree, for documents too large or
/// too hostile to decode whole (a signed manifest of 100,000 items is about 130 MB).
///
/// For example:
/// ```swift
/// var reader = JSONPullReader(bytes)
/// while true {
///     switch try reader.next() {
///     case .key(let name): print(name)
///     case .end: return
///     default: continue
///     }
/// }
/// ```
/// It refuses what RFC 8259 refuses and what JSON parsers disagree on: invalid UTF-8, a lone surrogate in a
/// `\u` escape, a number with a leading zero, anything after the top value, and a key repeated in one object
/// (Foundation's `JSONDecoder` keeps the first of two `"sha256"` keys, Python's `json` the last, so a document with
/// both says two things). Keys are compared as Swift strings, unescaped and up to canonical equivalence: two
/// spellings of one name that a Swift dictionary would merge count as a repeat.
/// Its work is linear in the input and its memory bounded by ``Limits`` whatever the input: nesting depth, string
/// length and the keys of the open objects (kept to find repeated keys) are capped. Every byte is read through a
/// bounds check; short input is an error, never a trap.
package struct JSONPullReader {
    /// Hard caps on what one document may make the reader hold.
    package struct Limits: Sendable {
        /// Objects and arrays open at once. A manifest nests six deep.
        package var maximumDepth = 64
        /// Bytes of one string as written, escapes included. A manifest's longest strings are notes and mail
        /// subjects (with every non-ASCII character written as a six-byte escape).
        package var maximumStringBytes = 16 << 20
        /// Bytes of the keys of the objects open at once (each key counted with 32 bytes of bookkeeping). A
        /// manifest's largest object is a chat's attachment table, about 100 bytes per attachment.
        package var maximumOpenKeyBytes = 32 << 20

        package init() {}
    }

    /// One step through the document.
    package enum Token: Equatable, Sendable {
        case beginObject, endObject, beginArray, endArray
        /// An object member's name, unescaped.
        case key(String)
        /// A string value; ``stringValue()`` unescapes it, so that skipped strings cost nothing.
        case string
        /// A number; ``integerValue()`` reads it when it is a whole number.
        case number
        case `true`, `false`, null
        /// The end of the document, after its one value and trailing white space.
        case end
    }

    private enum Expectation {
        case value, firstElementOrEnd, firstKeyOrEnd, key, commaOrEnd, end
    }

    private struct OpenContainer {
        var isObject: Bool
        /// Where this object's keys start in ``JSONPullReader/openKeys``.
        var firstKey: Int
        /// This object's keys once it has more than ``JSONPullReader/keysSearchedInOrder`` (then kept here instead).
        var manyKeys: Set<String>?
        var keyBytes = 0
    }

    /// Keys an object may have before they are looked up in a set rather than compared one by one. A manifest's
    /// objects have up to about twenty: a set per object, grown key by key, cost more than reading them.
    private static let keysSearchedInOrder = 24

    private let bytes: [UInt8]
    private let limits: Limits
    private var position = 0
    private var expectation = Expectation.value
    private var open: [OpenContainer] = []
    /// The keys of the open objects with fewer than ``keysSearchedInOrder`` keys, innermost last: one array reused
    /// for every object of the document.
    private var openKeys: [String] = []
    private var openKeyBytes = 0
    /// Where the last `.string` or `.number` token's bytes are (quotes excluded), and whether a string had escapes.
    private var scalarRange = 0..<0
    private var scalarHasEscapes = false

    /// Byte offset where the last token started, for error messages.
    package private(set) var tokenOffset = 0

    package init(_ bytes: [UInt8], limits: Limits = Limits()) {
        self.bytes = bytes
        self.limits = limits
    }

    /// The next token.
    ///
    /// - Throws: ``JSONReadError`` at the first byte that is not strict JSON or passes a limit; the reader must not
    ///   be used after that.
    package mutating func next() throws(JSONReadError) -> Token {
        skipWhiteSpace()
        tokenOffset = position
        switch expectation {
        case .end:
            guard position == bytes.count else { throw refusal(.trailingContent, "content after the end of the document") }
            return .end
        case .value:
            return try valueStart()
        case .firstElementOrEnd:
            if byte(at: position) == UInt8(ascii: "]") { return close(isObject: false) }
            return try valueStart()
        case .firstKeyOrEnd:
            if byte(at: position) == UInt8(ascii: "}") { return close(isObject: true) }
            return try key()
        case .key:
            return try key()
        case .commaOrEnd:
            let isObject = open[open.count - 1].isObject
            switch byte(at: position) {
            case UInt8(ascii: ","):
                position += 1
                skipWhiteSpace()
                tokenOffset = position
                return try isObject ? key() : valueStart()
            case UInt8(ascii: "}") where isObject, UInt8(ascii: "]") where !isObject:
                return close(isObject: isObject)
            case nil:
                throw refusal(.unexpectedEnd, "the document ends inside an \(isObject ? "object" : "array")")
            default:
                throw refusal(.unexpectedByte, "expected “,” or “\(isObject ? "}" : "]")”")
            }
        }
    }

    /// Reads past the rest of a value whose first token was `first`, checking it as strictly as any other.
    package mutating func skipValue(startingWith first: Token) throws(JSONReadError) {
        guard first == .beginObject || first == .beginArray else { return }
        let depth = open.count - 1
        while open.count > depth {
            _ = try next()
        }
    }

    /// The unescaped text of the last `.string` token.
    package func stringValue() -> String {
        guard scalarHasEscapes else { return String(decoding: bytes[scalarRange], as: UTF8.self) }
        var text: [UInt8] = []
        text.reserveCapacity(scalarRange.count)
        var index = scalarRange.lowerBound
        while index < scalarRange.upperBound {
            let current = bytes[index]
            guard current == UInt8(ascii: "\\") else {
                text.append(current)
                index += 1
                continue
            }
            let escaped = bytes[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): text.append(0x08)
            case UInt8(ascii: "f"): text.append(0x0C)
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "u"):
                // Checked while scanning: four hex digits, and a high surrogate always followed by a low one.
                var scalar = UInt32(hexValue(at: index))
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(hexValue(at: index + 2)) - 0xDC00)
                    index += 6
                }
                UTF8.encode(Unicode.Scalar(scalar)!) { text.append($0) }
            default: text.append(escaped) // `"`, `\` and `/` stand for themselves
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The last `.number` token as a whole number, or `nil` when it has a fraction or exponent or does not fit.
    package func integerValue() -> Int64? {
        var index = scalarRange.lowerBound
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var value: Int64 = 0
        while index < scalarRange.upperBound {
            let digit = bytes[index]
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = negative ? shifted.subtractingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
                : shifted.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            if overflowA || overflowB { return nil }
            value = next
            index += 1
        }
        return value
    }

    // MARK: Scanning

    private func byte(at index: Int) -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func skipWhiteSpace() {
        let end = bytes.count
        while position < end {
            let current = bytes[position]
            guard current == 0x20 || current == 0x0A || current == 0x0D || current == 0x09 else { return }
            position += 1
        }
    }

    private func refusal(_ code: JSONReadError.Code, _ reason: String, at offset: Int? = nil) -> JSONReadError {
        JSONReadError(code: code, offset: offset ?? position, reason: reason)
    }

    private mutating func afterValue() {
        expectation = open.isEmpty ? .end : .commaOrEnd
    }

    private mutating func close(isObject: Bool) -> Token {
        position += 1
        let closed = open.removeLast()
        openKeyBytes -= closed.keyBytes
        if closed.isObject { openKeys.removeSubrange(closed.firstKey...) }
        afterValue()
        return isObject ? .endObject : .endArray
    }

    private mutating func valueStart() throws(JSONReadError) -> Token {
        guard let first = byte(at: position) else { throw refusal(.unexpectedEnd, "the document ends where a value should be") }
        switch first {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard open.count < limits.maximumDepth else {
                throw refusal(.tooDeep, "more than \(limits.maximumDepth) objects and arrays nested")
            }
            position += 1
            let isObject = first == UInt8(ascii: "{")
            open.append(OpenContainer(isObject: isObject, firstKey: openKeys.count))
            expectation = isObject ? .firstKeyOrEnd : .firstElementOrEnd
            return isObject ? .beginObject : .beginArray
        case UInt8(ascii: "\""):
            try scanString()
            afterValue()
            return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
            afterValue()
            return .number
        case UInt8(ascii: "t"):
            try scanLiteral("true")
            afterValue()
            return .true
        case UInt8(ascii: "f"):
            try scanLiteral("false")
            afterValue()
            return .false
        case UInt8(ascii: "n"):
            try scanLiteral("null")
            afterValue()
            return .null
        default:
            throw refusal(.unexpectedByte, "expected a value")
        }
    }

    private mutating func key() throws(JSONReadError) -> Token {
        guard let first = byte(at: position) else { throw refusal(.unexpectedEnd, "the document ends inside an object") }
        guard first == UInt8(ascii: "\"") else { throw refusal(.unexpectedByte, "expected a key in quotes") }
        let keyOffset = position
        try scanString()
        let name = stringValue()
        let cost = name.utf8.count + 32
        guard openKeyBytes + cost <= limits.maximumOpenKeyBytes else {
            throw refusal(.tooManyKeys, "the open objects hold more than \(limits.maximumOpenKeyBytes) bytes of keys", at: keyOffset)
        }
        guard insertKey(name) else {
            throw refusal(.duplicateKey, "the key “\(name)” appears twice in one object", at: keyOffset)
        }
        open[open.count - 1].keyBytes += cost
        openKeyBytes += cost
        skipWhiteSpace()
        guard let colon = byte(at: position) else { throw refusal(.unexpectedEnd, "the document ends after a key") }
        guard colon == UInt8(ascii: ":") else { throw refusal(.unexpectedByte, "expected “:” after a key") }
        position += 1
        expectation = .value
        return .key(name)
    }

    /// Adds `name` to the innermost object's keys; false when it has that key already (compared as Swift strings,
    /// as a set would).
    private mutating func insertKey(_ name: String) -> Bool {
        let innermost = open.count - 1
        if open[innermost].manyKeys != nil {
            return open[innermost].manyKeys!.insert(name).inserted
        }
        let first = open[innermost].firstKey
        if openKeys[first...].contains(name) { return false }
        if openKeys.count - first < Self.keysSearchedInOrder {
            openKeys.append(name)
        } else {
            open[innermost].manyKeys = Set(openKeys[first...])
            open[innermost].manyKeys!.insert(name)
            openKeys.removeSubrange(first...)
        }
        return true
    }

    private mutating func scanLiteral(_ literal: String) throws(JSONReadError) {
        for expected in literal.utf8 {
            guard let current = byte(at: position) else { throw refusal(.unexpectedEnd, "the document ends inside \(literal)") }
            guard current == expected else { throw refusal(.unexpectedByte, "expected \(literal)") }
            position += 1
        }
    }

    /// `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`, then a byte that can follow a value.
    private mutating func scanNumber() throws(JSONReadError) {
        let start = position
        if byte(at: position) == UInt8(ascii: "-") { position += 1 }
        guard let first = byte(at: position), isDigit(first) else {
            throw refusal(byte(at: position) == nil ? .unexpectedEnd : .badNumber, "expected a digit")
        }
        position += 1
        if first == UInt8(ascii: "0"), let following = byte(at: position), isDigit(following) {
            throw refusal(.leadingZero, "a number starts with 0 followed by digits")
        }
        skipDigits()
        if byte(at: position) == UInt8(ascii: ".") {
            position += 1
            try requireDigit()
        }
        if let marker = byte(at: position), marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            position += 1
            if let sign = byte(at: position), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            try requireDigit()
        }
        if let following = byte(at: position),
           !(following == 0x20 || following == 0x0A || following == 0x0D || following == 0x09
             || following == UInt8(ascii: ",") || following == UInt8(ascii: "]") || following == UInt8(ascii: "}")) {
            throw refusal(.badNumber, "unexpected byte in a number")
        }
        scalarRange = start..<position
    }

    private func isDigit(_ value: UInt8) -> Bool {
        value >= UInt8(ascii: "0") && value <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while let current = byte(at: position), isDigit(current) { position += 1 }
    }

    private mutating func requireDigit() throws(JSONReadError) {
        guard let current = byte(at: position) else { throw refusal(.unexpectedEnd, "the document ends inside a number") }
        guard isDigit(current) else { throw refusal(.badNumber, "expected a digit") }
        skipDigits()
    }

    /// Checks a string from its opening quote to its closing one: escapes, surrogate pairs, strict UTF-8
    /// (RFC 3629: no overlong forms, no encoded surrogates, nothing above U+10FFFF), no control characters.
    private mutating func scanString() throws(JSONReadError) {
        let start = position + 1
        let end = bytes.count
        let longest = start + limits.maximumStringBytes
        position = start
        scalarHasEscapes = false
        // Byte values as literals and plain comparisons: this loop sees every byte of every string, and stays
        // fast in debug builds too.
        while position < end {
            guard position <= longest else {
                throw refusal(.stringTooLong, "a string longer than \(limits.maximumStringBytes) bytes", at: start - 1)
            }
            let current = bytes[position]
            if current >= 0x20 && current < 0x80 && current != 0x22 && current != 0x5C {
                position += 1
            } else if current == 0x22 {
                scalarRange = start..<position
                position += 1
                return
            } else if current == 0x5C {
                scalarHasEscapes = true
                try scanEscape()
            } else if current < 0x20 {
                throw refusal(.controlCharacter, "a control character (byte \(current)) in a string must be escaped")
            } else {
                try scanMultiByteCharacter(lead: current)
            }
        }
        throw refusal(.unexpectedEnd, "the document ends inside a string")
    }

    private mutating func scanEscape() throws(JSONReadError) {
        guard let escaped = byte(at: position + 1) else { throw refusal(.unexpectedEnd, "the document ends inside an escape") }
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
        case UInt8(ascii: "u"):
            let unit = try hexEscape(at: position)
            position += 6
            if (0xDC00...0xDFFF).contains(unit) {
                throw refusal(.loneSurrogate, "a low surrogate \\u\(hex(unit)) without a high one before it", at: position - 6)
            }
            if (0xD800...0xDBFF).contains(unit) {
                let pairedLow: UInt16? = byte(at: position) == UInt8(ascii: "\\") && byte(at: position + 1) == UInt8(ascii: "u")
                    ? try hexEscape(at: position) : nil
                guard let pairedLow, (0xDC00...0xDFFF).contains(pairedLow) else {
                    throw refusal(.loneSurrogate, "a high surrogate \\u\(hex(unit)) without a low one after it", at: position - 6)
                }
                position += 6
            }
        default:
            throw refusal(.badEscape, "“\\\(String(decoding: [escaped], as: UTF8.self))” is not a JSON escape")
        }
    }

    /// The four hex digits of the `\u` escape at `offset`.
    private func hexEscape(at offset: Int) throws(JSONReadError) -> UInt16 {
        var value: UInt16 = 0
        for index in offset + 2..<offset + 6 {
            guard let digit = byte(at: index) else { throw refusal(.unexpectedEnd, "the document ends inside an escape", at: index) }
            guard let nibble = Self.hexDigitValue(digit) else {
                throw refusal(.badEscape, "\\u must be followed by four hexadecimal digits", at: offset)
            }
            value = value << 4 | UInt16(nibble)
        }
        return value
    }

    private func hexValue(at offset: Int) -> UInt16 {
        (offset..<offset + 4).reduce(0) { $0 << 4 | UInt16(Self.hexDigitValue(bytes[$1])!) }
    }

    private static func hexDigitValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private func hex(_ unit: UInt16) -> String {
        String(unit, radix: 16, uppercase: true)
    }

    private mutating func scanMultiByteCharacter(lead: UInt8) throws(JSONReadError) {
        // RFC 3629's table: the second byte's range depends on the first, the rest are 0x80...0xBF.
        let secondRange: ClosedRange<UInt8>
        let length: Int
        switch lead {
        case 0xC2...0xDF: (secondRange, length) = (0x80...0xBF, 2)
        case 0xE0: (secondRange, length) = (0xA0...0xBF, 3)
        case 0xE1...0xEC, 0xEE...0xEF: (secondRange, length) = (0x80...0xBF, 3)
        case 0xED: (secondRange, length) = (0x80...0x9F, 3)
        case 0xF0: (secondRange, length) = (0x90...0xBF, 4)
        case 0xF1...0xF3: (secondRange, length) = (0x80...0xBF, 4)
        case 0xF4: (secondRange, length) = (0x80...0x8F, 4)
        default: throw refusal(.invalidUTF8, "byte 0x\(String(lead, radix: 16, uppercase: true)) cannot start a UTF-8 character")
        }
        for index in position + 1..<position + length {
            guard let continuation = byte(at: index) else { throw refusal(.unexpectedEnd, "the document ends inside a character") }
            guard (index == position + 1 ? secondRange : 0x80...0xBF).contains(continuation) else {
                throw refusal(.invalidUTF8, "invalid UTF-8 sequence")
            }
        }
        position += length
    }
}

/// Why a JSON document was refused: what, where (a byte offset), and a sentence.
package struct JSONReadError: Error, Equatable, CustomStringConvertible {
    /// A stable name for the kind of problem, extensible as `ExportParseError.Code` is.
    package struct Code: StableCode {
        package var rawValue: String
        package init(rawValue: String) { self.rawValue = rawValue }

        package static let unexpectedEnd = Code(rawValue: "unexpected-end")
        package static let unexpectedByte = Code(rawValue: "unexpected-byte")
        package static let trailingContent = Code(rawValue: "trailing-content")
        package static let invalidUTF8 = Code(rawValue: "invalid-utf8")
        package static let controlCharacter = Code(rawValue: "control-character")
        package static let badEscape = Code(rawValue: "bad-escape")
        package static let loneSurrogate = Code(rawValue: "lone-surrogate")
        package static let badNumber = Code(rawValue: "bad-number")
        package static let leadingZero = Code(rawValue: "leading-zero")
        package static let duplicateKey = Code(rawValue: "duplicate-key")
        package static let tooDeep = Code(rawValue: "too-deep")
        package static let stringTooLong = Code(rawValue: "string-too-long")
        package static let tooManyKeys = Code(rawValue: "too-many-keys")
        /// The JSON is fine but is not what the reader on top of it expects (a missing key, a wrong type).
        package static let unexpectedShape = Code(rawValue: "unexpected-shape")
        /// The document asks for more than the reader on top of it will hold.
        package static let tooLarge = Code(rawValue: "too-large")
    }

    package var code: Code
    /// Byte offset in the document.
    package var offset: Int
    package var reason: String

    package var description: String { "\(reason) at byte \(offset) [\(code)]" }
}
