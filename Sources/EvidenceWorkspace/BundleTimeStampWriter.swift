import EvidenceModel
import EvidenceSystem
import EvidenceFormat
import EvidenceCrypto
import Foundation
import ZIPFoundation

/// Adds time-stamp tokens to a sealed bundle (`evidence timestamp`): each token becomes a tag file and the tag
/// manifest is rewritten to list it. Nothing the signature covers changes, so the signature still verifies.
///
/// The bundle is copied under a temporary name beside it, changed there, flushed, checked by the caller, and only
/// then renamed over the original: a failure at any point leaves the original as it was.
package enum BundleTimeStampWriter {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Adds `timeStamps` to the zipped bundle at `bundle`, whose bag folder is `bagFolder`.
    ///
    /// - Parameters:
    ///   - manifestSHA256: The SHA-256 the tokens attest: the bundle's manifest must still hash to it.
    ///   - check: Called with the rewritten bundle before it replaces the original (verification); throws to refuse.
    package static func add(_ timeStamps: [BundleTimeStamp], toBundleAt bundle: URL, bagFolder: String,
                            manifestSHA256: String, check: (URL) throws -> Void) throws {
        let directory = bundle.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(bundle.lastPathComponent).\(UUID().uuidString).partial")
        do {
            try FileManager.default.copyItem(at: bundle, to: temporary)
            try rewrite(temporary, adding: timeStamps, bagFolder: bagFolder, manifestSHA256: manifestSHA256)
            try FileSystem.fsyncFile(temporary.path)
            try check(temporary)
            try FileSystem.rename(temporary.path, to: bundle.path)
            try FileSystem.fsyncDirectory(directory.path)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    private static func rewrite(_ url: URL, adding timeStamps: [BundleTimeStamp], bagFolder: String,
                                manifestSHA256: String) throws {
        let archive = try Archive(url: url, accessMode: .update)
        let manifest = try contents(of: "\(bagFolder)/\(BagLayout.manifest)", in: archive)
        guard SHA256.hash(manifest.bytes).hex == manifestSHA256 else {
            throw Failure(description: "\(BagLayout.manifest) changed while the time-stamp was requested; nothing was written")
        }
        let tagManifest = try contents(of: "\(bagFolder)/\(BagLayout.tagManifest)", in: archive)
        for timeStamp in timeStamps where archive["\(bagFolder)/\(timeStamp.path)"] != nil {
            throw Failure(description: "the bundle already holds \(timeStamp.path)")
        }
        guard let rewritten = BundleTimeStamps.tagManifest(tagManifest.bytes, adding: timeStamps) else {
            throw Failure(description: "\(BagLayout.tagManifest) is not a well-formed checksum manifest")
        }
        // New entries carry the date the sealed entries carry, so the zip still says when the bag was sealed.
        let date = tagManifest.entry.fileAttributes[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)
        try archive.remove(tagManifest.entry)
        for timeStamp in timeStamps {
            try add(timeStamp.response.derRepresentation, as: "\(bagFolder)/\(timeStamp.path)", to: archive, date: date)
        }
        try add(rewritten, as: "\(bagFolder)/\(BagLayout.tagManifest)", to: archive, date: date)
    }

    private static func contents(of path: String, in archive: Archive) throws -> (entry: Entry, bytes: [UInt8]) {
        guard let entry = archive[path] else { throw Failure(description: "the bundle has no \(path)") }
        guard entry.uncompressedSize <= BundleLimits.maximumManifestBytes else {
            throw Failure(description: "\(path) is larger than a bundle's manifest may be")
        }
        var bytes: [UInt8] = []
        _ = try archive.extract(entry, skipCRC32: false) { bytes.append(contentsOf: $0) }
        return (entry, bytes)
    }

    private static func add(_ bytes: [UInt8], as path: String, to archive: Archive, date: Date) throws {
        let data = Data(bytes)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                             permissions: 0o644, compressionMethod: .deflate, bufferSize: 1 << 16) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}
