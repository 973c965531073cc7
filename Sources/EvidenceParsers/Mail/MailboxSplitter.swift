import EvidenceModel
import Foundation

/// Splits a Unix mbox file into its messages.
package enum MailboxSplitter {
    /// The byte range of each message: from the line after its `From ` separator up to the next separator.
    ///
    /// A separator is a line beginning with `From ` at the start of the file or after an empty line (mboxo/mboxrd;
    /// a body line starting with "From " is written as ">From " by mail software, and a separator always follows
    /// the empty line that ends the previous message).
    public static func split(mbox bytes: [UInt8]) -> [Range<Int>] {
        let marker = Array("From ".utf8)
        var ranges: [Range<Int>] = []
        var current: Int?
        var p = 0
        var previousEmpty = true
        while p < bytes.count {
            let e = bytes.firstIndex(of: 0x0A, from: p) ?? bytes.count
            let content = e > p && bytes[e &- 1] == 0x0D ? e &- 1 : e
            if previousEmpty && bytes.starts(with: marker, at: p, end: content) {
                if let s = current { ranges.append(s..<p) }
                current = min(e &+ 1, bytes.count)
            }
            previousEmpty = content == p
            p = e &+ 1
        }
        if let s = current, s <= bytes.count { ranges.append(s..<bytes.count) }
        return ranges
    }
}
