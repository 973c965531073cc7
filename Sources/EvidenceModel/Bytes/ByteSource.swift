import Foundation

/// Random access to the bytes of one file or buffer, so that a parser reads box and segment headers
/// where they are and skips the rest (a 5 GB video costs a few small reads).
///
/// A read past the end returns fewer bytes (possibly none): parsers treat that as truncation.
/// Only I/O failures throw.
public protocol ByteSource {
    /// The total number of bytes.
    var count: UInt64 { get }
    /// Up to `maxCount` bytes starting at `offset`; fewer at the end, none at or past it.
    /// - Throws: ``IOError`` when the underlying storage cannot be read.
    func read(at offset: UInt64, maxCount: Int) throws -> [UInt8]
}

/// Bytes already in memory: what tests, fuzzers and small files use.
public struct ArrayByteSource: ByteSource, Sendable {
    /// The whole buffer.
    public let bytes: [UInt8]

    /// A source over `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The length of the buffer.
    public var count: UInt64 { UInt64(bytes.count) }

    /// Up to `maxCount` bytes from `offset`; never throws.
    public func read(at offset: UInt64, maxCount: Int) throws -> [UInt8] {
        guard maxCount > 0, offset < UInt64(bytes.count) else { return [] }
        let start = Int(offset)
        let end = start + min(maxCount, bytes.count - start)
        return Array(bytes[start..<end])
    }
}
