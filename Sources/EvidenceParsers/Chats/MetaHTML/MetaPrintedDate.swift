import EvidenceModel

/// The date-times Instagram and Facebook print in their HTML "Download your information" exports: local wall
/// clock in the language of the account, to the minute, with no zone.
///
/// The forms seen in real exports and other tools' readers of them: `Jan 05, 2024 9:41 pm` (English, since
/// 2022), `Jan 05, 2024, 9:41 PM` (older English), `janv. 05, 2024 9:41 pm` (the English pattern with the
/// account language's month), `5 janv. 2024 à 21:41` (French), `5 jan. 2024 21:41` / `5 mrt 2024 om 21:41` (Dutch),
/// `5. Jan. 2024, 21:41` / `05.01.2024, 21:41` (German). The reading is by parts, not by one pattern: a month
/// name (or the numeric `dd.MM.yyyy` form), a day, a four-digit year, `H:mm[:ss]` and an optional `am`/`pm`;
/// connecting words (`à`, `om`, `um`, `at`, a weekday) are passed over. Anything else, or a missing part, is no
/// date — the message is then kept without a time and named in a warning.
enum MetaPrintedDate {
    /// Month names and abbreviations of English, French, Dutch and German, lower case and without a final dot.
    static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names: [[String]] = [
            ["january", "jan", "janvier", "janv", "januari", "januar", "jän", "jänner"],
            ["february", "feb", "février", "fév", "févr", "fevrier", "februari", "februar"],
            ["march", "mar", "mars", "maart", "mrt", "maa", "märz", "mär", "maerz"],
            ["april", "apr", "avril", "avr"],
            ["may", "mai", "mei"],
            ["june", "jun", "juin", "juni"],
            ["july", "jul", "juillet", "juil", "juli"],
            ["august", "aug", "août", "aout", "augustus"],
            ["september", "sep", "sept", "septembre"],
            ["october", "oct", "octobre", "oktober", "okt"],
            ["november", "nov", "novembre"],
            ["december", "dec", "décembre", "decembre", "dezember", "dez", "déc"],
        ]
        for (index, words) in names.enumerated() {
            for word in words { table[word] = index + 1 }
        }
        return table
    }()

    /// The wall-clock reading of `printed` and its precision (minute, or second when seconds are printed), or `nil`.
    static func parse(_ printed: String) -> (LocalDateTime, TimePrecision)? {
        var month: Int?
        var day: Int?
        var year: Int?
        var clock: (hour: Int, minute: Int, second: Int?)?
        var meridiem: Int?  // 0 am, 12 pm
        var numeric: (day: Int, month: Int, year: Int)?
        // Parts are runs of letters (and dots), or of digits, colons and dots; everything else separates them.
        var parts: [Substring] = []
        var current = printed.startIndex
        let isWordCharacter: (Character) -> Bool = { $0.isLetter || $0 == "." }
        let isNumberCharacter: (Character) -> Bool = { $0.isASCII && ($0.isNumber || $0 == ":" || $0 == ".") }
        guard printed.utf8.count <= 100 else { return nil }
        while current < printed.endIndex {
            let c = printed[current]
            let test: ((Character) -> Bool)?
            if c.isASCII && c.isNumber { test = isNumberCharacter } else if c.isLetter { test = isWordCharacter } else {
                test = nil
            }
            guard let test else {
                current = printed.index(after: current)
                continue
            }
            var end = printed.index(after: current)
            while end < printed.endIndex, test(printed[end]) { end = printed.index(after: end) }
            parts.append(printed[current..<end])
            current = end
        }
        for part in parts {
            guard let first = part.first else { continue }
            if first.isLetter {
                let word = part.lowercased().replacingOccurrences(of: ".", with: "")
                if word == "am" || word == "pm" {
                    guard meridiem == nil else { return nil }
                    meridiem = word == "pm" ? 12 : 0
                } else if let m = months[word] {
                    guard month == nil else { return nil }
                    month = m
                }
                // Connecting words and weekdays carry no part of the time.
                continue
            }
            let text = part.hasSuffix(".") ? part.dropLast() : part
            if text.contains(":") {
                let fields = text.split(separator: ":", omittingEmptySubsequences: false)
                guard clock == nil, fields.count == 2 || fields.count == 3,
                      fields.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isNumber) }),
                      fields.dropFirst().allSatisfy({ $0.count == 2 }),
                      let h = Int(fields[0]), let m = Int(fields[1]) else { return nil }
                clock = (h, m, fields.count == 3 ? Int(fields[2]) : nil)
            } else if text.contains(".") {
                let fields = text.split(separator: ".", omittingEmptySubsequences: false)
                guard numeric == nil, fields.count == 3, fields[2].count == 4,
                      fields.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isNumber) }),
                      let d = Int(fields[0]), let m = Int(fields[1]), let y = Int(fields[2]) else { return nil }
                numeric = (d, m, y)
            } else if text.count == 4, let y = Int(text) {
                guard year == nil else { return nil }
                year = y
            } else if (1...2).contains(text.count), let d = Int(text) {
                guard day == nil else { return nil }
                day = d
            } else {
                return nil
            }
        }
        if let numeric {
            guard month == nil, day == nil, year == nil else { return nil }
            (day, month, year) = (numeric.day, numeric.month, numeric.year)
        }
        guard let month, let day, let year, let clock else { return nil }
        var hour = clock.hour
        if let meridiem {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + meridiem
        }
        guard let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: clock.minute,
                                        second: clock.second ?? 0) else { return nil }
        return (local, clock.second == nil ? .minute : .second)
    }
}
