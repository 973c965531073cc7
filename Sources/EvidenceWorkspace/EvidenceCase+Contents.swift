import EvidenceModel
import EvidenceSystem
import EvidenceParsers
import EvidenceFormat
import EvidenceCrypto
import Foundation
import GRDB

/// Chat exports and e-mails: the normalised messages sealed beside the original, and the files they carry
/// (zip media, attachments) stored as items of their own, linked both ways to the messages that name them.
extension EvidenceCase {
    /// A file carried by an item, already in the object store, waiting to be recorded.
    struct StoredChild {
        var name: String
        var sha256: String
        var size: Int64
        var objectPath: String
        /// The file's bytes when they were carried in memory (a mailbox's message, an attachment): inspecting and
        /// recognising them then reads nothing back from the store.
        var bytes: [UInt8]?
        /// Set when the file is one conversation of a platform's download.
        var conversation: PlatformDownload.Member?
    }

    /// What `storeContents` put in the store for one item.
    struct StoredContents {
        var children: [StoredChild] = []
        var recognition: ContentRecognition?
    }

    /// Recognises a chat export or e-mail in the stored copy; writes its derived messages and the files it
    /// carries into the object store (outside any transaction: file work first, then one short transaction).
    /// Files inside files inside files are followed this deep (a mailbox → its messages → their attachments).
    static let maximumCarryDepth = 3

    func storeContents(of item: inout EvidenceItem, storedCopy: String, storedBytes: [UInt8]? = nil, originalPath: String,
                       member: PlatformDownload.Member? = nil, depth: Int = 0, dateOrder: DateOrder? = nil,
                       working: ProgressThrottle? = nil) throws -> StoredContents {
        guard depth < EvidenceCase.maximumCarryDepth else { return StoredContents() }
        let name = item.originalName
        guard let recognition = ContentRecognizer.recognize(
            storedCopy: storedCopy, contents: storedBytes, originalName: item.originalName, originalPath: originalPath,
            mediaType: item.mediaType, size: item.size, timeZone: timeZone, dateOrder: dateOrder,
            stagingFolder: folder.appendingPathComponent("staging", isDirectory: true), member: member,
            progress: working.map { working in
                { read, total in working.update(AddProgress(name: name, step: .messagesRead, recorded: read, total: total)) }
            })
        else { return StoredContents() }
        (item.kind, item.kindReason, item.timestamps, item.best, item.warnings) = recognition.applied(
            toTimestamps: item.timestamps, warnings: item.warnings)

        if let conversation = recognition.conversation {
            _ = try moveIntoStore(stagingPath: conversation.derivedStagingPath, sha256: conversation.derivedSHA256)
            item.derived = [DerivedFile(role: "messages", suffix: ".messages.jsonl", sha256: conversation.derivedSHA256,
                                        size: conversation.derivedSize, mediaType: "application/x-ndjson")]
            item.conversation = ConversationSummary(
                platform: conversation.info.platform, title: conversation.info.title,
                participants: conversation.info.participants, messageCount: conversation.info.messageCount,
                firstMessageAt: conversation.firstMessage?.value, lastMessageAt: conversation.lastMessage?.value,
                attachmentItems: [:], attachmentMessages: conversation.attachmentMessages,
                missingAttachments: conversation.missingAttachments.sorted())
        }
        if let email = recognition.email {
            item.email = EmailSummary(from: email.from, to: email.to, cc: email.cc, subject: email.subject,
                                      messageID: email.messageID, attachmentItems: [:])
        }

        var contents = StoredContents(recognition: recognition)
        // Every carried file is written to `staging/` first, flushed to disk with the others in one go, then
        // renamed into the store: a mailbox of 200,000 messages costs one flush, not 400,000.
        var staged: [(name: String, sha256: String, size: Int64, path: String, bytes: [UInt8]?,
                      member: PlatformDownload.Member?)] = []
        defer { for file in staged { FileSystem.removeFile(file.path) } }
        for child in recognition.children {
            switch child.source {
            case .bytes(let bytes):
                let sha256 = SHA256.hash(bytes).hex
                let object = storedCopyPath(sha256: sha256)
                if FileSystem.exists(object) {
                    contents.children.append(StoredChild(name: child.name, sha256: sha256, size: Int64(bytes.count),
                                                         objectPath: object, bytes: bytes, conversation: child.conversation))
                    continue
                }
                let path = try stageBytes(bytes)
                staged.append((child.name, sha256, Int64(bytes.count), path, bytes, child.conversation))
            case .zipEntry(let download, let entry):
                let staging = folder.appendingPathComponent("staging/\(UUID().uuidString).part")
                do {
                    try download.extractFile(entry, to: staging)
                    let hasher = SHA256Hasher()
                    let size = try FileSystem.forEachChunk(of: staging.path) { hasher.update($0) }
                    staged.append((child.name, hasher.finalize().hex, Int64(size), staging.path, nil, nil))
                } catch {
                    FileSystem.removeFile(staging.path)
                    item.warnings.append(EvidenceWarning(code: .mediaUnreadable,
                                                         message: "\(entry) in \(item.originalName) could not be extracted: \(error)"))
                }
            }
        }
        try FileSystem.fsyncFiles(staged.map(\.path))
        var folders: Set<String> = []
        for file in staged {
            let object = try moveIntoStore(stagingPath: file.path, sha256: file.sha256, syncingFolder: false)
            folders.insert(storeFolder(ofStoredCopy: object, sha256: file.sha256))
            contents.children.append(StoredChild(name: file.name, sha256: file.sha256, size: file.size, objectPath: object,
                                                 bytes: file.bytes, conversation: file.member))
        }
        staged = []
        for folder in folders.sorted() { try FileSystem.fsyncDirectory(folder) }
        return contents
    }

    /// Records the carried files as items (or links existing items with the same bytes) and links them to
    /// the messages that name them; inside the transaction that recorded `item`.
    ///
    /// The work that needs no database (inspecting each file, parsing what it carries in turn, storing those
    /// files) is done for a batch of files at a time on every core, outside the serial part that numbers and
    /// inserts them: a mailbox of 200,000 messages is mostly that work.
    func recordContents(_ contents: StoredContents, of item: inout EvidenceItem, acquiredAt: Instant, in db: Database,
                        depth: Int = 0, working: ProgressThrottle? = nil) throws {
        guard !contents.children.isEmpty else { return }
        let parent = item
        let batchSize = 256
        for batchStart in stride(from: 0, to: contents.children.count, by: batchSize) {
            let batch = Array(contents.children[batchStart..<min(batchStart + batchSize, contents.children.count)])
            let prepared = try Parallel.map(batch.count) { position in
                try self.prepareCarried(batch[position], by: parent, acquiredAt: acquiredAt, depth: depth)
            }
            for (offset, (child, carried)) in zip(batch, prepared).enumerated() {
                defer {
                    working?.update(AddProgress(name: item.originalName, recorded: batchStart + offset + 1,
                                                total: contents.children.count))
                }
                let messages = item.conversation?.attachmentMessages[child.name] ?? []
                let link = item.conversation == nil ? nil : MessageLink(item: item.id, messages: messages)
                var childItem: EvidenceItem
                if let existing = try index.item(withSHA256: child.sha256, in: db) {
                    childItem = existing
                    if let link, !(existing.linkedMessages ?? []).contains(link) {
                        childItem.linkedMessages = (existing.linkedMessages ?? []) + [link]
                        try index.update(childItem, in: db)
                    }
                } else {
                    childItem = carried.item
                    childItem.id = try index.nextItemID(in: db)
                    childItem.linkedMessages = link.map { [$0] }
                    try index.insert(childItem, in: db)
                    try index.appendCustody(action: "item-added", actor: actor, at: acquiredAt,
                                            details: ["item": String(childItem.id), "sha256": child.sha256,
                                                      "size": String(child.size), "originalName": child.name,
                                                      "parent": String(item.id)], in: db)
                    try recordContents(carried.contents, of: &childItem, acquiredAt: acquiredAt, in: db, depth: depth + 1)
                }
                item.conversation?.attachmentItems[child.name] = childItem.id
                item.email?.attachmentItems[child.name] = childItem.id
            }
        }
        try index.update(item, in: db)
    }

    /// A carried file made ready to record: its item (numbered when it is inserted) and what it carries in turn,
    /// already in the object store.
    private struct PreparedCarried: Sendable {
        var item: EvidenceItem
        var contents: StoredContents
    }

    private func prepareCarried(_ child: StoredChild, by parent: EvidenceItem, acquiredAt: Instant,
                                depth: Int) throws -> PreparedCarried {
        let context = InspectionContext(timeZone: timeZone, zoneName: metadata.timeZone, acquiredAt: acquiredAt)
        let inspection = try child.bytes.map {
            try ItemInspector.inspect(source: ArrayByteSource($0), originalName: child.name, context: context)
        } ?? ItemInspector.inspect(fileAt: URL(fileURLWithPath: child.objectPath), originalName: child.name,
                                   context: context)
        var childItem = EvidenceItem(
            id: 0, sha256: child.sha256, size: child.size,
            mediaType: inspection.mediaType, kind: inspection.kind,
            kindReason: inspection.kindReason + "; carried by item \(parent.id) (\(parent.originalName))",
            originalPath: "\(parent.originalPath)!/\(child.name)", originalName: (child.name as NSString).lastPathComponent,
            acquiredAt: acquiredAt, modifiedAt: nil, note: nil, sensitive: parent.sensitive,
            timestamps: inspection.timestamps, best: inspection.best, warnings: inspection.warnings,
            parentID: parent.id)
        childItem.minorAtTime = parent.minorAtTime
        try childItem.addContentHashes(storedCopy: child.objectPath)
        // What the carried file carries in turn (a mailbox's messages have attachments of their own).
        let nested = try storeContents(of: &childItem, storedCopy: child.objectPath, storedBytes: child.bytes,
                                       originalPath: "\(parent.sourcePath ?? parent.originalPath)!/\(child.name)",
                                       member: child.conversation, depth: depth + 1)
        childItem.dropUnwritableTimes()
        return PreparedCarried(item: childItem, contents: nested)
    }

    /// Links the files a chat export names to items that came from the folder beside it (a WhatsApp `.txt`
    /// exported with its media, a Telegram `result.json` with `photos/`), whichever was added first.
    func linkFilesBesideExports() throws -> [AddReport.Link] {
        try index.database.write { db in
            var made: [AddReport.Link] = []
            // Only exports with names still unresolved need the whole case decoded; adding a mailbox of 200,000
            // messages should not decode 200,000 records again when no export is waiting for a file.
            let exports = try index.items(in: db, whereJSONContains: "\"conversation\":")
            guard exports.contains(where: { export in
                export.parentID == nil && export.conversation.map { conversation in
                    conversation.attachmentMessages.keys.contains { conversation.attachmentItems[$0] == nil }
                } ?? false
            }) else { return [] }
            let items = try index.items(in: db)
            var byPath: [String: EvidenceItem] = [:]
            for item in items { byPath[item.sourcePath ?? item.originalPath] = item }
            for var export in items where export.conversation != nil && export.parentID == nil {
                let conversation = export.conversation!
                var folder = ((export.sourcePath ?? export.originalPath) as NSString).deletingLastPathComponent
                let root = ChatParsers.mediaRoot(for: conversation.platform)
                if !root.isEmpty {
                    folder = ((folder as NSString).appendingPathComponent(root) as NSString).standardizingPath
                }
                var changed = false
                for (name, messages) in conversation.attachmentMessages.sorted(by: { $0.key < $1.key })
                where conversation.attachmentItems[name] == nil && !conversation.missingAttachments.contains(name) {
                    guard var target = Self.fileNamed(name, from: folder, in: byPath) else { continue }
                    let link = MessageLink(item: export.id, messages: messages)
                    if !(target.linkedMessages ?? []).contains(link) {
                        target.linkedMessages = (target.linkedMessages ?? []) + [link]
                        try index.update(target, in: db)
                        byPath[target.sourcePath ?? target.originalPath] = target
                    }
                    export.conversation?.attachmentItems[name] = target.id
                    made.append(AddReport.Link(conversationItem: export.id, attachmentName: name, fileItem: target.id))
                    changed = true
                }
                if changed {
                    try index.update(export, in: db)
                    try index.appendCustody(action: "items-linked", actor: actor, at: .now(),
                                            details: ["item": String(export.id),
                                                      "files": String(export.conversation!.attachmentItems.count)], in: db)
                }
            }
            return made
        }
    }

    /// The item added from the file an export names, relative to its folder (`photos/1.jpg`, `./media/1.jpeg`) or,
    /// as Meta's JSON names them, to the download's root a few folders up.
    private static func fileNamed(_ name: String, from folder: String, in byPath: [String: EvidenceItem]) -> EvidenceItem? {
        let relative = name.hasPrefix("./") ? String(name.dropFirst(2)) : name
        var base = folder
        for _ in 0...4 {
            if let item = byPath[(base as NSString).appendingPathComponent(relative)] { return item }
            base = (base as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// Writes bytes to a new file in `staging/`, not yet flushed to disk; returns its path.
    private func stageBytes(_ bytes: [UInt8]) throws -> String {
        let staging = "\(folderPath)/staging/\(UUID().uuidString).part"
        let fd = try FileSystem.createExclusive(staging, mode: 0o444)
        defer { FileSystem.close(fd) }
        do {
            try FileSystem.writeAll(fd, bytes, path: staging)
        } catch {
            FileSystem.removeFile(staging)
            throw error
        }
        return staging
    }
}

