import EvidenceModel
/// A small zlib (RFC 1950) / DEFLATE (RFC 1951) decoder for PNG text chunks, written in Swift so that no
/// C pointer enters EvidenceKit. Output is capped: a "zip bomb" stops at the cap with an error.
enum Inflate {
    enum Failure: Error, Equatable {
        case badHeader, truncated, badBlock, badCode, badDistance, outputLimit
    }

    /// Decompresses a zlib stream, producing at most `limit` bytes.
    static func zlib(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        guard input.count >= 2, input[0] & 0x0F == 8, (UInt16(input[0]) << 8 | UInt16(input[1])) % 31 == 0,
              input[1] & 0x20 == 0
        else { throw .badHeader }
        return try raw(Array(input.dropFirst(2)), limit: limit)
    }

    private struct BitReader {
        let bytes: [UInt8]
        var position = 0
        var bitBuffer: UInt32 = 0
        var bitCount = 0

        mutating func bits(_ count: Int) throws(Failure) -> Int {
            while bitCount < count {
                guard position < bytes.count else { throw .truncated }
                bitBuffer |= UInt32(bytes[position]) << UInt32(bitCount)
                position += 1
                bitCount += 8
            }
            let value = Int(bitBuffer & ((1 << UInt32(count)) - 1))
            bitBuffer >>= UInt32(count)
            bitCount -= count
            return value
        }

        mutating func alignToByte() {
            bitBuffer = 0
            bitCount = 0
        }
    }

    /// Canonical Huffman table as counts per length and symbols in code order (the `puff.c` layout).
    private struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) throws(Failure) {
            for length in lengths { counts[length] += 1 }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }

        func decode(_ reader: inout BitReader) throws(Failure) -> Int {
            var code = 0, first = 0, index = 0
            for length in 1...15 {
                code |= try reader.bits(1)
                let count = counts[length]
                if code - count < first {
                    // Over-subscribed tables from hostile input can put the code below `first`.
                    let position = index + (code - first)
                    guard position >= 0, position < symbols.count else { throw .badCode }
                    return symbols[position]
                }
                index += count
                first += count
                first <<= 1
                code <<= 1
            }
            throw .badCode
        }
    }

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83,
                                     99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5,
                                      5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                       1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11,
                                        11, 12, 12, 13, 13]

    /// Decompresses raw DEFLATE data.
    static func raw(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var reader = BitReader(bytes: input)
        var output: [UInt8] = []
        var last = 0
        repeat {
            last = try reader.bits(1)
            switch try reader.bits(2) {
            case 0:
                reader.alignToByte()
                let at = reader.position
                guard at + 4 <= input.count else { throw .truncated }
                let length = Int(input[at]) | Int(input[at + 1]) << 8
                let complement = Int(input[at + 2]) | Int(input[at + 3]) << 8
                guard length == ~complement & 0xFFFF else { throw .badBlock }
                guard at + 4 + length <= input.count else { throw .truncated }
                guard output.count + length <= limit else { throw .outputLimit }
                output += input[(at + 4)..<(at + 4 + length)]
                reader.position = at + 4 + length
            case 1:
                var lengths = [Int](repeating: 8, count: 288)
                for symbol in 144..<256 { lengths[symbol] = 9 }
                for symbol in 256..<280 { lengths[symbol] = 7 }
                try codes(&reader, &output, limit: limit, literal: Huffman(lengths: lengths),
                          distance: Huffman(lengths: [Int](repeating: 5, count: 30)))
            case 2:
                let literalCount = try reader.bits(5) + 257
                let distanceCount = try reader.bits(5) + 1
                let codeCount = try reader.bits(4) + 4
                guard literalCount <= 286, distanceCount <= 30 else { throw .badBlock }
                let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
                var codeLengths = [Int](repeating: 0, count: 19)
                for index in 0..<codeCount { codeLengths[order[index]] = try reader.bits(3) }
                let codeTable = try Huffman(lengths: codeLengths)
                var lengths: [Int] = []
                while lengths.count < literalCount + distanceCount {
                    let symbol = try codeTable.decode(&reader)
                    switch symbol {
                    case 0..<16: lengths.append(symbol)
                    case 16:
                        guard let previous = lengths.last else { throw .badBlock }
                        lengths += [Int](repeating: previous, count: 3 + (try reader.bits(2)))
                    case 17: lengths += [Int](repeating: 0, count: 3 + (try reader.bits(3)))
                    default: lengths += [Int](repeating: 0, count: 11 + (try reader.bits(7)))
                    }
                }
                guard lengths.count == literalCount + distanceCount, lengths[256] != 0 else { throw .badBlock }
                try codes(&reader, &output, limit: limit, literal: Huffman(lengths: Array(lengths[0..<literalCount])),
                          distance: Huffman(lengths: Array(lengths[literalCount...])))
            default:
                throw .badBlock
            }
        } while last == 0
        return output
    }

    private static func codes(_ reader: inout BitReader, _ output: inout [UInt8], limit: Int, literal: Huffman,
                              distance: Huffman) throws(Failure) {
        while true {
            let symbol = try literal.decode(&reader)
            if symbol < 256 {
                guard output.count < limit else { throw .outputLimit }
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let index = symbol - 257
                guard index < lengthBase.count else { throw .badCode }
                let length = lengthBase[index] + (try reader.bits(lengthExtra[index]))
                let distanceSymbol = try distance.decode(&reader)
                guard distanceSymbol < distanceBase.count else { throw .badDistance }
                let back = distanceBase[distanceSymbol] + (try reader.bits(distanceExtra[distanceSymbol]))
                guard back <= output.count else { throw .badDistance }
                guard output.count + length <= limit else { throw .outputLimit }
                let start = output.count - back
                for step in 0..<length { output.append(output[start + step]) }
            }
        }
    }
}

/// CRC-32 (ISO 3309, as PNG uses it).
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 != 0 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ parts: [UInt8]...) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for part in parts {
            for byte in part { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
