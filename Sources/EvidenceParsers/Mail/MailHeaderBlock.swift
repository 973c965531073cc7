import EvidenceModel
import Foundation

/// Splits a header block (RFC 5322 §2.2) from a body.
enum MailHeaderBlock {
    static let maximumFields = 10_000
    static let maximumHeaderBytes = 4 << 20

    /// The fields of the block starting at `start`, and the offset where the body starts.
    static func parse(_ b: [UInt8], from start: Int, to end: Int,
                      firstLine: Int = 1) -> (fields: [MailHeaderField], bodyStart: Int, malformedLines: Int) {
        var fields: [MailHeaderField] = []
        var p = start
        var line = firstLine
        var malformed = 0
        var current: (name: String, value: [UInt8], line: Int)?
        func finish() {
            if let c = current, fields.count < maximumFields {
                fields.append(MailHeaderField(name: c.name, rawValue: TextDecoding.utf8OrLatin1(c.value), line: c.line))
            }
            current = nil
        }
        while p < end {
            var e = p
            while e < end, b[e] != 0x0A { e &+= 1 }
            var contentEnd = e
            if contentEnd > p, b[contentEnd &- 1] == 0x0D { contentEnd &-= 1 }
            let next = min(e &+ 1, end)
            if contentEnd == p {
                // The empty line: the body follows.
                finish()
                return (fields, next, malformed)
            }
            if p &- start > maximumHeaderBytes { break }
            if b[p] == 0x20 || b[p] == 0x09 {
                if current != nil {
                    current!.value.append(contentsOf: b[p..<contentEnd])
                } else {
                    malformed += 1
                }
            } else {
                finish()
                var colon = p
                while colon < contentEnd, b[colon] != 0x3A { colon &+= 1 }
                if colon < contentEnd, colon > p {
                    var nameEnd = colon
                    while nameEnd > p, b[nameEnd &- 1] == 0x20 || b[nameEnd &- 1] == 0x09 { nameEnd &-= 1 }
                    var valueStart = colon &+ 1
                    while valueStart < contentEnd, b[valueStart] == 0x20 || b[valueStart] == 0x09 { valueStart &+= 1 }
                    current = (b.text(from: p, to: nameEnd),
                               Array(b[valueStart..<contentEnd]), line)
                } else if fields.isEmpty && b.starts(with: Array("From ".utf8), at: p, end: contentEnd) {
                    // An mbox "From " line left at the top: not a field, not an error.
                } else {
                    malformed += 1
                }
            }
            p = next
            line &+= 1
        }
        finish()
        return (fields, end, malformed)
    }
}
