import EvidenceModel
import EvidenceCrypto

/// Reads a zip's end records, central directory and local headers, and accounts for every byte of the file.
///
/// Whatever other readers would see differently is collected in ``ambiguities``; only what makes the entries
/// unknowable (no end record, a truncated or unreadable central directory) is thrown.
struct ZipLayoutReader {
    /// Bytes read past a local header's expected end, so that a longer local extra field costs no second read.
    static let localExtraAllowance = 64

    let source: any ByteSource
    let path: String
    let fileSize: UInt64
    private(set) var ambiguities: [ZipAmbiguity] = []

    init(source: any ByteSource, path: String) {
        self.source = source
        self.path = path
        self.fileSize = source.count
    }

    /// Where the central directory is, according to the end records.
    private struct Directory {
        var offset: UInt64
        var size: UInt64
        var entries: UInt64
        /// Where the end records (ZIP64 end record, or the 32-bit one) begin: the directory must end there.
        var end: UInt64
    }

    /// The central directory's entries, and what checking their local headers needs.
    struct CentralDirectory {
        var entries: [ZipEntry]
        var records: [ZipCentralRecord]
        var offset: UInt64
    }

    /// Reads the end records and the central directory; the entries' data offsets are unknown until
    /// ``checkLocalHeaders(of:)`` has run.
    mutating func readCentralDirectory() throws -> CentralDirectory {
        let directory = try locateDirectory()
        let records: [ZipCentralRecord]
        let shift = directory.end - (directory.offset + directory.size)
        do {
            records = try readDirectory(directory)
        } catch let error as BundleUnusableError where shift > 0 {
            throw BundleUnusableError(path: path, reason: "\(error.reason); "
                + shiftedDirectoryMessage(directory, shift: shift, ours: []))
        }
        let entries = records.map { entry(from: $0) }
        if shift > 0 { ambiguous(nil, shiftedDirectoryMessage(directory, shift: shift, ours: entries)) }
        return CentralDirectory(entries: entries, records: records, offset: directory.offset)
    }

    /// Reads every local header (one `pread` each, as a rule), checks it against its central record, accounts for
    /// the bytes between entries, and returns the entries with their data offsets.
    mutating func checkLocalHeaders(of directory: CentralDirectory) throws -> [ZipEntry] {
        var entries = directory.entries
        try checkLocalHeaders(&entries, records: directory.records, directoryOffset: directory.offset)
        return entries
    }

    private mutating func ambiguous(_ entry: String?, _ message: String) {
        ambiguities.append(ZipAmbiguity(entry: entry, message: message))
    }

    private func unusable(_ reason: String) -> BundleUnusableError {
        BundleUnusableError(path: path, reason: reason)
    }

    // MARK: End records

    private mutating func locateDirectory() throws -> Directory {
        guard fileSize >= UInt64(ZipEndRecord.size) else {
            throw unusable("\(fileSize) bytes: too short to be a zip file")
        }
        // One read: the end record is in the last 22 bytes, or within a comment's length of them.
        let tailStart = fileSize - min(fileSize, StrictZipArchive.endSearchLength)
        let tail = try source.read(at: tailStart, maxCount: Int(fileSize - tailStart))
        let signature = ZipSignature.bytes(ZipSignature.endRecord)
        var index = tail.count - ZipEndRecord.size
        while index >= 0 && !tail.starts(with: signature, at: index) { index -= 1 }
        guard index >= 0, let end = ZipEndRecord(tail, at: index) else {
            throw unusable("no zip end record in its last 64 KiB: not a zip file, or a truncated one")
        }
        let endOffset = tailStart + UInt64(index)
        let recordEnd = endOffset + UInt64(ZipEndRecord.size) + UInt64(end.commentLength)
        if end.commentLength > 0 {
            let comment = Array(tail[(index + ZipEndRecord.size)...].prefix(Int(end.commentLength)))
            ambiguous(nil, "the zip carries a comment that `unzip -l` and `zipinfo` print above the listing: “\(preview(comment))”")
        }
        if recordEnd < fileSize {
            let trailing = Array(tail[(tail.count - Int(min(fileSize - recordEnd, 200)))...])
            ambiguous(nil, "\(fileSize - recordEnd) bytes follow the zip's end record (“\(preview(trailing))”): "
                + "`unzip` warns about them, other readers may find another end record in them")
        } else if recordEnd > fileSize {
            ambiguous(nil, "the end record declares a \(end.commentLength)-byte comment but the file ends "
                + "\(recordEnd - fileSize) bytes before it: readers disagree on where the zip ends")
        }
        if end.disk != 0 || end.centralDirectoryDisk != 0 || end.entriesOnDisk != end.entries {
            ambiguous(nil, "the end record describes a zip split over several disks; readers differ on which part they list")
        }
        var directory = Directory(offset: UInt64(end.centralDirectoryOffset), size: UInt64(end.centralDirectorySize),
                                  entries: UInt64(end.entries), end: endOffset)
        if endOffset >= UInt64(ZIP64EndLocator.size) {
            let locatorOffset = endOffset - UInt64(ZIP64EndLocator.size)
            let locatorBytes = index >= ZIP64EndLocator.size
                ? Array(tail[(index - ZIP64EndLocator.size)..<index])
                : try source.read(at: locatorOffset, maxCount: ZIP64EndLocator.size)
            if let locator = ZIP64EndLocator(locatorBytes, at: 0) {
                try applyZIP64(locator, at: locatorOffset, end: end, to: &directory)
            }
        }
        guard directory.offset <= directory.end, directory.size <= directory.end - directory.offset else {
            throw unusable("the end record places the central directory (offset \(directory.offset), \(directory.size) bytes) "
                + "beyond the end of the zip: truncated, or not a zip file")
        }
        guard directory.size <= StrictZipArchive.maximumCentralDirectorySize else {
            throw unusable("a central directory of \(directory.size) bytes (more than \(StrictZipArchive.maximumCentralDirectorySize)); refusing to read it")
        }
        return directory
    }

    private mutating func applyZIP64(_ locator: ZIP64EndLocator, at locatorOffset: UInt64, end: ZipEndRecord,
                                     to directory: inout Directory) throws {
        if locator.recordDisk != 0 || locator.totalDisks != 1 {
            ambiguous(nil, "the ZIP64 locator describes a zip split over \(locator.totalDisks) disks")
        }
        guard locator.recordOffset <= locatorOffset,
              let record = ZIP64EndRecord(try source.read(at: locator.recordOffset, maxCount: ZIP64EndRecord.size))
        else {
            throw unusable("the ZIP64 locator points to no ZIP64 end record (offset \(locator.recordOffset)): "
                + "readers cannot agree on where the central directory is")
        }
        if record.recordSize != UInt64(ZIP64EndRecord.size - 12) {
            ambiguous(nil, "the ZIP64 end record declares \(record.recordSize) bytes, not 44: extensible data that readers interpret differently")
        }
        let recordEnd = locator.recordOffset + UInt64(ZIP64EndRecord.size)
        if recordEnd > locatorOffset {
            throw unusable("the ZIP64 end record at offset \(locator.recordOffset) overlaps its locator")
        }
        if record.disk != 0 || record.centralDirectoryDisk != 0 || record.entriesOnDisk != record.entries {
            ambiguous(nil, "the ZIP64 end record describes a zip split over several disks")
        }
        let agrees = (end.entries == .max || UInt64(end.entries) == record.entries)
            && (end.centralDirectorySize == .max || UInt64(end.centralDirectorySize) == record.centralDirectorySize)
            && (end.centralDirectoryOffset == .max || UInt64(end.centralDirectoryOffset) == record.centralDirectoryOffset)
        if !agrees {
            ambiguous(nil, "the ZIP64 end record points to a central directory at offset \(record.centralDirectoryOffset) "
                + "with \(record.entries) entries, the 32-bit end record to one at offset \(end.centralDirectoryOffset) with "
                + "\(end.entries): readers that use one or the other (`unzip` and Python use the ZIP64 one, older tools "
                + "the 32-bit one) list different files")
        }
        if recordEnd < locatorOffset {
            try describeGap(from: recordEnd, to: locatorOffset)
        }
        directory = Directory(offset: record.centralDirectoryOffset, size: record.centralDirectorySize,
                              entries: record.entries, end: locator.recordOffset)
    }

    /// What `unzip`, Python and libarchive read when the directory does not end where the end records begin:
    /// they take the difference as bytes prepended to the zip and shift every offset by it.
    private func shiftedDirectoryMessage(_ directory: Directory, shift: UInt64, ours: [ZipEntry]) -> String {
        let start = directory.offset + shift
        let intro = "the central directory the end record points to (offset \(directory.offset)) ends \(shift) bytes "
            + "before the end record: `unzip`, Python's `zipfile` and `bsdtar` take those as bytes prepended to the zip, "
            + "shift every offset by \(shift) and read the central directory at offset \(start) instead"
        guard let bytes = try? source.read(at: start, maxCount: Int(directory.size)) else { return intro }
        var theirs: [ZipCentralRecord] = []
        var position = 0
        while position < bytes.count, theirs.count < StrictZipArchive.maximumEntries,
              let record = ZipCentralRecord(bytes, at: position) {
            theirs.append(record)
            position += record.size
        }
        guard !theirs.isEmpty else { return intro + ", where they find no readable entries" }
        let ourByName = Dictionary(ours.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var differences: [String] = []
        for record in theirs {
            let name = String(decoding: record.name, as: UTF8.self)
            if let our = ourByName[name] {
                if our.crc32 != record.crc32 || our.uncompressedSize != UInt64(record.uncompressedSize) {
                    differences.append("“\(name)” with different content")
                }
            } else {
                differences.append("“\(name)”, which is not listed here")
            }
        }
        let listing = differences.isEmpty ? "listing the same \(theirs.count) entries" : "listing "
            + differences.prefix(5).joined(separator: ", ") + (differences.count > 5 ? " and \(differences.count - 5) more" : "")
        return intro + ", " + listing
    }

    // MARK: Central directory

    private mutating func readDirectory(_ directory: Directory) throws -> [ZipCentralRecord] {
        let bytes = try source.read(at: directory.offset, maxCount: Int(directory.size))
        guard UInt64(bytes.count) == directory.size else {
            throw unusable("the file ends inside the central directory: truncated")
        }
        var records: [ZipCentralRecord] = []
        var position = 0
        while position < bytes.count {
            guard records.count < StrictZipArchive.maximumEntries else {
                throw unusable("more than \(StrictZipArchive.maximumEntries) entries; refusing to read it")
            }
            guard let record = ZipCentralRecord(bytes, at: position) else {
                throw unusable("central-directory record \(records.count + 1) (offset \(directory.offset + UInt64(position))) "
                    + "cannot be read, so the entries after it cannot be checked")
            }
            records.append(record)
            position += record.size
        }
        if UInt64(records.count) != directory.entries {
            ambiguous(nil, "the end record counts \(directory.entries) entries but the central directory holds \(records.count): "
                + "readers that trust the count list a different set of files")
        }
        return records
    }

    private mutating func entry(from record: ZipCentralRecord) -> ZipEntry {
        let name: String
        if let text = String(validating: record.name, as: UTF8.self) {
            name = text
        } else {
            name = String(decoding: record.name, as: UTF8.self)
            ambiguous(name, record.flags & 0x0800 != 0
                ? "its name is flagged UTF-8 but is not valid UTF-8: readers replace different bytes"
                : "its name is not UTF-8: `unzip` shows its raw bytes, Python's `zipfile` reads them as CP437, `bsdtar` in the locale's character set")
        }
        if record.name.contains(0) {
            ambiguous(name, "its name holds a NUL byte: `unzip` ends the name there, other readers keep what follows")
        }
        var entry = ZipEntry(name: name, kind: .file, method: record.method, flags: record.flags, crc32: record.crc32,
                             compressedSize: UInt64(record.compressedSize), uncompressedSize: UInt64(record.uncompressedSize),
                             localHeaderOffset: UInt64(record.localHeaderOffset))
        checkFlags(&entry)
        if !record.comment.isEmpty {
            ambiguous(name, "it carries a file comment that `zipinfo` prints: “\(preview(record.comment))”")
        }
        if record.diskStart != 0 {
            ambiguous(name, "its header says it starts on disk \(record.diskStart) of a split zip")
        }
        guard let fields = ZipExtraField.fields(in: record.extra) else {
            ambiguous(name, "its extra field is malformed: readers disagree on what it holds")
            entry.unreadable = "its central-directory extra field is malformed"
            return entry
        }
        checkExtraFields(fields, headerName: record.name, entry: &entry)
        if let values = zip64Values(fields, entry: &entry, sizes: (record.uncompressedSize, record.compressedSize),
                                    offset: record.localHeaderOffset) {
            (entry.uncompressedSize, entry.compressedSize, entry.localHeaderOffset) = values
        }
        entry.kind = kind(of: record, entry: entry)
        if entry.method == 0 && entry.compressedSize != entry.uncompressedSize {
            let reason = "it is stored (not compressed) but declares \(entry.compressedSize) bytes of data for "
                + "\(entry.uncompressedSize) bytes of content: `unzip` extracts all \(entry.compressedSize) bytes"
            ambiguous(name, reason)
            entry.unreadable = reason
        }
        return entry
    }

    private mutating func checkFlags(_ entry: inout ZipEntry) {
        // Encryption (bit 0), strong encryption (bit 6), masked local headers (bit 13).
        if entry.flags & 0x2041 != 0 {
            let reason = "it is encrypted: `unzip` asks for a password and extracts something this verifier cannot check"
            ambiguous(entry.name, reason)
            entry.unreadable = reason
        }
        // Bits 1-2 (deflate options), 3 (data descriptor), 11 (UTF-8 names) change nothing a reader shows.
        let unknown = entry.flags & ~UInt16(0x2041 | 0x0006 | 0x0008 | 0x0800)
        if unknown != 0 {
            ambiguous(entry.name, "it sets general-purpose flag bits 0x\(String(unknown, radix: 16)) that readers interpret differently")
        }
        if entry.hasDataDescriptor && entry.method == 0 {
            let reason = "it is stored with its size after the data (a data descriptor): streaming readers must guess where its data ends"
            ambiguous(entry.name, reason)
            entry.unreadable = reason
        }
    }

    /// Only fields that change no name and no byte are allowed; an Info-ZIP Unicode path only when it repeats the name.
    private mutating func checkExtraFields(_ fields: [ZipExtraField], headerName: [UInt8], entry: inout ZipEntry) {
        var seen: Set<UInt16> = []
        for field in fields {
            if !seen.insert(field.id).inserted {
                ambiguous(entry.name, "its extra field 0x\(String(field.id, radix: 16)) appears twice: readers use different copies")
            }
            switch field.id {
            case ZipExtraField.zip64:
                continue
            case ZipExtraField.unicodePath:
                let repeatsName = field.data.first == 1 && field.data.u32(1, bigEndian: false) == crc(headerName)
                    && Array(field.data.dropFirst(5)) == headerName
                if !repeatsName {
                    let other = String(decoding: field.data.dropFirst(5), as: UTF8.self)
                    ambiguous(entry.name, "an Info-ZIP Unicode-path field (0x7075) renames it “\(other)” for `unzip` and `bsdtar`")
                }
            case 0x9901:
                ambiguous(entry.name, "it is AES-encrypted (extra field 0x9901)")
                entry.unreadable = "it is AES-encrypted"
            case let id where ZipExtraField.harmless.contains(id):
                continue
            default:
                ambiguous(entry.name, "it carries an extra field 0x\(String(field.id, radix: 16)) that some readers may interpret")
            }
        }
    }

    /// The 64-bit values a ZIP64 field gives for the header fields that hold the 0xFFFFFFFF sentinel, in the
    /// order APPNOTE 4.5.3 sets; `nil` when there is no ZIP64 field.
    private mutating func zip64Values(_ fields: [ZipExtraField], entry: inout ZipEntry, sizes: (UInt32, UInt32),
                                      offset: UInt32) -> (UInt64, UInt64, UInt64)? {
        guard let field = fields.first(where: { $0.id == ZipExtraField.zip64 }) else { return nil }
        var values = (UInt64(sizes.0), UInt64(sizes.1), UInt64(offset))
        var position = 0
        func next() -> UInt64? {
            defer { position += 8 }
            return field.data.u64(position, bigEndian: false)
        }
        var complete = true
        if sizes.0 == .max { if let value = next() { values.0 = value } else { complete = false } }
        if sizes.1 == .max { if let value = next() { values.1 = value } else { complete = false } }
        if offset == .max { if let value = next() { values.2 = value } else { complete = false } }
        if position == 0 {
            ambiguous(entry.name, "it carries a ZIP64 field although none of its header values needs one: readers differ on what it replaces")
        } else if !complete || field.data.count != position {
            let reason = "its ZIP64 field holds \(field.data.count) bytes where its header needs \(position): readers take different values from it"
            ambiguous(entry.name, reason)
            entry.unreadable = reason
        }
        return values
    }

    private mutating func kind(of record: ZipCentralRecord, entry: ZipEntry) -> ZipEntry.Kind {
        let host = record.versionMadeBy >> 8
        let unixType = host == 3 || host == 19 ? (record.externalAttributes >> 16) & 0o170000 : 0
        let msDOSDirectory = record.externalAttributes & 0x10 != 0
        if unixType == 0o120000 { return .symbolicLink }
        if entry.name.hasSuffix("/") {
            if entry.uncompressedSize != 0 || entry.compressedSize != 0 {
                ambiguous(entry.name, "a folder entry with \(entry.uncompressedSize) bytes of content: `unzip` creates a folder, other readers a file")
            }
            return .directory
        }
        if unixType == 0o040000 || msDOSDirectory {
            ambiguous(entry.name, "its attributes mark it as a folder but its name has no trailing slash: `unzip` extracts it "
                + "as a file of \(entry.uncompressedSize) bytes, readers that trust the attributes skip it")
            return .file
        }
        if unixType != 0 && unixType != 0o100000 { return .special }
        return .file
    }

    // MARK: Local headers and the bytes between structures

    private mutating func checkLocalHeaders(_ entries: inout [ZipEntry], records: [ZipCentralRecord],
                                            directoryOffset: UInt64) throws {
        let order = entries.indices.sorted { entries[$0].localHeaderOffset < entries[$1].localHeaderOffset }
        var position: UInt64 = 0
        for (rank, index) in order.enumerated() {
            let start = entries[index].localHeaderOffset
            if start < position || start >= directoryOffset {
                let reason = start < position
                    ? "its local header (offset \(start)) lies inside the bytes of another entry: readers extract overlapping data"
                    : "its local header offset \(start) is not before the central directory"
                ambiguous(entries[index].name, reason)
                entries[index].unreadable = reason
                continue
            }
            if start > position { try describeGap(from: position, to: start) }
            let next = rank + 1 < order.count ? min(entries[order[rank + 1]].localHeaderOffset, directoryOffset) : directoryOffset
            if let end = try checkLocalHeader(of: &entries[index], record: records[index], before: max(next, start), directoryOffset: directoryOffset) {
                position = end
            } else {
                position = start
            }
        }
        if position < directoryOffset { try describeGap(from: position, to: directoryOffset) }
    }

    /// Checks one local header (and data descriptor) against the central record; returns where the entry ends,
    /// or `nil` when it has no local header there.
    private mutating func checkLocalHeader(of entry: inout ZipEntry, record: ZipCentralRecord, before next: UInt64,
                                           directoryOffset: UInt64) throws -> UInt64? {
        let start = entry.localHeaderOffset
        // One read for the whole header in the usual case: a local header repeats the central name, and its extra
        // field is rarely much longer than the central one (Info-ZIP's local time field is 4 bytes longer).
        let expected = ZipLocalHeader.fixedSize + record.name.count + record.extra.count + Self.localExtraAllowance
        let headerBytes = try source.read(at: start, maxCount: expected)
        guard let header = ZipLocalHeader(headerBytes) else {
            let reason = "there is no local header at offset \(start), where the central directory says it is"
            ambiguous(entry.name, reason)
            entry.unreadable = reason
            return nil
        }
        let variableLength = header.nameLength + header.extraLength
        let variable = headerBytes.count >= ZipLocalHeader.fixedSize + variableLength
            ? Array(headerBytes[ZipLocalHeader.fixedSize..<(ZipLocalHeader.fixedSize + variableLength)])
            : try source.read(at: start + UInt64(ZipLocalHeader.fixedSize), maxCount: variableLength)
        guard variable.count == variableLength else {
            entry.unreadable = "its local header runs past the end of the file"
            ambiguous(entry.name, entry.unreadable!)
            return nil
        }
        let localName = Array(variable[..<header.nameLength])
        if localName != record.name {
            ambiguous(entry.name, "its local header names it “\(String(decoding: localName, as: UTF8.self))”: `bsdtar` "
                + "and streaming readers extract it under that name")
        }
        if header.flags != record.flags || header.method != record.method {
            ambiguous(entry.name, "its local header says flags 0x\(String(header.flags, radix: 16)) and method \(header.method), "
                + "the central directory flags 0x\(String(record.flags, radix: 16)) and method \(record.method): readers that "
                + "use the local header read it differently")
        }
        var localUncompressed = UInt64(header.uncompressedSize)
        var localCompressed = UInt64(header.compressedSize)
        if let fields = ZipExtraField.fields(in: Array(variable[header.nameLength...])) {
            checkExtraFields(fields, headerName: localName, entry: &entry)
            if let zip64 = fields.first(where: { $0.id == ZipExtraField.zip64 }) {
                // A local ZIP64 field holds both sizes, and only when the header's sizes are the sentinel (APPNOTE 4.5.3).
                if header.uncompressedSize == .max, header.compressedSize == .max, zip64.data.count == 16,
                   let uncompressed = zip64.data.u64(0, bigEndian: false), let compressed = zip64.data.u64(8, bigEndian: false) {
                    localUncompressed = uncompressed
                    localCompressed = compressed
                } else {
                    ambiguous(entry.name, "its local header carries a ZIP64 field that does not stand for both of its sizes")
                }
            }
        } else {
            ambiguous(entry.name, "its local header's extra field is malformed: readers disagree on what it holds")
        }
        let matches = header.crc32 == entry.crc32 && localCompressed == entry.compressedSize
            && localUncompressed == entry.uncompressedSize
        let deferred = entry.hasDataDescriptor && header.crc32 == 0 && localCompressed == 0 && localUncompressed == 0
        if !matches && !deferred {
            ambiguous(entry.name, "its local header declares CRC-32 \(hex(header.crc32)), \(localUncompressed) bytes "
                + "(\(localCompressed) stored), the central directory CRC-32 \(hex(entry.crc32)), \(entry.uncompressedSize) "
                + "bytes (\(entry.compressedSize) stored): streaming readers such as `bsdtar` extract other bytes")
        }
        let dataStart = start + UInt64(ZipLocalHeader.fixedSize + header.nameLength + header.extraLength)
        let (dataEnd, overflow) = dataStart.addingReportingOverflow(entry.compressedSize)
        guard !overflow, dataEnd <= directoryOffset else {
            let reason = "its data (\(entry.compressedSize) bytes from offset \(dataStart)) runs into the central directory"
            ambiguous(entry.name, reason)
            entry.unreadable = reason
            return nil
        }
        entry.dataOffset = dataStart
        guard entry.hasDataDescriptor else { return dataEnd }
        return try checkDataDescriptor(of: entry, from: dataEnd, to: max(next, dataEnd), zip64: localUncompressed == .max || header.uncompressedSize == .max)
    }

    /// The data descriptor after a deflated entry's data: with or without its signature, 32- or 64-bit sizes,
    /// filling exactly the bytes up to the next structure and repeating the central directory's values.
    private mutating func checkDataDescriptor(of entry: ZipEntry, from start: UInt64, to next: UInt64, zip64: Bool) throws -> UInt64 {
        let length = next - start
        let bytes = length <= 24 ? try source.read(at: start, maxCount: Int(length)) : []
        let signed = bytes.u32(0, bigEndian: false) == ZipSignature.dataDescriptor
        let body = signed ? Array(bytes.dropFirst(4)) : bytes
        let wide = body.count == 20
        let values: (UInt32?, UInt64?, UInt64?) = wide
            ? (body.u32(0, bigEndian: false), body.u64(4, bigEndian: false), body.u64(12, bigEndian: false))
            : (body.u32(0, bigEndian: false), body.u32(4, bigEndian: false).map(UInt64.init), body.u32(8, bigEndian: false).map(UInt64.init))
        guard body.count == 12 || body.count == 20, values.0 == entry.crc32, values.1 == entry.compressedSize,
              values.2 == entry.uncompressedSize else {
            ambiguous(entry.name, "the \(length) bytes after its data are not a data descriptor repeating its CRC-32 and sizes: "
                + "streaming readers take other values from them")
            return start
        }
        return next
    }

    /// Reports bytes that belong to no structure, saying what a reader that looks at them would find.
    private mutating func describeGap(from start: UInt64, to end: UInt64) throws {
        let sample = try source.read(at: start, maxCount: Int(min(end - start, 64 << 10)))
        var findings: [String] = []
        if let offset = firstOffset(of: ZipSignature.bytes(ZipSignature.localHeader), in: sample),
           let header = ZipLocalHeader(Array(sample[offset...])) {
            let name = sample.slice(offset + ZipLocalHeader.fixedSize, header.nameLength)
                .map { String(decoding: $0, as: UTF8.self) } ?? "?"
            findings.append("a local header for “\(name)” that no central-directory record lists, which streaming "
                + "readers (`bsdtar`, Java's ZipInputStream) extract")
        }
        if firstOffset(of: ZipSignature.bytes(ZipSignature.centralRecord), in: sample) != nil {
            findings.append("a second central directory, which readers that correct offsets (`unzip`, Python, `bsdtar`) may list instead")
        }
        let place = start == 0 ? "before the first entry (`unzip` warns of “extra bytes at beginning”)" : "at offset \(start)"
        ambiguous(nil, "\(end - start) bytes \(place) belong to no entry"
            + (findings.isEmpty ? ": hidden data that some readers see" : ": they hold " + findings.joined(separator: "; ")))
    }
}

/// The first index of `pattern` in `bytes`.
private func firstOffset(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
    guard let first = pattern.first, bytes.count >= pattern.count else { return nil }
    var index = 0
    while let candidate = bytes.firstIndex(of: first, from: index), candidate <= bytes.count - pattern.count {
        if bytes.starts(with: pattern, at: candidate) { return candidate }
        index = candidate + 1
    }
    return nil
}

private func crc(_ bytes: [UInt8]) -> UInt32 {
    var crc = CRC32()
    crc.update(bytes)
    return crc.value
}

/// Up to 200 characters of text found in a zip, with control characters shown as `?`.
func preview(_ bytes: [UInt8]) -> String {
    let text = String(decoding: bytes.prefix(200), as: UTF8.self)
    return String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        + (bytes.count > 200 ? "…" : "")
}
