import EvidenceModel

extension SummaryRenderer {
    /// One line on the timeline.
    private struct Entry {
        var instant: Instant
        var item: Int64
        var day: LocalDateTime
        var time: String
        var link: String
        var what: String
        var source: String
    }

    /// Every dated item and every day of every conversation on one time axis, grouped by day in the case's zone.
    ///
    /// A conversation is one entry per day it has messages (how many, the first and last time, a link to that day
    /// in its thread), not one per message: 50,000 messages would bury the screenshots and e-mails between them,
    /// and each message is in its thread anyway. Items whose only time is a file's date on a computer, or none,
    /// are listed apart.
    func timelineSection(threadDayAnchors: Set<String>) -> Section? {
        var entries: [Entry] = []
        var undated: [EvidenceManifest.Item] = []
        // A conversation whose messages could be read is on the axis by its days; any other item by its own time.
        let threadDays = threads.map { ($0, $0.days()) }.filter { !$0.1.isEmpty }
        let threadItems = Set(threadDays.map(\.0.item.id))
        for item in manifest.items where !threadItems.contains(item.id) {
            guard let stamp = timeOfFacts(item) else {
                undated.append(item)
                continue
            }
            let local = stamp.precision == .day ? stamp.local : dates.local(stamp.instant)
            let subject = item.sensitive ? nil : item.email?.subject
            let what = e(kindName(item.kind)) + " — " + (subject.map(e) ?? displayName(item))
            entries.append(Entry(
                instant: stamp.instant, item: item.id, day: local,
                time: stamp.precision == .day ? "—" : dates.time(local, precision: stamp.precision),
                link: "<a href=\"#\(anchor(for: item))\">#\(item.id)</a>", what: what,
                source: e(sourceWords(stamp.source)) + marks(stamp, of: item)))
        }
        for (thread, days) in threadDays {
            let source = thread.messages.lazy.compactMap(\.timestamp).first
            for day in days {
                let anchor = "c-\(thread.item.id)-\(day.key)"
                let target = threadDayAnchors.contains(anchor) ? anchor : "thread-\(thread.item.id)"
                let first = dates.time(day.firstLocal, precision: .minute)
                let last = dates.time(day.lastLocal, precision: .minute)
                entries.append(Entry(
                    instant: day.first, item: thread.item.id, day: day.firstLocal,
                    time: dates.time(day.firstLocal, precision: source?.precision ?? .second),
                    link: "<a href=\"#\(target)\">#\(thread.item.id)</a>",
                    what: e(labels.labelled(platformName(thread.conversation.platform) + " — " + thread.conversation.title))
                        + e(labels.messagesOfDay(day.count, numbers.format(day.count), first, last)),
                    source: source.map { e(sourceWords($0.source)) + ($0.zone == .assumed
                        ? "<br><span class=\"warn\">⚠ " + e(labels.zoneAssumed) + "</span>" : "") } ?? ""))
            }
        }
        guard !entries.isEmpty || !undated.isEmpty else { return nil }
        entries.sort { ($0.instant, $0.item) < ($1.instant, $1.item) }

        var html = "<p>\(e(labels.timelineIntro))</p>\n"
        var currentDay: Int?
        for entry in entries {
            let key = SummaryDateFormatter.dayKey(entry.day)
            if key != currentDay {
                if currentDay != nil { html += "</tbody>\n</table>\n" }
                currentDay = key
                html += "<h3>\(e(dates.day(entry.day)))</h3>\n" + tableHead()
            }
            html += """
                <tr><td data-label="\(e(labels.timeColumn))">\(entry.time)</td>\
                <td data-label="\(e(labels.itemColumn))">\(entry.link)</td>\
                <td data-label="\(e(labels.whatColumn))">\(entry.what)</td>\
                <td data-label="\(e(labels.sourceColumn))">\(entry.source)</td></tr>

                """
        }
        if currentDay != nil { html += "</tbody>\n</table>\n" }
        if !undated.isEmpty {
            html += "<h3>\(e(labels.noUsableTimeHeading))</h3>\n<p>\(e(labels.noUsableTimeIntro))</p>\n<ul>\n"
            for item in undated {
                var line = "<li><a href=\"#\(anchor(for: item))\">#\(item.id)</a> \(e(kindName(item.kind))) — "
                    + labels.labelled(displayName(item))
                if let best = item.best {
                    line += e(labels.fileDateOnly) + " (" + e(dates.dateTime(best.instant, precision: best.precision))
                        + ", " + e(sourceWords(best.source)) + ")"
                } else {
                    line += e(labels.noDateFound)
                }
                html += line + "</li>\n"
            }
            html += "</ul>\n"
        }
        return Section(id: "timeline", title: labels.timeline, body: html)
    }

    private func tableHead() -> String {
        """
        <table class="stack">
        <thead><tr><th scope="col">\(e(labels.timeColumn))</th><th scope="col">\(e(labels.itemColumn))</th>\
        <th scope="col">\(e(labels.whatColumn))</th><th scope="col">\(e(labels.sourceColumn))</th></tr></thead>
        <tbody>

        """
    }
}
