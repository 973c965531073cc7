import EvidenceModel

/// Every word a summary shows that is not evidence, in one language: one table per language
/// (`SummaryLabels+French.swift` …), so that no English is left in a French summary.
///
/// Phrases that hold numbers or names are functions; everything else is plain text, which the tests read back to
/// check that no English label appears in another language's summary.
struct SummaryLabels: Sendable {
    // MARK: Cover
    let documentTitle: String
    let besideCopyNote: String
    let contents: String
    let coverIntro: String
    let reference: String
    let assembledBy: String
    let assembledByUnknown: String
    let sealedAt: String
    let timeZone: String
    let itemCount: String
    let bundleIdentifier: String
    let fingerprint: String
    let sealedWith: String
    let attestedTime: String
    let noTrustedTimestamp: String
    let provesHeading: String
    let proves: String
    let doesNotProveHeading: String
    let doesNotProve: String
    let timeStampsElsewhere: String
    let parties: String
    let partyVictim: String
    let partySuspect: String
    let partyWitness: String
    let partyOther: String
    let page: String

    // MARK: Section headings
    let timeline: String
    let conversations: String
    let emails: String
    let images: String
    let items: String
    let nearDuplicates: String
    let withdrawals: String
    let howToVerify: String
    let help: String

    // MARK: Timeline
    let timelineIntro: String
    let timeColumn: String
    let itemColumn: String
    let whatColumn: String
    let sourceColumn: String
    let zoneAssumed: String
    let sourcesDisagree: String
    let noUsableTimeHeading: String
    let noUsableTimeIntro: String
    let noDateFound: String
    let fileDateOnly: String
    /// The time as the source wrote it, when its offset is not the case zone's.
    let writtenAs: @Sendable (_ time: String) -> String
    /// One conversation's messages of one day: how many (as a number and as written), first and last time.
    let messagesOfDay: @Sendable (_ count: Int, _ written: String, _ first: String, _ last: String) -> String
    /// A label before its value: `Note: …`, in French `Remarque : …`.
    let labelled: @Sendable (_ label: String) -> String
    /// Where a time came from, in words.
    let sources: [TimestampSource: String]
    /// What an item is, as a person names it.
    let kinds: [EvidenceKind: String]

    // MARK: Conversations and e-mails
    let conversationsIntro: String
    let originalExport: String
    let item: String
    let participants: String
    let messageCount: String
    let normalisedMessages: String
    let timesFrom: String
    let lines: @Sendable (_ first: Int, _ last: Int) -> String
    let deleted: String
    let mediaOmitted: String
    let edited: String
    let appNotice: String
    let fileNotInExport: String
    let sensitiveConversation: String
    let messagesCut: @Sendable (_ shown: String, _ total: String, _ path: String) -> String
    let fileUnreadable: @Sendable (_ path: String) -> String
    let emailPlatform: String
    let from: String
    let to: String
    let cc: String
    let subject: String
    let date: String
    let htmlBodyAsText: String
    let noTextBody: String
    let bodyCut: @Sendable (_ path: String) -> String

    // MARK: Images
    let imagesIntro: String
    let heicNote: @Sendable (_ path: String) -> String
    let cannotShow: @Sendable (_ mediaType: String, _ path: String) -> String
    let sensitiveNotShown: String

    // MARK: Item table
    let number: String
    let nameInBag: String
    let kind: String
    let size: String
    let sha256: String
    let bestTime: String
    let notes: String
    let bytes: String
    let schemaNote: @Sendable (_ manifestSchema: String, _ messagesSchema: String) -> String
    let sensitiveName: String
    let note: String
    let sourceURL: String
    let platform: String
    let account: String
    let description: String
    let minorAtTime: String
    let carries: String
    let cameInside: String
    let sentIn: @Sendable (_ item: String, _ messages: String) -> String
    let missingAttachments: String
    let nearDuplicatesIntro: @Sendable (_ threshold: Int) -> String
    let looksLike: @Sendable (_ item: String, _ other: String, _ distance: Int) -> String
    let withdrawalsIntro: String
    let withdrawnAt: String
    let withdrawnBy: String
    let reason: String
    let purged: String

    // MARK: How to verify, help
    let verifyIntro: String
    /// The steps of `Docs/verifying-a-bundle.md`, each a sentence before its command (same order as
    /// `SummaryVerification.commands`).
    let verifySteps: [String]
    let verifyFingerprint: String
    let verifyOutcome: String
    let helpIntro: String
    /// The Belgian default help lines, in this language.
    let belgianHelpLines: [HelpLine]
}
