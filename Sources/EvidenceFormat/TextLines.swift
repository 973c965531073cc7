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
}
