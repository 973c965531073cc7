extension EvidenceTimestamp {
    private static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The time as people read it, at the offset it was observed in, with no more digits than it has:
    /// `Tue 3 Mar 2026 21:32:07 (UTC+01:00)`, `Tue 3 Mar 2026` for a date alone. English words, whatever the
    /// computer's language, so that the same case lists the same way everywhere.
    public var spoken: String {
        let local = LocalDateTime(instant, offsetSeconds: offsetSeconds)
        let days = (instant.unixSeconds + Int64(offsetSeconds)).floorDivided(by: 86_400)
        // 1 January 1970 was a Thursday.
        let weekday = EvidenceTimestamp.weekdays[Int((days + 3).positiveRemainder(7))]
        let date = "\(weekday) \(local.day) \(EvidenceTimestamp.months[local.month - 1]) \(local.year)"
        guard precision != .day else { return date }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var time = "\(two(local.hour)):\(two(local.minute))"
        if precision > .minute { time += ":\(two(local.second))" }
        // The offset is part of what was observed: the same wall time is another instant elsewhere.
        let offset = offsetSeconds == 0 ? "" : String(RFC3339.format(instant, offsetSeconds: offsetSeconds).suffix(6))
        return "\(date) \(time) (UTC\(offset))"
    }

    /// Where the time comes from, in words: “EXIF in the file (DateTimeOriginal)”, “the e-mail's Date header”.
    public var sourceInWords: String {
        let words = switch source {
        case .exif: "EXIF in the file"
        case .xmp: "XMP in the file"
        case .pngTime: "the PNG's time chunk"
        case .quicktime: "the video's QuickTime header"
        case .iptc: "IPTC in the photo"
        case .id3: "the audio's ID3 tag"
        case .filename: "the date in the file name"
        case .filesystem: "the file's modification time"
        case .chat: "the chat export's message times"
        case .emailHeader: "the e-mail's Date header"
        case .acquired: "when it was added to the case"
        case .declared: "the time declared for it"
        case .tsa: "a trusted timestamp"
        }
        let detail = [field.isEmpty || source == .declared ? nil : field,
                      zone == .assumed ? "no offset given, \(zoneName ?? "the case's zone") assumed" : nil].compactMap { $0 }
        return detail.isEmpty ? words : "\(words) (\(detail.joined(separator: "; ")))"
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    fileprivate func positiveRemainder(_ divisor: Int64) -> Int64 {
        let remainder = self % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
