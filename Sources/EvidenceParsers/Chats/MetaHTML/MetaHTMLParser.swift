import EvidenceModel
import Foundation

/// Instagram and Facebook Messenger "Download your information" in **HTML** (the default format):
/// `your_instagram_activity/messages/inbox/<thread>/message_1.html` (Instagram), `…/messages/inbox/<thread>/message_1.html`
/// (Facebook), read as a tree by ``HTMLDocument`` — never by searching the markup as text.
///
/// Each message is one block (`div` of class `_a6-g`; `_2lej` in exports before 2022) holding the sender (class
/// `_a6-h`, older `_2lek`), the content (`_a6-p`, older `_2let`) and the printed time (`_a6-o`, older `_2lem`).
/// The content is `<div><div></div><div>TEXT</div><div></div>…</div>`: the text is the second inner `div`
/// (the others hold reactions and shared posts' captions, which are not what was written); photos, videos and
/// audio are `img`/`video`/`audio` elements and links naming files of the export. The page's `<base href="../../../../">`
/// makes those paths relative to the export's root (`your_instagram_activity/messages/inbox/<thread>/photos/1.jpg`);
/// each is named relative to the thread's folder, the page's own (`photos/1.jpg`), which is where the files are
/// found beside it whatever the export's top folders are called. The time is
/// printed in the account's language and the exporting person's wall clock, to the minute, without a zone: it is
/// read by ``MetaPrintedDate`` and placed in the case's zone (`assumed`), with one warning saying so. Messages
/// stay in the page's order (newest first), as in the JSON form.
package enum MetaHTMLParser: ChatExportParser {
    /// The platforms this parser produces.
    public static let platforms: [ChatPlatform] = [.instagram, .messenger]

    /// The platform when the bytes are a page of this export, decided from the first 64 KiB.
    public static func recognise(bytes: [UInt8], name: String) -> ChatPlatform? {
        let head = Array(bytes.prefix(1 << 16))
        guard prefixContains(head, all: ["<html"]) || prefixContains(head, all: ["<!DOCTYPE html"]),
              prefixContains(head, all: ["_a6-g", "_a6-o"]) || prefixContains(head, all: ["_2lej", "_2lem"])
        else { return nil }
        let lower = name.lowercased()
        if lower.contains("instagram") { return .instagram }
        if lower.contains("facebook") || lower.contains("messenger") { return .messenger }
        if prefixContains(head, all: ["instagram"]) || prefixContains(head, all: ["Instagram"]) { return .instagram }
        return .messenger
    }

    /// Streams the page's messages in order; see ``ChatExportParser/parse(bytes:name:platform:options:onMessage:)``.
    public static func parse(bytes: [UInt8], name: String, platform: ChatPlatform, options: ChatParseOptions,
                             onMessage: (ChatMessage) throws -> Void) throws -> ConversationInfo {
        var reader = Reader(bytes: bytes, name: name, options: options)
        var sawMessageBlock = false
        // Each message (and the page title) is handed over as it closes: a page is read with the memory of one
        // message, however many it holds.
        let document = try HTMLDocument(bytes: bytes, records: { node in
            node.name == "title" || (node.name == "div" && (node.hasClass("_a6-g") || node.hasClass("_2lej")))
        }, onRecord: { part, element in
            if part[element].name == "title" {
                if reader.title.isEmpty { reader.title = TelegramHTMLParser.trimmed(part.text(of: element)) }
            } else {
                sawMessageBlock = true
                if let message = reader.message(element, in: part) { try onMessage(message) }
            }
        })
        guard sawMessageBlock || recognise(bytes: bytes, name: name) != nil else {
            throw ChatParseError(code: .unexpectedStructure, reason: "no message block (class \"_a6-g\"): not a page "
                                    + "of an Instagram or Messenger HTML export", fileName: name, line: 1)
        }
        if document.droppedNodes > 0 {
            reader.warnings.append(EvidenceWarning(code: .tooManyItems, message: "\(name): more than "
                + "\(HTMLDocument.maximumNodes) HTML nodes; the rest of the page was not read."))
        }
        if reader.printedTimes > 0 {
            reader.warnings.append(EvidenceWarning(
                code: .metaPrintedTime,
                message: "\(name): the export prints its times as wall clock to the minute, with no zone; "
                    + "\(reader.printedTimes) were read in \(options.timeZone.identifier)."))
        }
        reader.unreadable.finish(warnings: &reader.warnings)
        return ConversationInfo(platform: platform, title: reader.title.isEmpty ? reader.participants.joined(separator: ", ")
                                    : reader.title,
                                participants: reader.participants, warnings: reader.warnings, sourceName: name,
                                messageCount: reader.index)
    }

    /// `reference` relative to its thread's folder: what follows `messages/<box>/<thread>/` (`inbox`,
    /// `message_requests`, `archived_threads` …); a reference without that part is kept as written.
    static func threadRelative(_ reference: String) -> String {
        let parts = reference.split(separator: "/", omittingEmptySubsequences: false)
        guard let at = parts.lastIndex(of: "messages"), parts.count > at + 3,
              !parts[at + 1].isEmpty, !parts[at + 2].isEmpty else { return reference }
        let rest = parts[(at + 3)...].joined(separator: "/")
        return rest.isEmpty ? reference : rest
    }

    struct Reader {
        let bytes: [UInt8]
        let name: String
        var title = ""
        var index = 0
        var printedTimes = 0
        var participants: [String] = []
        var warnings: [EvidenceWarning] = []
        var lines = LineCounter()
        var resolver: WallClockResolver
        var missingMedia: MissingMediaCheck
        var unreadable: UnreadableMessageCheck

        init(bytes: [UInt8], name: String, options: ChatParseOptions) {
            self.bytes = bytes
            self.name = name
            resolver = WallClockResolver(zone: options.timeZone, field: "printed time")
            missingMedia = MissingMediaCheck(available: options.availableMediaNames, place: "the export")
            unreadable = UnreadableMessageCheck(fileName: name)
        }

        mutating func message(_ element: Int, in document: HTMLDocument) -> ChatMessage? {
            func trimmedText(_ node: Int) -> String { TelegramHTMLParser.trimmed(document.text(of: node)) }
            func elementChildren(_ of: Int) -> [Int] { document[of].children.filter { !document[$0].isText } }
            let source = lines.range(document[element].range, in: bytes)
            let sender = document.firstElement(under: element) { $0.hasClass("_a6-h") || $0.hasClass("_2lek") }
            let content = document.firstElement(under: element) { $0.hasClass("_a6-p") || $0.hasClass("_2let") }
            let printed = document.firstElement(under: element) { $0.hasClass("_a6-o") || $0.hasClass("_2lem") }
            let author = sender.map(trimmedText).flatMap { $0.isEmpty ? nil : $0 }
            var timestamp: EvidenceTimestamp?
            if let printed, let (local, precision) = MetaPrintedDate.parse(trimmedText(printed)) {
                timestamp = resolver.timestamp(local, precision: precision)
                printedTimes &+= 1
            }
            var text: String?
            var attachments: [ChatAttachment] = []
            if let content {
                // `<div><div></div><div>TEXT</div>…</div>`: the second inner block is what was written.
                let inner = elementChildren(content)
                if inner.count == 1, case let parts = elementChildren(inner[0]), parts.count >= 2 {
                    text = trimmedText(parts[1])
                } else {
                    text = trimmedText(content)
                }
                var seen: Set<String> = []
                for media in document.elements(under: content, where: { ["img", "video", "audio", "a"].contains($0.name) }) {
                    let node = document[media]
                    guard let reference = node.attribute(node.name == "a" ? "href" : "src"), !reference.isEmpty,
                          !reference.contains("://"), !reference.hasPrefix("#"), !reference.hasPrefix("data:"),
                          !reference.hasPrefix("mailto:"), case let path = MetaHTMLParser.threadRelative(reference),
                          seen.insert(path).inserted else { continue }
                    let found = missingMedia.found(path, line: source.lineStart, warnings: &warnings)
                    attachments.append(ChatAttachment(name: path, found: found))
                }
                for nested in document.elements(under: content, where: { $0.name == "a" || $0.name == "video" }) {
                    // A link or video wraps the photo or poster it shows: the same file is named once.
                    for inner in document.elements(under: nested, where: { $0.name == "img" || $0.name == "source" }) {
                        if let reference = document[inner].attribute("src"), !reference.contains("://"),
                           case let src = MetaHTMLParser.threadRelative(reference), seen.insert(src).inserted {
                            attachments.append(ChatAttachment(
                                name: src, found: missingMedia.found(src, line: source.lineStart, warnings: &warnings)))
                        }
                    }
                }
            }
            if let author, !participants.contains(author), participants.count < 100_000 { participants.append(author) }
            var missing: [String] = []
            if author == nil { missing.append("sender") }
            if timestamp == nil { missing.append("time") }
            if (text ?? "").isEmpty && attachments.isEmpty { missing.append("text or attachment") }
            unreadable.check(index: index, line: source.lineStart, missing: missing, warnings: &warnings)
            defer { index &+= 1 }
            return ChatMessage(index: index, timestamp: timestamp, author: author, text: text ?? "",
                               attachments: attachments, kind: .message, source: source)
        }
    }
}
