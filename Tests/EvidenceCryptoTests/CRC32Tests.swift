@testable import EvidenceCrypto
import CEvidenceZlib
import Testing

/// `CRC32` folds with carry-less multiplication where the CPU can and hands short tails to zlib: whatever the length,
/// the alignment of the first byte and how the bytes are split across updates, it must give zlib's value. Each
/// buffer is allocated to its exact size, so an out-of-bounds read of a tail is an AddressSanitizer report in
/// `scripts/fuzz.sh`.
@Suite struct CRC32Tests {
    @Test("known answers", arguments: [
        ("", 0x0000_0000),
        ("a", 0xE8B7_BE43),
        ("123456789", 0xCBF4_3926),
        ("The quick brown fox jumps over the lazy dog", 0x414F_A339),
        (String(repeating: "123456789", count: 64), 0x448F_0D2C),
    ] as [(String, UInt32)])
    func knownAnswers(text: String, expected: UInt32) {
        var crc = CRC32()
        crc.update(Array(text.utf8))
        #expect(crc.value == expected)
        #expect(zlibCRC(Array(text.utf8)) == expected)
    }

    @Test func everyLengthUpTo4096EqualsZlib() {
        let bytes = Self.randomBytes(4096, seed: 1)
        for length in 0...4096 {
            let value = Self.withExactCopy(of: bytes[..<length], offset: 0) { buffer in
                var crc = CRC32()
                crc.update(buffer)
                return crc.value
            }
            #expect(value == zlibCRC(Array(bytes[..<length])), "length \(length)")
        }
    }

    @Test func randomLengthsUpToFourMiBEqualZlib() {
        var generator = SplitMix64(seed: 2)
        let bytes = Self.randomBytes(4 << 20, seed: 3)
        for _ in 0..<24 {
            let length = Int.random(in: 4097...(4 << 20), using: &generator)
            let start = Int.random(in: 0...(bytes.count - length), using: &generator)
            let slice = Array(bytes[start..<(start + length)])
            var crc = CRC32()
            crc.update(slice)
            #expect(crc.value == zlibCRC(slice), "length \(length) from \(start)")
        }
    }

    @Test func everyAlignmentEqualsZlib() {
        let bytes = Self.randomBytes(1 << 16, seed: 4)
        let lengths = [1, 15, 16, 17, 63, 64, 65, 79, 80, 127, 128, 129, 191, 255, 256, 1000, 4095, 65_000]
        for offset in 0...63 {
            for length in lengths {
                let value = Self.withExactCopy(of: bytes[..<length], offset: offset) { buffer in
                    var crc = CRC32()
                    crc.update(buffer)
                    return crc.value
                }
                #expect(value == zlibCRC(Array(bytes[..<length])), "offset \(offset), length \(length)")
            }
        }
    }

    @Test func arbitrarySplitsAcrossUpdatesEqualOneUpdate() {
        var generator = SplitMix64(seed: 5)
        let bytes = Self.randomBytes(3 << 20, seed: 6)
        let whole = zlibCRC(bytes)
        for round in 0..<40 {
            // Small pieces in some rounds, large ones in others, so folded and zlib-only updates alternate.
            let largest = round % 2 == 0 ? 200 : 300_000
            var crc = CRC32()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Int.random(in: 0...largest, using: &generator))
                Self.withExactCopy(of: bytes[start..<end], offset: Int.random(in: 0...15, using: &generator)) { crc.update($0) }
                start = end
            }
            #expect(crc.value == whole, "round \(round)")
        }
        var byteByByte = CRC32()
        for byte in bytes.prefix(5000) { byteByByte.update([byte]) }
        #expect(byteByByte.value == zlibCRC(Array(bytes.prefix(5000))))
    }

    @Test func repeatedAndAllZeroOrOneBytesEqualZlib() {
        for byte: UInt8 in [0x00, 0xFF, 0x80, 0x01] {
            for length in [64, 1 << 10, 1 << 20] {
                let bytes = [UInt8](repeating: byte, count: length)
                var crc = CRC32()
                crc.update(bytes)
                #expect(crc.value == zlibCRC(bytes), "\(length) × \(byte)")
            }
        }
    }

    // MARK: Helpers

    private func zlibCRC(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32_z(0, $0.baseAddress, $0.count)) }
    }

    /// Copies `bytes` to `offset` bytes past a 64-byte boundary of a buffer that ends exactly where they do.
    private static func withExactCopy<T>(of bytes: ArraySlice<UInt8>, offset: Int,
                                         _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: offset + bytes.count, alignment: 64)
        defer { storage.deallocate() }
        let region = UnsafeMutableRawBufferPointer(rebasing: storage[offset...])
        region.copyBytes(from: bytes)
        return body(UnsafeRawBufferPointer(region))
    }

    private static func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var generator = SplitMix64(seed: seed)
        var bytes = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            var word = generator.next()
            for _ in 0..<min(8, count - index) {
                bytes[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
        return bytes
    }
}

/// A small deterministic generator: the same seed gives the same bytes on every machine, so failures reproduce.
private struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
