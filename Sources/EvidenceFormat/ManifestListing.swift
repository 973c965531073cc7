import EvidenceModel

/// What verification needs from a signed `evidence/manifest.json`, read with ``JSONPullReader`` into small tables:
/// the case, the signer's fingerprint, and the path, size and SHA-256 of every file the manifest lists.
///
/// Decoding the whole ``EvidenceManifest`` costs about six times the manifest in memory (a manifest of 100,000
/// items is about 130 MB); this costs about 250 bytes per listed file beside the bytes, which the signature check
/// holds anyway. Where ``EvidenceManifest/init(parsing:)`` (`JSONDecoder`) reads a manifest this accepts, both read
/// the same values.
///
/// It is as strict as verification needs: strict JSON (``JSONPullReader``), every key ``EvidenceManifest``
/// requires present, every member of the top level, of `tool`, `case`, `signer`, of an item, a derived file and a
/// `files` entry of the type the model gives it (`null` where the model allows it), `kind` one of the kinds,
/// sizes and ids whole numbers. What lies inside the members verification does not use (timestamps, warnings,
/// conversation and mail summaries) is checked as JSON only. Unknown keys are read past, as `JSONDecoder` does.
package struct ManifestListing: Sendable, Equatable {
    /// A file the manifest lists, with what it should be.
    package struct File: Sendable, Equatable {
        package var path: String
        package var size: Int64
        package var sha256: String

        package init(path: String, size: Int64, sha256: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }
    }

    /// An item: its identifier, its file, the files derived from it, and whether it is sensitive (which decides
    /// where a format 2 bag keeps it).
    package struct Item: Sendable, Equatable {
        package var id: Int64
        package var file: File
        package var derived: [File]
        package var sensitive: Bool

        package init(id: Int64, file: File, derived: [File], sensitive: Bool = false) {
            self.id = id
            self.file = file
            self.derived = derived
            self.sensitive = sensitive
        }
    }

    /// Caps that keep the tables small whatever the manifest says.
    package struct Limits: Sendable {
        /// Items, derived files and `files` entries together. Each is a file of the bag, so more than a bag can
        /// hold cannot be a bag's manifest.
        package var maximumFiles = BundleLimits.maximumEntries
        /// One path, in UTF-8 bytes: `PATH_MAX`, so no file system holds a longer one.
        package var maximumPathBytes = 4096
        /// All paths together: a zip's central directory, which holds every name, is read up to 64 MiB.
        package var maximumTotalPathBytes = 64 << 20
        package var json = JSONPullReader.Limits()

        package init() {}
    }

    package var format: String
    package var caseIdentifier: String
    package var caseTitle: String
    package var sealedAt: String
    package var signerFingerprint: String
    package var items: [Item]
    package var files: [File]
    /// The latest `acquiredAt` of any item (that reads as RFC 3339): a sealing time before it is suspect.
    package var latestAcquisition: Instant?

    package init(format: String, caseIdentifier: String, caseTitle: String, sealedAt: String, signerFingerprint: String,
                 items: [Item], files: [File], latestAcquisition: Instant? = nil) {
        self.format = format
        self.caseIdentifier = caseIdentifier
        self.caseTitle = caseTitle
        self.sealedAt = sealedAt
        self.signerFingerprint = signerFingerprint
        self.items = items
        self.files = files
        self.latestAcquisition = latestAcquisition
    }

    /// Reads the tables from a manifest's bytes.
    ///
    /// - Throws: ``JSONReadError`` naming the first problem and its byte offset: not strict JSON, not the shape
    ///   of an ``EvidenceManifest``, or more than `limits` allow.
    package init(parsing bytes: [UInt8], limits: Limits = Limits()) throws(JSONReadError) {
        var reader = ManifestShapeReader(reader: JSONPullReader(bytes, limits: limits.json), limits: limits)
        self = try reader.readManifest()
    }
}

/// Which of an object's required members were read: a bit each, found by comparing short strings (a set of the keys
/// read, per item, cost an allocation and a hash per key). The pull reader refuses a key repeated in one object, so a
/// member is read at most once.
private struct RequiredMembers {
    let names: [String]
    private var readBits: UInt64 = 0

    init(_ names: [String]) {
        precondition(names.count <= 64, "a bit per member")
        self.names = names
    }

    mutating func read(_ key: String) {
        if let index = names.firstIndex(of: key) { readBits |= 1 << index }
    }

    var allRead: Bool { readBits == (1 << names.count) - 1 }

    /// The members not read, sorted.
    var missing: [String] { names.indices.filter { readBits & (1 << $0) == 0 }.map { names[$0] }.sorted() }
}

/// The JSON types a member may have, as the model declares it.
private enum MemberType {
    case string, integer, bool, array, object

    var name: String {
        switch self {
        case .string: "a string"
        case .integer: "a whole number"
        case .bool: "true or false"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// Walks a manifest with the pull reader, checking each member against the model and keeping what is listed.
///
/// Each member's context (`items[12].sha256`, named in a refusal) is passed as an autoclosure and built only when a
/// member is refused: built eagerly, the strings cost more than reading the members of 5,000 items.
private struct ManifestShapeReader {
    var reader: JSONPullReader
    let limits: ManifestListing.Limits
    var fileCount = 0
    var pathBytes = 0
    var latestAcquisition: Instant?

    /// Members of an item that verification does not keep, with their type and whether `null` is allowed.
    static let otherItemMembers: [String: (type: MemberType, optional: Bool)] = [
        "mediaType": (.string, false), "kind": (.string, false), "kindReason": (.string, false),
        "originalName": (.string, false), "originalPath": (.string, false), "acquiredAt": (.string, false),
        "modifiedAt": (.string, true), "timestamps": (.array, false), "best": (.object, true),
        "warnings": (.array, false), "note": (.string, true),
        "parentID": (.integer, true), "conversation": (.object, true), "email": (.object, true),
        "linkedMessages": (.array, true), "pdq": (.string, true), "pdqQuality": (.integer, true),
        "md5": (.string, true), "minorAtTime": (.bool, true),
    ]
    static let itemRequired = ["id", "path", "size", "sha256", "mediaType", "kind", "kindReason", "originalName",
                               "originalPath", "acquiredAt", "timestamps", "warnings", "sensitive"]
    /// What a `files` entry and a derived file must have.
    static let fileRequired = ["path", "size", "sha256"]
    static let derivedRequired = ["role", "path", "size", "sha256", "mediaType"]

    mutating func readManifest() throws(JSONReadError) -> ManifestListing {
        var format: String?, identifier: String?, title: String?, sealedAt: String?, fingerprint: String?
        var items: [ManifestListing.Item]?, files: [ManifestListing.File]?
        var seenTool = false
        try readObject("the manifest", first: try reader.next()) { (reader: inout Self, key: String) throws(JSONReadError) in
            switch key {
            case "format": format = try reader.readString(key)
            case "sealedAt": sealedAt = try reader.readString(key)
            case "tool":
                seenTool = true
                _ = try reader.readStringMembers(key, required: ["name", "version"], keeping: [])
            case "case":
                let kept = try reader.readStringMembers(key, required: ["identifier", "title", "timeZone", "createdAt"],
                                                        keeping: ["identifier", "title"])
                (identifier, title) = (kept["identifier"], kept["title"])
            case "signer":
                fingerprint = try reader.readStringMembers(key, required: ["algorithm", "fingerprint", "publicKey"],
                                                           keeping: ["fingerprint"])["fingerprint"]
            case "items":
                items = try reader.readArray(key) { (reader: inout Self, index: Int, first) throws(JSONReadError) in
                    try reader.readItem("items[\(index)]", first: first)
                }
            case "files":
                files = try reader.readArray(key) { (reader: inout Self, index: Int, first) throws(JSONReadError) in
                    try reader.readFile("files[\(index)]", first: first, required: Self.fileRequired)
                }
            default: try reader.skipMember()
            }
        }
        _ = try reader.next() // `.end`, or trailing content refused
        guard let format, let identifier, let title, let sealedAt, let fingerprint, let items, let files, seenTool else {
            let missing = [("format", format == nil), ("tool", !seenTool), ("case", identifier == nil),
                           ("sealedAt", sealedAt == nil), ("signer", fingerprint == nil), ("items", items == nil),
                           ("files", files == nil)].filter(\.1).map(\.0)
            throw shapeError("the manifest has no “\(missing.joined(separator: "”, “"))”", at: 0)
        }
        return ManifestListing(format: format, caseIdentifier: identifier, caseTitle: title, sealedAt: sealedAt,
                               signerFingerprint: fingerprint, items: items, files: files,
                               latestAcquisition: latestAcquisition)
    }

    mutating func readItem(_ context: @autoclosure () -> String, first: JSONPullReader.Token) throws(JSONReadError) -> ManifestListing.Item {
        var id: Int64?, path: String?, size: Int64?, sha256: String?, derived: [ManifestListing.File] = []
        var sensitive = false
        var seen = RequiredMembers(Self.itemRequired)
        try readObject(context(), first: first) { (reader: inout Self, key: String) throws(JSONReadError) in
            seen.read(key)
            switch key {
            case "id": id = try reader.readInteger(context() + ".id")
            case "path": path = try reader.readPath(context() + ".path")
            case "size": size = try reader.readInteger(context() + ".size")
            case "sha256": sha256 = try reader.readHash(context() + ".sha256")
            case "sensitive": sensitive = try reader.readBool(context() + ".sensitive")
            case "derived":
                derived = try reader.readArray(context() + ".derived", allowsNull: true) {
                    (reader: inout Self, index: Int, first) throws(JSONReadError) in
                    try reader.readFile("\(context()).derived[\(index)]", first: first,
                                        required: Self.derivedRequired)
                } ?? []
            case "acquiredAt":
                if let acquired = RFC3339.parse(try reader.readString(context() + ".acquiredAt"))?.instant {
                    reader.latestAcquisition = max(reader.latestAcquisition ?? acquired, acquired)
                }
            case "kind":
                guard EvidenceKind(rawValue: try reader.readString(context() + ".kind")) != nil else {
                    throw reader.shapeError("\(context()).kind is not one of "
                        + EvidenceKind.allCases.map(\.rawValue).joined(separator: ", "))
                }
            default:
                if let member = Self.otherItemMembers[key] {
                    try reader.checkMember("\(context()).\(key)", type: member.type, optional: member.optional)
                } else {
                    try reader.skipMember()
                }
            }
        }
        guard let id, let path, let size, let sha256, seen.allRead else {
            throw shapeError("\(context()) has no “\(seen.missing.joined(separator: "”, “"))”")
        }
        try countFile()
        return ManifestListing.Item(id: id, file: ManifestListing.File(path: path, size: size, sha256: sha256),
                                    derived: derived, sensitive: sensitive)
    }

    /// A derived file or a `files` entry: path, size and SHA-256 kept, the other required members strings.
    mutating func readFile(_ context: @autoclosure () -> String, first: JSONPullReader.Token, required: [String])
        throws(JSONReadError) -> ManifestListing.File {
        var path: String?, size: Int64?, sha256: String?
        var seen = RequiredMembers(required)
        try readObject(context(), first: first) { (reader: inout Self, key: String) throws(JSONReadError) in
            seen.read(key)
            switch key {
            case "path": path = try reader.readPath(context() + ".path")
            case "size": size = try reader.readInteger(context() + ".size")
            case "sha256": sha256 = try reader.readHash(context() + ".sha256")
            default:
                if required.contains(key) {
                    try reader.checkMember("\(context()).\(key)", type: .string, optional: false)
                } else {
                    try reader.skipMember()
                }
            }
        }
        guard let path, let size, let sha256, seen.allRead else {
            throw shapeError("\(context()) has no “\(seen.missing.joined(separator: "”, “"))”")
        }
        try countFile()
        return ManifestListing.File(path: path, size: size, sha256: sha256)
    }

    /// Counts a listed file against the cap (its path's bytes were counted when read).
    mutating func countFile() throws(JSONReadError) {
        fileCount += 1
        guard fileCount <= limits.maximumFiles else {
            throw JSONReadError(code: .tooLarge, offset: reader.tokenOffset,
                                reason: "the manifest lists more than \(limits.maximumFiles) files, more than a bundle holds")
        }
    }

    /// An object of string members, every one of `required` present; returns the values of `keeping`.
    mutating func readStringMembers(_ context: @autoclosure () -> String, required: Set<String>, keeping: Set<String>)
        throws(JSONReadError) -> [String: String] {
        var kept: [String: String] = [:]
        var seen: Set<String> = []
        try readObject(context(), first: try reader.next()) { (reader: inout Self, key: String) throws(JSONReadError) in
            seen.insert(key)
            if keeping.contains(key) {
                kept[key] = try reader.readString("\(context()).\(key)")
            } else if required.contains(key) {
                try reader.checkMember("\(context()).\(key)", type: .string, optional: false)
            } else {
                try reader.skipMember()
            }
        }
        guard seen.isSuperset(of: required) else {
            throw shapeError("\(context()) has no “\(required.subtracting(seen).sorted().joined(separator: "”, “"))”")
        }
        return kept
    }

    // MARK: Members

    /// Reads the members of an object whose first token, `first`, was just read.
    mutating func readObject(_ context: @autoclosure () -> String, first: JSONPullReader.Token,
                             member: (inout Self, String) throws(JSONReadError) -> Void) throws(JSONReadError) {
        guard first == .beginObject else { throw shapeError("\(context()) is not an object") }
        while true {
            switch try reader.next() {
            case .key(let name): try member(&self, name)
            case .endObject: return
            default: preconditionFailure("the reader gives keys or the end inside an object")
            }
        }
    }

    /// An array of elements read by `element` (handed each element's first token), or `nil` for `null` where
    /// `allowsNull`.
    mutating func readArray<Element>(_ context: @autoclosure () -> String, allowsNull: Bool = false,
                                     element: (inout Self, Int, JSONPullReader.Token) throws(JSONReadError) -> Element)
        throws(JSONReadError) -> [Element]? {
        switch try reader.next() {
        case .beginArray: break
        case .null where allowsNull: return nil
        default: throw shapeError("\(context()) is not an array")
        }
        var elements: [Element] = []
        while case let first = try reader.next(), first != .endArray {
            elements.append(try element(&self, elements.count, first))
        }
        return elements
    }

    mutating func readString(_ context: @autoclosure () -> String) throws(JSONReadError) -> String {
        guard try reader.next() == .string else { throw shapeError("\(context()) is not a string") }
        return reader.stringValue()
    }

    mutating func readBool(_ context: @autoclosure () -> String) throws(JSONReadError) -> Bool {
        switch try reader.next() {
        case .true: return true
        case .false: return false
        default: throw shapeError("\(context()) is not true or false")
        }
    }

    mutating func readPath(_ context: @autoclosure () -> String) throws(JSONReadError) -> String {
        let path = try readString(context())
        let bytes = path.utf8.count
        guard bytes <= limits.maximumPathBytes else {
            throw JSONReadError(code: .tooLarge, offset: reader.tokenOffset,
                                reason: "\(context()) is longer than \(limits.maximumPathBytes) bytes, longer than any file system allows")
        }
        pathBytes += bytes
        guard pathBytes <= limits.maximumTotalPathBytes else {
            throw JSONReadError(code: .tooLarge, offset: reader.tokenOffset,
                                reason: "the manifest's paths add up to more than \(limits.maximumTotalPathBytes) bytes, more than a bundle's names")
        }
        return path
    }

    /// A SHA-256 in hex is 64 characters; a shorter one is kept (it will not match), a longer one refused.
    mutating func readHash(_ context: @autoclosure () -> String) throws(JSONReadError) -> String {
        let hash = try readString(context())
        guard hash.utf8.count <= 64 else { throw shapeError("\(context()) is longer than a SHA-256 in hex") }
        return hash
    }

    /// Any `Int64`, as the model declares ids and sizes: a negative size is refused when the file is read.
    mutating func readInteger(_ context: @autoclosure () -> String) throws(JSONReadError) -> Int64 {
        guard try reader.next() == .number, let value = reader.integerValue() else {
            throw shapeError("\(context()) is not a whole number that fits in 64 bits")
        }
        return value
    }

    /// Reads past a member's value after checking its type, as the model would decode it.
    mutating func checkMember(_ context: @autoclosure () -> String, type: MemberType, optional: Bool) throws(JSONReadError) {
        let first = try reader.next()
        let matches = switch (type, first) {
        case (.string, .string), (.bool, .true), (.bool, .false), (.array, .beginArray), (.object, .beginObject): true
        case (.integer, .number): reader.integerValue() != nil
        case (_, .null): optional
        default: false
        }
        guard matches else { throw shapeError("\(context()) is not \(type.name)\(optional ? " or null" : "")") }
        try reader.skipValue(startingWith: first)
    }

    mutating func skipMember() throws(JSONReadError) {
        try reader.skipValue(startingWith: try reader.next())
    }

    func shapeError(_ reason: String, at offset: Int? = nil) -> JSONReadError {
        JSONReadError(code: .unexpectedShape, offset: offset ?? reader.tokenOffset, reason: reason)
    }
}
