/// Read access to the bag's own files for the summary: the derived message lines of conversations and mailboxes,
/// the bytes of an `.eml` item, the custody journal.
///
/// Every read is bounded: the summary asks for at most a limit of bytes per file, and a file that cannot be read
/// becomes a visible note in the summary, never a failure. `EvidenceFormat` has no e-mail parser, so the caller
/// that has one (the case) hands in ``emailBody``.
///
/// For example, a summary of a bag in a folder:
/// ```swift
/// let files = SummaryBagFiles(read: { path, limit in try readPrefix(of: bag + "/" + path, limit: limit) })
/// let html = HTMLSummary(manifest: manifest, language: .french, payload: files).render()
/// ```
public struct SummaryBagFiles: Sendable {
    /// Reads at most `limit` bytes from the start of the bag file at `path` (`data/…`, `evidence/custody.jsonl`).
    public var read: @Sendable (_ path: String, _ limit: Int) throws -> [UInt8]
    /// The text of an e-mail message's bytes; `nil` when they cannot be read as one.
    public var emailBody: @Sendable (_ message: [UInt8]) -> SummaryEmailBody?

    /// A reader from its two parts; without `emailBody`, e-mails are shown by their headers only.
    public init(read: @escaping @Sendable (_ path: String, _ limit: Int) throws -> [UInt8],
                emailBody: @escaping @Sendable (_ message: [UInt8]) -> SummaryEmailBody? = { _ in nil }) {
        self.read = read
        self.emailBody = emailBody
    }

    /// Reads nothing: every file the summary would show becomes a note that it could not be read.
    public static let none = SummaryBagFiles(read: { path, _ in throw UnreadableFile(path: path) })

    private struct UnreadableFile: Error {
        var path: String
    }

    /// At most `limit` bytes of `path`, or `nil` when it cannot be read; a reader that returns more is cut.
    func prefix(of path: String, limit: Int) -> [UInt8]? {
        guard let bytes = try? read(path, limit) else { return nil }
        return bytes.count > limit ? Array(bytes.prefix(limit)) : bytes
    }
}

/// The text of an e-mail, as its parser read it.
public struct SummaryEmailBody: Sendable, Equatable {
    /// The first `text/plain` part, decoded.
    public var text: String?
    /// The first `text/html` part, decoded; the summary shows it as text, never as HTML.
    public var html: String?

    /// A body from its parts.
    public init(text: String?, html: String?) {
        self.text = text
        self.html = html
    }
}

/// How much of the bag the summary reads and shows, so that a summary of any bundle stays far below
/// ``BundleLimits/maximumTagFileBytes`` and opens in a browser within seconds.
enum SummaryLimits {
    /// Bytes read from one file of derived message lines (about 150,000 messages).
    static let messageLinesBytes = 32 << 20
    /// Bytes read from one `.eml` item.
    static let emailBytes = 16 << 20
    /// Characters of one e-mail body shown.
    static let emailBodyCharacters = 200_000
    /// Bytes read from the custody journal: its first line names who created the case.
    static let journalBytes = 64 << 10
    /// Bytes of HTML all conversation threads together may take; messages beyond are counted, not shown.
    static let threadBytes = 20 << 20
}
