/// A stable, machine-readable name from an open vocabulary: warning codes, parse-error codes, platforms.
///
/// The swift-asn1 pattern: a struct with a raw string and static members rather than an enum, so that a value
/// written by a later version (a new warning, a new platform) reads back unchanged instead of failing to decode.
/// Encoded as its text alone (`"no-date"`), so JSON holds exactly the strings it held when these were plain strings.
public protocol StableCode: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible
where RawValue == String {
    /// A value from its text.
    init(rawValue: String)
}

extension StableCode {
    /// The text itself.
    public var description: String { rawValue }

    /// Reads the value from a single JSON string.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    /// Writes the value as a single JSON string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
