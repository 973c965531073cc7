import EvidenceModel
import EvidenceCrypto
import EvidenceSystem
import EvidenceParsers
import EvidenceFormat
import Foundation
import ZIPFoundation

/// A zip as a platform hands it out: a WhatsApp "Export chat → Attach media" zip, or a "download your data"
/// archive (Snapchat `mydata~….zip`, Instagram and Facebook "Download your information", Discord `package.zip`,
/// the X archive, TikTok's download, a Messenger end-to-end encrypted chats download, a Telegram Desktop export
/// folder zipped by a person). It finds the conversations inside by known layout and content, and the media files
/// they name.
///
/// The archive is hostile input. Before any entry is inflated, every name is checked (no absolute path, no `..`, no
/// backslash, no symbolic link) and the entries are counted; a conversation file is read only up to a cap, and
/// sizes are checked while inflating (a zip's declared sizes can lie), so a zip bomb stops at the cap instead of
/// filling the disk or memory. Anything wrong with the archive as a whole is one ``ChatParseError`` naming the zip,
/// thrown before anything is taken out of it.
///
/// For example:
/// ```swift
/// let download = try PlatformDownload(zipAt: url)
/// for conversation in download.conversations {
///     var options = ChatParseOptions(timeZone: zone)
///     options.availableMediaNames = download.mediaNames(for: conversation)
///     let chat = try ChatParsers.parse(bytes: conversation.bytes, name: conversation.entryPath,
///                                      platform: conversation.platform, options: options)
/// }
/// ```
package struct PlatformDownload: Sendable {
    /// One export file found in the archive: what `chat parse` reads and `add` turns into one chat item.
    package struct Conversation: Sendable {
        /// The entry's path in the archive (`your_instagram_activity/messages/inbox/dana_1/message_1.json`).
        package var entryPath: String
        /// The platform its content was recognised as.
        package var platform: ChatPlatform
        /// The entry's bytes, exactly as stored.
        package var bytes: [UInt8]
        /// The archive folder the names in the export are relative to (`""` for the archive's root).
        package var mediaFolder: String
    }

    /// A conversation of a download, as handed to the item made of it: the recognition of that item needs the
    /// archive the conversation's media are in.
    package struct Member: Sendable {
        package var download: PlatformDownload
        package var conversation: Conversation
    }

    /// Most entries accepted: a large Instagram download holds some tens of thousands of files.
    package static let maximumEntries = 200_000
    /// Largest WhatsApp chat text accepted (uncompressed): 64 MiB. WhatsApp itself exports at most 40,000
    /// messages (10,000 with media), a few megabytes of text; 64 MiB is ten times any real export, and reading it
    /// whole plus parsing it stays far below 300 MB of memory whatever the archive claims.
    package static let maximumChatBytes = 64 << 20
    /// Largest export file of the other platforms (uncompressed): a Snapchat `chat_history.json` of a million
    /// messages is about 290 MB.
    package static let maximumExportBytes = 512 << 20
    /// Most bytes of export files read out of one archive, all conversations together.
    package static let maximumConversationBytes = 1 << 30
    /// Largest single media file extracted (uncompressed).
    package static let maximumMediaBytes: UInt64 = 8 << 30
    /// Above this size, an entry that compresses better than ``suspiciousRatio``:1 is not inflated.
    package static let suspiciousSize: UInt64 = 32 << 20
    package static let suspiciousRatio: UInt64 = 100

    /// The archive's location.
    package let url: URL
    /// The conversations found, in archive order.
    package let conversations: [Conversation]
    /// Every file entry's path, in archive order.
    package let filePaths: [String]
    /// The names an X archive's `data/account.js` gives to account ids (empty for other platforms).
    package let accountNames: [String: String]
    private let fileSet: Set<String>
    private let opened: OpenedArchive

    /// The archive's file name, which errors name.
    package var name: String { url.lastPathComponent }

    /// The name the conversation's messages and errors carry: `archive.zip/_chat.txt`.
    package func displayName(of conversation: Conversation) -> String { "\(name)/\(conversation.entryPath)" }

    /// Opens the archive, checks every entry's name, reads the export files it holds and keeps those whose content
    /// a chat parser recognises.
    ///
    /// - Throws: ``ChatParseError`` naming the archive: `bad-archive` (not a zip, an entry that would land outside
    ///   the archive or is a symbolic link, an export file that cannot be inflated), `too-large` (too many
    ///   entries, an export file larger than the caps or inflating like a zip bomb), `no-messages` (no
    ///   conversation inside).
    /// - Parameter maximumEntries: most entries accepted (``maximumEntries`` unless a test needs fewer).
    package init(zipAt url: URL, maximumEntries: Int = PlatformDownload.maximumEntries) throws {
        self.url = url
        let name = url.lastPathComponent
        let archive = try Self.openArchive(url)
        var files: [Entry] = []
        var count = 0
        for entry in archive {
            count += 1
            if count > maximumEntries {
                throw ChatParseError(code: .tooLarge, reason: "the archive has more than \(maximumEntries) "
                                        + "entries, which no platform's download does; nothing was taken out of it",
                                     fileName: name)
            }
            if let problem = Self.unsafeName(entry.path) {
                throw ChatParseError(code: .badArchive, reason: "the entry \"\(entry.path)\" \(problem); nothing was "
                                        + "taken out of the archive", fileName: name)
            }
            if entry.type == .symlink {
                throw ChatParseError(code: .badArchive, reason: "the entry \"\(entry.path)\" is a symbolic link, which "
                                        + "no platform's download holds; nothing was taken out of the archive",
                                     fileName: name)
            }
            if entry.type == .file { files.append(entry) }
        }
        filePaths = files.map(\.path)
        fileSet = Set(filePaths)
        opened = OpenedArchive(archive, files: files)

        var found: [Conversation] = []
        var total = 0
        for entry in files where Self.mayBeConversation(entry.path) {
            let cap = WhatsAppMarkers.isChatText(entry.path) ? Self.maximumChatBytes : Self.maximumExportBytes
            let bytes = try Self.inflate(entry, of: archive, limit: cap, archiveName: name)
            // A text named as WhatsApp names its chat is read as one even when damaged, so the parser's error
            // says what is wrong with it.
            guard let platform = ChatExportDetector.detect(bytes: bytes, name: entry.path)
                ?? (WhatsAppMarkers.isChatText(entry.path) ? .whatsapp : nil)
            else { continue }
            total += bytes.count
            if total > Self.maximumConversationBytes {
                throw ChatParseError(code: .tooLarge, reason: "its conversations inflate to more than "
                                        + "\(Self.maximumConversationBytes) bytes together", fileName: name)
            }
            var folder = (entry.path as NSString).deletingLastPathComponent
            let root = ChatParsers.mediaRoot(for: platform)
            if !root.isEmpty { folder = Self.resolved(root, in: folder) ?? "" }
            found.append(Conversation(entryPath: entry.path, platform: platform, bytes: bytes, mediaFolder: folder))
        }
        // An Android WhatsApp zip may also carry a text document named like a chat: the shortest name is the chat.
        if found.count > 1, found.allSatisfy({ $0.platform == .whatsapp }),
           let chat = found.min(by: { $0.entryPath.count < $1.entryPath.count }) {
            found = [chat]
        }
        guard !found.isEmpty else {
            throw ChatParseError(code: .noMessages, reason: "the archive holds no chat export this tool recognises "
                                    + "(such as _chat.txt, message_1.json or chat_history.json)", fileName: name)
        }
        conversations = found

        var accounts: [String: String] = [:]
        for conversation in found where conversation.platform == .x {
            let path = Self.joined(conversation.mediaFolder, "account.js")
            if let entry = archive[path], entry.type == .file,
               let bytes = try? Self.inflate(entry, of: archive, limit: 1 << 20, archiveName: name) {
                accounts.merge(XArchiveParser.accounts(fromAccountJS: bytes)) { first, _ in first }
            }
        }
        accountNames = accounts
    }

    /// Whether every file of the archive belongs to the conversation: a WhatsApp zip holds one chat and its media
    /// and nothing else, so each of its files becomes an item, named by a message or not. A download holds much
    /// besides (ads, settings, profile pictures): only the media a message names become items.
    package func carriesEveryFile(_ conversation: Conversation) -> Bool {
        conversation.platform == .whatsapp && conversations.count == 1
    }

    /// The names under which the conversation's messages may refer to files of the archive: relative to its media
    /// folder (`photos/1.jpg`, `./media/1.jpeg` as the encrypted Messenger export writes them), and from the
    /// archive's root for the files in that folder (`your_instagram_activity/messages/inbox/dana_1/photos/1.jpg`,
    /// as Instagram's JSON writes them).
    package func mediaNames(for conversation: Conversation) -> Set<String> {
        var names: Set<String> = []
        let prefix = conversation.mediaFolder.isEmpty ? "" : conversation.mediaFolder + "/"
        for path in filePaths where path.hasPrefix(prefix) && path != conversation.entryPath {
            let relative = String(path.dropFirst(prefix.count))
            names.insert(relative)
            names.insert("./" + relative)
            names.insert(path)
        }
        return names
    }

    /// The entry a message's file name refers to, or `nil` when the archive does not hold it.
    package func entryPath(forMedia name: String, of conversation: Conversation) -> String? {
        if let path = Self.resolved(name, in: conversation.mediaFolder), fileSet.contains(path) { return path }
        if let path = Self.resolved(name, in: ""), fileSet.contains(path),
           path.hasPrefix(conversation.mediaFolder.isEmpty ? "" : conversation.mediaFolder + "/") {
            return path
        }
        return nil
    }

    /// The media files of a conversation that become items, each under the name its messages use and with its
    /// entry in the archive: every other file for a WhatsApp zip, else each file a message names.
    package func mediaFiles(of conversation: Conversation, namedByMessages names: some Sequence<String>)
        -> [(name: String, entryPath: String)]
    {
        if carriesEveryFile(conversation) {
            return filePaths.filter { $0 != conversation.entryPath }.map { ($0, $0) }
        }
        var seen: Set<String> = []
        var files: [(name: String, entryPath: String)] = []
        for name in names.sorted() {
            guard let path = entryPath(forMedia: name, of: conversation), seen.insert(path).inserted else { continue }
            files.append((name, path))
        }
        return files
    }

    /// Writes one file entry, inflated, to a new file at `destination` (which must not exist yet).
    ///
    /// - Throws: ``ChatParseError`` when the entry is missing, damaged, inflates like a zip bomb or is larger than
    ///   ``maximumMediaBytes``; file-system errors from creating `destination`.
    package func extractFile(_ entryPath: String, to destination: URL) throws {
        try opened.withEntry(entryPath) { archive, entry in
            guard let entry else {
                throw ChatParseError(code: .badArchive, reason: "no file entry named \"\(entryPath)\"", fileName: name)
            }
            try extract(entry, of: archive, to: destination)
        }
    }

    private func extract(_ entry: Entry, of archive: Archive, to destination: URL) throws {
        let entryPath = entry.path
        try Self.refuseBomb(entry, archiveName: name, whatItIsNot: "no photo or video")
        let limit = min(Self.maximumMediaBytes, entry.uncompressedSize)
        guard FileManager.default.createFile(atPath: destination.path, contents: nil) else {
            throw IOError(path: destination.path, operation: "create", reason: "the file could not be created")
        }
        let handle = try FileHandle(forWritingTo: destination)
        defer { try? handle.close() }
        var written: UInt64 = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data in
                written += UInt64(data.count)
                // Never more than the archive declares for the entry, so a lying header cannot fill the disk.
                if written > limit {
                    throw ChatParseError(code: .tooLarge, reason: "\(entryPath) inflates to more than the "
                                            + "\(limit) bytes the archive declares for it", fileName: name)
                }
                try handle.write(contentsOf: data)
            }
            try handle.synchronize()
        } catch let error as ChatParseError {
            throw error
        } catch {
            throw ChatParseError(code: .badArchive, reason: "\(entryPath) cannot be inflated (\(error))", fileName: name)
        }
    }

    // MARK: - Layout

    /// Whether an entry is worth inflating to look at its content: the file names the platforms give their
    /// exports, and any text, JSON or HTML file at the archive's first two levels (a Messenger end-to-end encrypted
    /// download names its files after the chats; a person may zip a renamed export). Media, ads and settings deep
    /// in a download are never read.
    static func mayBeConversation(_ path: String) -> Bool {
        if WhatsAppMarkers.isChatText(path) { return true }
        let base = (path as NSString).lastPathComponent.lowercased()
        let ext = (base as NSString).pathExtension
        let depth = path.split(separator: "/").count - 1
        switch base {
        case "result.json", "chat_history.json", "snap_history.json", "user_data_tiktok.json", "user_data.json",
             "messages.json", "messages.csv":
            return true
        default:
            break
        }
        if base.hasPrefix("message_"), ext == "json" || ext == "html" { return true }
        if base.hasPrefix("messages"), ext == "html" { return true }
        if base.hasPrefix("direct-messages"), ext == "js", !base.contains("header") { return true }
        if ext == "txt", base.contains("direct message") { return true }
        return depth <= 1 && ["json", "html", "txt"].contains(ext)
    }

    /// Why an entry name is unsafe to take out of the archive, or `nil`.
    static func unsafeName(_ path: String) -> String? {
        if path.hasPrefix("/") { return "is an absolute path" }
        if path.contains("\\") { return "holds a backslash, which some unzip tools read as a folder separator" }
        if path.utf8.contains(0) { return "holds a NUL byte" }
        if let first = path.split(separator: "/").first, first.count == 2, first.hasSuffix(":") {
            return "starts with a drive letter"
        }
        if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            return "would land outside the archive (..)"
        }
        return nil
    }

    /// `name` resolved against `folder` inside the archive (`.` and `..` segments applied), or `nil` when it
    /// would leave the archive.
    static func resolved(_ name: String, in folder: String) -> String? {
        var parts = folder.split(separator: "/").map(String.init)
        for part in name.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    private static func joined(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder + "/" + name
    }

    // MARK: - Inflating

    /// Photos, videos, voice notes and chat texts never compress 100:1 into tens of megabytes; such an entry is a
    /// zip bomb and is not inflated (the zip itself stays evidence).
    private static func refuseBomb(_ entry: Entry, archiveName: String, whatItIsNot: String) throws {
        let declared = entry.uncompressedSize
        let ratio = declared / max(entry.compressedSize, 1)
        if declared > suspiciousSize, ratio > suspiciousRatio {
            throw ChatParseError(code: .tooLarge, reason: "\(entry.path) would inflate \(ratio):1 to \(declared) bytes, "
                                    + "which \(whatItIsNot) does; not extracted", fileName: archiveName)
        }
    }

    /// An entry's bytes, refused when it declares more than `limit` bytes, compresses like a zip bomb, or inflates
    /// past what it declares.
    private static func inflate(_ entry: Entry, of archive: Archive, limit: Int, archiveName: String) throws -> [UInt8] {
        // A declared size over the cap is refused before a byte is inflated; a lying one stops at the cap.
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw ChatParseError(code: .tooLarge, reason: "\(entry.path) declares \(entry.uncompressedSize) bytes, "
                                    + "more than \(limit)", fileName: archiveName)
        }
        try refuseBomb(entry, archiveName: archiveName, whatItIsNot: "no chat export")
        let cap = Int(entry.uncompressedSize)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(cap)
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data in
                if bytes.count + data.count > cap {
                    throw ChatParseError(code: .tooLarge, reason: "\(entry.path) inflates to more than the "
                                            + "\(cap) bytes the archive declares for it", fileName: archiveName)
                }
                bytes.append(contentsOf: data)
            }
        } catch let error as ChatParseError {
            throw error
        } catch {
            throw ChatParseError(code: .badArchive, reason: "\(entry.path) cannot be inflated (\(error))",
                                 fileName: archiveName)
        }
        return bytes
    }

    /// The archive, opened once, and its file entries by path, shared by every extraction: ZIPFoundation's
    /// `Archive` must not be used from two threads at once, and looking an entry up by name walks its whole central
    /// directory, which for a download of 50,000 files is too slow to do once per medium.
    private final class OpenedArchive: @unchecked Sendable {
        private let lock = NSLock()
        private let archive: Archive
        private let files: [String: Entry]

        init(_ archive: Archive, files: [Entry]) {
            self.archive = archive
            self.files = Dictionary(files.map { ($0.path, $0) }) { first, _ in first }
        }

        func withEntry<T>(_ path: String, _ body: (Archive, Entry?) throws -> T) throws -> T {
            lock.lock()
            defer { lock.unlock() }
            return try body(archive, files[path])
        }
    }

    /// Opens the archive for reading; a file that is not a zip is a `bad-archive` error naming it.
    private static func openArchive(_ url: URL) throws -> Archive {
        do {
            return try Archive(url: url, accessMode: .read)
        } catch {
            throw ChatParseError(code: .badArchive, reason: "not a readable zip archive (\(error))",
                                 fileName: url.lastPathComponent)
        }
    }
}
