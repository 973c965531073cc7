import EvidenceModel
/// The metadata chunks of a PNG: `IHDR` size, `tIME` (UTC), `eXIf`, and `tEXt`/`zTXt`/`iTXt` text
/// including the XMP packet (`XML:com.adobe.xmp`) iOS writes into screenshots and the `Creation Time` key.
///
/// Every chunk read has its CRC checked; a bad CRC is a warning naming the chunk, and its content is still
/// read (a flipped bit elsewhere in a chunk does not make its date false, but the reader is told).
/// Image data (`IDAT`) is skipped without being read.
package struct PNGMetadata {
    /// Times, clues and damage found.
    public var metadata = MediaMetadata()

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let maxChunks = 10_000
    /// Metadata chunks larger than this are skipped: real ones are kilobytes.
    static let maxMetadataChunk = 8 << 20
    /// The most a compressed text chunk may expand to.
    static let maxInflatedText = 4 << 20
    /// The most all compressed text chunks of one file may expand to together: thousands of small
    /// "bombs" must not add up to minutes of work.
    static let maxInflatedTotal = 16 << 20

    private var inflatedTotal = 0

    /// Walks the chunks of the PNG in `source`.
    /// - Throws: ``MediaParseError`` when the PNG signature is missing; ``IOError`` when reading fails.
    public init(parsing source: some ByteSource) throws {
        let head = try source.read(at: 0, maxCount: 8)
        guard head == Self.signature else {
            throw MediaParseError(code: source.count == 0 ? .empty : .notThisFormat,
                                  reason: source.count == 0 ? "the file is empty" : "no PNG signature")
        }
        var offset: UInt64 = 8
        for _ in 0..<Self.maxChunks {
            let header = try source.read(at: offset, maxCount: 8)
            guard header.count == 8, let length = header.u32(0), let type = header.fourCC(4) else {
                metadata.warn(.truncated, "PNG: the file ends at byte \(offset) before the IEND chunk")
                return
            }
            guard length <= 0x7FFF_FFFF else {
                metadata.warn(.badLength, "PNG: chunk \(type) at byte \(offset) claims \(length) bytes, more than "
                    + "the format allows; the rest was not read")
                return
            }
            let dataStart = offset + 8
            let end = dataStart + UInt64(length) + 4
            if type == "IEND" { return }
            if end > source.count {
                metadata.warn(.truncated, "PNG: chunk \(type) at byte \(offset) is cut short by the end of the file")
            }
            let interesting = ["IHDR", "tIME", "eXIf", "tEXt", "zTXt", "iTXt"].contains(type)
            if interesting, length <= UInt32(Self.maxMetadataChunk), end <= source.count {
                let data = try source.read(at: dataStart, maxCount: Int(length))
                let stored = try source.read(at: dataStart + UInt64(length), maxCount: 4).u32(0)
                if stored != CRC32.checksum(Array(type.utf8), data) {
                    metadata.warn(.badCRC, "PNG: chunk \(type) at byte \(offset) has a bad CRC (damaged or edited); "
                        + "its content was still read")
                }
                read(type: type, data: data, at: offset)
            } else if interesting, end <= source.count {
                metadata.warn(.tooLarge, "PNG: chunk \(type) at byte \(offset) is \(length) bytes; skipped")
            }
            offset = end
        }
        metadata.warn(.tooManyChunks, "PNG: more than \(Self.maxChunks) chunks; the rest was not read")
    }

    private mutating func read(type: String, data: [UInt8], at offset: UInt64) {
        switch type {
        case "IHDR":
            if let width = data.u32(0), let height = data.u32(4) {
                metadata.width = Int(width)
                metadata.height = Int(height)
            }
        case "tIME":
            guard data.count == 7, let year = data.u16(0),
                  let local = LocalDateTime(year: Int(year), month: Int(data[2]), day: Int(data[3]), hour: Int(data[4]),
                                            minute: Int(data[5]), second: Int(data[6]))
            else {
                metadata.warn(.badDate, "PNG: tIME chunk at byte \(offset) does not hold a valid date; ignored")
                return
            }
            metadata.times.append(EmbeddedTime(source: .pngTime, field: "tIME", role: .modification, local: local, isUTC: true))
        case "eXIf":
            do {
                metadata.merge(try EXIFMetadata(tiff: data, origin: "PNG eXIf").metadata)
            } catch let error as MediaParseError {
                metadata.warn(error)
            } catch {}
        default:
            guard let text = textChunk(type: type, data: data, at: offset) else { return }
            readText(keyword: text.keyword, value: text.value, type: type, at: offset)
        }
    }

    /// The keyword and (decompressed) text of a `tEXt`, `zTXt` or `iTXt` chunk.
    private mutating func textChunk(type: String, data: [UInt8], at offset: UInt64) -> (keyword: String, value: [UInt8])? {
        guard let nul = data.firstIndex(of: 0, from: 0), nul >= 1, nul <= 79 else {
            metadata.warn(.badText, "PNG: \(type) chunk at byte \(offset) has no valid keyword; ignored")
            return nil
        }
        let keyword = TextDecoding.latin1(data[0..<nul])
        switch type {
        case "tEXt":
            return (keyword, Array(data[(nul + 1)...]))
        case "zTXt":
            guard data.u8(nul + 1) == 0 else {
                metadata.warn(.badText, "PNG: zTXt \"\(keyword)\" at byte \(offset) uses an unknown compression")
                return nil
            }
            return inflate(Array(data.dropFirst(nul + 2)), keyword: keyword, type: type, at: offset)
                .map { (keyword, $0) }
        default:
            guard let flag = data.u8(nul + 1), let method = data.u8(nul + 2),
                  let languageEnd = data.firstIndex(of: 0, from: nul + 3),
                  let translatedEnd = data.firstIndex(of: 0, from: languageEnd + 1)
            else {
                metadata.warn(.badText, "PNG: iTXt \"\(keyword)\" at byte \(offset) is malformed; ignored")
                return nil
            }
            let body = Array(data.dropFirst(translatedEnd + 1))
            if flag == 0 { return (keyword, body) }
            guard method == 0 else {
                metadata.warn(.badText, "PNG: iTXt \"\(keyword)\" at byte \(offset) uses an unknown compression")
                return nil
            }
            return inflate(body, keyword: keyword, type: type, at: offset).map { (keyword, $0) }
        }
    }

    private mutating func inflate(_ bytes: [UInt8], keyword: String, type: String, at offset: UInt64) -> [UInt8]? {
        let budget = min(Self.maxInflatedText, Self.maxInflatedTotal - inflatedTotal)
        guard budget > 0 else {
            metadata.warn(.decompressionLimit, "PNG: \(type) \"\(keyword)\" at byte \(offset) was not decompressed: "
                + "the file's compressed text already expanded to \(Self.maxInflatedTotal) bytes")
            return nil
        }
        do {
            let text = try Inflate.zlib(bytes, limit: budget)
            inflatedTotal += text.count
            return text
        } catch {
            // A failed stream still did work: at most the budget, and DEFLATE expands at most ~1032:1.
            inflatedTotal += min(budget, bytes.count.multipliedReportingOverflow(by: 1032).partialValue)
            if error == .outputLimit, budget < Self.maxInflatedText {
                metadata.warn(.decompressionLimit, "PNG: \(type) \"\(keyword)\" at byte \(offset) was not fully "
                    + "decompressed: the file's compressed text reached \(Self.maxInflatedTotal) bytes; ignored")
            } else {
                let why = error == .outputLimit ? "expands beyond \(Self.maxInflatedText) bytes" : "cannot be decompressed"
                metadata.warn(.badCompression, "PNG: \(type) \"\(keyword)\" at byte \(offset) \(why); ignored")
            }
            return nil
        }
    }

    private mutating func readText(keyword: String, value: [UInt8], type: String, at offset: UInt64) {
        switch keyword {
        case "XML:com.adobe.xmp":
            metadata.merge(XMPMetadata(packet: value, origin: "PNG \(type) XMP").metadata)
        case "Creation Time":
            let text = type == "tEXt" || type == "zTXt" ? TextDecoding.latin1(value) : String(decoding: value, as: UTF8.self)
            let trimmed = text.trimming(" ")
            if let parsed = ISO8601DateTime(trimmed, profile: .metadata) {
                metadata.times.append(EmbeddedTime(source: .pngTime, field: "Creation Time", role: .capture, local: parsed.local,
                                                   offsetSeconds: parsed.offsetSeconds, precision: parsed.precision))
            } else if let parsed = MetadataTimeText.exifWithSuffix(trimmed) {
                metadata.times.append(EmbeddedTime(source: .pngTime, field: "Creation Time", role: .capture, local: parsed.local,
                                                   offsetSeconds: parsed.offsetSeconds, precision: parsed.precision))
            } else if trimmed.utf8.count == 19, let local = MetadataTimeText.exif(trimmed) {
                metadata.times.append(EmbeddedTime(source: .pngTime, field: "Creation Time", role: .capture, local: local))
            } else if let parsed = MetadataTimeText.rfc1123(trimmed) {
                metadata.times.append(EmbeddedTime(source: .pngTime, field: "Creation Time", role: .capture, local: parsed.local,
                                                   offsetSeconds: parsed.offset))
            } else {
                metadata.warn(.badDate, "PNG: \(type) \"Creation Time\" \"\(trimmed.prefix(64))\" is not a date we "
                    + "can read; it was ignored")
            }
        case "Software":
            metadata.software = metadata.software ?? TextDecoding.field(value)
        default:
            break
        }
    }
}
