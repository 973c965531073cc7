import EvidenceModel
import EvidenceSystem
import EvidenceParsers
import EvidenceFormat
import EvidenceCrypto
import Foundation

/// What `add` learns from the content of a chat export or an e-mail, beyond media metadata:
/// the parsed conversation or message, its times, and the files inside it that become items of their own.
struct ContentRecognition {
    enum ChildSource {
        /// Decoded bytes (an e-mail attachment, an MMS part).
        case bytes([UInt8])
        /// A file of a platform's zip, by its entry path.
        case zipEntry(PlatformDownload, String)
    }

    /// A file carried inside the item (zip media, e-mail attachment, a conversation of a download).
    struct Child {
        /// The name the item's messages use for the file (an attachment name), or its path in the archive.
        var name: String
        var source: ChildSource
        /// Set when the file is one conversation of a download: its media are in that download.
        var conversation: PlatformDownload.Member?
    }

    /// A parsed conversation, summarised: its messages went straight to a JSON Lines file as they were parsed,
    /// so a years-long export never sits in memory as objects.
    struct ConversationDigest {
        var info: ConversationInfo
        var firstMessage: EvidenceTimestamp?
        var lastMessage: EvidenceTimestamp?
        var attachmentMessages: [String: [Int]] = [:]
        var missingAttachments: Set<String> = []
        /// The derived JSON Lines, written and flushed in the case's staging folder.
        var derivedStagingPath: String
        var derivedSHA256: String
        var derivedSize: Int64
    }

    var kind: EvidenceKind
    var kindReason: String
    var timestamps: [EvidenceTimestamp] = []
    var warnings: [EvidenceWarning] = []
    var conversation: ConversationDigest?
    var email: MailMessage?
    var children: [Child] = []
    /// For exports that refer to files beside them (a WhatsApp `.txt`, a Telegram `result.json`):
    /// the folder those names are relative to.
    var attachmentFolder: URL?

    /// What an item's media inspection becomes once its content is recognised: the recognised kind, the content's
    /// own times added to the file's and ranked again (the same for `add` and `inspect`).
    func applied(toTimestamps timestamps: [EvidenceTimestamp], warnings: [EvidenceWarning])
        -> (kind: EvidenceKind, kindReason: String, timestamps: [EvidenceTimestamp], best: EvidenceTimestamp?,
            warnings: [EvidenceWarning])
    {
        let all = timestamps + self.timestamps
        let ranking = TimestampRanking.evaluate(all, kind: kind)
        return (kind, kindReason, all, ranking.best,
                warnings.filter { !EvidenceItem.rankingWarningCodes.contains($0.code) } + self.warnings + ranking.warnings)
    }
}

/// Recognises chat exports and e-mails by content and parses them. Never throws: an export that cannot be
/// parsed is still kept as evidence, with a warning saying why.
enum ContentRecognizer {
    /// Exports larger than this are kept but not parsed (a warning says so).
    static let maximumParsedBytes: Int64 = 1 << 30
    /// How deep and how many names are looked at beside an export to tell which referenced files exist.
    static let maximumFolderDepth = 3
    static let maximumFolderEntries = 50_000

    /// - Parameter contents: the stored copy's bytes when the caller already holds them (a message of a mailbox,
    ///   an attachment), so they are not read back from the store.
    /// - Parameter progress: told how many of a mailbox's messages are read, of how many.
    /// - Parameter member: set when the item is one conversation of a platform's download (carried by the zip's
    ///   item): it is read as the platform found in the download, with the download's media.
    static func recognize(storedCopy path: String, contents: [UInt8]? = nil, originalName: String, originalPath: String,
                          mediaType: String, size: Int64, timeZone: TimeZone, dateOrder: DateOrder? = nil,
                          stagingFolder: URL, member: PlatformDownload.Member? = nil,
                          progress: ((_ read: Int, _ total: Int) -> Void)? = nil) -> ContentRecognition? {
        let textual = mediaType.hasPrefix("text/") || mediaType == "application/mbox" || mediaType == "application/json"
        if let member {
            return conversation(member, name: member.download.displayName(of: member.conversation),
                                timeZone: timeZone, dateOrder: dateOrder, stagingFolder: stagingFolder)
        }
        if mediaType == "application/zip" {
            return recognizeDownload(URL(fileURLWithPath: path), originalName: originalName, timeZone: timeZone,
                                     dateOrder: dateOrder, stagingFolder: stagingFolder)
        }
        guard textual else { return nil }
        if size > maximumParsedBytes {
            return nil
        }
        guard let bytes = contents ?? (try? FileSystem.readPrefix(of: path, limit: Int(size))) else { return nil }
        if let platform = ChatExportDetector.detect(bytes: bytes, name: originalName) {
            // The folder the export's file names are relative to (Snapchat's `json/` names `../chat_media/`).
            var folder = URL(fileURLWithPath: originalPath).deletingLastPathComponent()
            let root = ChatParsers.mediaRoot(for: platform)
            if !root.isEmpty { folder = folder.appendingPathComponent(root).standardizedFileURL }
            var options = ChatParseOptions(timeZone: timeZone, dateOrder: dateOrder)
            options.availableMediaNames = filesBeside(folder)
            if platform == .instagram || platform == .messenger {
                options.availableMediaNames = metaNames(for: options.availableMediaNames ?? [], besideExportIn: folder)
            }
            options.accountNames = accountNames(for: platform, besideExportIn: folder)
            return conversation(platform: platform, bytes: bytes, name: originalName, options: options,
                                attachmentFolder: folder, stagingFolder: stagingFolder)
        }
        if let format = MailDetector.detect(bytes: bytes, name: originalName) {
            return mail(format: format, bytes: bytes, name: originalName, timeZone: timeZone, stagingFolder: stagingFolder,
                        progress: progress)
        }
        return nil
    }

    /// A zip as a platform hands it out (see ``PlatformDownload``). Holding one conversation (a WhatsApp zip, a
    /// zipped Telegram export), the zip is that conversation and the files its messages name are its children, as
    /// a WhatsApp zip has always been. Holding several (an Instagram or Discord download), the zip is one item whose
    /// children are the conversations, each a chat item whose own children are the media its messages name; the
    /// rest of the download (ads, settings, profile) stays inside the zip, which is kept whole as the original.
    /// A zip that is no download gives `nil`; one refused as hostile is kept with a warning saying why, and
    /// nothing is taken out of it.
    private static func recognizeDownload(_ url: URL, originalName: String, timeZone: TimeZone, dateOrder: DateOrder?,
                                          stagingFolder: URL) -> ContentRecognition? {
        let download: PlatformDownload
        do {
            download = try PlatformDownload(zipAt: url)
        } catch let error as ChatParseError where error.code == .noMessages {
            return nil
        } catch {
            let reason = (error as? ChatParseError)?.reason ?? "\(error)"
            return ContentRecognition(kind: .other, kindReason: "ZIP archive, not read as a chat export or download",
                                      warnings: [EvidenceWarning(code: .chatUnreadable, message: "\(originalName) was "
                                                    + "not read as a chat export or download: \(reason). The zip is kept as it is.")])
        }
        if download.conversations.count == 1, let only = download.conversations.first {
            let member = PlatformDownload.Member(download: download, conversation: only)
            // WhatsApp's messages and warnings have always named the zip itself.
            let name = only.platform == .whatsapp ? originalName : download.displayName(of: only)
            var recognition = conversation(member, name: name, timeZone: timeZone, dateOrder: dateOrder,
                                           stagingFolder: stagingFolder)
            recognition.kindReason = only.platform == .whatsapp
                ? "WhatsApp export archive (\(only.entryPath) and \(recognition.children.count) media files)"
                : "\(only.platform.rawValue) download (\(only.entryPath) and \(recognition.children.count) media files "
                    + "its messages name)"
            return recognition
        }
        let platforms = Set(download.conversations.map(\.platform.rawValue)).sorted().joined(separator: ", ")
        var recognition = ContentRecognition(
            kind: .other,
            kindReason: "\(platforms) download holding \(download.conversations.count) conversations, each kept as an "
                + "item with the media its messages name (the rest of the download stays inside the zip)")
        recognition.children = download.conversations.map {
            .init(name: $0.entryPath, source: .bytes($0.bytes),
                  conversation: PlatformDownload.Member(download: download, conversation: $0))
        }
        return recognition
    }

    /// One conversation of a download, parsed with the download's files as its media: the files its messages name
    /// (every file, for a WhatsApp zip) become its children, each under the name the messages use.
    private static func conversation(_ member: PlatformDownload.Member, name: String, timeZone: TimeZone,
                                     dateOrder: DateOrder?, stagingFolder: URL) -> ContentRecognition {
        let (download, found) = (member.download, member.conversation)
        var options = ChatParseOptions(timeZone: timeZone, dateOrder: dateOrder)
        options.availableMediaNames = download.carriesEveryFile(found)
            ? Set(download.filePaths.filter { $0 != found.entryPath }) : download.mediaNames(for: found)
        options.accountNames = download.accountNames
        var recognition = conversation(platform: found.platform, bytes: found.bytes, name: name, options: options,
                                       attachmentFolder: nil, stagingFolder: stagingFolder)
        let named = recognition.conversation?.attachmentMessages.keys.map { $0 } ?? []
        recognition.children += download.mediaFiles(of: found, namedByMessages: named).map {
            .init(name: $0.name, source: .zipEntry(download, $0.entryPath))
        }
        return recognition
    }

    private static func conversation(platform: ChatPlatform, bytes: [UInt8], name: String, options: ChatParseOptions,
                                     attachmentFolder: URL?, stagingFolder: URL) -> ContentRecognition {
        let recognition = ContentRecognition(kind: .chat, kindReason: "\(platform.rawValue) chat export (recognised by its content)",
                                             attachmentFolder: attachmentFolder)
        return deriveMessages(into: recognition, stagingFolder: stagingFolder) { onMessage, carry in
            try ChatParsers.stream(bytes: bytes, name: name, platform: platform, options: options) { message in
                try onMessage(message)
                if platform == .sms, !message.attachments.isEmpty {
                    for file in (try? SMSBackupParser.embeddedFiles(in: bytes, of: message, name: name)) ?? [] {
                        carry(.init(name: file.name, source: .bytes(file.bytes)))
                    }
                }
            }
        } failure: { error in
            EvidenceWarning(code: .chatUnreadable,
                            message: "Looks like a \(platform.rawValue) export but could not be read: \(error). The file is kept as it is.")
        }
    }

    /// The messages `parse` delivers, written as they come to a JSON Lines file in the case's staging folder
    /// (so a years-long export never sits in memory as objects) and summarised; `carry` collects the files they
    /// hold (MMS parts, e-mail attachments). Parsing runs here and the rest (encoding, SHA-256, writing, the
    /// summary) on a second thread, as `chat parse` prints (``ChatMessagePipeline``).
    private static func deriveMessages(
        into start: ContentRecognition, stagingFolder: URL,
        parse: (_ onMessage: (ChatMessage) throws -> Void, _ carry: (ContentRecognition.Child) -> Void) throws -> ConversationInfo,
        failure: (any Error) -> EvidenceWarning
    ) -> ContentRecognition {
        var recognition = start
        let stagingPath = stagingFolder.appendingPathComponent("\(UUID().uuidString).part").path
        do {
            let fd = try FileSystem.createExclusive(stagingPath, mode: 0o444)
            defer { FileSystem.close(fd) }
            let file = HashingFileWriter(fd: fd, path: stagingPath)
            defer { file.stop() }
            let derived = DerivedMessagesFile(file: file, fd: fd, path: stagingPath)
            var carried: [ContentRecognition.Child] = []
            let info = try ChatMessagePipeline.run(parse: { onMessage in
                // Both closures run on this thread, one after the other, never inside each other.
                try withoutActuallyEscaping(onMessage) { try parse($0, { carried.append($0) }) }
            }, format: { try derived.write($0) }, finish: { try derived.finish(parsingSucceeded: $0) })
            // The pipeline returns only when parsing succeeded, and then `finish` has written everything.
            guard let written = derived.written else {
                preconditionFailure("the derived messages were not written to the end")
            }
            for (stamp, role) in [(derived.first, TimestampRole.conversationStart), (derived.last, .conversationEnd)] {
                guard let stamp else { continue }
                recognition.timestamps.append(stamp.asConversationBound(role))
            }
            recognition.warnings = info.warnings
            recognition.children = carried
            recognition.conversation = ContentRecognition.ConversationDigest(
                info: info, firstMessage: derived.first, lastMessage: derived.last,
                attachmentMessages: derived.attachmentMessages, missingAttachments: derived.missing,
                derivedStagingPath: stagingPath, derivedSHA256: written.sha256.hex, derivedSize: written.size)
        } catch {
            FileSystem.removeFile(stagingPath)
            recognition.warnings.append(failure(error))
        }
        return recognition
    }

    /// The derived JSON Lines being encoded and summarised on ``ChatMessagePipeline``'s formatting thread (one
    /// thread at a time, hence unchecked), then written and hashed on a third (``HashingFileWriter``); read by the
    /// parsing thread once the pipeline has ended.
    private final class DerivedMessagesFile: @unchecked Sendable {
        private(set) var first: EvidenceTimestamp?
        private(set) var last: EvidenceTimestamp?
        private(set) var attachmentMessages: [String: [Int]] = [:]
        private(set) var missing: Set<String> = []
        /// The file's SHA-256 and size, once ``finish(parsingSucceeded:)`` has written everything.
        private(set) var written: (sha256: SHA256Digest, size: Int64)?
        private let file: HashingFileWriter
        private let fd: Int32
        private let path: String
        private var writer: ConversationJSONLines.Writer

        init(file: HashingFileWriter, fd: Int32, path: String) {
            self.file = file
            self.fd = fd
            self.path = path
            writer = ConversationJSONLines.Writer { try file.write($0) }
        }

        func write(_ message: ChatMessage) throws {
            try writer.writeOrFlush(message)
            if let stamp = message.timestamp {
                if first.map({ stamp.instant < $0.instant }) ?? true { first = stamp }
                if last.map({ stamp.instant > $0.instant }) ?? true { last = stamp }
            }
            for attachment in message.attachments {
                attachmentMessages[attachment.name, default: []].append(message.index)
                if attachment.found == false { missing.insert(attachment.name) }
            }
        }

        /// Writes what is pending and flushes the file, when parsing reached the end (else the file is removed).
        func finish(parsingSucceeded: Bool) throws {
            guard parsingSucceeded else { return }
            try writer.flush()
            let written = try file.finish()
            try FileSystem.fsync(fd, path: path)
            self.written = written
        }
    }

    private static func mail(format: MailFormat, bytes: [UInt8], name: String, timeZone: TimeZone,
                             stagingFolder: URL, progress: ((Int, Int) -> Void)?) -> ContentRecognition {
        let ranges = format == .mbox ? MailboxSplitter.split(mbox: bytes) : [0..<bytes.count]
        if ranges.count > 1 {
            return mailbox(bytes: bytes, format: format, name: name, timeZone: timeZone, stagingFolder: stagingFolder,
                           progress: progress)
        }
        var recognition = ContentRecognition(kind: .email, kindReason: "e-mail (\(format.rawValue), recognised by its headers)")
        do {
            let message = try MailMessage(parsing: Array(bytes[ranges.first ?? 0..<bytes.count]), name: name, timeZone: timeZone)
            recognition.email = message
            recognition.timestamps += [message.date].compactMap { $0 } + message.receivedTimes
            recognition.warnings += message.warnings
            recognition.children += message.attachments.map { .init(name: $0.fileName, source: .bytes($0.bytes)) }
        } catch {
            recognition.warnings.append(EvidenceWarning(code: .emailUnreadable, message: "\(name) could not be read as an e-mail: \(error)."))
        }
        return recognition
    }

    /// A mailbox of several messages is read like a chat: its messages (sender, Date, subject, text, attachment
    /// names, and where each sits in the mailbox, by byte and line) become its derived messages, and each message's
    /// attachments become items of their own (`message-0004/photo.jpg`), linked to the message. The messages are
    /// not copied out: the mailbox itself is the sealed original, and each message's bytes are its range in it.
    /// They are read a batch at a time on every core; a mailbox of 200,000 messages takes seconds.
    private static func mailbox(bytes: [UInt8], format: MailFormat, name: String, timeZone: TimeZone,
                                stagingFolder: URL, progress: ((Int, Int) -> Void)?) -> ContentRecognition {
        let sources = MailTranscript.messageSources(bytes: bytes, format: format)
        let start = ContentRecognition(kind: .email, kindReason: "mailbox with \(sources.count) messages (recognised by its headers)")
        return deriveMessages(into: start, stagingFolder: stagingFolder) { onMessage, carry in
            var tally = MailTranscript.Tally()
            for batchStart in stride(from: 0, to: sources.count, by: mailboxBatch) {
                let batch = batchStart..<min(batchStart + mailboxBatch, sources.count)
                let read = try Parallel.map(batch.count) { offset in
                    let index = batch.lowerBound + offset
                    return MailTranscript.message(index, at: sources[index], of: bytes, name: name, timeZone: timeZone,
                                                  inMailbox: true)
                }
                for message in read {
                    tally.add(message, inMailbox: true)
                    try onMessage(message.message)
                    for (attachment, named) in zip(message.mail?.attachments ?? [], message.message.attachments) {
                        carry(.init(name: named.name, source: .bytes(attachment.bytes)))
                    }
                }
                progress?(batch.upperBound, sources.count)
            }
            return MailTranscript.info(name: name, tally: tally, messageCount: sources.count)
        } failure: { error in
            EvidenceWarning(code: .emailUnreadable, message: "\(name) looks like a mailbox but its messages could not "
                                + "be read: \(error). The file is kept as it is.")
        }
    }

    /// Messages of a mailbox read at once, on every core.
    private static let mailboxBatch = 1024

    /// The account names an export of `platform` refers to by id, read from the file beside it that names them
    /// (an X archive's `account.js`, at most 1 MiB); empty when there is none.
    static func accountNames(for platform: ChatPlatform, besideExportIn folder: URL) -> [String: String] {
        guard platform == .x else { return [:] }
        let path = folder.appendingPathComponent("account.js").path
        guard let bytes = try? FileSystem.readPrefix(of: path, limit: 1 << 20) else { return [:] }
        return XArchiveParser.accounts(fromAccountJS: bytes)
    }

    /// Meta's JSON names a thread's files from the root of the download
    /// (`your_instagram_activity/messages/inbox/zoe_123/photos/1.jpg`, the thread's folder being four levels
    /// down) and the encrypted Messenger export from its own folder with a `./` (`./media/1.jpeg`): the files
    /// beside the export are known under those names too, so its references are marked found and linked.
    static func metaNames(for names: Set<String>, besideExportIn folder: URL) -> Set<String> {
        var all = names
        let components = folder.standardizedFileURL.pathComponents.filter { $0 != "/" }
        for name in names {
            all.insert("./" + name)
            for depth in stride(from: 1, through: min(4, components.count), by: 1) {
                all.insert((components.suffix(depth) + [name]).joined(separator: "/"))
            }
        }
        return all
    }

    /// Relative paths of the files near an export (a few levels deep, bounded), so references can be marked
    /// found or missing. Only names are read, never contents.
    static func filesBeside(_ folder: URL) -> Set<String> {
        var names: Set<String> = []
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return names }
        let base = folder.standardizedFileURL.path + "/"
        for case let url as URL in walker {
            if walker.level > maximumFolderDepth { walker.skipDescendants(); continue }
            if names.count >= maximumFolderEntries { break }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base) else { continue }
            names.insert(String(path.dropFirst(base.count)))
        }
        return names
    }
}
