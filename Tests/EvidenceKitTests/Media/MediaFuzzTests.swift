import Foundation
import Testing

@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// Every prefix and thousands of seeded random mutations of each fixture, fed to every parser: no crash,
/// no hang, no time outside what the types allow.
@Suite("Fuzz: media parsers on damaged input")
struct MediaFuzzTests {
    static let fixtures = MediaOracleTests.fixtures.filter { $0 != "empty.jpg" }
    static let mutationsPerFixture = 2500 * FuzzRun.scale

    /// Runs every parser; returns how many times they produced (so the optimiser cannot drop the work).
    @discardableResult
    static func feed(_ bytes: [UInt8]) -> Int {
        let source = ArrayByteSource(bytes)
        var found = 0
        found += (try? JPEGMetadata(parsing: source).metadata.times.count) ?? 0
        found += (try? PNGMetadata(parsing: source).metadata.times.count) ?? 0
        found += (try? WebPMetadata(parsing: source).metadata.times.count) ?? 0
        found += (try? GIFMetadata(parsing: source).metadata.times.count) ?? 0
        found += (try? HEIFMetadata(parsing: source).metadata.times.count) ?? 0
        found += (try? QuickTimeMetadata(parsing: source).metadata.times.count) ?? 0
        found += (try? EXIFMetadata(tiff: bytes).metadata.times.count) ?? 0
        found += (try? Inflate.zlib(bytes, limit: 1 << 16).count) ?? 0
        found += IPTCMetadata(app13: bytes).metadata.times.count
        found += (try? TIFFMetadata(parsing: source).metadata.times.count) ?? 0
        found += (try? CR3Metadata(parsing: source).metadata.times.count) ?? 0
        found += (try? OggMetadata(parsing: source).metadata.times.count) ?? 0
        found += (try? AMRMetadata(parsing: source).metadata.times.count) ?? 0
        found += (try? ID3Metadata(parsing: source).metadata.times.count) ?? 0
        return found
    }

    static func mutate(_ bytes: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var copy = bytes
        guard !copy.isEmpty else { return copy }
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let at = Int.random(in: 0..<copy.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: copy[at] = UInt8.random(in: 0...255, using: &random)
            case 1: copy[at] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            case 2:  // an absurd length or offset
                for index in at..<min(copy.count, at + 4) { copy[index] = 0xFF }
            case 3:
                for index in at..<min(copy.count, at + 4) { copy[index] = 0 }
            default:  // a length that points just past the end or back to the start
                let value = Bool.random(using: &random) ? UInt32(copy.count) : 8
                for index in 0..<4 where at + index < copy.count {
                    copy[at + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(index)))
                }
            }
        }
        return copy
    }

    @Test(arguments: fixtures)
    func everyPrefix(_ name: String) throws {
        let bytes = try TestSupport.fixtureBytes("Media/\(name)")
        for length in 0...bytes.count { Self.feed(Array(bytes.prefix(length))) }
        FuzzRun.report(FuzzRun.mediaParsers, inputs: bytes.count + 1)
    }

    @Test(arguments: fixtures)
    func seededMutations(_ name: String) throws {
        let bytes = try TestSupport.fixtureBytes("Media/\(name)")
        var random = SeededGenerator(seed: UInt64(bitPattern: Int64(name.utf8.reduce(7) { $0 &* 31 &+ Int($1) })))
        for _ in 0..<Self.mutationsPerFixture { Self.feed(Self.mutate(bytes, &random)) }
        FuzzRun.report(FuzzRun.mediaParsers, inputs: Self.mutationsPerFixture)
    }

    @Test func mutatedXMPPacketsAndTIFFBlocks() throws {
        let jpeg = try TestSupport.fixtureBytes("Media/photo-iphone.jpg")
        let start = try #require(jpeg.indices.first { jpeg.starts(with: Array("Exif\0\0".utf8), at: $0) }) + 6
        let tiff = Array(jpeg[start..<min(jpeg.count, start + 700)])
        let png = try TestSupport.fixtureBytes("Media/screenshot-ios.png")
        let xmpStart = try #require(png.indices.first { png.starts(with: Array("<x:xmpmeta".utf8), at: $0) })
        let xmp = Array(png[xmpStart..<min(png.count, xmpStart + 1000)])
        var random = SeededGenerator(seed: 42)
        let mutations = 2000 * FuzzRun.scale
        for _ in 0..<mutations {
            _ = try? EXIFMetadata(tiff: Self.mutate(tiff, &random))
            _ = XMPMetadata(packet: Self.mutate(xmp, &random))
        }
        for length in 0...xmp.count { _ = XMPMetadata(packet: Array(xmp.prefix(length))) }
        for length in 0...tiff.count { _ = try? EXIFMetadata(tiff: Array(tiff.prefix(length))) }
        // The UTF-16 packet and the IPTC block, mutated and cut the same way.
        let utf16JPEG = try TestSupport.fixtureBytes("Media/xmp-utf16.jpg")
        let utf16Start = try #require(utf16JPEG.indices.first { utf16JPEG.starts(with: [0x3C, 0, 0x3F, 0], at: $0) })
        let utf16 = Array(utf16JPEG[utf16Start..<min(utf16JPEG.count, utf16Start + 1200)])
        let iptcJPEG = try TestSupport.fixtureBytes("Media/iptc.jpg")
        let iptcStart = try #require(iptcJPEG.indices.first { iptcJPEG.starts(with: IPTCMetadata.photoshopSignature, at: $0) })
        let app13 = Array(iptcJPEG[iptcStart..<min(iptcJPEG.count, iptcStart + 92)])
        for _ in 0..<mutations {
            _ = XMPMetadata(packet: Self.mutate(utf16, &random))
            _ = IPTCMetadata(app13: Self.mutate(app13, &random))
        }
        for length in 0...utf16.count { _ = XMPMetadata(packet: Array(utf16.prefix(length))) }
        for length in 0...app13.count { _ = IPTCMetadata(app13: Array(app13.prefix(length))) }
        FuzzRun.report(["XMP"], inputs: mutations + utf16.count + 1)
        FuzzRun.report(["IPTC"], inputs: mutations + app13.count + 1)
        FuzzRun.report(["XMP"], inputs: mutations + xmp.count + 1)
        FuzzRun.report(["EXIF"], inputs: mutations + tiff.count + 1)
    }

    @Test func mutatedFileNames() {
        var random = SeededGenerator(seed: 99)
        let names = FileNamePatternsTests.cases.map(\.name)
        var inputs = 0
        for name in names {
            for length in 0...name.unicodeScalars.count {
                _ = FileNamePatterns.match(String(String.UnicodeScalarView(name.unicodeScalars.prefix(length))))
                inputs += 1
            }
            for _ in 0..<200 * FuzzRun.scale {
                inputs += 1
                var scalars = Array(name.unicodeScalars)
                let at = Int.random(in: 0..<scalars.count, using: &random)
                let replacement = ["9", "0", ".", " ", "\u{202F}", "\u{0301}", "P", "-", "_"]
                    .randomElement(using: &random)!.unicodeScalars.first!
                if Bool.random(using: &random) { scalars[at] = replacement } else { scalars.insert(replacement, at: at) }
                if let match = FileNamePatterns.match(String(String.UnicodeScalarView(scalars))) {
                    #expect(LocalDateTime(year: match.local.year, month: match.local.month, day: match.local.day,
                                          hour: match.local.hour, minute: match.local.minute) != nil)
                }
            }
        }
        FuzzRun.report(["FileNamePatterns"], inputs: inputs)
    }

    @Test func inspectorOnMutatedFilesNeverThrowsForContent() throws {
        var random = SeededGenerator(seed: 7)
        let context = InspectionContext(timeZone: TimeZone(identifier: "Europe/Brussels")!)
        for name in Self.fixtures {
            let bytes = try TestSupport.fixtureBytes("Media/\(name)")
            for _ in 0..<100 * FuzzRun.scale {
                _ = try ItemInspector.inspect(source: ArrayByteSource(Self.mutate(bytes, &random)),
                                              originalName: name, context: context)
            }
        }
        FuzzRun.report(["ItemInspector"], inputs: Self.fixtures.count * 100 * FuzzRun.scale)
    }
}
