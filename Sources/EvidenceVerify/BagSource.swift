import EvidenceModel
import EvidenceSystem
import EvidenceFormat
import EvidenceCrypto
import Foundation

/// A file inside a bag being verified, with the size its container declares.
struct BagSourceFile: Sendable {
    /// Path relative to the bag's root folder.
    var path: String
    var declaredSize: Int64
}

/// A bag to verify, zipped or unpacked. Implementations refuse unsafe entries up front (as findings) and
/// never read more bytes from an entry than the limit they are given.
protocol BagSource {
    /// The bag's folder name (the zip's top folder, or the folder's name).
    var bagFolder: String { get }
    /// Every safe regular file of the bag.
    var files: [BagSourceFile] { get }
    /// Problems of the container found before reading any file: unsafe or duplicate names, and for a zip
    /// everything another zip reader would see differently.
    var containerFindings: [VerificationFinding] { get }
    /// A second, independent reader of the same bag, so two threads can hash at once.
    func reopened() throws -> any BagSource
    /// Streams a file through `body`, throwing ``EntryTooLarge`` as soon as more than `limit` bytes come out.
    func stream(_ path: String, limit: Int64, _ body: ([UInt8]) throws -> Void) throws
}

/// An entry is compressed with a method the verifier cannot read (bzip2, LZMA …): the bundle cannot be checked
/// as it is, which is not the same as being altered.
struct UnsupportedCompression: Error {
    var path: String
}

/// An entry produced more bytes than its limit: reading stopped there.
struct EntryTooLarge: Error {
    var limit: Int64
}

/// A file to hash: the most bytes to read of it and, for a tag file that is checked as well, what reads its bytes
/// in the same pass.
struct HashJob: Sendable {
    var path: String
    var limit: Int64
    var inspection: (any ContentInspection)?
}

extension BagSource {
    /// Hashes files on two threads (one per core), each with its own reader, taking the next file as soon as it is
    /// free; results by path.
    func sha256(of jobs: [HashJob],
                meter: ProgressMeter? = nil) -> [String: Result<(digest: String, size: Int64), any Error>] {
        let readers = ReaderPerWorker([self] + ((try? reopened()).map { [$0] } ?? []))
        let results = LockedResults()
        let next = WorkCounter()
        DispatchQueue.concurrentPerform(iterations: min(readers.all.count, max(jobs.count, 1))) { worker in
            let reader = readers.all[worker]
            while let position = next.take(below: jobs.count) {
                let job = jobs[position]
                results.set(job.path, Result {
                    try reader.sha256(job.path, limit: job.limit, meter: meter, inspection: job.inspection)
                })
                meter?.finishItem()
            }
        }
        return results.values
    }

    /// Reads a small file whole, refusing more than `limit` bytes.
    func read(_ path: String, limit: Int64) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try stream(path, limit: limit) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Hashes a file as it streams, refusing more than `limit` bytes, and shows every chunk to `inspection`.
    func sha256(_ path: String, limit: Int64, meter: ProgressMeter? = nil,
                inspection: (any ContentInspection)? = nil) throws -> (digest: String, size: Int64) {
        let hasher = SHA256Hasher()
        var size: Int64 = 0
        try stream(path, limit: limit) { chunk in
            hasher.update(chunk)
            inspection?.inspect(chunk)
            size += Int64(chunk.count)
            meter?.add(bytes: chunk.count)
        }
        return (hasher.finalize().hex, size)
    }
}

/// Rules for entry names that are refused before anything is read.
enum EntryNameRules {
    /// Why a raw entry name is unsafe, or `nil` when it is fine.
    static func problem(with name: String) -> String? {
        if name.isEmpty { return "empty name" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "control character in name" }
        if name.hasPrefix("/") { return "absolute path" }
        if name.contains("\\") { return "backslash in name (a Windows path separator)" }
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        if let first = components.first, first.count == 2, first.last == ":" { return "drive-letter path" }
        if components.contains("..") { return "path climbs out of the folder (..)" }
        if components.contains(".") { return "path contains a '.' component" }
        if components.dropLast().contains("") { return "empty path component" }
        return nil
    }

    /// A key under which names that one file system would treat as the same collide (NFC, case-folded).
    static func collisionKey(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.lowercased()
    }
}

private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [String: Result<(digest: String, size: Int64), any Error>] = [:]

    func set(_ path: String, _ result: Result<(digest: String, size: Int64), any Error>) {
        lock.lock()
        values[path] = result
        lock.unlock()
    }
}

/// Readers handed one to each worker thread. A reader shared by both threads (`reopened()` returning `self`)
/// only reads with `pread` and keeps no mutable state, which is what makes passing them across threads sound.
private final class ReaderPerWorker: @unchecked Sendable {
    let all: [any BagSource]
    init(_ all: [any BagSource]) { self.all = all }
}
