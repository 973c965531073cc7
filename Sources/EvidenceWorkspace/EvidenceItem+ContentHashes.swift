import EvidenceCrypto
import EvidenceImaging
import EvidenceModel
import EvidenceSystem
import Foundation

/// The hashes that hash-based blocking asks for, computed from the stored copy (never the original again): PDQ for
/// a still image, MD5 for a video.
extension EvidenceItem {
    /// Whether ``addContentHashes(storedCopy:limits:)`` has something to compute that the item does not have yet.
    var lacksContentHashes: Bool {
        (ImageDecoder.mediaTypes.contains(mediaType) && pdq == nil
            && !warnings.contains { $0.code == .notPerceptuallyHashed })
            || (kind == .video && md5 == nil)
    }

    /// Sets ``pdq`` and ``pdqQuality`` for a still image we decode, ``md5`` for a video. An image that cannot be
    /// decoded (damaged, too many pixels) gets a warning instead of a hash; it is never a failure of `add`.
    ///
    /// - Throws: ``IOError`` when the stored copy cannot be read.
    mutating func addContentHashes(storedCopy: URL, limits: ImageLimits = ImageLimits()) throws {
        if ImageDecoder.mediaTypes.contains(mediaType), pdq == nil {
            let bytes = try FileSystem.readPrefix(of: storedCopy.path, limit: limits.maxEncodedBytes + 1)
            do {
                let decoded = try ImageDecoder.decode(bytes, mediaType: mediaType, limits: limits)
                if let result = PDQHasher.hash(of: decoded.image) {
                    pdq = result.hash.hex
                    pdqQuality = result.quality
                } else {
                    warnings.append(EvidenceWarning(
                        code: .notPerceptuallyHashed,
                        message: "The image is \(decoded.image.width) × \(decoded.image.height) pixels, smaller than "
                            + "PDQ hashes (\(PDQHasher.minimumDimension) pixels a side): it has no PDQ hash."))
                }
            } catch let error as ImageDecodeError {
                warnings.append(EvidenceWarning(code: .notPerceptuallyHashed,
                                                message: "The image was not decoded, so it has no PDQ hash: \(error.message)."))
            }
        }
        if kind == .video, md5 == nil {
            let hasher = MD5Hasher()
            _ = try FileSystem.forEachChunk(of: storedCopy.path) { hasher.update($0) }
            md5 = hasher.finalize()
        }
    }
}
