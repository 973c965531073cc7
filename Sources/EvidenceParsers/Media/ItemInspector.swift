import EvidenceModel
import Foundation

/// What the case (or `evidence inspect`) knows about a file besides its bytes.
public struct InspectionContext: Sendable {
    /// The case's (or `--timezone`'s) IANA zone for local times without an offset.
    public var timeZone: TimeZone
    /// The zone's name as the person gave it, recorded on every assumed time. Foundation renames some zones
    /// (`UTC` becomes `GMT`), so the name is kept beside the zone rather than read back from it.
    public var zoneName: String
    /// From the file system: recorded as source `filesystem`, zone `utc`.
    public var fileModificationTime: Instant?
    /// When `add` copied the file: source `acquired`, zone `utc`.
    public var acquiredAt: Instant?
    /// A time the victim declared (`--declared-time`): source `declared`.
    public var declared: EvidenceTimestamp?

    /// A context; only the zone is required. `zoneName` defaults to the zone's identifier.
    public init(timeZone: TimeZone, zoneName: String? = nil, fileModificationTime: Instant? = nil,
                acquiredAt: Instant? = nil, declared: EvidenceTimestamp? = nil) {
        self.timeZone = timeZone
        self.zoneName = zoneName ?? timeZone.identifier
        self.fileModificationTime = fileModificationTime
        self.acquiredAt = acquiredAt
        self.declared = declared
    }
}

/// Inspects one file: media type from its bytes, every time it carries, its kind, the best time and warnings.
public enum ItemInspector {
    /// Inspects the bytes of `source` (a file opened by the workspace, bytes in memory, tests).
    /// - Throws: ``IOError`` when the source cannot be read.
    public static func inspect(source: some ByteSource, originalName: String, context: InspectionContext) throws
        -> ItemInspection
    {
        let header = try source.read(at: 0, maxCount: MediaTypeProbe.headerLength)
        var mediaType = MediaTypeProbe.mediaType(of: header)
        var metadata = try MediaMetadataReader.read(source, mediaType: mediaType)
        mediaType = metadata.refinedMediaType ?? mediaType
        if source.count == 0 {
            metadata.warn(.emptyFile, "the file is empty (0 bytes): it holds no picture, video or time")
        } else if mediaType == "application/octet-stream" {
            // Said out loud: a cut or damaged photo whose first bytes are gone looks exactly like this.
            metadata.warn(.unrecognisedContent, "the file's first bytes match no format this tool reads (JPEG, "
                + "PNG, HEIF/AVIF, WebP, GIF, TIFF/DNG/CR2/CR3, MP4/MOV/3GP, M4A, Ogg, AMR, MP3, WAV, PDF, text, e-mail, ZIP): no time was read from inside it; "
                + "the file may be damaged or cut short")
        }
        let nameMatch = FileNamePatterns.match(originalName)

        var timestamps = metadata.times.map { $0.timestamp(assuming: context.timeZone) }
        if let nameMatch { timestamps.append(nameMatch.timestamp(assuming: context.timeZone)) }
        if let declared = context.declared { timestamps.append(declared) }
        if let modified = context.fileModificationTime {
            timestamps.append(.utc(modified, source: .filesystem, field: "mtime", role: .modification, precision: precision(of: modified)))
        }
        if let acquired = context.acquiredAt {
            timestamps.append(.utc(acquired, source: .acquired, field: "acquired", role: .acquisition, precision: precision(of: acquired)))
        }
        for index in timestamps.indices where timestamps[index].zone == .assumed {
            timestamps[index].zoneName = context.zoneName
        }

        var (kind, reason) = KindDetection.detect(mediaType: mediaType, metadata: metadata, nameMatch: nameMatch)
        if source.count == 0 { (kind, reason) = (.other, "empty file") }
        let (best, rankingWarnings) = TimestampRanking.evaluate(
            timestamps, kind: kind, formatHasNoTime: metadata.warnings.contains { $0.code == .formatHasNoTime })
        return ItemInspection(mediaType: mediaType, kind: kind, kindReason: reason, timestamps: timestamps, best: best,
                              warnings: metadata.warnings + rankingWarnings)
    }

    private static func precision(of instant: Instant) -> TimePrecision {
        let nanos = instant.nanoseconds
        if nanos == 0 { return .second }
        if nanos % 1_000_000 == 0 { return .millisecond }
        if nanos % 1000 == 0 { return .microsecond }
        return .nanosecond
    }
}

/// Hands a byte source to the one parser for its media type.
public enum MediaMetadataReader {
    /// The metadata of `source`, read by the parser for `mediaType`; an empty result for types without one.
    /// Content the parser cannot read becomes a warning.
    /// - Throws: ``IOError`` when reading fails.
    public static func read(_ source: some ByteSource, mediaType: String) throws -> MediaMetadata {
        do {
            switch mediaType {
            case "image/jpeg": return try JPEGMetadata(parsing: source).metadata
            case "image/png": return try PNGMetadata(parsing: source).metadata
            case "image/webp": return try WebPMetadata(parsing: source).metadata
            case "image/gif": return try GIFMetadata(parsing: source).metadata
            case "image/tiff", "image/x-canon-cr2": return try TIFFMetadata(parsing: source).metadata
            case "image/x-canon-cr3": return try CR3Metadata(parsing: source).metadata
            case "audio/mp4": return try QuickTimeMetadata(parsing: source).metadata
            case "audio/ogg": return try OggMetadata(parsing: source).metadata
            case "audio/amr", "audio/amr-wb": return try AMRMetadata(parsing: source).metadata
            case "audio/mpeg": return try ID3Metadata(parsing: source).metadata
            case "image/heic", "image/heif", "image/avif": return try HEIFMetadata(parsing: source).metadata
            case let type where type.hasPrefix("video/"): return try QuickTimeMetadata(parsing: source).metadata
            default: return MediaMetadata()
            }
        } catch let error as MediaParseError {
            var metadata = MediaMetadata()
            metadata.warn(error)
            return metadata
        }
    }
}
