import EvidenceModel

extension SummaryRenderer {
    /// Every conversation as a readable thread, in the export's order: author, time, text, the lines of the
    /// original export each message was read from, deleted and omitted media marked, pictures sent in it shown.
    ///
    /// Threads share a budget of ``SummaryLimits/threadBytes``: a case of 50,000 messages is shown in full, and the
    /// messages beyond the budget (a whole account's mailbox) are counted and pointed to in their file, so that
    /// the summary stays small enough to open quickly and to be verified. Also returns the anchors of the days
    /// written, which the timeline links to.
    func conversationsSection() -> (section: Section?, dayAnchors: Set<String>) {
        let conversationItems = manifest.items.filter { $0.conversation != nil }
        guard !conversationItems.isEmpty else { return (nil, []) }
        var html = "<p>\(e(labels.conversationsIntro))</p>\n"
        var anchors: Set<String> = []
        var budget = SummaryLimits.threadBytes
        var threadsByID: [Int64: SummaryThread] = [:]
        for thread in threads { threadsByID[thread.item.id] = thread }
        for item in conversationItems {
            if let thread = threadsByID[item.id] {
                html += article(for: thread, budget: &budget, anchors: &anchors)
            } else {
                html += sensitivePlaceholder(item, id: "thread-\(item.id)")
            }
        }
        return (Section(id: "conversations", title: labels.conversations, body: html), anchors)
    }

    private func article(for thread: SummaryThread, budget: inout Int, anchors: inout Set<String>) -> String {
        let item = thread.item
        let conversation = thread.conversation
        var html = """
            <article id="thread-\(item.id)">
            <h3>\(e(platformName(conversation.platform))) — \(e(conversation.title))</h3>
            <dl class="facts">
            <dt>\(e(labels.originalExport))</dt><dd>\(e(item.originalName))<br><code>\(e(item.path))</code></dd>
            <dt>\(e(labels.item))</dt><dd><a href="#item-\(item.id)">#\(item.id)</a></dd>
            <dt>\(e(labels.sha256))</dt><dd class="hash">\(e(item.sha256))</dd>

            """
        if !conversation.participants.isEmpty {
            html += "<dt>\(e(labels.participants))</dt><dd>\(e(conversation.participants.joined(separator: ", ")))</dd>\n"
        }
        html += "<dt>\(e(labels.messageCount))</dt><dd>\(numbers.format(conversation.messageCount))</dd>\n"
        if let file = thread.messagesFile {
            html += "<dt>\(e(labels.normalisedMessages))</dt><dd><code>\(e(file.path))</code>"
                + "<br><span class=\"hash\">\(e(file.sha256))</span></dd>\n"
        }
        if let stamp = thread.messages.lazy.compactMap(\.timestamp).first {
            html += "<dt>\(e(labels.timesFrom))</dt><dd>\(e(sourceWords(stamp.source))) (\(e(dates.zone.identifier)))"
            if stamp.zone == .assumed { html += "<br><span class=\"warn\">⚠ \(e(labels.zoneAssumed))</span>" }
            html += "</dd>\n"
        }
        html += "</dl>\n"
        if !conversation.missingAttachments.isEmpty {
            html += "<p class=\"warn\">⚠ \(e(labels.labelled(labels.missingAttachments)))"
                + "\(e(conversation.missingAttachments.joined(separator: ", ")))</p>\n"
        }
        for warning in item.warnings { html += "<p class=\"warn\">⚠ \(e(warning.message))</p>\n" }
        if case .unreadable(let path) = thread.problem {
            html += "<p class=\"notice\">\(e(labels.fileUnreadable(path)))</p>\n"
        }
        guard !thread.messages.isEmpty else { return html + "</article>\n" }

        html += "<ol class=\"thread\">\n"
        var lastDay: Int?
        var shown = 0
        for (message, local) in zip(thread.messages, thread.localTimes) {
            guard budget > 0 else { break }
            var line = ""
            if let local, SummaryDateFormatter.dayKey(local) != lastDay {
                let key = SummaryDateFormatter.dayKey(local)
                lastDay = key
                let anchor = "c-\(item.id)-\(key)"
                let id = anchors.insert(anchor).inserted ? " id=\"\(anchor)\"" : ""
                line += "<li class=\"day\"\(id)><h4>\(e(dates.day(local)))</h4></li>\n"
            }
            line += messageLine(message, local: local, in: thread)
            budget -= line.utf8.count
            html += line
            shown += 1
        }
        html += "</ol>\n"
        let total = max(conversation.messageCount, thread.messages.count)
        if shown < total, let file = thread.messagesFile {
            html += "<p class=\"notice\">\(e(labels.messagesCut(numbers.format(shown), numbers.format(total), file.path)))</p>\n"
        }
        return html + "</article>\n"
    }

    /// One message: time, author, where it is in the export, marks, text, attachments.
    private func messageLine(_ message: ChatMessage, local: LocalDateTime?, in thread: SummaryThread) -> String {
        let time = local.map { dates.time($0, precision: message.timestamp?.precision ?? .second) } ?? "—"
        var html = "<li id=\"m-\(thread.item.id)-\(message.index)\"><span class=\"t\">\(time)</span> "
        if let author = message.author {
            html += "<b>\(e(author))</b>"
        } else {
            html += "<span class=\"app\">\(e(labels.appNotice))</span>"
        }
        html += " <span class=\"muted\">· \(e(labels.lines(message.source.lineStart, message.source.lineEnd)))</span>"
        switch message.kind {
        case .deleted: html += " <span class=\"warn\">· \(e(labels.deleted))</span>"
        case .mediaOmitted: html += " <span class=\"warn\">· \(e(labels.mediaOmitted))</span>"
        case .message, .system: break
        }
        if message.edited { html += " <span class=\"muted\">· \(e(labels.edited))</span>" }
        for warning in message.timestamp?.warnings ?? [] { html += " <span class=\"warn\">⚠ \(e(warning))</span>" }
        if thread.conversation.platform == .email, let subject = message.thread {
            html += "<div><b>\(e(labels.labelled(labels.subject)))</b>\(e(subject))</div>"
        }
        if !message.text.isEmpty {
            html += message.author == nil ? "<div class=\"x app\">\(e(message.text))</div>" : "<div class=\"x\">\(e(message.text))</div>"
        }
        for attachment in message.attachments {
            html += attachmentLine(attachment, in: thread.conversation)
        }
        return html + "</li>\n"
    }

    /// A file a message sent: the picture itself when the bag holds it and it may be shown, else a link to it,
    /// a placeholder when it is sensitive, or its name and that the export does not hold it.
    private func attachmentLine(_ attachment: ChatAttachment, in conversation: ConversationSummary) -> String {
        guard let id = conversation.attachmentItems[attachment.name], let item = itemsByID[id] else {
            let missing = attachment.found == false || conversation.missingAttachments.contains(attachment.name)
            return "<div>📎 \(e(attachment.name))"
                + (missing ? " <span class=\"warn\">(\(e(labels.fileNotInExport)))</span>" : "") + "</div>"
        }
        if item.sensitive {
            return "<div class=\"sensitive\"><a href=\"#\(anchor(for: item))\">#\(item.id)</a> · "
                + "\(e(kindName(item.kind))) · \(e(labels.sensitiveNotShown))</div>"
        }
        if isShownPicture(item) {
            return "<div><img loading=\"lazy\" src=\"\(SummaryHTML.relativeURL(item.path))\" alt=\"\(e(altText(item)))\">"
                + "<a href=\"#\(anchor(for: item))\">#\(item.id)</a> \(e(attachment.name))</div>"
        }
        return "<div>📎 <a href=\"#\(anchor(for: item))\">#\(item.id)</a> \(e(attachment.name))</div>"
    }

    /// An image's alternative text: its name and its time.
    func altText(_ item: EvidenceManifest.Item) -> String {
        guard let best = item.best else { return item.originalName }
        return item.originalName + ", " + dates.dateTime(best.instant, precision: best.precision)
    }
}
