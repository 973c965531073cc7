import EvidenceModel

extension SummaryRenderer {
    /// Each single e-mail (an `.eml` item): its headers and its text. An HTML body is shown as text, never as a
    /// page; a mailbox of several messages is a thread in the conversations instead.
    func emailsSection() -> Section? {
        let emails = manifest.items.filter { $0.email != nil && $0.conversation == nil }
        guard !emails.isEmpty else { return nil }
        var html = ""
        for item in emails {
            html += item.sensitive ? sensitivePlaceholder(item, id: "mail-\(item.id)") : article(forEmail: item)
        }
        return Section(id: "emails", title: labels.emails, body: html)
    }

    private func article(forEmail item: EvidenceManifest.Item) -> String {
        let email = item.email!
        var html = "<article id=\"mail-\(item.id)\">\n<h3>#\(item.id) — \(e(email.subject ?? item.originalName))</h3>\n"
        html += "<dl class=\"facts\">\n"
        for (label, value) in [(labels.from, email.from), (labels.to, email.to), (labels.cc, email.cc),
                               (labels.subject, email.subject)] {
            if let value { html += "<dt>\(e(label))</dt><dd>\(e(value))</dd>\n" }
        }
        if let best = item.best {
            html += "<dt>\(e(labels.date))</dt><dd>\(timeWithSource(best, of: item))</dd>\n"
        }
        html += """
            <dt>\(e(labels.item))</dt><dd><a href="#item-\(item.id)">#\(item.id)</a> <code>\(e(item.path))</code></dd>
            <dt>\(e(labels.sha256))</dt><dd class="hash">\(e(item.sha256))</dd>
            </dl>

            """
        guard let bytes = files.prefix(of: item.path, limit: SummaryLimits.emailBytes),
              let body = files.emailBody(bytes) else {
            return html + "<p class=\"notice\">\(e(labels.fileUnreadable(item.path)))</p>\n</article>\n"
        }
        var text: String
        if let plain = body.text {
            text = plain
        } else if let markup = body.html {
            html += "<p class=\"muted\">\(e(labels.htmlBodyAsText))</p>\n"
            text = markup
        } else {
            return html + "<p class=\"muted\">\(e(labels.noTextBody))</p>\n</article>\n"
        }
        let cut = Int64(bytes.count) < item.size || text.count > SummaryLimits.emailBodyCharacters
        if text.count > SummaryLimits.emailBodyCharacters { text = String(text.prefix(SummaryLimits.emailBodyCharacters)) }
        html += "<div class=\"body\">\(e(text))</div>\n"
        if cut { html += "<p class=\"notice\">\(e(labels.bodyCut(item.path)))</p>\n" }
        return html + "</article>\n"
    }
}
