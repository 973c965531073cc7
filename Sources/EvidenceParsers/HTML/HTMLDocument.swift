import EvidenceModel

/// An HTML document as a tree of elements and texts, built from bytes by ``HTMLTokenizer``: what the chat parsers
/// for HTML exports read (Telegram Desktop's `messages.html`), so that none of them looks at markup as text.
///
/// The tree builder keeps the rules that matter for exported pages: void elements (`br`, `img` …) have no
/// children; an end tag closes the nearest open element of its name and everything opened inside it; an end tag
/// with no open element of its name is ignored; what is still open at the end closes there. Nodes live in one
/// array (no reference cycles, no recursion), and hard limits bound a hostile file: at most
/// ``maximumDepth`` levels (deeper elements are attached at the deepest level) and ``maximumNodes`` nodes.
struct HTMLDocument {
    /// One element or text.
    struct Node {
        /// The element's lower-case name; empty for a text.
        var name: String
        var attributes: [(name: String, value: String)]
        /// The text of a text node, references resolved.
        var text: String
        var parent: Int?
        var children: [Int] = []
        /// Bytes of the original the node covers: start tag to end tag (or to where it was closed).
        var range: Range<Int>

        var isText: Bool { name.isEmpty }

        /// The value of an attribute, or `nil`.
        func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }

        /// Whether `name` is one of the white-space separated words of the `class` attribute (checked on its
        /// bytes: this runs for every element of a page).
        func hasClass(_ name: String) -> Bool {
            guard let value = attribute("class") else { return false }
            let word = name.utf8
            var current = value.utf8.startIndex
            let all = value.utf8
            while current < all.endIndex {
                while current < all.endIndex, HTMLTokenizer.isSpace(all[current]) { current = all.index(after: current) }
                var end = current
                while end < all.endIndex, !HTMLTokenizer.isSpace(all[end]) { end = all.index(after: end) }
                if all[current..<end].elementsEqual(word) { return true }
                current = end
            }
            return false
        }
    }

    /// Deepest nesting kept; exported pages need about a dozen.
    static let maximumDepth = 256
    /// Most nodes held at once (a page of Telegram's export holds 1,000 messages of a few dozen nodes; records
    /// handed out as they close do not count).
    static let maximumNodes = 5_000_000

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                                            "meta", "param", "source", "track", "wbr"]

    /// Node 0 is the document itself.
    private(set) var nodes: [Node]
    /// Nodes past ``maximumNodes`` that were dropped (a warning for the caller to give).
    private(set) var droppedNodes = 0

    /// Builds the tree of `bytes`. Never fails: every input is some tree.
    init(bytes: [UInt8]) {
        self.init(bytes: bytes, streaming: false, records: { _ in false }, onRecord: { _, _ in })
    }

    /// Builds the tree of `bytes`, handing each *record* — an element for which `isRecord` holds when it opens,
    /// outside any other record — to `onRecord` as soon as it closes, as a document of its own (the record is its
    /// node 1), and then dropping it from this tree; texts outside records are not kept. A page of a million
    /// messages is then read with the memory of one message, not of the whole tree.
    ///
    /// - Throws: anything `onRecord` throws.
    init(bytes: [UInt8], records isRecord: (Node) -> Bool,
         onRecord: (HTMLDocument, Int) throws -> Void) rethrows {
        try self.init(bytes: bytes, streaming: true, records: isRecord, onRecord: onRecord)
    }

    private init(bytes: [UInt8], streaming: Bool, records isRecord: (Node) -> Bool,
                 onRecord: (HTMLDocument, Int) throws -> Void) rethrows {
        nodes = [Node(name: "#document", attributes: [], text: "", parent: nil, range: 0..<bytes.count)]
        var open: [Int] = [0]
        /// The node index of the record being built, if any.
        var record: Int?
        var tokenizer = HTMLTokenizer(bytes: bytes)
        func add(_ node: Node) -> Int? {
            guard nodes.count < Self.maximumNodes else {
                droppedNodes &+= 1
                return nil
            }
            var node = node
            node.parent = open[open.count &- 1]
            nodes.append(node)
            let index = nodes.count &- 1
            nodes[open[open.count &- 1]].children.append(index)
            return index
        }
        /// Closes the open elements from `at` on; returns the record when it was among them.
        func close(from at: Int, end: Int) -> HTMLDocument? {
            for closed in open[at...] { nodes[closed].range = nodes[closed].range.lowerBound..<end }
            let closing = open[at...]
            open.removeSubrange(at...)
            guard let start = record, closing.contains(start) else { return nil }
            record = nil
            return detach(from: start)
        }
        while let token = tokenizer.next() {
            switch token {
            case let .text(text, range):
                // While records are streamed, text outside them is not kept: it is the layout between records
                // (a million line breaks on a big page), and keeping it would hold the whole page after all.
                if streaming && record == nil { continue }
                _ = add(Node(name: "", attributes: [], text: text, range: range))
            case let .startTag(name, attributes, selfClosing, range):
                let node = Node(name: name, attributes: attributes, text: "", range: range)
                let opensRecord = record == nil && isRecord(node)
                guard let index = add(node) else { continue }
                if !selfClosing, !Self.voidElements.contains(name), open.count < Self.maximumDepth {
                    open.append(index)
                    if opensRecord { record = index }
                } else if opensRecord {
                    try onRecord(detach(from: index), 1)
                }
            case let .endTag(name, range):
                guard let at = open.lastIndex(where: { nodes[$0].name == name }), at > 0 else { continue }
                if let part = close(from: at, end: range.upperBound) { try onRecord(part, 1) }
            }
        }
        if open.count > 1, let part = close(from: 1, end: bytes.count) { try onRecord(part, 1) }
    }

    /// Moves the subtree at `start` (always the last nodes appended) into a document of its own.
    private mutating func detach(from start: Int) -> HTMLDocument {
        var part = HTMLDocument(nodes: [nodes[0]])
        part.nodes[0].children = [1]
        part.nodes[0].range = nodes[start].range
        for var node in nodes[start...] {
            node.parent = node.parent.map { $0 >= start ? $0 &- start &+ 1 : 0 }
            node.children = node.children.map { $0 &- start &+ 1 }
            part.nodes.append(node)
        }
        // The record is its parent's last child: removing it from the end keeps this constant-time however many
        // records the parent had.
        if let parent = nodes[start].parent, nodes[parent].children.last == start {
            nodes[parent].children.removeLast()
        }
        nodes.removeSubrange(start...)
        return part
    }

    private init(nodes: [Node]) { self.nodes = nodes }

    subscript(index: Int) -> Node { nodes[index] }

    /// Every element below `root` (in document order) for which `matches` holds, without descending into matches.
    func elements(under root: Int = 0, where matches: (Node) -> Bool) -> [Int] {
        var found: [Int] = []
        var stack: [Int] = nodes[root].children.reversed()
        while let index = stack.popLast() {
            let node = nodes[index]
            if !node.isText && matches(node) {
                found.append(index)
            } else {
                stack.append(contentsOf: node.children.reversed())
            }
        }
        return found
    }

    /// The first element below `root` in document order for which `matches` holds.
    func firstElement(under root: Int, where matches: (Node) -> Bool) -> Int? {
        var stack: [Int] = nodes[root].children.reversed()
        while let index = stack.popLast() {
            let node = nodes[index]
            if !node.isText && matches(node) { return index }
            stack.append(contentsOf: node.children.reversed())
        }
        return nil
    }

    /// The text of `root` as a browser lays it out for copying: texts joined, each `br` a line break.
    func text(of root: Int) -> String {
        var out = ""
        var stack: [Int] = nodes[root].children.reversed()
        while let index = stack.popLast() {
            let node = nodes[index]
            if node.isText {
                out += node.text
            } else if node.name == "br" {
                out += "\n"
            } else {
                stack.append(contentsOf: node.children.reversed())
            }
        }
        return out
    }
}
