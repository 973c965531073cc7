import Foundation

/// Why an export (a chat export, an e-mail, a mailbox) could not be read, and where: the file, and the line and
/// byte when known.
public struct ExportParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Stable, machine-readable reasons. Extensible: new codes may appear.
    public struct Code: StableCode {
        /// The stable text of the code, e.g. `invalid-utf8`.
        public var rawValue: String
        /// A code from its text.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// No RFC 5322 header block at the start of an e-mail.
        public static let noHeaders = Code(rawValue: "no-headers")
        /// Binary content (a NUL byte) where text was expected.
        public static let notText = Code(rawValue: "not-text")
        /// Bytes that are not UTF-8 in a format that is always UTF-8.
        public static let invalidUTF8 = Code(rawValue: "invalid-utf8")
        /// A line longer than any the app writes.
        public static let lineTooLong = Code(rawValue: "line-too-long")
        /// A multi-line message longer than any the app writes.
        public static let messageTooLong = Code(rawValue: "message-too-long")
        /// Nothing in the file looks like a message of the format.
        public static let noMessages = Code(rawValue: "no-messages")
        /// A date or time that does not exist (31 February, hour 25).
        public static let badDate = Code(rawValue: "bad-date")
        /// Days above 12 in both the first and second field: the day/month order cannot be decided.
        public static let inconsistentDates = Code(rawValue: "inconsistent-dates")
        /// JSON that is truncated or not JSON.
        public static let malformedJSON = Code(rawValue: "malformed-json")
        /// XML that is truncated or not the expected XML.
        public static let malformedXML = Code(rawValue: "malformed-xml")
        /// Valid JSON or XML without the members the format has.
        public static let unexpectedStructure = Code(rawValue: "unexpected-structure")
        /// More entries, bytes or messages than the parser's limits.
        public static let tooLarge = Code(rawValue: "too-large")
        /// A zip that cannot be read.
        public static let badArchive = Code(rawValue: "bad-archive")
        /// A platform or file this tool has no parser for.
        public static let unsupported = Code(rawValue: "unsupported")
    }

    /// What kind of problem, for programs.
    public var code: Code
    /// One sentence a person understands.
    public var reason: String
    /// The export's file name as given to the parser.
    public var fileName: String
    /// 1-based line of the problem, when known.
    public var line: Int?
    /// 0-based byte offset of the problem, when known.
    public var byteOffset: Int?

    /// An error naming the file and, when known, the line and byte.
    public init(code: Code, reason: String, fileName: String, line: Int? = nil, byteOffset: Int? = nil) {
        self.code = code
        self.reason = reason
        self.fileName = fileName
        self.line = line
        self.byteOffset = byteOffset
    }

    /// `file, line N (byte B): reason`.
    public var description: String {
        var place = fileName
        if let line { place += ", line \(line)" }
        if let byteOffset { place += " (byte \(byteOffset))" }
        return "\(place): \(reason)"
    }
}
