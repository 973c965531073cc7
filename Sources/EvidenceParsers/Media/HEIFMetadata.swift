import EvidenceModel
/// EXIF and XMP of HEIF/HEIC and AVIF images: the top-level `meta` box lists items (`iinf`) and where their
/// bytes are (`iloc`); the `Exif` item holds a TIFF block after a 4-byte offset, the XMP item is a `mime`
/// item of type `application/rdf+xml`.
package struct HEIFMetadata {
    /// Times, clues and damage found.
    public var metadata = MediaMetadata()

    static let maxItems = 4096
    /// Real files have one Exif and one XMP item; many items pointing at the same megabytes would be a trap.
    static let maxMetadataItems = 8
    static let maxItemBytes = 4 << 20

    private struct Location {
        var constructionMethod: Int
        var baseOffset: UInt64
        var extents: [(offset: UInt64, length: UInt64)]
    }

    /// Reads the item metadata of the HEIF in `source`.
    /// - Throws: ``MediaParseError`` when there is no top-level `meta` box; ``IOError`` when reading fails.
    public init(parsing source: some ByteSource) throws {
        let top = try ISOBoxReader.boxes(in: source, from: 0, to: source.count, within: "the file", metadata: &metadata)
        guard let meta = top.first(where: { $0.type == "meta" }) else {
            throw MediaParseError(code: source.count == 0 ? .empty : .noMeta,
                                  reason: source.count == 0 ? "the file is empty" : "no HEIF meta box")
        }
        let children = try ISOBoxReader.metaChildren(meta, in: source, metadata: &metadata)
        guard let iinfBox = children.first(where: { $0.type == "iinf" }),
              let ilocBox = children.first(where: { $0.type == "iloc" })
        else {
            let missing = ["iinf", "iloc"].filter { name in !children.contains { $0.type == name } }
            metadata.warn(.badBox, "HEIF: the meta box at byte \(meta.offset) has no "
                + missing.joined(separator: " and ") + " box (item list, item locations); its Exif and XMP "
                + "items cannot be found")
            return
        }
        guard let iinf = try ISOBoxReader.payload(of: iinfBox, in: source, limit: 1 << 20, metadata: &metadata),
              let iloc = try ISOBoxReader.payload(of: ilocBox, in: source, limit: 1 << 20, metadata: &metadata)
        else { return }
        let items = readItemInfo(iinf, at: iinfBox)
        let locations = readLocations(iloc, at: ilocBox)
        let idat = children.first { $0.type == "idat" }

        var metadataItems = 0
        for (id, item) in items {
            let isExif = item.type == "Exif"
            let isXMP = item.type == "mime" && item.contentType == "application/rdf+xml"
            guard isExif || isXMP else { continue }
            metadataItems += 1
            guard metadataItems <= Self.maxMetadataItems else {
                metadata.warn(.tooManyItems, "HEIF: more than \(Self.maxMetadataItems) Exif/XMP items; the rest "
                    + "were not read")
                break
            }
            guard let location = locations[id] else {
                metadata.warn(.badBox, "HEIF: item \(id) (\(item.type)) has no location in iloc; skipped")
                continue
            }
            guard let data = try read(location, id: id, source: source, idat: idat) else { continue }
            if isExif {
                // The item starts with the offset of the TIFF header from the end of this 4-byte field.
                guard let skip = data.u32(0), UInt64(skip) <= UInt64(data.count - 4) else {
                    metadata.warn(.badOffset, "HEIF: Exif item \(id) has an invalid TIFF header offset; skipped")
                    continue
                }
                do {
                    metadata.merge(try EXIFMetadata(tiff: Array(data.dropFirst(4 + Int(skip))),
                                                    origin: "HEIF Exif item").metadata)
                } catch let error as MediaParseError {
                    metadata.warn(error)
                }
            } else {
                metadata.merge(XMPMetadata(packet: data, origin: "HEIF XMP item").metadata)
            }
        }
    }

    private mutating func readItemInfo(_ iinf: [UInt8], at box: ISOBox) -> [(UInt32, (type: String, contentType: String?))] {
        guard let version = iinf.u8(0) else { return [] }
        let count = version == 0 ? iinf.u16(4).map(UInt32.init) : iinf.u32(4)
        var offset = version == 0 ? 6 : 8
        var items: [(UInt32, (type: String, contentType: String?))] = []
        for _ in 0..<min(Int(count ?? 0), Self.maxItems) {
            guard let size = iinf.u32(offset), size >= 12, Int(size) <= iinf.count - offset,
                  iinf.fourCC(offset + 4) == "infe"
            else {
                metadata.warn(.badBox, "HEIF: item info in iinf at byte \(box.offset) is malformed; the rest was "
                    + "skipped")
                break
            }
            let infe = Array(iinf[(offset + 8)..<(offset + Int(size))])
            offset += Int(size)
            guard let infeVersion = infe.u8(0), infeVersion >= 2 else { continue }
            let idLength = infeVersion == 2 ? 2 : 4
            guard let id = infeVersion == 2 ? infe.u16(4).map(UInt32.init) : infe.u32(4),
                  let type = infe.fourCC(4 + idLength + 2)
            else { continue }
            var contentType: String?
            let nameStart = 4 + idLength + 6
            if type == "mime", let nameEnd = infe.firstIndex(of: 0, from: nameStart) {
                let typeEnd = infe.firstIndex(of: 0, from: nameEnd + 1) ?? infe.count
                if nameEnd + 1 <= typeEnd { contentType = TextDecoding.field(Array(infe[(nameEnd + 1)..<typeEnd])) }
            }
            items.append((id, (type, contentType)))
        }
        return items
    }

    private mutating func readLocations(_ iloc: [UInt8], at box: ISOBox) -> [UInt32: Location] {
        guard let version = iloc.u8(0), version <= 2, let sizes = iloc.u8(4), let sizes2 = iloc.u8(5) else { return [:] }
        let offsetSize = Int(sizes >> 4), lengthSize = Int(sizes & 0x0F)
        let baseOffsetSize = Int(sizes2 >> 4), indexSize = version == 0 ? 0 : Int(sizes2 & 0x0F)
        guard [offsetSize, lengthSize, baseOffsetSize, indexSize].allSatisfy({ [0, 4, 8].contains($0) }) else {
            metadata.warn(.badBox, "HEIF: iloc at byte \(box.offset) uses unsupported field sizes; items not located")
            return [:]
        }
        var at = 6
        func field(_ size: Int) -> UInt64? {
            defer { at += size }
            switch size {
            case 0: return 0
            case 4: return iloc.u32(at).map(UInt64.init)
            default: return iloc.u64(at)
            }
        }
        let count: UInt64?
        if version < 2 {
            count = iloc.u16(at).map(UInt64.init)
            at += 2
        } else {
            count = iloc.u32(at).map(UInt64.init)
            at += 4
        }
        var locations: [UInt32: Location] = [:]
        for _ in 0..<min(Int(count ?? 0), Self.maxItems) {
            let id: UInt32?
            if version < 2 { id = iloc.u16(at).map(UInt32.init); at += 2 } else { id = iloc.u32(at); at += 4 }
            var method = 0
            if version >= 1 { method = Int((iloc.u16(at) ?? 0) & 0x0F); at += 2 }
            at += 2  // data_reference_index
            guard let id, let base = field(baseOffsetSize), let extentCount = iloc.u16(at) else { break }
            at += 2
            var extents: [(UInt64, UInt64)] = []
            for _ in 0..<min(Int(extentCount), 256) {
                _ = field(indexSize)
                guard let offset = field(offsetSize), let length = field(lengthSize) else { break }
                extents.append((offset, length))
            }
            locations[id] = Location(constructionMethod: method, baseOffset: base, extents: extents)
        }
        return locations
    }

    private mutating func read(_ location: Location, id: UInt32, source: some ByteSource, idat: ISOBox?) throws
        -> [UInt8]?
    {
        var origin: UInt64 = 0
        var limit = source.count
        switch location.constructionMethod {
        case 0: break
        case 1:
            guard let idat else {
                metadata.warn(.badBox, "HEIF: item \(id) lives in an idat box that is missing; skipped")
                return nil
            }
            origin = idat.payloadStart
            limit = idat.end
        default:
            metadata.warn(.unsupported, "HEIF: item \(id) uses construction method \(location.constructionMethod); "
                + "skipped")
            return nil
        }
        var data: [UInt8] = []
        for extent in location.extents {
            let (start, overflow1) = origin.addingReportingOverflow(location.baseOffset)
            let (begin, overflow2) = start.addingReportingOverflow(extent.offset)
            // A length of 0 means "to the end".
            let length = extent.length == 0 ? (begin < limit ? limit - begin : 0) : extent.length
            guard !overflow1, !overflow2, begin <= limit, length <= limit - begin else {
                metadata.warn(.badOffset, "HEIF: item \(id) points outside the file; skipped")
                return nil
            }
            guard UInt64(data.count) + length <= UInt64(Self.maxItemBytes) else {
                metadata.warn(.tooLarge, "HEIF: item \(id) is larger than \(Self.maxItemBytes) bytes; skipped")
                return nil
            }
            data += try source.read(at: begin, maxCount: Int(length))
        }
        return data
    }
}
