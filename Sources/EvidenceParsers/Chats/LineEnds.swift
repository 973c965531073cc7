import EvidenceModel

extension [UInt8] {
    /// The text of `self[start..<end]` with each CR that ends a line left out: a file written with CRLF has them
    /// inside multi-line messages too, and they belong to the file, not to what was written.
    func textJoiningLinesWithLF(from start: Int, to end: Int) -> String {
        guard firstIndex(of: 0x0D, from: start, to: end) != nil else { return text(from: start, to: end) }
        var kept: [UInt8] = []
        kept.reserveCapacity(end &- start)
        var p = start
        while p < end {
            if !(self[p] == 0x0D && p &+ 1 < end && self[p &+ 1] == 0x0A) { kept.append(self[p]) }
            p &+= 1
        }
        return kept.text(from: 0, to: kept.count)
    }
}
