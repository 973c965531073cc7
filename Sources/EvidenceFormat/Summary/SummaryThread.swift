import EvidenceModel

/// A conversation (or a mailbox read like one) with its messages read back from its derived lines in the bag.
///
/// The lines are read up to ``SummaryLimits/messageLinesBytes``; a longer file is cut at its last whole line
/// and the thread says how many messages it holds in all. A file that cannot be read leaves a thread with no
/// messages and a ``problem`` the summary shows.
struct SummaryThread {
    let item: EvidenceManifest.Item
    let conversation: ConversationSummary
    /// The derived messages file, when the export could be parsed.
    let messagesFile: EvidenceManifest.Derived?
    let messages: [ChatMessage]
    /// Each message's time in the case's zone, in the order of ``messages``.
    let localTimes: [LocalDateTime?]
    /// Fewer messages were read than the conversation holds (the file is longer than the summary reads).
    let isCut: Bool
    /// Why no message could be read, for the reader.
    let problem: Problem?

    enum Problem {
        case unreadable(path: String)
    }

    init(item: EvidenceManifest.Item, files: SummaryBagFiles, dates: SummaryDateFormatter) {
        self.item = item
        conversation = item.conversation!
        messagesFile = item.derived?.first { $0.role == "messages" }
        var messages: [ChatMessage] = []
        var isCut = false
        var problem: Problem?
        if let file = messagesFile {
            if var bytes = files.prefix(of: file.path, limit: SummaryLimits.messageLinesBytes) {
                if Int64(bytes.count) < file.size {
                    isCut = true
                    bytes.removeSubrange((bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)...)
                }
                do {
                    messages = try ConversationJSONLines.decode(bytes, name: file.path)
                } catch {
                    problem = .unreadable(path: file.path)
                }
            } else {
                problem = .unreadable(path: file.path)
            }
        }
        self.messages = messages
        self.isCut = isCut
        self.problem = problem
        localTimes = messages.map { message in message.timestamp.map { dates.local($0.instant) } }
    }

    /// The messages of each day in the case's zone: how many, and the first and last time, for the timeline.
    struct Day {
        var key: Int
        var count: Int
        var first: Instant
        var last: Instant
        var firstLocal: LocalDateTime
        var lastLocal: LocalDateTime
    }

    /// One entry per day that has messages, in time order.
    func days() -> [Day] {
        var byKey: [Int: Day] = [:]
        for (message, local) in zip(messages, localTimes) {
            guard let instant = message.timestamp?.instant, let local else { continue }
            let key = SummaryDateFormatter.dayKey(local)
            if var day = byKey[key] {
                day.count += 1
                if instant < day.first { (day.first, day.firstLocal) = (instant, local) }
                if instant > day.last { (day.last, day.lastLocal) = (instant, local) }
                byKey[key] = day
            } else {
                byKey[key] = Day(key: key, count: 1, first: instant, last: instant, firstLocal: local, lastLocal: local)
            }
        }
        return byKey.values.sorted { $0.key < $1.key }
    }
}
