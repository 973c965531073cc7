import EvidenceModel
import Foundation

/// Byte-level helpers shared by the chat and mail parsers. Everything works on `UnsafeBufferPointer<UInt8>`
/// or `[UInt8]` so that a 66 MB export never becomes one giant `String`.
enum ChatBytes {
    /// The offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlongs,
    /// no surrogates, nothing above U+10FFFF), or `nil` when the range is valid.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, to end: Int? = nil) -> Int? {
        let end = end ?? bytes.count
        var i = start
        while i < end {
            let b0 = bytes[i]
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
            let b1 = bytes[i &+ 1]
            if b1 < lower || b1 > upper { return i }
            var k = 2
            while k <= need {
                let b = bytes[i &+ k]
                if b < 0x80 || b > 0xBF { return i }
                k &+= 1
            }
            i &+= need &+ 1
        }
        return nil
    }

    /// The 1-based line number of `offset` (counting `\n`).
    static func lineNumber(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] == 0x0A { line &+= 1 }
            i &+= 1
        }
        return line
    }

    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { lineNumber(of: offset, in: $0) }
    }

    /// A `String` from a byte range already known to be valid UTF-8.
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        if end <= start { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Whether `bytes[at...]` starts with `prefix`.
    @inline(__always)
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, end: Int, _ prefix: [UInt8]) -> Bool {
        if at < 0 || end &- at < prefix.count { return false }
        var k = 0
        while k < prefix.count {
            if bytes[at &+ k] != prefix[k] { return false }
            k &+= 1
        }
        return true
    }

    /// Whether `bytes[start..<end]` equals `other`.
    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ other: [UInt8]) -> Bool {
        end &- start == other.count && hasPrefix(bytes, at: start, end: end, other)
    }

    /// Whether `bytes[..<end]` ends with `suffix` (looking no further back than `start`).
    @inline(__always)
    static func hasSuffix(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, _ suffix: [UInt8]) -> Bool {
        end &- start >= suffix.count && hasPrefix(bytes, at: end &- suffix.count, end: end, suffix)
    }

    /// Repairs the classic mojibake of Facebook/Instagram exports: UTF-8 bytes written as one `\u00XX` escape each.
    /// A string with any code point above U+00FF, or whose bytes are not valid UTF-8, is returned unchanged.
    static func repairLatin1Mojibake(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var sawHigh = false
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return text }
            if scalar.value >= 0x80 { sawHigh = true }
            bytes.append(UInt8(scalar.value))
        }
        guard sawHigh else { return text }
        let valid = bytes.withUnsafeBufferPointer { firstInvalidUTF8($0) == nil }
        return valid ? String(decoding: bytes, as: UTF8.self) : text
    }
}

/// Places wall-clock readings in a zone quickly: `EvidenceTimestamp.assumed` asks the zone database several
/// times per call, which is too slow for a million lines. Days far from any offset change resolve from a
/// per-day cache to exactly what `assumed` would give; days near a change go through `assumed` itself.
struct WallClockResolver {
    let zone: TimeZone
    let zoneName: String
    let field: String
    private var dayOffsets: [Int64: Int] = [:]
    private static let nearChange = Int.min

    init(zone: TimeZone, field: String) {
        self.zone = zone
        self.zoneName = zone.identifier
        self.field = field
    }

    mutating func timestamp(_ local: LocalDateTime, precision: TimePrecision) -> EvidenceTimestamp {
        let day = LocalDateTime.days(fromCivil: local.year, local.month, local.day)
        let offset: Int
        if let cached = dayOffsets[day] {
            offset = cached
        } else {
            offset = Self.stableOffset(day: day, zone: zone)
            if dayOffsets.count > 100_000 { dayOffsets.removeAll(keepingCapacity: true) }
            dayOffsets[day] = offset
        }
        if offset == Self.nearChange {
            return .assumed(local, in: zone, source: .chat, field: field, precision: precision)
        }
        return EvidenceTimestamp(source: .chat, field: field, instant: local.instant(atOffsetSeconds: offset),
                                 offsetSeconds: offset, zone: .assumed, zoneName: zoneName, precision: precision)
    }

    /// The zone's offset throughout local day `day` when no change happens within two days of it; otherwise `nearChange`.
    private static func stableOffset(day: Int64, zone: TimeZone) -> Int {
        let windowStart = Date(timeIntervalSince1970: Double((day - 2) * 86_400))
        let windowEnd = Date(timeIntervalSince1970: Double((day + 3) * 86_400))
        let offset = zone.secondsFromGMT(for: windowStart)
        if let next = zone.nextDaylightSavingTimeTransition(after: windowStart), next < windowEnd {
            return nearChange
        }
        if zone.secondsFromGMT(for: windowEnd) != offset { return nearChange }
        return offset
    }
}
