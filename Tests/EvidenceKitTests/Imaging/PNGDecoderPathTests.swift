@testable import EvidenceImaging
import Foundation
import Testing

/// An 8-bit RGB PNG without transparency is read as RGB directly; every other PNG as RGBA with the alpha dropped.
/// The pixels (and so the PDQ hashes) must be the same either way, whatever gamma or colour chunks the file carries.
@Suite struct PNGDecoderPathTests {
    /// Writes 8-bit RGB PNGs by hand (no transparency): plain, with gAMA chunks of several gammas, with sRGB, with
    /// cHRM, interlaced (Adam7), and with filters of every type; prints one name per line.
    static let generator = #"""
        import struct, sys, zlib
        folder = sys.argv[1]
        width, height = 97, 61
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        def pixel(x, y):
            return bytes(((x * 7 + y * 3) % 256, (x * y) % 256, (255 - x * 2 - y) % 256))
        def rows(w, h, ox=0, oy=0, dx=1, dy=1):
            return [b"".join(pixel(ox + x * dx, oy + y * dy) for x in range(w)) for y in range(h)]
        def stream(rows, filters):
            out = bytearray()
            for number, row in enumerate(rows):
                kind = filters[number % len(filters)]
                previous = rows[number - 1] if number else bytes(len(row))
                filtered = bytearray(len(row))
                for i, value in enumerate(row):
                    left = row[i - 3] if i >= 3 else 0
                    up = previous[i]
                    corner = previous[i - 3] if i >= 3 else 0
                    if kind == 0: predictor = 0
                    elif kind == 1: predictor = left
                    elif kind == 2: predictor = up
                    elif kind == 3: predictor = (left + up) // 2
                    else:
                        p = left + up - corner
                        pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                        predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                    filtered[i] = (value - predictor) % 256
                out += bytes([kind]) + filtered
            return bytes(out)
        def png(name, extra=b"", filters=(0,), interlace=0):
            if interlace:
                passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]
                data = b""
                for ox, oy, dx, dy in passes:
                    w, h = (width - ox + dx - 1) // dx, (height - oy + dy - 1) // dy
                    if w > 0 and h > 0:
                        data += stream(rows(w, h, ox, oy, dx, dy), filters)
            else:
                data = stream(rows(width, height), filters)
            header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, interlace)
            with open(f"{folder}/{name}", "wb") as out:
                out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + extra + chunk(b"IDAT", zlib.compress(data))
                          + chunk(b"IEND", b""))
            print(name)
        png("plain.png")
        for gamma in (45455, 100000, 22000, 70000):
            png(f"gamma-{gamma}.png", chunk(b"gAMA", struct.pack(">I", gamma)))
        png("srgb.png", chunk(b"sRGB", b"\x00") + chunk(b"gAMA", struct.pack(">I", 45455)))
        png("chrm.png", chunk(b"gAMA", struct.pack(">I", 45455))
            + chunk(b"cHRM", struct.pack(">8I", 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000)))
        png("filters.png", filters=(0, 1, 2, 3, 4))
        png("interlaced.png", chunk(b"gAMA", struct.pack(">I", 45455)), filters=(4, 1), interlace=1)
        """#

    @Test func rgbFilesGiveTheSamePixelsEitherWay() throws {
        let folder = try TestSupport.temporaryDirectory("png-paths")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try TestSupport.tool("python3", ["-c", Self.generator, folder.path])
        try #require(result.status == 0, "the PNG generator failed: \(result.stderr)")
        var files = result.stdout.split(separator: "\n").map { folder.appendingPathComponent(String($0)) }
        #expect(files.count == 9)
        files += ["plain.png", "screenshot-ios.png", "xmp-compressed.png", "png-creation-offset.png"]
            .map { TestSupport.fixture("Media/\($0)") }
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            let direct = try PNGDecoder.decode(bytes, limits: ImageLimits())
            let throughRGBA = try PNGDecoder.decode(bytes, limits: ImageLimits(), throughRGBA: true)
            #expect(direct.image == throughRGBA.image, "\(file.lastPathComponent)")
            #expect(direct.warnings == throughRGBA.warnings, "\(file.lastPathComponent)")
        }
    }
}
