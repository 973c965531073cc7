import EvidenceModel
import Foundation

/// The grammar of a message header (`25/12/2023, 14:03 - `, `[25/12/2023, 14:03:22] `): fields, separators,
/// 12-hour markers and the invisible marks exports put in front, read byte by byte with every index checked.
extension WhatsAppParser {
    /// What makes two headers "the same form": exports never mix forms, so a continuation line that happens to
    /// start like a header of another form stays a continuation line.
    struct Shape: Hashable {
        var iOS: Bool
        var separator: UInt8
        var firstDigits: Int
        var lastDigits: Int
        var seconds: Bool
        var meridiem: Bool
    }

    struct Header {
        var shape: Shape
        var a: Int, b: Int, c: Int
        var hour: Int, minute: Int, second: Int
        /// 0 none, 1 AM, 2 PM.
        var meridiem: Int
        var bodyStart: Int
    }

    @inline(__always)
    static func isDigit(_ x: UInt8) -> Bool { x &- 0x30 < 10 }

    /// Reads 1...`maxDigits` decimal digits.
    @inline(__always)
    static func number(_ b: [UInt8], _ p: inout Int, _ end: Int, maxDigits: Int) -> (Int, Int)? {
        var value = 0
        var digits = 0
        while p < end, digits < maxDigits, isDigit(b[p]) {
            value = value &* 10 &+ Int(b[p] &- 0x30)
            p &+= 1
            digits &+= 1
        }
        if digits == 0 || (p < end && isDigit(b[p])) { return nil }
        return (value, digits)
    }

    /// Length of a space WhatsApp puts before AM/PM: ordinary, no-break (U+00A0) or narrow no-break (U+202F).
    @inline(__always)
    static func spaceLength(_ b: [UInt8], _ p: Int, _ end: Int) -> Int {
        guard p < end else { return 0 }
        if b[p] == 0x20 { return 1 }
        if b[p] == 0xC2, p &+ 1 < end, b[p &+ 1] == 0xA0 { return 2 }
        if b[p] == 0xE2, p &+ 2 < end, b[p &+ 1] == 0x80, b[p &+ 2] == 0xAF { return 3 }
        return 0
    }

    /// Length of a directional mark (U+200E, U+200F, U+202A…U+202E), a BOM or a U+2068/U+2069 isolate at `p`.
    @inline(__always)
    static func markLength(_ b: [UInt8], _ p: Int, _ end: Int) -> Int {
        guard p &+ 2 < end else { return 0 }
        let x = b[p], y = b[p &+ 1], z = b[p &+ 2]
        if x == 0xE2, y == 0x80, z == 0x8E || z == 0x8F || (z >= 0xAA && z <= 0xAE) { return 3 }
        if x == 0xE2, y == 0x81, z == 0xA8 || z == 0xA9 { return 3 }
        if x == 0xEF, y == 0xBB, z == 0xBF { return 3 }
        return 0
    }

    /// Parses `AM`, `pm`, `a.m.`, `p. m.` (any of the three spaces inside), returning 1 or 2.
    static func meridiem(_ b: [UInt8], _ p: inout Int, _ end: Int) -> Int? {
        guard p < end else { return nil }
        let value: Int
        switch b[p] | 0x20 {
        case UInt8(ascii: "a"): value = 1
        case UInt8(ascii: "p"): value = 2
        default: return nil
        }
        var q = p &+ 1
        var dotted = false
        if q < end, b[q] == UInt8(ascii: ".") {
            q &+= 1
            dotted = true
            q &+= spaceLength(b, q, end)
        }
        guard q < end, b[q] | 0x20 == UInt8(ascii: "m") else { return nil }
        q &+= 1
        if q < end, b[q] == UInt8(ascii: ".") { q &+= 1 } else if dotted { return nil }
        p = q
        return value
    }

    /// Recognises a message header at the start of a line, or returns `nil` for a continuation line.
    static func header(_ b: [UInt8], _ lineStart: Int, _ end: Int) -> Header? {
        var p = lineStart
        while true {
            let mark = markLength(b, p, end)
            if mark == 0 { break }
            p &+= mark
        }
        guard p < end else { return nil }
        let iOS = b[p] == UInt8(ascii: "[")
        if iOS { p &+= 1 }
        guard let (a, aDigits) = number(b, &p, end, maxDigits: 4), aDigits != 3, p < end else { return nil }
        let separator = b[p]
        guard separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".") || separator == UInt8(ascii: "-")
        else { return nil }
        p &+= 1
        guard let (middle, middleDigits) = number(b, &p, end, maxDigits: 2), middleDigits >= 1,
              p < end, b[p] == separator
        else { return nil }
        p &+= 1
        guard let (c, cDigits) = number(b, &p, end, maxDigits: 4), cDigits != 3 else { return nil }
        // Exactly one of the outer fields is the year; a 4-digit first field means year-first.
        if aDigits == 4 && cDigits == 4 { return nil }
        if aDigits > 2 && cDigits != 1 && cDigits != 2 { return nil }
        if p < end, b[p] == UInt8(ascii: ".") { p &+= 1 }
        var gap = 0
        if p < end, b[p] == UInt8(ascii: ",") { p &+= 1; gap &+= 1 }
        while p < end, b[p] == 0x20 { p &+= 1; gap &+= 1 }
        guard gap > 0 else { return nil }
        // A word between date and time: French Android "25/12/2023 à 14:03", Finnish "1.1.2019 klo 12.00.00".
        for word in dateTimeWords where b.starts(with: word, at: p, end: end) {
            p &+= word.count
            break
        }
        // The time's separator is ":" almost everywhere and "." in Finnish and a few other locales.
        guard let (hour, _) = number(b, &p, end, maxDigits: 2), p < end,
              b[p] == UInt8(ascii: ":") || b[p] == UInt8(ascii: ".") else { return nil }
        let timeSeparator = b[p]
        p &+= 1
        guard let (minute, minuteDigits) = number(b, &p, end, maxDigits: 2), minuteDigits == 2 else { return nil }
        var second = 0
        var hasSeconds = false
        if p < end, b[p] == timeSeparator {
            p &+= 1
            guard let (s, sDigits) = number(b, &p, end, maxDigits: 2), sDigits == 2 else { return nil }
            second = s
            hasSeconds = true
        }
        var half = 0
        let space = spaceLength(b, p, end)
        if space > 0 {
            var q = p &+ space
            if let m = meridiem(b, &q, end) {
                half = m
                p = q
            }
        }
        if iOS {
            guard p &+ 1 < end, b[p] == UInt8(ascii: "]"), b[p &+ 1] == 0x20 else { return nil }
            p &+= 2
        } else {
            guard p < end, b[p] == 0x20 else { return nil }
            p &+= 1
            if p < end, b[p] == UInt8(ascii: "-") {
                p &+= 1
            } else if p &+ 2 < end, b[p] == 0xE2, b[p &+ 1] == 0x80, b[p &+ 2] == 0x93 {
                p &+= 3  // en dash, written by a few locales
            } else {
                return nil
            }
            guard p < end, b[p] == 0x20 else { return nil }
            p &+= 1
        }
        let shape = Shape(iOS: iOS, separator: separator, firstDigits: aDigits == 4 ? 4 : 2,
                          lastDigits: cDigits == 4 ? 4 : 2, seconds: hasSeconds, meridiem: half != 0)
        return Header(shape: shape, a: a, b: middle, c: c, hour: hour, minute: minute, second: second,
                      meridiem: half, bodyStart: p)
    }

    static let dateTimeWords: [[UInt8]] = [Array("à ".utf8), Array("klo ".utf8)]
}

extension WhatsAppParser.Shape {
    /// A header whose first field has four digits (`2023-12-25`) or that only a year-first reading can explain.
    var isYearFirst: Bool { firstDigits == 4 }
}
