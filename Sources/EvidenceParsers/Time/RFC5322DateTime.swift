import EvidenceModel
import Foundation

/// RFC 5322 §3.3 date-times (the RFC 822/1123 family), including the obsolete forms of §4.3 that real mail still
/// carries: `Mon, 25 Dec 2023 14:03:22 +0100`, `25 Dec 23 14:03 GMT`, `Mon, 25 Dec 2023 14:03:22 +0100 (CET)`.
/// Mail headers and PNG `Creation Time` text both read through this one grammar.
enum RFC5322DateTime {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7,
    ]

    struct Parsed {
        var local: LocalDateTime
        /// `nil` when the text gave no usable offset (`-0000` means "unknown" and is treated as UTC by RFC 5322).
        var offsetSeconds: Int?
        var hasSeconds: Bool
        /// How many digits the year had (RFC 5322 wants four; obsolete forms have two or three).
        var yearDigits: Int
        /// Whether anything followed the time (a zone, readable or not).
        var zoneWritten: Bool
    }

    static func parse(_ text: String) -> Parsed? {
        // Drop comments such as "(CET)" and the day name.
        var cleaned = ""
        var depth = 0
        for ch in text {
            if ch == "(" { depth += 1; continue }
            if ch == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { cleaned.append(ch) }
        }
        var tokens = cleaned.replacingOccurrences(of: ",", with: " ").split(whereSeparator: { $0 == " " || $0 == "\t" })
            .map(String.init)
        if let first = tokens.first, first.count >= 3, Int(first) == nil, first.first?.isLetter == true,
           !months.contains(String(first.prefix(3)).lowercased()) {
            tokens.removeFirst()
        }
        guard tokens.count >= 4 else { return nil }
        var day: Int?
        var month: Int?
        // "25 Dec 2023" or, in some broken mailers, "Dec 25 2023".
        if let d = Int(tokens[0]), let m = months.firstIndex(of: String(tokens[1].prefix(3)).lowercased()) {
            day = d
            month = m + 1
        } else if let m = months.firstIndex(of: String(tokens[0].prefix(3)).lowercased()), let d = Int(tokens[1]) {
            day = d
            month = m + 1
        }
        guard let day, let month, var year = Int(tokens[2]) else { return nil }
        if tokens[2].count == 2 { year += year < 50 ? 2000 : 1900 } else if tokens[2].count == 3 { year += 1900 }
        let time = tokens[3].split(separator: ":").map { Int($0) }
        guard time.count == 2 || time.count == 3, time.allSatisfy({ $0 != nil }) else { return nil }
        guard let local = LocalDateTime(year: year, month: month, day: day, hour: time[0]!, minute: time[1]!,
                                        second: time.count == 3 ? time[2]! : 0)
        else { return nil }
        var offset: Int?
        if tokens.count >= 5 {
            let zone = tokens[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count == 5, let v = Int(zone.dropFirst()) {
                let seconds = (v / 100) * 3600 + (v % 100) * 60
                if !(zone == "-0000") { offset = sign == "-" ? -seconds : seconds } else { offset = 0 }
            } else if let hours = zones[zone.lowercased()] {
                offset = hours * 3600
            } else {
                offset = MetadataTimeText.offset(zone)
            }
        }
        return Parsed(local: local, offsetSeconds: offset, hasSeconds: time.count == 3, yearDigits: tokens[2].count,
                      zoneWritten: tokens.count >= 5)
    }
}
