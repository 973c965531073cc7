import Foundation

/// What a case is: written once by `evidence init` to `case.json` and never rewritten.
public struct CaseMetadata: Codable, Sendable, Equatable {
    public static let formatName = "evidencekit-case/1"

    public var format: String
    /// A short, stable, file-name-safe identifier (the bag's folder name and `External-Identifier`).
    public var identifier: String
    /// The title the victim or lawyer gave, as typed.
    public var title: String
    /// The IANA zone applied to local times that carry no offset.
    public var timeZone: String
    /// When the case was created (RFC 3339, UTC).
    public var createdAt: String
    /// Where the signing key lives when it is not the case's own (`init --key`); `nil` for the per-case key.
    public var externalKeyPath: String?
    /// `true` when the whole case is about a person who was a minor when the pictures were made (`init
    /// --minor-at-time`): every item added is marked so. Absent otherwise.
    public var minorAtTime: Bool?
    /// The language the case's own texts (a takedown packet's README) are written in: `fr`, `nl`, `de` or `en`
    /// (`init --language`). Absent: chosen from the time zone (see `TakedownLanguage`).
    public var language: String?
    /// The name the custody journal records as who acted (`init --by`); `nil` when none was given (and in cases
    /// made before it existed), where the journal says ``CaseMetadata/unnamedActor``.
    public var actor: String?
    /// `true` when the case records each original's full path on this computer (`init --record-full-paths`);
    /// `nil` by default, where only the path below what was given to `add` is recorded.
    public var recordsFullPaths: Bool?
    /// Where the summary tells a victim to get help (`init --help-line`); `nil` for the Belgian defaults.
    public var helpLines: [HelpLine]?

    /// Who the custody journal says acted when the case was given no name and `EVIDENCE_ACTOR` is not set:
    /// a neutral word, never the computer's account name, which a sealed bundle would carry to its readers.
    public static let unnamedActor = "case owner"

    public init(identifier: String, title: String, timeZone: String, createdAt: Instant, externalKeyPath: String? = nil,
                actor: String? = nil, recordsFullPaths: Bool = false) {
        self.format = CaseMetadata.formatName
        self.identifier = identifier
        self.title = title
        self.timeZone = timeZone
        self.createdAt = RFC3339.format(createdAt, offsetSeconds: 0)
        self.externalKeyPath = externalKeyPath
        self.actor = actor
        self.recordsFullPaths = recordsFullPaths ? true : nil
    }
}
