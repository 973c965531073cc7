import EvidenceModel
import EvidenceCrypto
import EvidenceSystem
import EvidenceParsers
import EvidenceFormat
import Foundation
import ZIPFoundation

/// A WhatsApp "Export chat → Attach media" `.zip`: the chat text plus the media files it refers to.
///
/// The archive is hostile input: entry counts and sizes are capped, and sizes are checked while inflating
/// (a zip's declared sizes can lie), so a zip bomb stops at the cap instead of filling the disk or memory.
///
/// For example:
/// ```swift
/// let export = try WhatsAppZipExport(zipAt: url)
/// var options = ChatParseOptions(timeZone: zone)
/// options.availableMediaNames = Set(export.mediaEntryNames)
/// let chat = try ChatParsers.parse(bytes: export.chatBytes, name: export.chatFileName, platform: .whatsapp,
///                                  options: options)
/// ```
package struct WhatsAppZipExport: Sendable {
    /// Most entries accepted: real exports hold a few thousand media files at most.
    public static let maximumEntries = 100_000
    /// Largest chat text accepted (uncompressed): 64 MiB. WhatsApp itself exports at most 40,000 messages
    /// (10,000 with media), a few megabytes of text; 64 MiB is ten times any real export, and reading it whole
    /// plus parsing it stays far below 300 MB of memory whatever the archive claims.
    public static let maximumChatBytes = 64 << 20
    /// Largest single media file extracted (uncompressed).
    public static let maximumMediaBytes: UInt64 = 8 << 30
    /// Above this size, an entry that compresses better than ``suspiciousRatio``:1 is not extracted.
    public static let suspiciousSize: UInt64 = 32 << 20
    public static let suspiciousRatio: UInt64 = 100

    /// The archive's location.
    public let url: URL
    /// The chat text's entry path: `_chat.txt` (iOS) or `WhatsApp Chat with X.txt` (Android).
    public let chatFileName: String
    /// The chat text's bytes, exactly as stored.
    public let chatBytes: [UInt8]
    /// Every other file entry, by its path in the archive, in archive order.
    public let mediaEntryNames: [String]

    /// Opens the archive, finds the chat text and lists the media.
    ///
    /// - Throws: ``ChatParseError`` (`bad-archive`, `too-large`, `no-messages`) naming the archive.
    public init(zipAt url: URL) throws {
        self.url = url
        let name = url.lastPathComponent
        let archive = try Self.openArchive(url)
        var chatEntry: Entry?
        var media: [String] = []
        var count = 0
        for entry in archive {
            count += 1
            if count > Self.maximumEntries {
                throw ChatParseError(code: .tooLarge, reason: "the archive has more than \(Self.maximumEntries) "
                                        + "entries; a WhatsApp export never does", fileName: name)
            }
            guard entry.type == .file else { continue }
            let path = entry.path
            if WhatsAppMarkers.isChatText(path) {
                if let current = chatEntry, current.path.count <= path.count {
                    media.append(path)
                } else {
                    if let current = chatEntry { media.append(current.path) }
                    chatEntry = entry
                }
            } else {
                media.append(path)
            }
        }
        guard let chatEntry else {
            throw ChatParseError(code: .noMessages, reason: "the archive holds no _chat.txt or "
                                    + "\"WhatsApp Chat with ….txt\"", fileName: name)
        }
        // A declared size over the cap is refused before a byte is inflated; a lying one stops at the cap.
        guard chatEntry.uncompressedSize <= UInt64(Self.maximumChatBytes) else {
            throw ChatParseError(code: .tooLarge, reason: "the chat text declares \(chatEntry.uncompressedSize) bytes, "
                                    + "more than \(Self.maximumChatBytes)", fileName: name)
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(chatEntry.uncompressedSize))
        do {
            _ = try archive.extract(chatEntry, skipCRC32: false) { data in
                if bytes.count + data.count > Self.maximumChatBytes {
                    throw ChatParseError(code: .tooLarge, reason: "the chat text inflates to more than "
                                            + "\(Self.maximumChatBytes) bytes", fileName: name)
                }
                bytes.append(contentsOf: data)
            }
        } catch let error as ChatParseError {
            throw error
        } catch {
            throw ChatParseError(code: .badArchive, reason: "\(chatEntry.path) cannot be inflated (\(error))",
                                 fileName: name)
        }
        self.chatFileName = chatEntry.path
        self.chatBytes = bytes
        self.mediaEntryNames = media.filter { $0 != chatEntry.path }
    }

    /// Writes one media entry, inflated, to a new file at `url` (which must not exist yet).
    ///
    /// - Throws: ``ChatParseError`` when the entry is missing, damaged or larger than ``maximumMediaBytes``;
    ///   file-system errors from creating `url`.
    public func extractMedia(named entryName: String, to destination: URL) throws {
        let name = url.lastPathComponent
        let archive = try Self.openArchive(url)
        guard let entry = archive[entryName], entry.type == .file else {
            throw ChatParseError(code: .badArchive, reason: "no file entry named \"\(entryName)\"", fileName: name)
        }
        // Photos, videos and voice notes are already compressed: an entry that deflates more than 100:1 into
        // tens of megabytes is a zip bomb, not media. It is not extracted (the zip itself stays evidence).
        let declared = entry.uncompressedSize
        if declared > Self.suspiciousSize, declared / max(entry.compressedSize, 1) > Self.suspiciousRatio {
            throw ChatParseError(code: .tooLarge, reason: "\(entryName) would inflate \(declared / max(entry.compressedSize, 1)):1 "
                                    + "to \(declared) bytes, which no photo or video does; not extracted", fileName: name)
        }
        let limit = min(Self.maximumMediaBytes, declared)
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
                    throw ChatParseError(code: .tooLarge, reason: "\(entryName) inflates to more than the "
                                            + "\(limit) bytes the archive declares for it", fileName: name)
                }
                try handle.write(contentsOf: data)
            }
            try handle.synchronize()
        } catch let error as ChatParseError {
            throw error
        } catch {
            throw ChatParseError(code: .badArchive, reason: "\(entryName) cannot be inflated (\(error))",
                                 fileName: name)
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
