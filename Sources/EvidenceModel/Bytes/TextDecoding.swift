/// Text read from untrusted bytes: UTF-8 checked by hand (RFC 3629), ISO 8859-1, and the fields metadata writes.
package enum TextDecoding {
    /// ISO 8859-1 text (PNG `tEXt`, mail headers), each byte one scalar.
    package static func latin1(_ bytes: some Sequence<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// UTF-8 when the bytes are well-formed UTF-8, otherwise ISO 8859-1 (header bytes that should be ASCII
    /// but carry raw UTF-8, RFC 6532, or Latin-1).
    package static func utf8OrLatin1(_ bytes: [UInt8]) -> String {
        bytes.firstInvalidUTF8() == nil ? String(decoding: bytes, as: UTF8.self) : latin1(bytes)
    }

    /// An ASCII or UTF-8 field with trailing NULs and spaces removed; invalid UTF-8 falls back to Latin-1.
    package static func field(_ bytes: [UInt8]) -> String {
        var trimmed = bytes[...]
        if let nul = trimmed.firstIndex(of: 0) { trimmed = trimmed[..<nul] }
        let text = String(validating: trimmed, as: UTF8.self) ?? latin1(trimmed)
        return text.trimming(" ")
    }

    /// Repairs the classic mojibake of Facebook/Instagram exports: UTF-8 bytes written as one `\u00XX` escape each.
    /// A string with any code point above U+00FF, or whose bytes are not valid UTF-8, is returned unchanged.
    package static func repairingLatin1Mojibake(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var sawHigh = false
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return text }
            if scalar.value >= 0x80 { sawHigh = true }
            bytes.append(UInt8(scalar.value))
        }
        guard sawHigh else { return text }
        return bytes.firstInvalidUTF8() == nil ? String(decoding: bytes, as: UTF8.self) : text
    }
}

package extension Array where Element == UInt8 {
    /// The offset of the first byte in `start..<end` that is not part of well-formed UTF-8 (RFC 3629: no
    /// overlongs, no surrogates, nothing above U+10FFFF), or `nil` when the range is valid.
    @inlinable
    func firstInvalidUTF8(from start: Int = 0, to end: Int? = nil) -> Int? {
        let end = Swift.min(end ?? count, count)
        var i = Swift.max(0, start)
        while i < end {
            let b0 = self[i]
            if b0 < 0x80 { i &+= 1; continue }
            var need = 0
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; upper = 0x9F
            case 0xF0: need = 3; lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; upper = 0x8F
            default: return i
            }
            if i &+ need >= end { return i }
            let b1 = self[i &+ 1]
            if b1 < lower || b1 > upper { return i }
            var k = 2
            while k <= need {
                let b = self[i &+ k]
                if b < 0x80 || b > 0xBF { return i }
                k &+= 1
            }
            i &+= need &+ 1
        }
        return nil
    }

    /// The 1-based line number of `offset` (counting `\n` before it).
    @inlinable
    func lineNumber(of offset: Int) -> Int {
        var line = 1
        var index = 0
        let end = Swift.min(offset, count)
        while let newline = firstIndex(of: 0x0A, from: index, to: end) {
            line &+= 1
            index = newline &+ 1
        }
        return line
    }

    /// `self[start..<end]` as text; ill-formed UTF-8 becomes U+FFFD. Empty when the range is empty or out of bounds.
    @inlinable
    func text(from start: Int, to end: Int) -> String {
        guard start >= 0, start < end, end <= count else { return "" }
        return String(decoding: self[start..<end], as: UTF8.self)
    }
}

package extension String {
    /// The string without leading and trailing `set` characters.
    func trimming(_ set: Character) -> String {
        var scalars = Substring(self)
        while scalars.first == set { scalars.removeFirst() }
        while scalars.last == set { scalars.removeLast() }
        return String(scalars)
    }
}
