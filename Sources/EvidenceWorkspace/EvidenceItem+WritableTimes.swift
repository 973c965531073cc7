import EvidenceModel
import EvidenceParsers

extension EvidenceItem {
    /// Drops every time the item's record could not write and read back (a wall clock outside the years
    /// 0001–9999, an offset of a day or more), each with a warning naming it. Parsers drop such times where they
    /// read them; this is the last guard before a record is stored, because one unreadable time would make the
    /// record, and with it `list` and `seal` of the whole case, fail.
    mutating func dropUnwritableTimes() {
        if let modified = modifiedAt, !EvidenceTimestamp.utc(modified, source: .filesystem, field: "mtime", role: .modification).isWritable {
            modifiedAt = nil
            warnings.append(EvidenceWarning(code: .dateOutOfRange, message: "The original's modification time "
                                            + "(Unix time \(modified.unixSeconds) s) is outside the years 0001–9999; it was dropped."))
        }
        let unwritable = timestamps.filter { !$0.isWritable }
        guard !unwritable.isEmpty else { return }
        timestamps.removeAll { !$0.isWritable }
        for stamp in unwritable {
            warnings.append(EvidenceWarning(code: .dateOutOfRange, message: "\(stamp.source.rawValue) \(stamp.field) "
                                            + "(Unix time \(stamp.instant.unixSeconds) s) is outside the years 0001–9999; it was dropped."))
        }
        let ranking = TimestampRanking.evaluate(timestamps, kind: kind,
                                                formatHasNoTime: warnings.contains { $0.code == .formatHasNoTime })
        best = ranking.best
        warnings = warnings.filter { !EvidenceItem.rankingWarningCodes.contains($0.code) } + ranking.warnings
    }

    /// The warnings ``TimestampRanking`` writes: replaced, not added to, whenever an item's times are ranked again.
    static let rankingWarningCodes: Set<WarningCode> = [.sourcesDisagree, .noDate, .localTimeDST]
}
