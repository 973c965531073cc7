import EvidenceModel
/// Chooses the time we trust most for an item and says when its sources disagree.
///
/// The order of trust, most trusted first (a time written by the capturing device at capture beats a later
/// edit, a name, a person's memory, and the file system):
///
/// 1. EXIF `DateTimeOriginal`
/// 2. XMP `exif:DateTimeOriginal`, `photoshop:DateCreated`; IPTC `DateCreated`(+`TimeCreated`)
/// 3. QuickTime `com.apple.quicktime.creationdate`
/// 4. QuickTime `mvhd.creation_time`, track `tkhd.creation_time` and media `mdhd.creation_time` (video and
///    MP4 audio); ID3 `TDRC` (an MP3's recording time)
/// 5. EXIF `CreateDate`, XMP `xmp:CreateDate` / `exif:DateTimeDigitized`, IPTC `DigitalCreationDate`(+`Time`)
/// 6. PNG `Creation Time` text; an e-mail's `Date` header
/// 7. EXIF GPS date and time (a satellite clock, but the time of the position fix, not of the shot)
/// 8. file-name patterns; a chat export's first message
/// 9. the time the victim declared (`--declared-time`)
/// 10. modification times: EXIF `ModifyDate`, XMP `xmp:ModifyDate`, PNG `tIME`, QuickTime modification times;
///     a chat export's last message and an e-mail's `Received` hops
/// 11. file-system modification time
/// 12. acquisition time
///
/// Within one rank, a time whose offset is embedded or UTC beats one whose zone was assumed, then the finer
/// precision wins, then the first found.
///
/// The role of a timestamp (``TimestampRole``, set by whoever made it) decides which group it falls in: capture
/// times and a chat export's first message take ranks 1–9, ordered among themselves by the field table below
/// (exiftool's field names); every other role ranks 10–12.
///
/// Ranks 1–9 are "capture" times: when one of them differs from the best by more than ``toleranceSeconds``
/// (taking a coarse precision as a whole interval: a day-precision name agrees with any time that day),
/// a `sources-disagree` warning names both. Modification, file-system and acquisition times legitimately
/// differ and are not compared.
public enum TimestampRanking {
    /// Two capture times further apart than this disagree. Two minutes absorbs a camera clock's drift
    /// against GPS and the second a phone takes to write a screenshot, while the classic mistakes
    /// (a wrong zone: whole hours; a wrong day) stand out.
    public static let toleranceSeconds: Int64 = 120

    /// The warning shown when a screenshot, photo or video has no time of its own.
    public static let noDateMessage =
        "no date found: make sure the date is visible in the image, or add one with --declared-time"
    /// The same for a recording (a voice note has no picture to look at).
    public static let noDateMessageForAudio =
        "no date found: the recording holds no time of its own; the chat or e-mail that carried it shows when it "
            + "was sent; add that with --declared-time"
    /// The same for a video (a screen recording has no "image" to look at).
    public static let noDateMessageForVideo =
        "no date found: make sure the date is visible in the video, or add one with --declared-time"

    /// The rank of a timestamp in the order of trust (lower is more trusted).
    public static func rank(_ timestamp: EvidenceTimestamp) -> Int {
        switch timestamp.role {
        case .capture:
            return captureRank(timestamp)
        case .conversationStart:
            // A mailbox's earliest Date is not ranked as its capture: each of its messages is an item of its own,
            // whose Date is ranked there.
            return timestamp.source == .chat ? 8 : 10
        case .modification, .conversationEnd, .message, .relay:
            // Real, but not the moment the evidence came to be, so they never make sources "disagree".
            return timestamp.source == .filesystem ? 11 : 10
        case .acquisition:
            return 12
        }
    }

    /// The order of capture times among themselves, by the field that holds them.
    private static func captureRank(_ timestamp: EvidenceTimestamp) -> Int {
        switch (timestamp.source, timestamp.field) {
        case (.exif, "DateTimeOriginal"): return 1
        case (.xmp, "exif:DateTimeOriginal"), (.xmp, "photoshop:DateCreated"): return 2
        case (.iptc, let field) where field.hasPrefix("DateCreated"): return 2
        case (.quicktime, "com.apple.quicktime.creationdate"): return 3
        case (.quicktime, "mvhd.creation_time"): return 4
        case (.quicktime, let field) where field.hasSuffix("hd.creation_time"): return 4
        case (.id3, "TDRC"): return 4
        case (.exif, "CreateDate"), (.xmp, "xmp:CreateDate"), (.xmp, "exif:DateTimeDigitized"): return 5
        case (.iptc, let field) where field.hasPrefix("DigitalCreationDate"): return 5
        case (.pngTime, "Creation Time"): return 6
        case (.emailHeader, "Date"): return 6
        case (.exif, let field) where field.hasPrefix("GPS"): return 7
        case (.filename, _): return 8
        // A declared time, and any capture time from a field this table does not name, is trusted least.
        default: return 9
        }
    }

    /// True for times recorded at (or asserted for) the moment of capture.
    static func isCaptureTime(_ timestamp: EvidenceTimestamp) -> Bool { rank(timestamp) <= 9 }

    /// Chooses the best timestamp and gathers warnings: sources that disagree, DST problems of the times
    /// read, and a missing date on a screenshot, photo, video or recording — unless `formatHasNoTime`: the parser
    /// already said (`format-has-no-time`) that the format has no place for one, in better words than "no date".
    public static func evaluate(_ timestamps: [EvidenceTimestamp], kind: EvidenceKind, formatHasNoTime: Bool = false)
        -> (best: EvidenceTimestamp?, warnings: [EvidenceWarning])
    {
        var warnings: [EvidenceWarning] = []
        // Each time's key is worked out once, not at every comparison of the sort (a rank looks at field names).
        let keys: [(Int, Int, Int, Int)] = timestamps.indices.map { index in
            let timestamp = timestamps[index]
            return (rank(timestamp), timestamp.zone == .assumed ? 1 : 0, -timestamp.precision.fineness, index)
        }
        let ordered = keys.sorted(by: <).map { timestamps[$0.3] }
        let best = ordered.first

        for timestamp in timestamps {
            for note in timestamp.warnings {
                warnings.append(EvidenceWarning(code: .localTimeDST, message: "\(describe(timestamp)): \(note)"))
            }
        }

        if let best, isCaptureTime(best) {
            var seen: Set<String> = []
            for other in ordered.dropFirst() where isCaptureTime(other) {
                let gap = distance(best, other)
                guard gap > toleranceSeconds else { continue }
                let key = "\(other.source.rawValue)|\(other.field)|\(other.value)"
                guard seen.insert(key).inserted else { continue }
                let coarse = best.precision == .day || other.precision == .day
                let apart = coarse ? gap : abs(best.instant.unixSeconds - other.instant.unixSeconds)
                var message = "\(describe(best)) says \(shown(best)) but \(describe(other)) says \(shown(other)): "
                    + "\(spoken(apart)) apart, more than the \(toleranceSeconds / 60)-minute tolerance"
                if !coarse, apart % 900 == 0 {
                    message += " (a whole number of quarter hours: perhaps a time-zone mix-up)"
                }
                warnings.append(EvidenceWarning(code: .sourcesDisagree, message: message))
            }
        }

        let isMedia = switch kind {
        case .screenshot, .photo, .video, .audio: true
        default: false
        }
        if isMedia, !formatHasNoTime, !timestamps.contains(where: { isCaptureTime($0) }) {
            let message = switch kind {
            case .video: noDateMessageForVideo
            case .audio: noDateMessageForAudio
            default: noDateMessage
            }
            warnings.append(EvidenceWarning(code: .noDate, message: message))
        }
        return (best, warnings)
    }

    /// The length, in seconds, of the interval a reading at this precision stands for.
    private static func span(_ precision: TimePrecision) -> Int64 {
        switch precision {
        case .day: 86_400
        case .hour: 3600
        case .minute: 60
        case .second: 1
        default: 0
        }
    }

    /// Whole seconds between the intervals two readings stand for (0 when they overlap).
    static func distance(_ a: EvidenceTimestamp, _ b: EvidenceTimestamp) -> Int64 {
        let aStart = a.instant.unixSeconds, aEnd = aStart + span(a.precision)
        let bStart = b.instant.unixSeconds, bEnd = bStart + span(b.precision)
        if aEnd < bStart { return bStart - aEnd }
        if bEnd < aStart { return aStart - bEnd }
        return 0
    }

    static func describe(_ timestamp: EvidenceTimestamp) -> String {
        "\(timestamp.source.rawValue) \(timestamp.field)"
    }

    /// The value as a person should read it: a day-precision time is shown as a date only.
    static func shown(_ timestamp: EvidenceTimestamp) -> String {
        timestamp.precision == .day ? String(timestamp.value.prefix(10)) + " (date only)" : timestamp.value
    }

    private static func spoken(_ seconds: Int64) -> String {
        if seconds >= 86_400 { return "\(seconds / 86_400) d \(seconds % 86_400 / 3600) h" }
        if seconds >= 3600 { return "\(seconds / 3600) h \(seconds % 3600 / 60) min" }
        return "\(seconds / 60) min \(seconds % 60) s"
    }
}
