internal import CEvidenceCRC32
internal import CEvidenceZlib

/// A running CRC-32 (ISO 3309, the checksum every zip entry carries).
///
/// Where the CPU can multiply without carries (PCLMULQDQ, asked of CPUID once), the bulk of each update is folded
/// 64 bytes at a time by `CEvidenceCRC32`, over 10 GB/s on one core; the last 0–63 bytes, short updates and CPUs
/// without it go through zlib's `crc32_z`. Both give the same value for the same bytes however they are split.
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
        let start = base.assumingMemoryBound(to: UInt8.self)
        var folded = 0
        if bytes.count >= Self.shortestFolded && Self.foldingIsAvailable {
            // The fold works on whole 16-byte blocks and on the CRC register itself, without zlib's inversions.
            folded = bytes.count & ~15
            value = ~evidence_crc32_fold(~value, start, folded)
        }
        if folded < bytes.count {
            value = UInt32(truncatingIfNeeded: crc32_z(UInt(value), start + folded, bytes.count - folded))
        }
    }

    /// Adds `bytes` to the checksum.
    package mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Below this many bytes zlib's table is as fast as setting up the fold (and the fold needs 64 at least).
    private static let shortestFolded = 64
    /// Whether this CPU has PCLMULQDQ and SSE4.1, asked once.
    private static let foldingIsAvailable = evidence_crc32_fold_is_available() != 0
}
