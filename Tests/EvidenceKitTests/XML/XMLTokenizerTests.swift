import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers

/// The one XML tokenizer behind the XMP and SMS Backup & Restore readers.
@Suite("XML tokenizer")
struct XMLTokenizerTests {
    /// Every token of `xml` in a short readable form, attributes as written.
    static func tokens(_ xml: String) -> [String] {
        let bytes = Array(xml.utf8)
        var tokenizer = XMLTokenizer(bytes)
        var out: [String] = []
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        while let token = tokenizer.next() {
            switch token {
            case .text(let range): out.append("text \(text(range).debugDescription)")
            case .cdata(let range): out.append("cdata \(text(range).debugDescription)")
            case .malformed(let problem): out.append("malformed \(problem.kind) at \(problem.offset)")
            case .tag(let tag):
                let attributes = tokenizer.attributes.map { "\($0.name)=\(text($0.value))" }.joined(separator: " ")
                let shape = tag.closing ? "end" : tag.selfClosing ? "empty" : "start"
                out.append("\(shape) \(tag.name) \(tag.start)..<\(tag.end)" + (attributes.isEmpty ? "" : " " + attributes))
            }
        }
        return out
    }

    @Test func tagsTextAndAttributesWithTheirRanges() {
        let xml = #"<?xml version="1.0"?><!-- c --><a x="1" y='a>b &amp;'>hi<b/></a >"#
        #expect(Self.tokens(xml) == [
            "start a 31..<54 x=1 y=a>b &amp;",
            "text \"hi\"",
            "empty b 56..<60",
            "end a 60..<65",
        ])
    }

    @Test func cdataIsLiteralAndDeclarationsAreSkippedUnexpanded() {
        let xml = #"<!DOCTYPE x [<!ENTITY a "v">]><d><![CDATA[<not> &a;]]></d>"#
        #expect(Self.tokens(xml) == [
            "text \"]>\"",
            "start d 30..<33",
            "cdata \"<not> &a;\"",
            "end d 54..<58",
        ])
    }

    /// Damage is a value; the tokenizer resumes after the tag, so a tolerant reader reads on.
    @Test func malformedInputIsATokenAndTheRestIsRead() {
        #expect(Self.tokens("<a x=1><b>t</b>") == ["malformed missingQuote(attribute: \"x\") at 5", "start b 7..<10",
                                                    "text \"t\"", "end b 11..<15"])
        #expect(Self.tokens("a < b<c/>") == ["text \"a \"", "malformed notATag at 2", "text \" b\"",
                                         "empty c 5..<9"])
        #expect(Self.tokens("<a x") == ["malformed truncatedAttribute(tag: \"a\") at 4"])
        #expect(Self.tokens("<a x=\"1") == ["malformed unclosedValue(attribute: \"x\") at 5"])
        #expect(Self.tokens("<a") == ["malformed truncatedTag(name: \"a\") at 0"])
        #expect(Self.tokens("<!-- x") == ["malformed unclosedComment at 0"])
        #expect(Self.tokens("<![CDATA[ x") == ["malformed unclosedCDATA at 0"])
        #expect(Self.tokens("<?pi") == ["malformed unclosedDeclaration at 0"])
    }

    /// Every prefix and every single-byte change of a small document ends, with no trap, in a finite token list.
    @Test func everyPrefixAndMutationTerminates() {
        let bytes = Array(#"<r a="1" b='2'><!--c--><x>t&amp;</x><![CDATA[d]]><?p?><y/></r>"#.utf8)
        for end in 0...bytes.count {
            var tokenizer = XMLTokenizer(Array(bytes[..<end]))
            var count = 0
            while tokenizer.next() != nil { count += 1 }
            #expect(count <= end)
        }
        for index in bytes.indices {
            for replacement: UInt8 in [0x3C, 0x3E, 0x22, 0x27, 0x2F, 0x3D, 0x20, 0x00, 0xFF] {
                var mutated = bytes
                mutated[index] = replacement
                var tokenizer = XMLTokenizer(mutated)
                var count = 0
                while tokenizer.next() != nil { count += 1 }
                #expect(count <= mutated.count)
            }
        }
    }
}
