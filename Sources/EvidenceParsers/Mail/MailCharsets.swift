import EvidenceModel
import Foundation

/// Text decoding for the charsets mail actually uses, without depending on the host's iconv tables.
enum MailCharsets {
    /// Windows-1252's 0x80…0x9F, where it differs from ISO-8859-1 (undefined positions map to U+FFFD).
    static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    /// Decodes `bytes` in `charset`; `nil` when the charset is unknown. Invalid UTF-8 becomes U+FFFD.
    static func decode(_ bytes: [UInt8], charset: String?) -> String? {
        let name = (charset ?? "us-ascii").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii", "":
            return String(decoding: bytes, as: UTF8.self)
        case "iso-8859-1", "latin1", "iso8859-1", "l1", "iso_8859-1":
            return TextDecoding.latin1(bytes)
        case "windows-1252", "cp1252", "x-cp1252":
            var scalars = String.UnicodeScalarView()
            for byte in bytes {
                if (0x80...0x9F).contains(byte) {
                    scalars.append(Unicode.Scalar(windows1252High[Int(byte - 0x80)]) ?? "\u{FFFD}")
                } else {
                    scalars.append(Unicode.Scalar(byte))
                }
            }
            return String(scalars)
        case "iso-8859-15", "latin-9", "latin9":
            var scalars = String.UnicodeScalarView()
            let changes: [UInt8: UInt32] = [0xA4: 0x20AC, 0xA6: 0x160, 0xA8: 0x161, 0xB4: 0x17D, 0xB8: 0x17E,
                                            0xBC: 0x152, 0xBD: 0x153, 0xBE: 0x178]
            for byte in bytes {
                scalars.append(changes[byte].flatMap(Unicode.Scalar.init) ?? Unicode.Scalar(byte))
            }
            return String(scalars)
        default:
            return nil
        }
    }
}

/// RFC 2047 encoded words (`=?utf-8?Q?Caf=C3=A9?=`, `=?iso-8859-1?B?Q2Fm6Q==?=`) in header values.
enum RFC2047 {
    /// Decodes every encoded word; whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2).
    /// A word in an unknown charset is left as written.
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        let scalars = Array(value.unicodeScalars)
        var out = String.UnicodeScalarView()
        var pendingSpace = String.UnicodeScalarView()
        var lastWasEncoded = false
        var i = 0
        while i < scalars.count {
            if scalars[i] == "=", i + 1 < scalars.count, scalars[i + 1] == "?",
               let (text, next) = encodedWord(scalars, at: i) {
                if !lastWasEncoded { out.append(contentsOf: pendingSpace) }
                pendingSpace = String.UnicodeScalarView()
                out.append(contentsOf: text.unicodeScalars)
                lastWasEncoded = true
                i = next
                continue
            }
            let s = scalars[i]
            if s == " " || s == "\t" {
                pendingSpace.append(s)
            } else {
                out.append(contentsOf: pendingSpace)
                pendingSpace = String.UnicodeScalarView()
                out.append(s)
                lastWasEncoded = false
            }
            i += 1
        }
        out.append(contentsOf: pendingSpace)
        return String(out)
    }

    /// `=?charset?enc?text?=` starting at `i`: the decoded text and the index after it.
    static func encodedWord(_ s: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        var j = i + 2
        var charset = ""
        while j < s.count, s[j] != "?" { charset.unicodeScalars.append(s[j]); j += 1 }
        guard j + 2 < s.count, !charset.isEmpty else { return nil }
        let encoding = Character(s[j + 1]).uppercased()
        guard s[j + 2] == "?", encoding == "Q" || encoding == "B" else { return nil }
        j += 3
        var payload: [UInt8] = []
        while j + 1 < s.count, !(s[j] == "?" && s[j + 1] == "=") {
            guard s[j].value < 0x80, s[j] != " " else { return nil }
            payload.append(UInt8(s[j].value))
            j += 1
        }
        guard j + 1 < s.count else { return nil }
        // RFC 2231 language suffix: utf-8*fr
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
        let bytes: [UInt8]
        if encoding == "B" {
            guard let data = Base64.decode(payload) else { return nil }
            bytes = data
        } else {
            bytes = QuotedPrintable.decode(payload, underscoreIsSpace: true)
        }
        guard let text = MailCharsets.decode(bytes, charset: charset) else { return nil }
        return (text, j + 2)
    }
}

/// Base64 as mail writes it: line breaks and stray characters ignored, missing padding tolerated.
enum Base64 {
    static func decode(_ input: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for c in input {
            let v: UInt32
            switch c {
            case 0x41...0x5A: v = UInt32(c - 0x41)
            case 0x61...0x7A: v = UInt32(c - 0x61 + 26)
            case 0x30...0x39: v = UInt32(c - 0x30 + 52)
            case 0x2B, 0x2D: v = 62
            case 0x2F, 0x5F: v = 63
            case 0x3D: return out
            default: continue
            }
            accumulator = (accumulator << 6) | v
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return out
    }
}

/// Quoted-printable (RFC 2045 §6.7), and the Q encoding of RFC 2047 where `_` is a space.
enum QuotedPrintable {
    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x41...0x46: return c - 0x41 + 10
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    static func decode(_ input: [UInt8], underscoreIsSpace: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let c = input[i]
            if c == 0x3D {
                if i + 2 < input.count, let h = hex(input[i + 1]), let l = hex(input[i + 2]) {
                    out.append(h << 4 | l)
                    i += 3
                    continue
                }
                // A soft line break: "=" then optional spaces then CRLF or LF.
                var j = i + 1
                while j < input.count, input[j] == 0x20 || input[j] == 0x09 { j += 1 }
                if j < input.count, input[j] == 0x0D { j += 1 }
                if j < input.count, input[j] == 0x0A {
                    i = j + 1
                    continue
                }
                if j >= input.count { i = j; continue }
                out.append(c)
                i += 1
                continue
            }
            out.append(underscoreIsSpace && c == 0x5F ? 0x20 : c)
            i += 1
        }
        return out
    }
}
