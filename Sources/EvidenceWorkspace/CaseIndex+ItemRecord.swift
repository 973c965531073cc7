import EvidenceFormat
import EvidenceModel

/// The JSON an item's row in the index holds, written by hand.
///
/// The bytes are exactly what `JSONEncoder.evidenceKit(prettyPrinted: false)` gives for the same item (keys sorted,
/// slashes as written, absent optionals left out), as `ItemRecordEncodingTests` checks on many varied items, so a
/// record reads and compares the same whichever of the two wrote it. It exists for speed: `JSONEncoder` was about a
/// third of what `add` spent on a small file besides the copy. Members are written in the order `JSONEncoder` sorts
/// keys on Linux (by their UTF-8 bytes, ``CanonicalJSON``'s rule); a dictionary's keys are sorted so at run time.
enum ItemRecord {
    /// The record of `item`, as UTF-8.
    static func encode(_ item: EvidenceItem) -> [UInt8] {
        var json = JSONWriter()
        json.open("{")
        json.member("account", item.account)
        json.key("acquiredAt"); json.instant(item.acquiredAt)
        if let best = item.best { json.key("best"); json.timestamp(best) }
        if let conversation = item.conversation { json.key("conversation"); json.summary(conversation) }
        if let derived = item.derived {
            json.key("derived")
            json.array(derived) { json, file in
                json.open("{")
                json.member("mediaType", file.mediaType)
                json.member("role", file.role)
                json.member("sha256", file.sha256)
                json.member("size", file.size)
                json.member("suffix", file.suffix)
                json.close("}")
            }
        }
        json.member("description", item.description)
        if let email = item.email { json.key("email"); json.summary(email) }
        json.member("id", item.id)
        json.member("kind", item.kind.rawValue)
        json.member("kindReason", item.kindReason)
        if let links = item.linkedMessages {
            json.key("linkedMessages")
            json.array(links) { json, link in
                json.open("{")
                json.member("item", link.item)
                json.key("messages"); json.integers(link.messages)
                json.close("}")
            }
        }
        json.member("md5", item.md5)
        json.member("mediaType", item.mediaType)
        if let minor = item.minorAtTime { json.key("minorAtTime"); json.bool(minor) }
        if let modified = item.modifiedAt { json.key("modifiedAt"); json.instant(modified) }
        json.member("note", item.note)
        json.member("originalName", item.originalName)
        json.member("originalPath", item.originalPath)
        if let parent = item.parentID { json.member("parentID", parent) }
        json.member("pdq", item.pdq)
        if let quality = item.pdqQuality { json.member("pdqQuality", Int64(quality)) }
        json.member("platform", item.platform)
        json.key("sensitive"); json.bool(item.sensitive)
        json.member("sha256", item.sha256)
        json.member("size", item.size)
        json.member("sourcePath", item.sourcePath)
        json.member("sourceURL", item.sourceURL)
        json.key("timestamps"); json.array(item.timestamps) { json, timestamp in json.timestamp(timestamp) }
        json.key("warnings")
        json.array(item.warnings) { json, warning in
            json.open("{")
            json.member("code", warning.code.rawValue)
            json.member("message", warning.message)
            json.close("}")
        }
        json.close("}")
        return json.bytes
    }
}

/// Compact JSON appended value by value: a comma goes before every value that follows another in the same array
/// or object, which one flag tracks whatever the nesting.
private struct JSONWriter {
    var bytes: [UInt8] = []
    /// True after a whole value; false after an opening bracket or a key.
    private var afterValue = false

    init() { bytes.reserveCapacity(1_024) }

    private mutating func separate() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
    }

    mutating func open(_ bracket: Unicode.Scalar) {
        separate()
        bytes.append(UInt8(ascii: bracket))
        afterValue = false
    }

    mutating func close(_ bracket: Unicode.Scalar) {
        bytes.append(UInt8(ascii: bracket))
        afterValue = true
    }

    /// A member's key (a name of ours: nothing to escape).
    mutating func key(_ name: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    mutating func string(_ text: String) {
        separate()
        CanonicalJSON.appendString(text, to: &bytes, escaping: .manifest)
        afterValue = true
    }

    mutating func integer<Number: BinaryInteger>(_ number: Number) {
        separate()
        CanonicalJSON.appendInteger(Int64(number), to: &bytes)
        afterValue = true
    }

    mutating func bool(_ flag: Bool) {
        separate()
        bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        afterValue = true
    }

    /// A member whose value is a string; nothing at all when it is `nil` (as `encodeIfPresent`).
    mutating func member(_ name: String, _ text: String?) {
        guard let text else { return }
        key(name)
        string(text)
    }

    mutating func member(_ name: String, _ number: Int64) {
        key(name)
        integer(number)
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout JSONWriter, Element) -> Void) {
        open("[")
        for element in elements { write(&self, element) }
        close("]")
    }

    mutating func integers<Number: BinaryInteger>(_ numbers: [Number]) {
        array(numbers) { json, number in json.integer(number) }
    }

    mutating func strings(_ texts: [String]) {
        array(texts) { json, text in json.string(text) }
    }

    /// A dictionary's members, keys sorted by their UTF-8 bytes as `JSONEncoder` sorts them.
    mutating func dictionary<Value>(_ members: [String: Value], _ write: (inout JSONWriter, Value) -> Void) {
        open("{")
        for key in CanonicalJSON.sortedKeys(members.keys) {
            string(key)
            bytes.append(UInt8(ascii: ":"))
            afterValue = false
            write(&self, members[key]!)
        }
        close("}")
    }

    /// An ``Instant`` as its `Codable` conformance writes it: RFC 3339 in UTC, nanoseconds only when it has some.
    mutating func instant(_ instant: Instant) {
        rfc3339(instant, offsetSeconds: 0, precision: instant.nanoseconds == 0 ? .second : .nanosecond)
    }

    /// A time as RFC 3339 text, written straight into the record (its characters need no escaping).
    private mutating func rfc3339(_ instant: Instant, offsetSeconds: Int, precision: TimePrecision) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        RFC3339.append(instant, offsetSeconds: offsetSeconds, precision: precision, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
        afterValue = true
    }

    /// An ``EvidenceTimestamp`` as its `Codable` conformance writes it (no `role`; `warnings` only when some).
    mutating func timestamp(_ timestamp: EvidenceTimestamp) {
        open("{")
        member("field", timestamp.field)
        member("precision", timestamp.precision.rawValue)
        member("source", timestamp.source.rawValue)
        // `value`, without making its string first.
        key("value")
        rfc3339(timestamp.instant, offsetSeconds: timestamp.offsetSeconds, precision: timestamp.precision)
        if !timestamp.warnings.isEmpty { key("warnings"); strings(timestamp.warnings) }
        member("zone", timestamp.zone.rawValue)
        member("zoneName", timestamp.zoneName)
        close("}")
    }

    mutating func summary(_ conversation: ConversationSummary) {
        open("{")
        key("attachmentItems"); dictionary(conversation.attachmentItems) { json, item in json.integer(item) }
        key("attachmentMessages")
        dictionary(conversation.attachmentMessages) { json, messages in json.integers(messages) }
        member("firstMessageAt", conversation.firstMessageAt)
        member("lastMessageAt", conversation.lastMessageAt)
        member("messageCount", Int64(conversation.messageCount))
        key("missingAttachments"); strings(conversation.missingAttachments)
        key("participants"); strings(conversation.participants)
        member("platform", conversation.platform.rawValue)
        member("title", conversation.title)
        close("}")
    }

    mutating func summary(_ email: EmailSummary) {
        open("{")
        key("attachmentItems"); dictionary(email.attachmentItems) { json, item in json.integer(item) }
        member("cc", email.cc)
        member("from", email.from)
        member("messageID", email.messageID)
        member("subject", email.subject)
        member("to", email.to)
        close("}")
    }
}
