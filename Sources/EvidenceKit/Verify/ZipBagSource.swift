import Foundation
import ZIPFoundation

/// A zipped bag, read entry by entry straight out of the archive: nothing is extracted to disk.
final class ZipBagSource: BagSource {
    /// More entries than this is not a case bundle but an attack on the verifier.
    static let maximumEntries = 200_000

    let url: URL
    let archive: Archive
    let bagFolder: String
    let files: [BagSourceFile]
    let unsafeFindings: [VerificationFinding]
    private let entries: [String: Entry]
    private let prefix: String

    init(url: URL) throws {
        self.url = url
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw BundleUnusableError(path: url.path, reason: "not a readable zip file (\(error))")
        }
        var all: [Entry] = []
        for entry in archive {
            all.append(entry)
            if all.count > ZipBagSource.maximumEntries {
                throw BundleUnusableError(path: url.path, reason: "more than \(ZipBagSource.maximumEntries) entries; refusing to read it")
            }
        }
        var findings: [VerificationFinding] = []
        var seen: [String: String] = [:]
        var safe: [Entry] = []
        for entry in all {
            let name = entry.path
            if let problem = EntryNameRules.problem(with: name) {
                findings.append(VerificationFinding(.unsafePath, path: name, "refused: \(problem)"))
                continue
            }
            let key = EntryNameRules.collisionKey(name.hasSuffix("/") ? String(name.dropLast()) : name)
            if let earlier = seen[key] {
                let reason = earlier == name ? "duplicate entry" : "collides with “\(earlier)” (same name after Unicode normalisation or case folding)"
                findings.append(VerificationFinding(.unsafePath, path: name, "refused: \(reason)"))
                continue
            }
            seen[key] = name
            switch entry.type {
            case .symlink:
                findings.append(VerificationFinding(.unsafePath, path: name, "refused: symbolic link"))
            case .directory:
                continue
            case .file:
                safe.append(entry)
            }
        }
        // The bag is the single top folder holding bagit.txt, or the zip's root.
        let tops = Set(safe.map { String($0.path.split(separator: "/", maxSplits: 1).first ?? "") })
        let prefix: String
        if safe.contains(where: { $0.path == "bagit.txt" }) {
            prefix = ""
        } else if tops.count == 1, let top = tops.first, safe.contains(where: { $0.path == "\(top)/bagit.txt" }) {
            prefix = top + "/"
        } else if let candidate = safe.first(where: { $0.path.hasSuffix("/bagit.txt") && $0.path.split(separator: "/").count == 2 }) {
            prefix = String(candidate.path.dropLast("bagit.txt".count))
        } else {
            throw BundleUnusableError(path: url.path, reason: "no bagit.txt at the top of the zip or in its top folder: not a BagIt bundle")
        }
        var files: [BagSourceFile] = []
        var byPath: [String: Entry] = [:]
        for entry in safe {
            guard entry.path.hasPrefix(prefix) else {
                findings.append(VerificationFinding(.unexpected, path: entry.path, "outside the bag folder \(prefix)"))
                continue
            }
            let relative = String(entry.path.dropFirst(prefix.count))
            files.append(BagSourceFile(path: relative, declaredSize: Int64(clamping: entry.uncompressedSize)))
            byPath[relative] = entry
        }
        self.bagFolder = prefix.isEmpty ? url.deletingPathExtension().lastPathComponent : String(prefix.dropLast())
        self.prefix = prefix
        self.files = files
        self.entries = byPath
        self.unsafeFindings = findings
    }

    func reopened() throws -> any BagSource { try ZipBagSource(url: url) }

    func stream(_ path: String, limit: Int64, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let entry = entries[path] else { throw CocoaError(.fileNoSuchFile) }
        var produced: Int64 = 0
        // The consumer sees each inflated chunk before the next is made: stopping here stops the inflation,
        // so a bomb costs at most one chunk beyond the limit. The zip's CRC-32 is skipped: every byte is
        // checked against SHA-256 instead, and ZIPFoundation's CRC is a slow pure-Swift loop on Linux.
        _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: true) { data in
            produced += Int64(data.count)
            if produced > limit { throw EntryTooLarge(limit: limit) }
            try data.withUnsafeBytes { try body($0) }
        }
    }
}

/// An unpacked bag in a folder. Symbolic links and special files are refused, never followed.
final class FolderBagSource: BagSource {
    static let maximumEntries = 200_000

    let root: URL
    let bagFolder: String
    let files: [BagSourceFile]
    let unsafeFindings: [VerificationFinding]

    init(url: URL) throws {
        root = url.standardizedFileURL
        bagFolder = root.lastPathComponent
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("bagit.txt").path) else {
            throw BundleUnusableError(path: url.path, reason: "no bagit.txt in this folder: not a BagIt bag")
        }
        var files: [BagSourceFile] = []
        var findings: [VerificationFinding] = []
        var seen: [String: String] = [:]
        var pending = [""]
        var count = 0
        while let relativeFolder = pending.popLast() {
            let folderPath = relativeFolder.isEmpty ? root.path : root.appendingPathComponent(relativeFolder).path
            let names: [String]
            do { names = try FileManager.default.contentsOfDirectory(atPath: folderPath) } catch {
                throw BundleUnusableError(path: folderPath, reason: "cannot list the folder (\(error.localizedDescription))")
            }
            for name in names.sorted() {
                count += 1
                if count > FolderBagSource.maximumEntries {
                    throw BundleUnusableError(path: url.path, reason: "more than \(FolderBagSource.maximumEntries) entries; refusing to read it")
                }
                let relative = relativeFolder.isEmpty ? name : relativeFolder + "/" + name
                let key = EntryNameRules.collisionKey(relative)
                if let earlier = seen[key] {
                    findings.append(VerificationFinding(.unsafePath, path: relative, "refused: collides with “\(earlier)” (same name after Unicode normalisation or case folding)"))
                    continue
                }
                seen[key] = relative
                let info = try FileSystem.linkStatus(root.appendingPathComponent(relative).path)
                switch info.st_mode & S_IFMT {
                case S_IFDIR: pending.append(relative)
                case S_IFREG: files.append(BagSourceFile(path: relative, declaredSize: Int64(info.st_size)))
                case S_IFLNK: findings.append(VerificationFinding(.unsafePath, path: relative, "refused: symbolic link"))
                default: findings.append(VerificationFinding(.unsafePath, path: relative, "refused: not a regular file"))
                }
            }
        }
        self.files = files.sorted { $0.path < $1.path }
        self.unsafeFindings = findings
    }

    /// Folder reads are independent already: the same reader serves both threads.
    func reopened() throws -> any BagSource { self }

    func stream(_ path: String, limit: Int64, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var produced: Int64 = 0
        try FileSystem.forEachChunk(of: root.appendingPathComponent(path).path, followSymlinks: false) { chunk in
            produced += Int64(chunk.count)
            if produced > limit { throw EntryTooLarge(limit: limit) }
            try body(chunk)
        }
    }
}
