import EvidenceModel
import EvidenceCrypto
import EvidenceSystem
import EvidenceFormat
import Foundation

/// A zipped bag, read entry by entry straight out of the archive by ``StrictZipArchive``: nothing is extracted
/// to disk, and whatever another zip reader would see differently is a `zip-ambiguous` finding.
final class ZipBagSource: BagSource {
    let url: URL
    let archive: StrictZipArchive
    let bagFolder: String
    let files: [BagSourceFile]
    let containerFindings: [VerificationFinding]
    private let entries: [String: ZipEntry]

    init(url: URL) throws {
        self.url = url
        let byteSource: FileByteSource
        do {
            byteSource = try FileByteSource(path: url.path)
        } catch {
            throw BundleUnusableError(path: url.path, reason: "not a readable file (\(error))")
        }
        // Names are checked while another thread reads the local headers: neither needs the other.
        var nameFindings: [VerificationFinding] = []
        var safeIndices: [Int] = []
        let archive = try StrictZipArchive(source: byteSource, path: url.path) { entries in
            var seen: [String: String] = [:]
            for (index, entry) in entries.enumerated() {
                let name = entry.name
                if let problem = EntryNameRules.problem(with: name) {
                    nameFindings.append(VerificationFinding(.unsafePath, path: name, "refused: \(problem)"))
                    continue
                }
                let key = EntryNameRules.collisionKey(name.hasSuffix("/") ? String(name.dropLast()) : name)
                if let earlier = seen[key] {
                    let reason = earlier.utf8.elementsEqual(name.utf8) ? "duplicate entry" : "collides with “\(earlier)” (same name after Unicode normalisation or case folding)"
                    nameFindings.append(VerificationFinding(.unsafePath, path: name, "refused: \(reason)"))
                    continue
                }
                seen[key] = name
                switch entry.kind {
                case .symbolicLink:
                    nameFindings.append(VerificationFinding(.unsafePath, path: name, "refused: symbolic link"))
                case .special:
                    nameFindings.append(VerificationFinding(.unsafePath, path: name, "refused: not a regular file (device, pipe or socket)"))
                case .directory:
                    continue
                case .file:
                    safeIndices.append(index)
                }
            }
        }
        self.archive = archive
        var findings = archive.ambiguities.map { VerificationFinding(.zipAmbiguous, path: $0.entry, $0.message) } + nameFindings
        let safe = safeIndices.map { archive.entries[$0] }
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
        var byPath: [String: ZipEntry] = [:]
        for entry in safe {
            guard entry.name.hasPrefix(prefix) else {
                findings.append(VerificationFinding(.unexpected, path: entry.name, "outside the bag folder \(prefix)"))
                continue
            }
            let relative = String(entry.name.dropFirst(prefix.count))
            files.append(BagSourceFile(path: relative, declaredSize: Int64(clamping: entry.uncompressedSize)))
            byPath[relative] = entry
        }
        self.bagFolder = prefix.isEmpty ? url.deletingPathExtension().lastPathComponent : String(prefix.dropLast())
        self.files = files
        self.entries = byPath
        self.containerFindings = findings
    }

    func isReadAsStored(_ path: String) -> Bool { entries[path]?.method == 0 }

    /// Entries are read with `pread` and a fresh inflater per call: one reader serves both threads.
    func reopened() throws -> any BagSource { self }

    func stream(_ path: String, limit: Int64, _ body: ([UInt8]) throws -> Void) throws {
        guard let entry = entries[path] else { throw IOError(path: path, operation: "read", reason: "no such entry in the zip") }
        guard entry.method == 0 || entry.method == 8 else { throw UnsupportedCompression(path: path) }
        try archive.stream(entry, limit: limit, body)
    }
}

/// An unpacked bag in a folder. Symbolic links and special files are refused, never followed.
final class FolderBagSource: BagSource {
    static let maximumEntries = BundleLimits.maximumEntries

    let root: URL
    /// `root`'s path: every file's path is this, a slash and its relative path (`URL.appendingPathComponent` per
    /// file cost as much as reading a 100 KiB file's content from the cache).
    private let rootPath: String
    let bagFolder: String
    let files: [BagSourceFile]
    let containerFindings: [VerificationFinding]

    init(url: URL) throws {
        root = url.standardizedFileURL
        rootPath = root.path
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
            let folderPath = relativeFolder.isEmpty ? rootPath : rootPath + "/" + relativeFolder
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
                let info = try FileSystem.linkStatus(rootPath + "/" + relative)
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
        self.containerFindings = findings
    }

    func isReadAsStored(_ path: String) -> Bool { true }

    /// Folder reads are independent already: the same reader serves both threads.
    func reopened() throws -> any BagSource { self }

    func stream(_ path: String, limit: Int64, _ body: ([UInt8]) throws -> Void) throws {
        var produced: Int64 = 0
        try FileSystem.forEachChunk(of: rootPath + "/" + path, followSymlinks: false) { chunk in
            produced += Int64(chunk.count)
            if produced > limit { throw EntryTooLarge(limit: limit) }
            try body(chunk)
        }
    }
}
