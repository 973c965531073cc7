import Foundation

/// A date-time in the ISO 8601 extended calendar form, read by one grammar for every reader that meets one:
/// `YYYY-MM-DD`, then `T` (or a space) and `hh:mm[:ss[.fraction]]`, then `Z` or an offset.
///
/// The readers differ only in what they let through, so each passes a ``Profile``: RFC 3339 as we write it
/// (``Profile/rfc3339``), a time a person types (``Profile/typed``), and XMP and QuickTime metadata
/// (``Profile/metadata``). Year-only and year-month values are refused by every profile: a day would be invented.
/// Impossible dates and times (`2023-02-30`, `24:00`) are `nil`, never rolled over.
package struct ISO8601DateTime: Hashable, Sendable {
    /// The wall-clock reading as written.
    package var local: LocalDateTime
    /// What the text showed: `.day` for a date alone, `.minute` without seconds, down to `.nanosecond`.
    package var precision: TimePrecision
    /// The offset written after the time; `nil` when none was (the zone is then unknown).
    package var offsetSeconds: Int?

    /// What a reader accepts beyond the common grammar.
    package struct Profile: Hashable, Sendable {
        /// Characters removed from both ends before reading.
        package enum Trimming: Hashable, Sendable {
            case none
            /// Spaces and tabs.
            case whitespace
            /// Spaces, tabs and line breaks.
            case whitespaceAndNewlines
        }

        /// How an offset is spelled (`Z` and `z` are UTC in every form).
        package enum OffsetForm: Hashable, Sendable {
            /// `±hh:mm`, hours up to 23 (RFC 3339).
            case colon
            /// `±hh:mm` or `±hhmm`, hours up to 18 (ISO 8601 and EXIF as cameras write them); colons are ignored.
            case colonOptional
        }

        package var trimming: Trimming
        /// Whether `t` separates date and time, besides `T` and a space.
        package var lowercaseT: Bool
        /// Whether `YYYY-MM-DD` alone is a time (of `.day` precision).
        package var dateOnly: Bool
        /// Whether `hh:mm` must be followed by `:ss`.
        package var requiresSeconds: Bool
        /// Whether a comma may start the fraction, as ISO 8601 allows, besides a full stop.
        package var commaFraction: Bool
        /// Whether the offset must be written.
        package var requiresOffset: Bool
        package var offsetForm: OffsetForm

        /// RFC 3339 as sealed manifests and journals write it: seconds and offset required.
        package static let rfc3339 = Profile(trimming: .none, lowercaseT: true, dateOnly: false,
                                             requiresSeconds: true, commaFraction: false, requiresOffset: true,
                                             offsetForm: .colon)
        /// A time a person types: a whole day, or a time with or without seconds and offset.
        package static let typed = Profile(trimming: .whitespace, lowercaseT: true, dateOnly: true,
                                           requiresSeconds: false, commaFraction: false, requiresOffset: false,
                                           offsetForm: .colon)
        /// XMP and QuickTime metadata: a whole day or a time, seconds and offset optional, `,` fractions.
        package static let metadata = Profile(trimming: .whitespaceAndNewlines, lowercaseT: false, dateOnly: true,
                                              requiresSeconds: false, commaFraction: true, requiresOffset: false,
                                              offsetForm: .colonOptional)
    }

    /// Reads `text` as `profile` allows; `nil` for anything else.
    package init?(_ text: String, profile: Profile) {
        let b: [UInt8]
        switch profile.trimming {
        case .none: b = Array(text.utf8)
        case .whitespace: b = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        case .whitespaceAndNewlines: b = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        }
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = b.decimal(at: 0, count: 4), let month = b.decimal(at: 5, count: 2),
              let day = b.decimal(at: 8, count: 2)
        else { return nil }
        if b.count == 10 {
            guard profile.dateOnly, let date = LocalDateTime(year: year, month: month, day: day) else { return nil }
            self.init(local: date, precision: .day, offsetSeconds: nil)
            return
        }
        guard b.count >= 16,
              b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " ")
                || (profile.lowercaseT && b[10] == UInt8(ascii: "t")),
              let hour = b.decimal(at: 11, count: 2), b[13] == UInt8(ascii: ":"),
              let minute = b.decimal(at: 14, count: 2)
        else { return nil }
        var index = 16
        var second = 0, nanoseconds = 0
        var precision = TimePrecision.minute
        if index < b.count, b[index] == UInt8(ascii: ":") {
            guard let s = b.decimal(at: index + 1, count: 2) else { return nil }
            second = s
            precision = .second
            index += 3
            if index < b.count,
               b[index] == UInt8(ascii: ".") || (profile.commaFraction && b[index] == UInt8(ascii: ",")) {
                let start = index + 1
                var end = start
                while end < b.count, (48...57).contains(b[end]) { end += 1 }
                let count = end - start
                guard (1...9).contains(count), let value = b.decimal(at: start, count: count) else { return nil }
                nanoseconds = value
                for _ in count..<9 { nanoseconds *= 10 }
                precision = count <= 3 ? .millisecond : count <= 6 ? .microsecond : .nanosecond
                index = end
            }
        } else if profile.requiresSeconds {
            return nil
        }
        guard let local = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute,
                                        second: second, nanosecond: nanoseconds)
        else { return nil }
        if index == b.count {
            guard !profile.requiresOffset else { return nil }
            self.init(local: local, precision: precision, offsetSeconds: nil)
            return
        }
        guard let offset = Self.offsetSeconds(b[index...], form: profile.offsetForm) else { return nil }
        self.init(local: local, precision: precision, offsetSeconds: offset)
    }

    package init(local: LocalDateTime, precision: TimePrecision, offsetSeconds: Int?) {
        self.local = local
        self.precision = precision
        self.offsetSeconds = offsetSeconds
    }

    /// An offset alone (`Z`, `+01:00`, and in ``Profile/OffsetForm/colonOptional`` also `-0500`), in seconds
    /// east of UTC; `nil` for anything else.
    package static func offsetSeconds(_ text: some Collection<UInt8>, form: Profile.OffsetForm) -> Int? {
        let b: [UInt8]
        let maximumHours: Int
        switch form {
        case .colon:
            guard text.count == 6 || text.count == 1 else { return nil }
            b = Array(text)
            guard b.count == 1 || b[3] == UInt8(ascii: ":") else { return nil }
            maximumHours = 23
        case .colonOptional:
            b = text.filter { $0 != UInt8(ascii: ":") }
            maximumHours = 18
        }
        if b == [UInt8(ascii: "Z")] || b == [UInt8(ascii: "z")] { return 0 }
        let minutesAt = form == .colon ? 4 : 3
        guard b.count == minutesAt + 2, b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-"),
              let hours = b.decimal(at: 1, count: 2), let minutes = b.decimal(at: minutesAt, count: 2),
              hours <= maximumHours, minutes <= 59
        else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return b[0] == UInt8(ascii: "-") ? -seconds : seconds
    }
}
