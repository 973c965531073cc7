import EvidenceModel

extension SummaryRenderer {
    /// The table for the police: every item with its number, name in the bag, kind, size, SHA-256, best time and
    /// its source, and notes, after the schema files an analyst imports `manifest.json` with.
    func itemTableSection() -> Section? {
        var html = """
            <p>\(e(labels.schemaNote("evidence/schema/manifest.schema.json", "evidence/schema/messages.schema.json")))</p>
            <table class="stack">
            <thead><tr><th scope="col">\(e(labels.number))</th><th scope="col">\(e(labels.nameInBag))</th>\
            <th scope="col">\(e(labels.kind))</th><th scope="col">\(e(labels.size))</th>\
            <th scope="col">\(e(labels.sha256))</th><th scope="col">\(e(labels.bestTime))</th>\
            <th scope="col">\(e(labels.notes))</th></tr></thead>
            <tbody>

            """
        for item in manifest.items {
            // A sensitive item's path holds its name and, in a bag of format 2, `data/sensitive/`: neither is written.
            let name = item.sensitive ? e(labels.sensitiveName)
                : "\(e(item.originalName))<br><code>\(e(item.path))</code>"
            let time = item.best.map { timeWithSource($0, of: item) } ?? "<span class=\"warn\">\(e(labels.noDateFound))</span>"
            html += """
                <tr id="item-\(item.id)"><td data-label="\(e(labels.number))">\(item.id)</td>\
                <td data-label="\(e(labels.nameInBag))">\(name)</td>\
                <td data-label="\(e(labels.kind))">\(e(kindName(item.kind)))</td>\
                <td data-label="\(e(labels.size))">\(numbers.format(item.size))&nbsp;\(e(labels.bytes))</td>\
                <td data-label="\(e(labels.sha256))" class="hash">\(e(item.sha256))</td>\
                <td data-label="\(e(labels.bestTime))">\(time)</td>\
                <td data-label="\(e(labels.notes))">\(notes(for: item).joined(separator: "<br>"))</td></tr>

                """
        }
        html += "</tbody>\n</table>\n"
        return Section(id: "items", title: labels.items, body: html)
    }

    /// What a reader must know about an item besides its hash and time.
    private func notes(for item: EvidenceManifest.Item) -> [String] {
        var notes: [String] = []
        if item.sensitive { notes.append("<span class=\"warn\">\(e(labels.sensitiveNotShown))</span>") }
        if item.minorAtTime == true { notes.append("<span class=\"warn\">\(e(labels.minorAtTime))</span>") }
        for (label, value) in [(labels.note, item.note), (labels.sourceURL, item.sourceURL), (labels.platform, item.platform),
                               (labels.account, item.account), (labels.description, item.description)] {
            // A URL is text here, never a link: the summary makes no request of any kind.
            if let value { notes.append("<b>\(e(labels.labelled(label)))</b><span class=\"x\">\(e(value))</span>") }
        }
        if let conversation = item.conversation {
            notes.append(e(labels.labelled(platformName(conversation.platform) + " — " + conversation.title))
                + "<a href=\"#thread-\(item.id)\">\(numbers.format(conversation.messageCount)) \(e(labels.messageCount.lowercased()))</a>")
        }
        let carried = (item.conversation?.attachmentItems ?? [:]).merging(item.email?.attachmentItems ?? [:]) { first, _ in first }
        if !carried.isEmpty {
            notes.append(e(labels.carries) + " " + Set(carried.values).sorted().map(itemLink).joined(separator: ", "))
        }
        if let parent = item.parentID { notes.append(e(labels.cameInside) + " " + itemLink(parent)) }
        for link in item.linkedMessages ?? [] {
            let messages = link.messages.map { "<a href=\"#m-\(link.item)-\($0)\">\($0)</a>" }.joined(separator: ", ")
            notes.append(labels.sentIn(itemLink(link.item), messages))
        }
        if !item.sensitive {
            for file in item.derived ?? [] {
                notes.append("\(e(labels.labelled(labels.normalisedMessages)))<code>\(e(file.path))</code>")
            }
        }
        for warning in item.warnings { notes.append("<span class=\"warn\">⚠ \(e(warning.message))</span>") }
        return notes
    }

    /// Items whose PDQ hashes say they are the same picture, re-compressed, resized or cropped; no section for a
    /// case that has none.
    func nearDuplicatesSection() -> Section? {
        let hashes = manifest.items.compactMap { item -> (item: Int64, hash: PDQHash, quality: Int)? in
            guard let hex = item.pdq, let hash = PDQHash(hex: hex), let quality = item.pdqQuality else { return nil }
            return (item.id, hash, quality)
        }
        let groups = NearDuplicateGroup.groups(of: hashes)
        guard !groups.isEmpty else { return nil }
        var html = "<p>\(e(labels.nearDuplicatesIntro(PDQHash.matchThreshold)))</p>\n<ul>\n"
        for group in groups {
            let pairs = group.resemblances.map { labels.looksLike(itemLink($0.item), itemLink($0.looksLike), $0.distance) }
            html += "<li>\(labels.labelled(group.items.map(itemLink).joined(separator: ", ")))\(pairs.joined(separator: "; "))</li>\n"
        }
        return Section(id: "near-duplicates", title: labels.nearDuplicates, body: html + "</ul>\n")
    }

    /// Items taken out of the case before sealing, by number and hash only (never a name: the person withdrew the
    /// item because it should not be shown); no section for a case that has none.
    func withdrawalsSection() -> Section? {
        guard let withdrawals = manifest.withdrawals, !withdrawals.isEmpty else { return nil }
        var html = """
            <p>\(e(labels.withdrawalsIntro))</p>
            <table class="stack">
            <thead><tr><th scope="col">\(e(labels.number))</th><th scope="col">\(e(labels.sha256))</th>\
            <th scope="col">\(e(labels.size))</th><th scope="col">\(e(labels.withdrawnAt))</th>\
            <th scope="col">\(e(labels.withdrawnBy))</th><th scope="col">\(e(labels.reason))</th></tr></thead>
            <tbody>

            """
        for withdrawal in withdrawals {
            let when = RFC3339.parse(withdrawal.withdrawnAt).map { dates.dateTime($0.instant) } ?? withdrawal.withdrawnAt
            let purged = withdrawal.purged ? "<br>\(e(labels.purged))" : ""
            html += """
                <tr><td data-label="\(e(labels.number))">\(withdrawal.item)</td>\
                <td data-label="\(e(labels.sha256))" class="hash">\(e(withdrawal.sha256))</td>\
                <td data-label="\(e(labels.size))">\(numbers.format(withdrawal.size))&nbsp;\(e(labels.bytes))</td>\
                <td data-label="\(e(labels.withdrawnAt))">\(e(when))</td>\
                <td data-label="\(e(labels.withdrawnBy))">\(e(withdrawal.actor))</td>\
                <td data-label="\(e(labels.reason))">\(e(withdrawal.reason))\(purged)</td></tr>

                """
        }
        return Section(id: "withdrawals", title: labels.withdrawals, body: html + "</tbody>\n</table>\n")
    }
}
