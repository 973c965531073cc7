import Foundation
import Testing

/// A strict reading of the summary's markup for tests: every tag is one the renderer writes, every attribute
/// value is quoted and holds no quote or angle bracket, so a string from the evidence that escaped its escaping
/// (an injected tag, a quote that ends an attribute) fails the check.
enum SummaryMarkup {
    static let knownTags: Set<String> = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "header", "nav", "section", "article", "h1", "h2",
        "h3", "h4", "p", "dl", "dt", "dd", "ol", "ul", "li", "a", "b", "br", "span", "div", "code", "pre", "table",
        "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "img",
    ]
    private static let tag = try! NSRegularExpression(
        pattern: #"^<(/?)(!?[a-zA-Z0-9]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>$"#)

    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    static func check(_ html: String) throws {
        // The style sheet holds no `<`; its text is skipped as a browser would.
        let start = try #require(html.range(of: "<style>")), end = try #require(html.range(of: "</style>"))
        #expect(!html[start.upperBound..<end.lowerBound].contains("<"))
        let text = String(html[..<start.upperBound]) + String(html[end.lowerBound...])
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: "<") {
            guard let close = text[open...].firstIndex(of: ">") else { throw Problem(description: "an unclosed tag") }
            let whole = String(text[open...close])
            let range = NSRange(whole.startIndex..., in: whole)
            guard let match = tag.firstMatch(in: whole, range: range),
                  let name = Range(match.range(at: 2), in: whole).map({ whole[$0].lowercased() }),
                  knownTags.contains(name)
            else { throw Problem(description: "unexpected markup \(whole.prefix(120))") }
            index = text.index(after: close)
        }
    }

    /// Every value of `attribute` in the document.
    static func attributeValues(_ attribute: String, in html: String) -> [String] {
        html.components(separatedBy: " \(attribute)=\"").dropFirst().compactMap { $0.split(separator: "\"", maxSplits: 1).first.map(String.init) }
    }

    /// The level of every heading, in document order.
    static func headingLevels(in html: String) -> [Int] {
        html.components(separatedBy: "<h").dropFirst().compactMap { $0.first?.wholeNumberValue }
    }
}
