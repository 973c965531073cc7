import Foundation

/// A PDQ perceptual hash: 256 bits that stay close (in Hamming distance) when an image is re-compressed, resized
/// or slightly cropped, and that cannot be turned back into the image.
///
/// Written as 64 lowercase hex digits, most significant first, exactly as Meta's reference code, ThreatExchange
/// and StopNCII write it: bit `k` of the reference `Hash256` (`w[k / 16] >> (k % 16)`) is bit `k` of that number.
///
/// For example:
///
/// ```swift
/// let a = PDQHash(hex: "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22")!
/// let b = PDQHash(hex: "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b23")!
/// a.distance(to: b)   // 1
/// ```
public struct PDQHash: Sendable, Hashable, CustomStringConvertible {
    /// The distance at or below which ThreatExchange calls two PDQ hashes a match.
    public static let matchThreshold = 31
    /// The quality below which Meta advises not to match on a hash: the image is too flat to say much.
    public static let minimumUsefulQuality = 50

    /// The 256 bits as four 64-bit words, most significant first (`words[0]` is the first 16 hex digits).
    public let words: [UInt64]

    /// A hash from its four words, most significant first.
    public init(words: [UInt64]) {
        precondition(words.count == 4, "a PDQ hash has four 64-bit words")
        self.words = words
    }

    /// A hash from the reference code's bit numbering: `isSet(k)` for `k` in `0..<256`.
    package init(settingBits isSet: (Int) -> Bool) {
        var words: [UInt64] = [0, 0, 0, 0]
        for bit in 0..<256 where isSet(bit) {
            words[3 - bit / 64] |= 1 << UInt64(bit % 64)
        }
        self.words = words
    }

    /// Reads 64 hex digits (either case, surrounding white space ignored); `nil` for anything else.
    public init?(hex text: some StringProtocol) {
        let digits = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        guard digits.count == 64 else { return nil }
        var words: [UInt64] = []
        for start in stride(from: 0, to: 64, by: 16) {
            var word: UInt64 = 0
            for digit in digits[start..<start + 16] {
                guard let value = Self.hexValue(digit) else { return nil }
                word = word << 4 | UInt64(value)
            }
            words.append(word)
        }
        self.words = words
    }

    /// The 64 lowercase hex digits.
    public var hex: String {
        words.map { word in
            let digits = String(word, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    public var description: String { hex }

    /// The number of bits that differ: 0 for the same hash, about 128 for unrelated images.
    public func distance(to other: PDQHash) -> Int {
        (words[0] ^ other.words[0]).nonzeroBitCount + (words[1] ^ other.words[1]).nonzeroBitCount
            + (words[2] ^ other.words[2]).nonzeroBitCount + (words[3] ^ other.words[3]).nonzeroBitCount
    }

    /// The hash's sixteen 16-bit blocks, most significant first: the keys of ``PDQIndex``.
    package var blocks: [UInt16] {
        var blocks: [UInt16] = []
        blocks.reserveCapacity(16)
        for word in words {
            for shift in stride(from: 48, through: 0, by: -16) { blocks.append(UInt16(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return blocks
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
