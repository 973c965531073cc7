import EvidenceModel
import EvidenceSystem
import Foundation

/// What one `add` will copy, decided before a byte is copied: the folder walk, in a stable order, with the
/// files left out on purpose (operating-system clutter, symbolic links inside folders, the case's own files)
/// and the paths that could not be looked at.
struct AddPlan {
    /// A regular file to copy, as found on disk.
    struct File: Sendable {
        var path: String
        /// What the manifest and the custody journal record (``EvidenceItem/originalPath``).
        var recordedPath: String
        var name: String
        var size: Int64
        var modifiedAt: Instant?
    }

    /// Names the operating systems leave in folders; never evidence.
    static let clutterNames: Set<String> = [
        ".DS_Store", "Thumbs.db", "desktop.ini", "__MACOSX", ".Spotlight-V100", ".Trashes", "ehthumbs.db",
    ]

    /// The files to copy, in the order the person gave them (folders in natural order of their names).
    private(set) var files: [File] = []
    /// Paths left out or unreadable, reported before any copy starts.
    private(set) var outcomes: [AddReport.Outcome] = []

    /// Walks `paths` (folders recursively) for a case whose folder is `caseFolder`.
    ///
    /// - Parameter recordingFullPaths: record each file's absolute path rather than its path below the folder
    ///   that holds what was given (`Downloads/WhatsApp Chat` → `WhatsApp Chat/IMG-0001.jpg`), which keeps the
    ///   person's home folder and account name out of every bundle.
    /// - Parameter caseFolder: the case the files go into, whose own files are never added; `nil` for `inspect`,
    ///   which walks the same paths outside any case.
    init(paths: [URL], caseFolder: URL?, recordingFullPaths: Bool = false) {
        let casePath = caseFolder?.standardizedFileURL.path
        for path in paths {
            collectGiven(path.standardizedFileURL, casePath: casePath, recordingFullPaths: recordingFullPaths)
        }
    }

    /// The part of `path` below `base`, the folder that holds what the person gave to `add`.
    static func recordedPath(_ path: String, below base: String) -> String {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : (path as NSString).lastPathComponent
    }

    /// Why a path given to `add` cannot be looked at, in the system's words (the path is printed once, beside
    /// it), with what to do next.
    static func reason(_ error: any Error) -> String {
        guard let error = error as? IOError else { return "\(error)" }
        switch error.errno {
        case ENOENT?, ENOTDIR?:
            return "\(error.reason); check the spelling, and put quotes around a name with spaces"
        case EACCES?:
            return "\(error.reason); this account may not read it (copy it somewhere readable, then add the copy)"
        default:
            return error.reason
        }
    }

    /// A path the person gave: a symbolic link is followed once (it is what they pointed at); what is recorded
    /// is the path below the folder that holds it.
    private mutating func collectGiven(_ url: URL, casePath: String?, recordingFullPaths: Bool) {
        let path = url.path
        let name = url.lastPathComponent
        if AddPlan.isClutter(name) {
            outcomes.append(.skipped(path: path, reason: "operating-system clutter, not evidence"))
            return
        }
        let status: FileSystem.Status
        do { status = try FileSystem.linkStatus(path) } catch {
            outcomes.append(.failed(path: path, reason: AddPlan.reason(error)))
            return
        }
        if status.isSymbolicLink {
            let resolved = url.resolvingSymlinksInPath()
            guard resolved.path != path else {
                outcomes.append(.failed(path: path, reason: "broken symbolic link"))
                return
            }
            collectGiven(resolved, casePath: casePath, recordingFullPaths: recordingFullPaths)
            return
        }
        collect(path, name: name, status: status, casePath: casePath, recordingFullPaths: recordingFullPaths,
                base: url.deletingLastPathComponent().path)
    }

    private static func isClutter(_ name: String) -> Bool {
        clutterNames.contains(name) || name.hasPrefix("._")
    }

    /// One file or folder, its status already read; `path` is standardized (a folder's entries are its path, a
    /// slash and their names, so no `URL` is made per file).
    private mutating func collect(_ path: String, name: String, status info: FileSystem.Status, casePath: String?,
                                  recordingFullPaths: Bool, base: String) {
        if AddPlan.isClutter(name) {
            outcomes.append(.skipped(path: path, reason: "operating-system clutter, not evidence"))
            return
        }
        if info.isSymbolicLink {
            // Only a link inside a folder comes here: one the person named was followed (`collectGiven`).
            outcomes.append(.skipped(path: path, reason: "symbolic link inside a folder; not followed (add its target directly if it is evidence)"))
            return
        }
        // The case's own files (its stored copies, its index) are never evidence of themselves.
        if let casePath, path == casePath || path.hasPrefix(casePath + "/") {
            outcomes.append(.skipped(path: path, reason: "inside the case folder itself"))
            return
        }
        if info.isDirectory {
            let entries: [FileSystem.DirectoryEntry]
            do { entries = try FileSystem.directoryEntries(path) } catch {
                outcomes.append(.failed(path: path, reason: "cannot list folder: \(AddPlan.reason(error))"))
                return
            }
            // In the order a person reads the folder (IMG_2 before IMG_10), so item numbers follow it. Each name
            // is cut into its runs once, not at each of the sort's comparisons.
            let folder = path.hasSuffix("/") ? path : path + "/"
            let sorted = entries.map { (key: NaturalNameOrder.SortKey($0.name), entry: $0) }.sorted { $0.key < $1.key }
            for (_, entry) in sorted {
                let child = folder + entry.name
                switch entry.status {
                case .success(let status):
                    collect(child, name: entry.name, status: status, casePath: casePath,
                            recordingFullPaths: recordingFullPaths, base: base)
                case .failure(let error):
                    if AddPlan.isClutter(entry.name) {
                        outcomes.append(.skipped(path: child, reason: "operating-system clutter, not evidence"))
                    } else {
                        outcomes.append(.failed(path: child, reason: AddPlan.reason(error)))
                    }
                }
            }
            return
        }
        guard info.isRegularFile else {
            outcomes.append(.skipped(path: path, reason: "not a regular file (device, socket or pipe)"))
            return
        }
        let mtime = Instant(unixSeconds: info.modified.seconds, nanoseconds: info.modified.nanoseconds)
        let recorded = recordingFullPaths ? path : AddPlan.recordedPath(path, below: base)
        files.append(File(path: path, recordedPath: recorded, name: name, size: info.size, modifiedAt: mtime))
    }
}
