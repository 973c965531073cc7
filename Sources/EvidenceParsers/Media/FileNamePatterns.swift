import EvidenceModel
import Foundation

/// File-name patterns that phones and desktops use when they save screenshots, photos and videos,
/// for files that carry no time of their own.
///
/// Each row has a name, a template, whether the time is local or UTC, its precision and the kind of item
/// it suggests. Templates are literal text with placeholders:
/// `{yyyy}` `{MM}` `{dd}` `{HH}` (two digits) `{H}` (one or two) `{h}` (12-hour, one or two) `{mm}` `{ss}`
/// `{SSS}` (milliseconds) `{a}` (AM/PM) `{n}` (any digits) `{'}` (’ or ') `{ }` (space, U+202F or U+00A0).
/// A match must start at the beginning of the name and may be followed by anything but a digit.
package struct FileNamePattern: Sendable {
    /// A stable name recorded as the timestamp's `field` (`android-screenshot`, `pixel-camera-photo` …).
    public var name: String
    /// The template, in the placeholder language above.
    public var template: String
    /// True when the pattern writes UTC (Pixel camera), false for the device's local time.
    public var isUTC: Bool
    /// How finely the name states the time (`day` for WhatsApp names).
    public var precision: TimePrecision
    /// The kind the name suggests (`screenshot`, `photo`, `video`).
    public var kind: EvidenceKind

    /// A table row.
    public init(name: String, template: String, isUTC: Bool = false, precision: TimePrecision = .second,
                kind: EvidenceKind) {
        self.name = name
        self.template = template
        self.isUTC = isUTC
        self.precision = precision
        self.kind = kind
    }
}

/// The table of known names, tried in order (12-hour forms before their 24-hour twins, which would
/// otherwise read `2.03.22 PM` as 02:03:22).
package enum FileNamePatterns {
    /// Every known pattern, in the order they are tried.
    public static let all: [FileNamePattern] = [
        FileNamePattern(name: "android-screenshot", template: "Screenshot_{yyyy}{MM}{dd}-{HH}{mm}{ss}", kind: .screenshot),
        FileNamePattern(name: "android-screenshot-ms",
                        template: "Screenshot_{yyyy}-{MM}-{dd}-{HH}-{mm}-{ss}-{SSS}", precision: .millisecond,
                        kind: .screenshot),
        FileNamePattern(name: "android-screenshot-dashed", template: "Screenshot_{yyyy}-{MM}-{dd}-{HH}-{mm}-{ss}",
                        kind: .screenshot),
        FileNamePattern(name: "whatsapp-image", template: "IMG-{yyyy}{MM}{dd}-WA{n}", precision: .day, kind: .photo),
        FileNamePattern(name: "whatsapp-video", template: "VID-{yyyy}{MM}{dd}-WA{n}", precision: .day, kind: .video),
        FileNamePattern(name: "whatsapp-export-photo", template: "PHOTO-{yyyy}-{MM}-{dd}-{HH}-{mm}-{ss}", kind: .photo),
        FileNamePattern(name: "whatsapp-export-video", template: "VIDEO-{yyyy}-{MM}-{dd}-{HH}-{mm}-{ss}", kind: .video),
        FileNamePattern(name: "android-camera-photo", template: "IMG_{yyyy}{MM}{dd}_{HH}{mm}{ss}", kind: .photo),
        FileNamePattern(name: "android-camera-video", template: "VID_{yyyy}{MM}{dd}_{HH}{mm}{ss}", kind: .video),
        FileNamePattern(name: "pixel-camera-photo", template: "PXL_{yyyy}{MM}{dd}_{HH}{mm}{ss}{SSS}", isUTC: true,
                        precision: .millisecond, kind: .photo),
        FileNamePattern(name: "macos-screenshot-12h", template: "Screenshot {yyyy}-{MM}-{dd} at {h}.{mm}.{ss}{ }{a}",
                        kind: .screenshot),
        FileNamePattern(name: "macos-screenshot", template: "Screenshot {yyyy}-{MM}-{dd} at {H}.{mm}.{ss}",
                        kind: .screenshot),
        FileNamePattern(name: "macos-screen-shot-12h",
                        template: "Screen Shot {yyyy}-{MM}-{dd} at {h}.{mm}.{ss}{ }{a}", kind: .screenshot),
        FileNamePattern(name: "macos-screen-shot", template: "Screen Shot {yyyy}-{MM}-{dd} at {H}.{mm}.{ss}",
                        kind: .screenshot),
        FileNamePattern(name: "macos-screen-recording-12h",
                        template: "Screen Recording {yyyy}-{MM}-{dd} at {h}.{mm}.{ss}{ }{a}", kind: .video),
        FileNamePattern(name: "macos-screen-recording",
                        template: "Screen Recording {yyyy}-{MM}-{dd} at {H}.{mm}.{ss}", kind: .video),
        FileNamePattern(name: "macos-screenshot-fr-12h",
                        template: "Capture d{'}écran {yyyy}-{MM}-{dd} à {h}.{mm}.{ss}{ }{a}", kind: .screenshot),
        FileNamePattern(name: "macos-screenshot-fr", template: "Capture d{'}écran {yyyy}-{MM}-{dd} à {H}.{mm}.{ss}",
                        kind: .screenshot),
        FileNamePattern(name: "macos-screenshot-nl-12h",
                        template: "Schermafbeelding {yyyy}-{MM}-{dd} om {h}.{mm}.{ss}{ }{a}", kind: .screenshot),
        FileNamePattern(name: "macos-screenshot-nl", template: "Schermafbeelding {yyyy}-{MM}-{dd} om {H}.{mm}.{ss}",
                        kind: .screenshot),
        FileNamePattern(name: "macos-screenshot-de-12h",
                        template: "Bildschirmfoto {yyyy}-{MM}-{dd} um {h}.{mm}.{ss}{ }{a}", kind: .screenshot),
        FileNamePattern(name: "macos-screenshot-de", template: "Bildschirmfoto {yyyy}-{MM}-{dd} um {H}.{mm}.{ss}",
                        kind: .screenshot),
        FileNamePattern(name: "windows-screenshot", template: "Screenshot {yyyy}-{MM}-{dd} {HH}{mm}{ss}",
                        kind: .screenshot),
    ]

    /// A name that matched a pattern: the row and the wall-clock reading it gave.
    public struct Match: Sendable {
        /// The row that matched.
        public var pattern: FileNamePattern
        /// The wall-clock reading (UTC when the pattern says so).
        public var local: LocalDateTime

        /// The timestamp, with `zone` assumed unless the pattern writes UTC. A day-precision name gives the
        /// start of that day.
        public func timestamp(assuming zone: TimeZone) -> EvidenceTimestamp {
            EmbeddedTime(source: .filename, field: pattern.name, role: .capture, local: local, isUTC: pattern.isUTC,
                         precision: pattern.precision).timestamp(assuming: zone)
        }
    }

    /// The first pattern `fileName` matches (NFC or NFD, with or without a folder), or `nil`.
    public static func match(_ fileName: String) -> Match? {
        let base = fileName.utf8.contains(UInt8(ascii: "/"))
            ? fileName.split(separator: "/").last.map(String.init) ?? fileName : fileName
        // For an ASCII name, Foundation's normalisation (which decomposes first) cost more than trying every pattern.
        let scalars = Array(base.precomposedNFC.unicodeScalars)
        for (pattern, tokens) in compiled {
            if let local = match(scalars, tokens: tokens) {
                return Match(pattern: pattern, local: local)
            }
        }
        return nil
    }

    /// One step of a template: a character to match as is, or a `{…}` field.
    private enum TemplateToken {
        case literal(Unicode.Scalar)
        case year, month, day, hour24TwoDigits, hour24, hour12, minute, second, millisecond, counter
        case apostrophe, space, meridiem
        /// A field this table does not know: the template never matches.
        case unknown
    }

    /// Every template read into tokens once: `add` tries each name against every pattern, and reading the
    /// templates again per name was a measurable share of adding a folder of screenshots.
    private static let compiled: [(FileNamePattern, [TemplateToken])] = all.map { ($0, tokens(of: $0.template)) }

    private static func tokens(of template: String) -> [TemplateToken] {
        let scalars = Array(template.unicodeScalars)
        var tokens: [TemplateToken] = []
        var t = 0
        while t < scalars.count {
            if scalars[t] == "{", let close = scalars[t...].firstIndex(of: "}") {
                switch String(String.UnicodeScalarView(scalars[(t + 1)..<close])) {
                case "yyyy": tokens.append(.year)
                case "MM": tokens.append(.month)
                case "dd": tokens.append(.day)
                case "HH": tokens.append(.hour24TwoDigits)
                case "H": tokens.append(.hour24)
                case "h": tokens.append(.hour12)
                case "mm": tokens.append(.minute)
                case "ss": tokens.append(.second)
                case "SSS": tokens.append(.millisecond)
                case "n": tokens.append(.counter)
                case "'": tokens.append(.apostrophe)
                case " ": tokens.append(.space)
                case "a": tokens.append(.meridiem)
                default: tokens.append(.unknown)
                }
                t = close + 1
            } else {
                tokens.append(.literal(scalars[t]))
                t += 1
            }
        }
        return tokens
    }

    private static func match(_ name: [Unicode.Scalar], tokens: [TemplateToken]) -> LocalDateTime? {
        var year: Int?, month: Int?, day: Int?, hour24: Int?, hour12: Int?
        var minute = 0, second = 0, millisecond = 0
        var pm: Bool?
        var n = 0
        func digits(min: Int, max: Int) -> Int? {
            var value = 0, count = 0
            while count < max, n < name.count, ("0"..."9").contains(name[n]) {
                value = value * 10 + Int(name[n].value - 48)
                n += 1
                count += 1
            }
            return count >= min ? value : nil
        }
        for token in tokens {
            switch token {
            case .literal(let scalar):
                guard n < name.count, name[n] == scalar else { return nil }
                n += 1
            case .year: guard let v = digits(min: 4, max: 4) else { return nil }; year = v
            case .month: guard let v = digits(min: 2, max: 2) else { return nil }; month = v
            case .day: guard let v = digits(min: 2, max: 2) else { return nil }; day = v
            case .hour24TwoDigits: guard let v = digits(min: 2, max: 2) else { return nil }; hour24 = v
            case .hour24: guard let v = digits(min: 1, max: 2) else { return nil }; hour24 = v
            case .hour12:
                guard let v = digits(min: 1, max: 2), (1...12).contains(v) else { return nil }
                hour12 = v
            case .minute: guard let v = digits(min: 2, max: 2) else { return nil }; minute = v
            case .second: guard let v = digits(min: 2, max: 2) else { return nil }; second = v
            case .millisecond: guard let v = digits(min: 3, max: 3) else { return nil }; millisecond = v
            case .counter: guard digits(min: 1, max: 12) != nil else { return nil }
            case .apostrophe:
                guard n < name.count, name[n] == "'" || name[n] == "\u{2019}" else { return nil }
                n += 1
            case .space:
                guard n < name.count, [" ", "\u{202F}", "\u{00A0}"].contains(name[n]) else { return nil }
                n += 1
            case .meridiem:
                guard n + 1 < name.count, name[n + 1] == "M" || name[n + 1] == "m" else { return nil }
                switch name[n] {
                case "A", "a": pm = false
                case "P", "p": pm = true
                default: return nil
                }
                n += 2
            case .unknown:
                return nil
            }
        }
        if n < name.count, ("0"..."9").contains(name[n]) { return nil }
        // A 24-hour reading followed by AM/PM is a 12-hour name this table has no row for: no time is better
        // than a time twelve hours off.
        if hour24 != nil, followedByMeridiem(name[n...]) { return nil }
        var hour = hour24 ?? 0
        if let hour12, let pm { hour = hour12 % 12 + (pm ? 12 : 0) }
        guard let year, let month, let day else { return nil }
        return LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                             nanosecond: millisecond * 1_000_000)
    }

    /// True when the rest of a name starts with an optional space and `AM`/`PM` (also `a.m.`/`p.m.`).
    private static func followedByMeridiem(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        var rest = rest
        if let first = rest.first, [" ", "\u{202F}", "\u{00A0}"].contains(first) { rest = rest.dropFirst() }
        let letters = String(String.UnicodeScalarView(rest.prefix(4))).lowercased().replacingOccurrences(of: ".", with: "")
        return letters.hasPrefix("am") || letters.hasPrefix("pm")
    }
}
