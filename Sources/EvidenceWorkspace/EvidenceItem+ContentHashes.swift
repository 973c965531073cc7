import EvidenceCrypto
import EvidenceImaging
import EvidenceModel
import EvidenceSystem
import Foundation

/// The hashes that hash-based blocking asks for, computed from the stored copy (never the original again): PDQ for
/// a still image, MD5 for a video.
extension EvidenceItem {
    /// Whether ``addContentHashes(storedCopy:heldBytes:limits:)`` has something to compute that the item does not
    /// have yet.
    var lacksContentHashes: Bool {
        (ImageDecoder.mediaTypes.contains(mediaType) && pdq == nil
            && !warnings.contains { $0.code == .notPerceptuallyHashed })
            || (kind == .video && md5 == nil)
    }

    /// Sets ``pdq`` and ``pdqQuality`` for a still image we decode, ``md5`` for a video. An image that cannot be
    /// decoded (damaged, too many pixels) gets a warning instead of a hash; it is never a failure of `add`.
    ///
    /// - Parameters:
    ///   - storedCopy: The path of the item's stored (or staged) copy.
    ///   - heldBytes: All of the stored copy's bytes when the caller holds them (the copier's buffer): an image is
    ///     then decoded from them rather than read again.
    /// - Throws: ``IOError`` when the stored copy cannot be read.
    mutating func addContentHashes(storedCopy: String, heldBytes: (any ByteSource)? = nil,
                                   limits: ImageLimits = ImageLimits()) throws {
        if ImageDecoder.mediaTypes.contains(mediaType), pdq == nil {
            // Only as many bytes as the file holds are taken (one more past the limit tells a file too large).
            let source = try heldBytes ?? FileByteSource(path: storedCopy)
            let bytes = try source.read(at: 0, maxCount: limits.maxEncodedBytes + 1)
            do {
                let hashed = try ImageDecoder.pdqHash(of: bytes, mediaType: mediaType, limits: limits)
                if let result = hashed.pdq {
                    pdq = result.hash.hex
                    pdqQuality = result.quality
                } else {
                    warnings.append(EvidenceWarning(
                        code: .notPerceptuallyHashed,
                        message: "The image is \(hashed.width) × \(hashed.height) pixels, smaller than "
                            + "PDQ hashes (\(PDQHasher.minimumDimension) pixels a side): it has no PDQ hash."))
                }
            } catch let error as ImageDecodeError {
                warnings.append(EvidenceWarning(code: .notPerceptuallyHashed,
                                                message: "The image was not decoded, so it has no PDQ hash: \(error.message)."))
            }
        }
        if kind == .video, md5 == nil {
            let hasher = MD5Hasher()
            _ = try FileSystem.forEachChunk(of: storedCopy) { hasher.update($0) }
            md5 = hasher.finalize()
        }
    }
}
