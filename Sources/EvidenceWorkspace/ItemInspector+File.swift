import EvidenceCrypto
import EvidenceModel
import EvidenceParsers
import EvidenceSystem
import Foundation

extension ItemInspector {
    /// Reads only the bytes it needs (header, metadata boxes and segments; never the whole of a large video)
    /// from the file at `url`.
    ///
    /// For example:
    /// ```swift
    /// let inspection = try ItemInspector.inspect(fileAt: url, originalName: "Screenshot_20231225-140322.png",
    ///                                            context: InspectionContext(timeZone: zone))
    /// ```
    /// - Parameters:
    ///   - url: The file to read (may be a stored copy with another name).
    ///   - originalName: The file's name as the user had it; file-name patterns use it.
    ///   - context: The assumed zone and the times known from outside the file.
    /// - Returns: The inspection. Malformed content gives warnings, never a throw.
    /// - Throws: ``IOError`` naming the file when it cannot be opened or read.
    public static func inspect(fileAt url: URL, originalName: String, context: InspectionContext) throws
        -> ItemInspection
    {
        let source = try FileByteSource(path: url.path)
        return try inspect(source: source, originalName: originalName, context: context)
    }
}

/// What `add` would record about one file, read outside any case: its size and SHA-256, and its inspection
/// (media type, kind, every time it carries with its source, the best one, warnings).
///
/// For example:
/// ```swift
/// let report = try FileInspection(fileAt: "/Users/c/Downloads/IMG_0412.PNG", timeZone: brussels)
/// print(report.sha256, report.inspection.best?.value ?? "no date")
/// ```
public struct FileInspection: Sendable {
    /// The path as given.
    public var path: String
    public var size: UInt64
    /// Lowercase hex.
    public var sha256: String
    public var inspection: ItemInspection

    /// A recognised chat export's or e-mail's own description, as `add` records it; `nil` for other files.
    public var conversation: ConversationSummary?
    public var email: EmailSummary?

    /// Inspects and hashes the file at `path`; its modification time is recorded as a `filesystem` time. A chat
    /// export or an e-mail is recognised by its content as `add` recognises it: its kind, its own times and the
    /// summary of its messages. Assumed times name the zone `zoneName` (as the person wrote it; default: the zone's
    /// identifier).
    ///
    /// - Throws: ``IOError`` naming the file when it cannot be opened or read, or is not a regular file.
    public init(fileAt path: String, timeZone: TimeZone, zoneName: String? = nil, dateOrder: DateOrder? = nil) throws {
        let source = try FileByteSource(path: path)
        let status = try FileSystem.status(path)
        let modified = Instant(unixSeconds: status.modified.seconds, nanoseconds: status.modified.nanoseconds)
        let name = URL(fileURLWithPath: path).lastPathComponent
        inspection = try ItemInspector.inspect(source: source, originalName: name,
                                               context: InspectionContext(timeZone: timeZone, zoneName: zoneName,
                                                                          fileModificationTime: modified))
        let hasher = SHA256Hasher()
        size = try FileSystem.forEachChunk(of: path) { hasher.update($0) }
        sha256 = hasher.finalize().hex
        self.path = path
        // The parsed messages are written where `add` stages them; here a private folder, removed afterwards.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("evidence-inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        guard let recognition = ContentRecognizer.recognize(
            storedCopy: path, originalName: name, originalPath: URL(fileURLWithPath: path).standardizedFileURL.path,
            mediaType: inspection.mediaType, size: Int64(size), timeZone: timeZone, dateOrder: dateOrder,
            stagingFolder: scratch)
        else { return }
        (inspection.kind, inspection.kindReason, inspection.timestamps, inspection.best, inspection.warnings) =
            recognition.applied(toTimestamps: inspection.timestamps, warnings: inspection.warnings)
        if let digest = recognition.conversation {
            conversation = ConversationSummary(
                platform: digest.info.platform, title: digest.info.title, participants: digest.info.participants,
                messageCount: digest.info.messageCount, firstMessageAt: digest.firstMessage?.value,
                lastMessageAt: digest.lastMessage?.value, attachmentItems: [:],
                attachmentMessages: digest.attachmentMessages, missingAttachments: digest.missingAttachments.sorted())
        }
        if let mail = recognition.email {
            email = EmailSummary(from: mail.from, to: mail.to, cc: mail.cc, subject: mail.subject,
                                 messageID: mail.messageID, attachmentItems: [:])
        }
    }

    /// The files `add` would take for `paths`: folders walked in natural order (IMG_2 before IMG_10), operating-system
    /// clutter and symbolic links inside folders left out, and each path left out or unreadable with the reason.
    public static func files(forAdding paths: [String]) -> (files: [String], leftOut: [AddReport.Outcome]) {
        let plan = AddPlan(paths: paths.map { URL(fileURLWithPath: $0) }, caseFolder: nil)
        return (plan.files.map(\.path), plan.outcomes)
    }
}
