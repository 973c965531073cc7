import EvidenceModel

/// One rendering of an ``HTMLSummary``: what every section shares (labels, formatters, the items by number, the
/// conversations read from the bag) and the order of the sections.
struct SummaryRenderer {
    let manifest: EvidenceManifest
    let labels: SummaryLabels
    let dates: SummaryDateFormatter
    let numbers: SummaryNumberFormatter
    let files: SummaryBagFiles
    let placement: HTMLSummary.Placement
    let helpLines: [HelpLine]
    let language: SummaryLanguage
    let itemsByID: [Int64: EvidenceManifest.Item]
    /// Every conversation or mailbox item that is not sensitive, its messages read from its derived lines.
    let threads: [SummaryThread]

    /// - Parameter readingThreads: False for a renderer of the cover alone, which shows no message: the
    ///   conversations' files are then not read.
    init(_ summary: HTMLSummary, readingThreads: Bool = true) {
        manifest = summary.manifest
        language = summary.language
        labels = summary.language.labels
        dates = SummaryDateFormatter(language: summary.language, zoneName: summary.manifest.case.timeZone)
        numbers = SummaryNumberFormatter(language: summary.language)
        files = summary.payload
        placement = summary.placement
        helpLines = summary.helpLines ?? summary.language.labels.belgianHelpLines
        itemsByID = Dictionary(summary.manifest.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let dates = self.dates
        let files = self.files
        threads = !readingThreads ? [] : summary.manifest.items.filter { $0.conversation != nil && !$0.sensitive }
            .map { SummaryThread(item: $0, files: files, dates: dates) }
    }

    /// A section of the document: its anchor, its heading (also its entry in the contents) and its body.
    struct Section {
        var id: String
        var title: String
        var body: String
    }

    /// The whole document as UTF-8 bytes, and where its cover is.
    func document() -> HTMLSummary.Rendered {
        let conversations = conversationsSection()
        var sections = [
            timelineSection(threadDayAnchors: conversations.dayAnchors),
            conversations.section,
            emailsSection(),
            imagesSection(),
            itemTableSection(),
            nearDuplicatesSection(),
            withdrawalsSection(),
            verificationSection(),
            helpSection(),
        ].compactMap { $0 }
        let start = head() + "<body>\n"
        let cover = cover(contents: sections)
        let end = "</body>\n</html>\n"
        var bytes: [UInt8] = []
        // Exactly the document's size, and each section's text let go once copied: for 100,000 items the summary
        // is tens of MB, and growing by doubling, or holding the text twice, costs as much again.
        bytes.reserveCapacity(sections.reduce(start.utf8.count + cover.utf8.count + end.utf8.count) { total, section in
            total + sectionStart(section).utf8.count + section.body.utf8.count + Self.sectionEnd.utf8.count
        })
        bytes += start.utf8
        let coverStart = bytes.count
        bytes += cover.utf8
        let coverEnd = bytes.count
        for index in sections.indices {
            bytes += sectionStart(sections[index]).utf8
            bytes += sections[index].body.utf8
            bytes += Self.sectionEnd.utf8
            sections[index].body = ""
        }
        bytes += end.utf8
        return HTMLSummary.Rendered(bytes: bytes, cover: coverStart..<coverEnd, contents: sections)
    }

    private func sectionStart(_ section: Section) -> String {
        "<section id=\"\(section.id)\">\n<h2>\(e(section.title))</h2>\n"
    }

    private static let sectionEnd = "</section>\n"

    private func head() -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(manifest.case.title)) — \(e(labels.documentTitle))</title>
        <style>
        \(SummaryStyle.css(reference: manifest.case.identifier + " — " + manifest.case.title, pageLabel: labels.page))\
        </style>
        </head>

        """
    }

    // MARK: Shared by the sections

    /// Evidence text made safe for HTML.
    func e(_ text: String) -> String { SummaryHTML.escape(text) }

    /// What an item is, in the summary's language.
    func kindName(_ kind: EvidenceKind) -> String { labels.kinds[kind] ?? kind.rawValue }

    /// Where a time came from, in words.
    func sourceWords(_ source: TimestampSource) -> String { labels.sources[source] ?? source.rawValue }

    /// The app a conversation came from, as people write its name.
    func platformName(_ platform: ChatPlatform) -> String {
        switch platform {
        case .whatsapp: "WhatsApp"
        case .telegram: "Telegram"
        case .instagram: "Instagram"
        case .messenger: "Messenger"
        case .sms: "SMS"
        case .snapchat: "Snapchat"
        case .discord: "Discord"
        case .x: "X"
        case .tiktok: "TikTok"
        case .email: labels.emailPlatform
        default: platform.rawValue
        }
    }

    /// A screenshot or photo a browser can show, not sensitive: shown in the images section and inline in threads.
    func isShownPicture(_ item: EvidenceManifest.Item) -> Bool {
        !item.sensitive && (item.kind == .screenshot || item.kind == .photo) && Self.browserShows(item.mediaType)
    }

    /// Formats every browser shows without a plug-in (HEIC and TIFF are not among them).
    static func browserShows(_ mediaType: String) -> Bool {
        ["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"].contains(mediaType.lowercased())
    }

    /// HEIC and HEIF, the iPhone's formats, which no browser here shows.
    static func isHEIF(_ mediaType: String) -> Bool {
        ["image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"].contains(mediaType.lowercased())
    }

    /// The time that places an item on the timeline: its best time, unless that is only the date of a file on a
    /// computer or of its acquisition, which says nothing of when the facts happened.
    func timeOfFacts(_ item: EvidenceManifest.Item) -> EvidenceTimestamp? {
        guard let best = item.best, best.source != .filesystem, best.source != .acquired else { return nil }
        return best
    }

    /// Where a link to an item goes: its picture, its thread, its e-mail, else its row in the item table.
    func anchor(for item: EvidenceManifest.Item) -> String {
        if item.sensitive, item.conversation == nil, item.email == nil { return "img-\(item.id)" }
        if item.conversation != nil { return "thread-\(item.id)" }
        if item.email != nil { return "mail-\(item.id)" }
        if item.kind == .screenshot || item.kind == .photo { return "img-\(item.id)" }
        return "item-\(item.id)"
    }

    /// `#12`, linked to the item's place in the summary.
    func itemLink(_ id: Int64) -> String {
        guard let item = itemsByID[id] else { return "#\(id)" }
        return "<a href=\"#\(anchor(for: item))\">#\(id)</a>"
    }

    /// The item's name as people see it, or a neutral phrase for a sensitive item.
    func displayName(_ item: EvidenceManifest.Item) -> String {
        item.sensitive ? e(labels.sensitiveName) : e(item.originalName)
    }

    /// A time for people with where it came from and every mark a reader must see: zone assumed, sources that
    /// disagree, an offset other than the case zone's, a DST warning.
    func timeWithSource(_ stamp: EvidenceTimestamp, of item: EvidenceManifest.Item?) -> String {
        var html = e(dates.dateTime(stamp.instant, precision: stamp.precision))
        html += "<br><span class=\"muted\">" + e(sourceWords(stamp.source)) + "</span>"
        html += marks(stamp, of: item)
        return html
    }

    /// The warnings a time carries, as visible marks.
    func marks(_ stamp: EvidenceTimestamp, of item: EvidenceManifest.Item?) -> String {
        var html = ""
        if stamp.zone == .assumed { html += "<br><span class=\"warn\">⚠ " + e(labels.zoneAssumed) + "</span>" }
        if let item, item.warnings.contains(where: { $0.code == .sourcesDisagree }) {
            html += "<br><span class=\"warn\">⚠ " + e(labels.sourcesDisagree) + "</span>"
        }
        if stamp.precision != .day, stamp.offsetSeconds != dates.offset(at: stamp.instant) {
            html += "<br><span class=\"muted\">" + e(labels.writtenAs(dates.asWritten(stamp))) + "</span>"
        }
        for warning in stamp.warnings { html += "<br><span class=\"warn\">⚠ " + e(warning) + "</span>" }
        return html
    }

    /// The placeholder that stands for a sensitive item wherever it would be shown: number, kind, time and hash.
    func sensitivePlaceholder(_ item: EvidenceManifest.Item, id: String) -> String {
        let time = item.best.map { e(dates.dateTime($0.instant, precision: $0.precision)) } ?? e(labels.noDateFound)
        return """
            <div class="sensitive" id="\(id)"><b>#\(item.id)</b> · \(e(kindName(item.kind))) · \(time)<br>\
            \(e(labels.sensitiveNotShown))<br><span class="hash">\(e(item.sha256))</span></div>

            """
    }
}
