internal import CEvidenceZlib

/// A running CRC-32 (ISO 3309, the checksum every zip entry carries), computed by zlib.
///
/// zlib's table-driven loop is fast enough to ride along with SHA-256 on every byte a verifier reads.
///
/// For example:
///
/// ```swift
/// var crc = CRC32()
/// chunk.withUnsafeBytes { crc.update($0) }
/// if crc.value != entry.crc32 { … }
/// ```
package struct CRC32: Sendable, Equatable {
    /// The checksum of every byte fed so far (0 before any).
    package private(set) var value: UInt32 = 0

    package init() {}

    /// Adds `bytes` to the checksum.
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        value = UInt32(truncatingIfNeeded: crc32_z(UInt(value), base.assumingMemoryBound(to: UInt8.self), bytes.count))
    }

    /// Adds `bytes` to the checksum.
    package mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }
}
