import Testing
@testable import EvidenceModel

/// The one reader of untrusted bytes: every read checked against the end, a failed read leaving the cursor where it
/// was.
@Suite struct ByteReaderTests {
    static let bytes: [UInt8] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0xF9, 0xFA]

    @Test(arguments: [1, 2, 4, 8])
    func aLittleEndianIntegerIsTheGenericReadersValue(width: Int) {
        for start in 0...Self.bytes.count {
            var concrete = ByteReader(Self.bytes, from: start)
            var generic = ByteReader(Self.bytes, from: start)
            let expected: UInt64? = switch width {
            case 1: generic.readInteger(as: UInt8.self, bigEndian: false).map(UInt64.init)
            case 2: generic.readInteger(as: UInt16.self, bigEndian: false).map(UInt64.init)
            case 4: generic.readInteger(as: UInt32.self, bigEndian: false).map(UInt64.init)
            default: generic.readInteger(as: UInt64.self, bigEndian: false)
            }
            #expect(concrete.readLittleEndian(width: width) == expected, "width \(width) from \(start)")
            #expect(concrete.readerIndex == generic.readerIndex)
        }
        var reader = ByteReader(Self.bytes)
        #expect(reader.readLittleEndian(width: 2) == 0x0201)
        #expect(reader.readLittleEndian(width: 4) == 0x0605_0403)
    }

    @Test func aShortOrImpossibleReadReturnsNothingAndDoesNotMove() {
        var reader = ByteReader(Self.bytes, from: 3, to: 9)
        #expect(reader.readLittleEndian(width: 8) == nil)
        #expect(reader.readerIndex == 3)
        for width in [0, -1, 9] {
            #expect(reader.readLittleEndian(width: width) == nil)
            #expect(reader.readerIndex == 3)
        }
        // The end given to the reader bounds it, not the buffer's: 0xFA at index 9 is not read.
        #expect(reader.readLittleEndian(width: 6) == 0xF908_0706_0504)
        #expect(reader.readLittleEndian(width: 1) == nil)
        #expect(reader.isAtEnd)
    }
}
