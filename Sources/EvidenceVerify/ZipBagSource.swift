import EvidenceModel
import EvidenceCrypto
import EvidenceSystem
import EvidenceFormat
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
        var safe: [(name: String, entry: Entry)] = []
        for entry in all {
            // Info-ZIP and others write UTF-8 names without setting the UTF-8 flag; ZIPFoundation would then read
            // them as CP437. Names that are valid UTF-8 are taken as UTF-8, the rest as CP437 (the zip default).
            let utf8Name = entry.path(using: .utf8)
            let name = utf8Name.isEmpty ? entry.path : utf8Name
            if let problem = EntryNameRules.problem(with: name) {
                findings.append(VerificationFinding(.unsafePath, path: name, "refused: \(problem)"))
                continue
            }
            let key = EntryNameRules.collisionKey(name.hasSuffix("/") ? String(name.dropLast()) : name)
            if let earlier = seen[key] {
                let reason = earlier.utf8.elementsEqual(name.utf8) ? "duplicate entry" : "collides with “\(earlier)” (same name after Unicode normalisation or case folding)"
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
                safe.append((name, entry))
            }
        }
        // The bag is the single top folder holding bagit.txt, or the zip's root.
        let tops = Set(safe.map { String($0.name.split(separator: "/", maxSplits: 1).first ?? "") })
        let prefix: String
        if safe.contains(where: { $0.name == "bagit.txt" }) {
            prefix = ""
        } else if tops.count == 1, let top = tops.first, safe.contains(where: { $0.name == "\(top)/bagit.txt" }) {
            prefix = top + "/"
        } else if let candidate = safe.first(where: { $0.name.hasSuffix("/bagit.txt") && $0.name.split(separator: "/").count == 2 }) {
            prefix = String(candidate.name.dropLast("bagit.txt".count))
        } else {
            throw BundleUnusableError(path: url.path, reason: "no bagit.txt at the top of the zip or in its top folder: not a BagIt bundle")
        }
        var files: [BagSourceFile] = []
        var byPath: [String: Entry] = [:]
        for (name, entry) in safe {
            guard name.hasPrefix(prefix) else {
                findings.append(VerificationFinding(.unexpected, path: name, "outside the bag folder \(prefix)"))
                continue
            }
            let relative = String(name.dropFirst(prefix.count))
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
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: true) { data in
                produced += Int64(data.count)
                if produced > limit { throw EntryTooLarge(limit: limit) }
                try data.withUnsafeBytes { try body($0) }
            }
        } catch Archive.ArchiveError.invalidCompressionMethod {
            throw UnsupportedCompression(path: path)
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
                if info.isDirectory {
                    pending.append(relative)
                } else if info.isRegularFile {
                    files.append(BagSourceFile(path: relative, declaredSize: info.size))
                } else if info.isSymbolicLink {
                    findings.append(VerificationFinding(.unsafePath, path: relative, "refused: symbolic link"))
                } else {
                    findings.append(VerificationFinding(.unsafePath, path: relative, "refused: not a regular file"))
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
