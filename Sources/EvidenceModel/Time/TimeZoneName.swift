import Foundation

/// What a person typed for a time zone, read the way they meant it: an IANA name in any case (`europe/brussels`
/// is `Europe/Brussels`), or, when it is not one, the nearest IANA names to suggest. An abbreviation (`CET`, `EST`)
/// is refused with the places that use it: it names an offset, not the summer-time rules of a place.
public enum TimeZoneName: Equatable, Sendable {
    /// An IANA zone, spelled as the system's zone database spells it (or `UTC`).
    case known(String)
    /// Not an IANA zone; the nearest names, best first (possibly none).
    case unknown(suggestions: [String])

    /// Places that use the common abbreviations, the ones European and North American victims are likeliest to type.
    static let abbreviations: [String: [String]] = [
        "CET": ["Europe/Brussels", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam"],
        "CEST": ["Europe/Brussels", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam"],
        "MET": ["Europe/Brussels", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam"],
        "WET": ["Europe/Lisbon", "Atlantic/Canary"],
        "WEST": ["Europe/Lisbon", "Atlantic/Canary"],
        "EET": ["Europe/Athens", "Europe/Bucharest", "Europe/Helsinki"],
        "EEST": ["Europe/Athens", "Europe/Bucharest", "Europe/Helsinki"],
        "GMT": ["UTC", "Europe/London", "Europe/Dublin"],
        "BST": ["Europe/London"],
        "IST": ["Asia/Kolkata", "Europe/Dublin"],
        "EST": ["America/New_York", "America/Toronto"],
        "EDT": ["America/New_York", "America/Toronto"],
        "CST": ["America/Chicago", "America/Mexico_City"],
        "CDT": ["America/Chicago", "America/Mexico_City"],
        "MST": ["America/Denver", "America/Phoenix"],
        "MDT": ["America/Denver", "America/Phoenix"],
        "PST": ["America/Los_Angeles", "America/Vancouver"],
        "PDT": ["America/Los_Angeles", "America/Vancouver"],
        "JST": ["Asia/Tokyo"],
        "AEST": ["Australia/Sydney", "Australia/Melbourne"],
        "AEDT": ["Australia/Sydney", "Australia/Melbourne"],
    ]

    /// Reads `typed`. `UTC` (any case) is known; a name without a `/` other than UTC is not an IANA place name
    /// even when the zone database holds it (`CET`, `EST5EDT`), so it gets suggestions instead.
    public init(_ typed: String) {
        let name = typed.trimmingCharacters(in: .whitespaces)
        if name.uppercased() == "UTC" {
            self = .known("UTC")
            return
        }
        if let suggestions = TimeZoneName.abbreviations[name.uppercased()] {
            self = .unknown(suggestions: suggestions)
            return
        }
        let places = TimeZone.knownTimeZoneIdentifiers.filter { $0.contains("/") }
        if let exact = places.first(where: { $0 == name }) ?? places.first(where: { $0.lowercased() == name.lowercased() }) {
            self = .known(exact)
            return
        }
        self = .unknown(suggestions: TimeZoneName.nearest(to: name, among: places))
    }

    /// The places whose name (or city, for a name typed without a region) is within a few typing mistakes.
    static func nearest(to typed: String, among places: [String]) -> [String] {
        let wanted = Array(typed.lowercased().replacingOccurrences(of: " ", with: "_"))
        let scored = places.map { place -> (String, Int) in
            let full = Array(place.lowercased())
            let city = Array(place.split(separator: "/").last.map(String.init)?.lowercased() ?? "")
            return (place, min(editDistance(wanted, full), editDistance(wanted, city)))
        }
        let allowed = max(2, wanted.count / 3)
        return scored.filter { $0.1 <= allowed }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(4).map(\.0)
    }

    /// Levenshtein distance, one row at a time.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The sentence that says what to type instead, e.g. `“CET” is not an IANA time zone; use one of
    /// Europe/Brussels, Europe/Paris, …`.
    public static func problem(with typed: String, suggestions: [String]) -> String {
        guard !suggestions.isEmpty else {
            return "“\(typed)” is not an IANA time zone; use a name like Europe/Brussels, Europe/Paris or UTC."
        }
        let abbreviation = abbreviations[typed.trimmingCharacters(in: .whitespaces).uppercased()] != nil
        return "“\(typed)” is not an IANA time zone"
            + (abbreviation ? " (an abbreviation names an offset, not a place's summer-time rules)" : "")
            + "; did you mean " + suggestions.joined(separator: ", ") + "?"
    }
}
