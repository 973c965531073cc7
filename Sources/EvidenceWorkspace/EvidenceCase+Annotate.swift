import EvidenceModel
import EvidenceParsers
import Foundation
import GRDB

/// What a person says about items already in the case (`evidence annotate`, or `add` of content the case holds):
/// every field left `nil` (or `false`) changes nothing.
public struct ItemAnnotation: Sendable, Equatable {
    /// Added to the item's note on a line of its own; a note the item already holds is not added twice.
    public var note: String?
    /// A time the person states for the item (source `declared`); it replaces an earlier declared time.
    public var declaredTime: EvidenceTimestamp?
    /// `true` marks the item sensitive, `false` unmarks it.
    public var sensitive: Bool?
    /// Marks the person shown as a minor when it was made.
    public var minorAtTime: Bool
    /// The item's describing fields (see ``EvidenceItem/sourceURL``); an empty text removes the field.
    public var sourceURL: String?
    public var platform: String?
    public var account: String?
    public var description: String?

    public init(note: String? = nil, declaredTime: EvidenceTimestamp? = nil, sensitive: Bool? = nil,
                minorAtTime: Bool = false, sourceURL: String? = nil, platform: String? = nil, account: String? = nil,
                description: String? = nil) {
        self.note = note
        self.declaredTime = declaredTime
        self.sensitive = sensitive
        self.minorAtTime = minorAtTime
        self.sourceURL = sourceURL
        self.platform = platform
        self.account = account
        self.description = description
    }
}

/// One field an annotation changed, with its value before and after (empty for none), as journaled.
public struct ItemChange: Sendable, Equatable {
    /// The field's name in the manifest (`note`, `sensitive`, `sourceURL`…), or `declaredTime`.
    public var field: String
    public var before: String
    public var after: String

    /// What was done, in words: “note added”, “declared time recorded”, “marked not sensitive”.
    public var spoken: String {
        switch field {
        case "note": "note added"
        case "declaredTime": "declared time recorded"
        case "sensitive": after == "true" ? "marked sensitive" : "marked not sensitive"
        case "minorAtTime": "marked minor at the time"
        case "sourceURL": after.isEmpty ? "URL removed" : "URL recorded"
        default: after.isEmpty ? "\(field) removed" : "\(field) recorded"
        }
    }
}

/// An item after an annotation, and what changed in it (nothing when it already said all that).
public struct AnnotationOutcome: Sendable, Equatable {
    public var item: EvidenceItem
    public var changes: [ItemChange]
}

extension EvidenceCase {
    /// Changes what the case records about items, journaling each item that changed as `item-annotated` with the
    /// values before and after. All items change in one transaction, or none (an unknown item changes nothing).
    ///
    /// For example:
    /// ```swift
    /// try evidenceCase.annotate(itemIDs: [4], with: ItemAnnotation(sensitive: false, platform: "Instagram"))
    /// ```
    ///
    /// - Parameters:
    ///   - itemIDs: The items to change.
    ///   - annotation: What to record; an item that already says it is left as it is and nothing is journaled.
    ///   - now: The time journaled.
    /// - Returns: Each item as it is now, with what changed.
    /// - Throws: ``CaseError`` with `.notFound` for an unknown item, or a database error.
    @discardableResult
    public func annotate(itemIDs: [Int64], with annotation: ItemAnnotation, now: Instant = .now()) throws
        -> [AnnotationOutcome]
    {
        try changing(onWait: nil) {
            try index.database.write { db in
                let items = try index.items(in: db)
                return try itemIDs.map { id in
                    guard let item = items.first(where: { $0.id == id }) else {
                        throw CaseError(.notFound, "The case has no item #\(id).")
                    }
                    return try annotate(item, with: annotation, at: now, in: db)
                }
            }
        }
    }

    /// Applies an annotation to one item inside the caller's transaction and journals it when anything changed.
    func annotate(_ item: EvidenceItem, with annotation: ItemAnnotation, at instant: Instant,
                  in db: Database) throws -> AnnotationOutcome {
        var annotated = item
        let changes = annotated.apply(annotation, zoneName: metadata.timeZone)
        guard !changes.isEmpty else { return AnnotationOutcome(item: item, changes: []) }
        try index.update(annotated, in: db)
        var details = annotationDetails(of: annotated)
        for change in changes {
            details["before.\(change.field)"] = change.before
            details["after.\(change.field)"] = change.after
        }
        try index.appendCustody(action: "item-annotated", actor: actor, at: instant, details: details, in: db)
        return AnnotationOutcome(item: annotated, changes: changes)
    }
}

extension EvidenceItem {
    /// Applies what the annotation says and returns what changed, in a fixed order.
    mutating func apply(_ annotation: ItemAnnotation, zoneName: String) -> [ItemChange] {
        var changes: [ItemChange] = []
        if let note = annotation.note, !note.isEmpty, !(self.note ?? "").contains(note) {
            let after = self.note.map { "\($0)\n\(note)" } ?? note
            changes.append(ItemChange(field: "note", before: self.note ?? "", after: after))
            self.note = after
        }
        if var declared = annotation.declaredTime {
            if declared.zone == .assumed { declared.zoneName = zoneName }
            let earlier = timestamps.first { $0.source == .declared }
            if earlier != declared {
                changes.append(ItemChange(field: "declaredTime", before: earlier?.value ?? "", after: declared.value))
                recordDeclaredTime(declared)
            }
        }
        if let sensitive = annotation.sensitive, sensitive != self.sensitive {
            changes.append(ItemChange(field: "sensitive", before: String(self.sensitive), after: String(sensitive)))
            self.sensitive = sensitive
        }
        if annotation.minorAtTime, minorAtTime != true {
            changes.append(ItemChange(field: "minorAtTime", before: "", after: "true"))
            minorAtTime = true
        }
        let describing: [(field: String, given: String?, path: WritableKeyPath<EvidenceItem, String?>)] = [
            ("sourceURL", annotation.sourceURL, \.sourceURL), ("platform", annotation.platform, \.platform),
            ("account", annotation.account, \.account), ("description", annotation.description, \.description),
        ]
        for (field, given, path) in describing {
            guard let after = given?.trimmingCharacters(in: .whitespacesAndNewlines),
                  after != (self[keyPath: path] ?? "") else { continue }
            changes.append(ItemChange(field: field, before: self[keyPath: path] ?? "", after: after))
            self[keyPath: path] = after.isEmpty ? nil : after
        }
        return changes
    }

    /// Puts a declared time in place of any earlier one and ranks the times again, as `add` would have with it.
    private mutating func recordDeclaredTime(_ declared: EvidenceTimestamp) {
        timestamps.removeAll { $0.source == .declared }
        timestamps.append(declared)
        let rankingCodes: Set<WarningCode> = [.noDate, .sourcesDisagree, .localTimeDST]
        let formatHasNoTime = warnings.contains { $0.code == .formatHasNoTime }
        let (best, rankingWarnings) = TimestampRanking.evaluate(timestamps, kind: kind, formatHasNoTime: formatHasNoTime)
        self.best = best
        warnings = warnings.filter { !rankingCodes.contains($0.code) } + rankingWarnings
    }
}
