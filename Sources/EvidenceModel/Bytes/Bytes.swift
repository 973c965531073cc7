/// Bounds-checked integer and text reads over byte arrays: every read returns `nil` on short input.
package extension Array where Element == UInt8 {
    func u8(_ offset: Int) -> UInt8? {
        offset >= 0 && offset < count ? self[offset] : nil
    }

    func u16(_ offset: Int, bigEndian: Bool = true) -> UInt16? {
        guard offset >= 0, offset <= count - 2 else { return nil }
        let a = UInt16(self[offset]), b = UInt16(self[offset + 1])
        return bigEndian ? a << 8 | b : b << 8 | a
    }

    func u24(_ offset: Int, bigEndian: Bool = true) -> UInt32? {
        guard offset >= 0, offset <= count - 3 else { return nil }
        let a = UInt32(self[offset]), b = UInt32(self[offset + 1]), c = UInt32(self[offset + 2])
        return bigEndian ? a << 16 | b << 8 | c : c << 16 | b << 8 | a
    }

    func u32(_ offset: Int, bigEndian: Bool = true) -> UInt32? {
        guard offset >= 0, offset <= count - 4 else { return nil }
        var value: UInt32 = 0
        for index in 0..<4 {
            let byte = UInt32(self[offset + (bigEndian ? index : 3 - index)])
            value = value << 8 | byte
        }
        return value
    }

    func u64(_ offset: Int, bigEndian: Bool = true) -> UInt64? {
        guard offset >= 0, offset <= count - 8 else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 {
            let byte = UInt64(self[offset + (bigEndian ? index : 7 - index)])
            value = value << 8 | byte
        }
        return value
    }

    /// `length` bytes at `offset`, or `nil` when they are not all there.
    func slice(_ offset: Int, _ length: Int) -> [UInt8]? {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else { return nil }
        return Array(self[offset..<offset + length])
    }

    /// The number written in `count` ASCII decimal digits at `offset` (`2023` in a date), or `nil` when any of
    /// them is not a digit or they are not all there. Callers read at most 18 digits, so it cannot overflow.
    func decimal(at offset: Int, count digits: Int) -> Int? {
        guard digits > 0, offset >= 0, offset <= count - digits else { return nil }
        var value = 0
        for byte in self[offset..<offset + digits] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// Four bytes read as an ASCII code (`ftyp`, `IHDR`), or `nil` when short.
    func fourCC(_ offset: Int) -> String? {
        guard let bytes = slice(offset, 4) else { return nil }
        return String(decoding: bytes.map { $0 >= 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }
}
