import EvidenceModel
import EvidenceParsers
import EvidenceSystem
import Foundation

/// A chat export named by a person (`evidence chat parse FILE`), recognised by its content: a zip as the platform
/// hands it out holding one conversation (a WhatsApp `.zip`, a Snapchat or X download: its export file, with its media
/// names known), a text/JSON/XML export of any registered platform, or an e-mail
/// (`.eml`) or mailbox (`.mbox`), whose messages are read as a list the same way.
///
/// For example:
/// ```swift
/// let export = try ChatExportFile(contentsOf: url)
/// let info = try export.stream(options: ChatParseOptions(timeZone: zone)) { message in print(message.text) }
/// ```
public struct ChatExportFile: Sendable {
    /// The name errors and warnings use: the file's name, or `archive.zip/_chat.txt` for a zip.
    public let name: String
    /// The platform, from the content (or, when nothing recognises it, from the extension, so the parser's
    /// error says precisely what is wrong with a binary "_chat.txt" or a truncated "result.json").
    public let platform: ChatPlatform
    /// The export's bytes as stored (for a zip, those of the export file inside).
    public let bytes: [UInt8]
    /// The media names a zip export carries, so messages naming them are marked found or missing.
    public let mediaNames: Set<String>?
    /// The folder the export sits in, where files that name its accounts are looked for (an X archive's
    /// `account.js`); `nil` for a zip.
    let folder: URL?
    /// The account names a zip names its accounts by (an X archive's `data/account.js`).
    let archiveAccountNames: [String: String]?
    /// Set when the file is an e-mail or a mailbox rather than a chat export: its messages are printed alike.
    let mailFormat: MailFormat?

    /// Reads and recognises the export at `url`.
    ///
    /// - Throws: ``IOError`` when the file cannot be read or is a folder; ``ChatParseError`` when it is a broken
    ///   or hostile zip, a zip holding several conversations (`unsupported`, naming them), or not a chat export this
    ///   tool recognises.
    public init(contentsOf url: URL) throws {
        let status = try FileSystem.status(url.path)
        guard !status.isDirectory else {
            throw IOError(path: url.path, operation: "read", reason: "a folder, not a file: name the export file in it")
        }
        var bytes = try FileSystem.readPrefix(of: url.path, limit: Int(status.size))
        var name = url.lastPathComponent
        var mediaNames: Set<String>?
        var accountNames: [String: String]?
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            let download = try PlatformDownload(zipAt: url)
            guard download.conversations.count == 1, let only = download.conversations.first else {
                let listed = download.conversations.prefix(5).map(\.entryPath).joined(separator: ", ")
                throw ChatParseError(code: .unsupported, reason: "the archive holds \(download.conversations.count) "
                                        + "conversations (\(listed)\(download.conversations.count > 5 ? ", …" : "")): "
                                        + "unpack it and name one, or give the zip to evidence add", fileName: name)
            }
            bytes = only.bytes
            name = download.displayName(of: only)
            mediaNames = download.carriesEveryFile(only)
                ? Set(download.filePaths.filter { $0 != only.entryPath }) : download.mediaNames(for: only)
            accountNames = download.accountNames
        }
        let fallback: [String: ChatPlatform] = ["txt": .whatsapp, "json": .telegram, "xml": .sms]
        let detected = ChatExportDetector.detect(bytes: bytes, name: name)
        self.mailFormat = detected == nil && mediaNames == nil ? MailDetector.detect(bytes: bytes, name: name) : nil
        guard let platform = detected ?? (mailFormat != nil ? .email : nil)
            ?? fallback[url.pathExtension.lowercased()]
        else {
            throw ChatParseError(code: .unsupported, reason: "not a chat export this tool recognises", fileName: name,
                                 line: 1)
        }
        self.name = name
        self.folder = mediaNames == nil ? url.deletingLastPathComponent() : nil
        self.platform = platform
        self.bytes = bytes
        self.mediaNames = mediaNames
        self.archiveAccountNames = accountNames
    }

    /// Parses the export, handing each message to `onMessage` in the export's order.
    ///
    /// - Throws: ``ChatParseError`` naming the file and line; anything `onMessage` throws.
    public func stream(options: ChatParseOptions, onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        if let mailFormat {
            return try MailTranscript.stream(bytes: bytes, name: name, format: mailFormat, timeZone: options.timeZone,
                                             onMessage: onMessage)
        }
        var options = options
        if let mediaNames { options.availableMediaNames = mediaNames }
        if let folder { options.accountNames = ContentRecognizer.accountNames(for: platform, besideExportIn: folder) }
        if let archiveAccountNames { options.accountNames = archiveAccountNames }
        return try ChatParsers.stream(bytes: bytes, name: name, platform: platform, options: options,
                                      onMessage: onMessage)
    }
}
