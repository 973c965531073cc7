import EvidenceModel
import Foundation

/// Writes times for people ("mardi 3 mars 2026, 21:40:12") in the case's zone, with month and weekday names from
/// our own tables: Foundation's `DateFormatter` and ICU locale data are never used, so the summary's bytes do not
/// change when the system's ICU is upgraded. Only the zone's offsets come from the system's time-zone data, as
/// everywhere else in EvidenceKit.
struct SummaryDateFormatter: Sendable {
    let language: SummaryLanguage
    /// The case's zone; UTC when the manifest names a zone this system does not know.
    let zone: TimeZone

    init(language: SummaryLanguage, zoneName: String) {
        self.language = language
        self.zone = TimeZone(identifier: zoneName) ?? TimeZone(identifier: "UTC")!
    }

    /// The UTC offset of the case's zone at `instant`, in seconds.
    func offset(at instant: Instant) -> Int { zone.secondsFromGMT(for: instant.date) }

    /// The wall-clock reading of `instant` in the case's zone.
    func local(_ instant: Instant) -> LocalDateTime { LocalDateTime(instant, offsetSeconds: offset(at: instant)) }

    /// A day key that sorts in time order and makes a stable anchor: `20260303`.
    static func dayKey(_ local: LocalDateTime) -> Int { local.year * 10_000 + local.month * 100 + local.day }

    /// A day written in full: `mardi 3 mars 2026`, `dinsdag 3 maart 2026`, `Dienstag, 3. März 2026`,
    /// `Tuesday 3 March 2026`.
    func day(_ local: LocalDateTime) -> String {
        let weekday = Self.weekdays[language]![Self.weekdayIndex(local)]
        let month = Self.months[language]![local.month - 1]
        switch language {
        case .french: return "\(weekday) \(local.day == 1 ? "1er" : String(local.day)) \(month) \(local.year)"
        case .german: return "\(weekday), \(local.day). \(month) \(local.year)"
        case .dutch, .english: return "\(weekday) \(local.day) \(month) \(local.year)"
        }
    }

    /// A time of day to the precision its source gave: `21:40:12`, or `21:40` for a minute.
    func time(_ local: LocalDateTime, precision: TimePrecision = .second) -> String {
        let hourMinute = Self.twoDigits(local.hour) + ":" + Self.twoDigits(local.minute)
        return precision <= .minute ? hourMinute : hourMinute + ":" + Self.twoDigits(local.second)
    }

    /// A day and a time in the case's zone with its offset: `mardi 3 mars 2026, 21:40:12 (UTC+01:00)`; a time
    /// known to the day only is the day alone, never midnight.
    func dateTime(_ instant: Instant, precision: TimePrecision = .second) -> String {
        let offset = offset(at: instant)
        let local = LocalDateTime(instant, offsetSeconds: offset)
        if precision == .day { return day(local) }
        return day(local) + ", " + time(local, precision: precision) + " (" + Self.utcOffset(offset) + ")"
    }

    /// A time as its source wrote it, in its own offset: `21:40 (UTC+09:00)`, with the day when it is not the
    /// day shown in the case's zone.
    func asWritten(_ stamp: EvidenceTimestamp) -> String {
        let written = stamp.local
        let inZone = local(stamp.instant)
        let time = time(written, precision: stamp.precision) + " (" + Self.utcOffset(stamp.offsetSeconds) + ")"
        return Self.dayKey(written) == Self.dayKey(inZone) ? time : day(written) + ", " + time
    }

    /// `UTC+01:00`, `UTC−03:30`, `UTC`.
    static func utcOffset(_ seconds: Int) -> String {
        if seconds == 0 { return "UTC" }
        let minutes = abs(seconds) / 60
        return "UTC" + (seconds < 0 ? "−" : "+") + twoDigits(minutes / 60) + ":" + twoDigits(minutes % 60)
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }

    /// Monday = 0 … Sunday = 6, from the proleptic Gregorian day count (1970-01-01 was a Thursday).
    private static func weekdayIndex(_ local: LocalDateTime) -> Int {
        let days = daysFromCivil(year: local.year, month: local.month, day: local.day)
        return ((days + 3) % 7 + 7) % 7
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static let weekdays: [SummaryLanguage: [String]] = [
        .french: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
        .dutch: ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
        .german: ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
        .english: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    ]

    private static let months: [SummaryLanguage: [String]] = [
        .french: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                  "novembre", "décembre"],
        .dutch: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
                 "november", "december"],
        .german: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                  "November", "Dezember"],
        .english: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                   "November", "December"],
    ]
}

/// Whole numbers grouped by thousands as each language writes them: `12 345` (narrow no-break space) in French,
/// `12.345` in Dutch and German, `12,345` in English.
struct SummaryNumberFormatter: Sendable {
    let language: SummaryLanguage

    func format<Number: BinaryInteger>(_ number: Number) -> String {
        let separator = switch language {
        case .french: "\u{202F}"
        case .dutch, .german: "."
        case .english: ","
        }
        let digits = Array(String(number.magnitude))
        var out = number < 0 ? "−" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += separator }
            out.append(digit)
        }
        return out
    }
}
