import Foundation

/// Lines of a text file taken one at a time, so that millions of short lines never become millions of strings.
package enum TextLines {
    /// Calls `body` with each line (without its `\n`, or also split at a lone `\r` when `carriageReturnEndsLines`)
    /// until it returns `false`.
    package static func forEach(in bytes: [UInt8], carriageReturnEndsLines: Bool = false, _ body: (ArraySlice<UInt8>) -> Bool) {
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != UInt8(ascii: "\n")
                && !(carriageReturnEndsLines && bytes[end] == UInt8(ascii: "\r")) { end += 1 }
            if !body(bytes[start..<end]) { return }
            start = end + 1
        }
    }

    /// Appends `text` as UTF-8 with `indent` after each line feed: the bytes of
    /// `text.replacingOccurrences(of: "\n", with: "\n" + indent)`, without a new `String` per message.
    ///
    /// Foundation's search does not match a line feed that a combining mark follows (it keeps a mark with the
    /// character before it, even a line feed); every scalar that does so is U+0300 or above. A text where such a
    /// scalar follows a line feed goes through Foundation itself; in any other, every line feed is replaced.
    package static func appendIndentingLines(_ text: String, indent: StaticString, to out: inout [UInt8]) {
        let u = text.utf8
        let mark = out.count
        var runStart = u.startIndex
        while let newline = u[runStart...].firstIndex(of: UInt8(ascii: "\n")) {
            let next = u.index(after: newline)
            // 0xCC is the first lead byte of U+0300 and above; below it, ASCII or U+0080–U+02FF.
            if next < u.endIndex && u[next] >= 0xCC {
                out.removeSubrange(mark...)
                out.append(contentsOf: text.replacingOccurrences(of: "\n", with: "\n\(indent)").utf8)
                return
            }
            out.append(contentsOf: u[runStart..<next])
            indent.withUTF8Buffer { out.append(contentsOf: $0) }
            runStart = next
        }
        out.append(contentsOf: u[runStart...])
    }
}
