/// A SHA-256 digest: exactly 32 bytes.
///
/// For example:
///
/// ```swift
/// let digest = SHA256.hash(Array("abc".utf8))
/// print(digest.hex) // ba7816bf…
/// ```
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The number of bytes in a SHA-256 digest.
    public static let byteCount = 32

    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Wraps digest bytes.
    ///
    /// - Parameter bytes: Exactly 32 bytes.
    /// - Returns: `nil` unless `bytes` holds exactly 32 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 hexadecimal characters, in either case.
    ///
    /// - Parameter hex: The digest as 64 hex digits, with nothing else (no prefix, no spaces).
    /// - Returns: `nil` for any other text.
    public init?(hex: String) {
        guard let bytes = Hex.decode(hex), bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    /// The digest as 64 lowercase hex digits, as `sha256sum` and BagIt manifests write it.
    public var hex: String { Hex.encode(bytes) }

    /// The lowercase hex form.
    public var description: String { hex }
}

/// Hexadecimal text, shared by digests, fingerprints and test helpers.
enum Hex {
    /// Lowercase hex digits, two per byte.
    static func encode(_ bytes: [UInt8]) -> String {
        // Written straight into the string's storage: a digest's hex is made for every file `add` copies.
        String(unsafeUninitializedCapacity: bytes.count * 2) { characters in
            for (index, byte) in bytes.enumerated() {
                characters[2 * index] = digit(byte >> 4)
                characters[2 * index + 1] = digit(byte & 0x0F)
            }
            return bytes.count * 2
        }
    }

    private static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") - 10 + value
    }

    /// Decodes an even number of hex digits; `nil` for anything else.
    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = value(of: characters[index]), let low = value(of: characters[index + 1]) else {
                return nil
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
