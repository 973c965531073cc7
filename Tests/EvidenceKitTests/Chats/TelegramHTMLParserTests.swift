import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace

@Suite("Telegram Desktop HTML")
struct TelegramHTMLParserTests {
    static let page = "Chats/TelegramHTML/ChatExport_2023-11-28/messages.html"

    func parse(_ fixture: String = page, media: Set<String>? = nil) throws -> (Conversation, [UInt8]) {
        let bytes = try TestSupport.fixtureBytes(fixture)
        #expect(ChatExportDetector.detect(bytes: bytes, name: "messages.html") == .telegram)
        let c = try ChatParsers.parse(bytes: bytes, name: "messages.html", platform: .telegram,
                                      options: ChatParseOptions(timeZone: brussels, availableMediaNames: media))
        return (c, bytes)
    }

    @Test func everyFieldOfThePage() throws {
        let (c, bytes) = try parse(media: ["photos/photo_1@28-11-2023_14-05-00.jpg", "messages.html"])
        #expect(c.platform == .telegram)
        #expect(c.title == "Family & friends")
        #expect(c.participants == ["Alice", "Bob"])
        let m = c.messages
        // The day separator (id -1) is layout, not a record.
        #expect(m.count == 8)
        #expect(m.map(\.messageID) == ["1", "2", "3", "4", "5", "6", "7", "8"])
        #expect(m[0].kind == .system && m[0].author == nil && m[0].timestamp == nil)
        #expect(m[0].text == "Alice created group «Family & friends»")
        // Entities decoded once; `br` is a line break; markup inside the text is not text.
        #expect(m[1].author == "Alice")
        #expect(m[1].text == "Hello <everyone>\nsecond line & more\n\nbold https://example.org/x?a=1&b=2")
        #expect(m[1].timestamp?.value == "2023-11-28T14:03:22+01:00")
        #expect(m[1].timestamp?.zone == .embedded)
        #expect(m[1].timestamp?.field == "title")
        #expect(m[1].timestamp?.precision == .second)
        // A joined message continues the previous sender's.
        #expect(m[2].author == "Alice" && m[2].text == "again, joined")
        #expect(m[3].author == "Bob" && m[3].text == "the photo" && m[3].replyTo == "2")
        #expect(m[3].attachments == [ChatAttachment(name: "photos/photo_1@28-11-2023_14-05-00.jpg", found: true)])
        #expect(m[4].kind == .mediaOmitted && m[4].attachments.isEmpty && m[4].text.isEmpty)
        #expect(m[5].author == "Bob")
        #expect(m[5].attachments == [ChatAttachment(name: "voice_messages/audio_1@28-11-2023_14-09-00.ogg",
                                                    found: false)])
        // Forwarded: the forwarder is the author, the text is what was forwarded.
        #expect(m[6].author == "Alice" && m[6].text == "pay or I post it")
        #expect(m[7].timestamp?.value == "2023-11-28T23:59:59-05:00")
        #expect(m[7].timestamp?.instant == Instant(unixSeconds: 1_701_233_999))
        #expect(c.warnings.map(\.code) == [.missingMedia])
        // Each record's range covers its element in the original.
        for message in m {
            let slice = String(decoding: bytes[message.source.byteStart..<message.source.byteEnd], as: UTF8.self)
            #expect(slice.hasPrefix("<div class=\"message "))
            #expect(slice.hasSuffix("</div>"))
            #expect(slice.contains("id=\"message\(message.messageID ?? "?")\""))
        }
    }

    @Test func anOlderPageWithoutOffsetIsWallClockWithAWarning() throws {
        let (c, _) = try parse("Chats/TelegramHTML/messages-2019.html")
        #expect(c.messages.count == 1)
        #expect(c.messages[0].timestamp?.value == "2019-03-03T10:15:00+01:00")
        #expect(c.messages[0].timestamp?.zone == .assumed)
        #expect(c.warnings.map(\.code) == [.telegramWallClock])
    }

    @Test func theJSONExportStillGoesToTheJSONParser() throws {
        let bytes = try TestSupport.fixtureBytes("Chats/Telegram/result-single.json")
        let c = try ChatParsers.parse(bytes: bytes, name: "result.json", platform: .telegram,
                                      options: ChatParseOptions(timeZone: brussels))
        #expect(c.messages.first?.timestamp?.field == "date_unixtime")
    }

    @Test(arguments: [("27.11.2023 14:03:22 UTC+01:00", "2023-11-27T14:03:22+01:00"),
                      ("01.01.2024 00:00:00 UTC-09:30", "2024-01-01T00:00:00-09:30"),
                      ("31.02.2024 00:00:00 UTC+01:00", nil), ("27.11.2023 14:03:22 UTC+1:00", nil),
                      ("27.11.2023 14:03", nil), ("27.11.2023 14:03:22 UTC+15:00", nil)] as [(String, String?)])
    func titleTimes(title: String, expected: String?) {
        let parsed = TelegramHTMLParser.time(title)
        let value = parsed.map { local, offset in
            EvidenceTimestamp.embedded(local, offsetSeconds: offset ?? 0, source: .chat, field: "title",
                                       role: .message).value
        }
        #expect(value == expected)
    }

    @Test func everyPrefixIsReadOrRefusedWithItsTypedError() throws {
        let bytes = try TestSupport.fixtureBytes(Self.page)
        var read = 0
        for end in stride(from: 0, through: bytes.count, by: 1) {
            do {
                let c = try ChatParsers.parse(bytes: Array(bytes[..<end]), name: "messages.html", platform: .telegram,
                                              options: ChatParseOptions(timeZone: brussels))
                // A cut page never invents a record: only what is complete enough to start is there.
                #expect(c.messages.count <= 8)
                read += 1
            } catch let error as ChatParseError {
                // Before its `page_header` a cut page is not recognised, and the JSON parser refuses it.
                #expect([.unexpectedStructure, .malformedJSON].contains(error.code), "prefix \(end)")
            }
        }
        #expect(read > bytes.count / 2)
        FuzzRun.report(["chat telegram-html"], inputs: bytes.count + 1)
    }
}

@Suite("HTML tokenizer and tree")
struct HTMLDocumentTests {
    func texts(_ html: String) -> [String] {
        var t = HTMLTokenizer(bytes: Array(html.utf8))
        var out: [String] = []
        while let token = t.next() {
            switch token {
            case let .startTag(name, attributes, selfClosing, _):
                out.append("<\(name)" + attributes.map { " \($0.name)=\($0.value)" }.joined() + (selfClosing ? "/>" : ">"))
            case let .endTag(name, _): out.append("</\(name)>")
            case let .text(text, _): out.append(text)
            }
        }
        return out
    }

    @Test func tokensFollowTheStandardsStates() {
        #expect(texts("<DIV Class=a id='b' data-x=c&amp;d hidden>x</Div>")
                == ["<div class=a id=b data-x=c&d hidden=>", "x", "</div>"])
        #expect(texts("a<!-- <b> -->b<!DOCTYPE html><br/>c") == ["a", "b", "<br/>", "c"])
        #expect(texts("<script>if (a<b) {}</script>t") == ["<script>", "</script>", "t"])
        #expect(texts("1 < 2 <3 </ x>") == ["1 ", "<", " 2 ", "<", "3 "])
        #expect(texts("&amp;lt; &#233;&#x1F600; &bogus; &#0; &#xD800;")
                == ["&lt; é😀 &bogus; \u{FFFD} \u{FFFD}"])
        #expect(texts("<a href=\"x") == ["<a href=x>"])
    }

    @Test func treeClosesWhatAnEndTagCloses() {
        let d = HTMLDocument(bytes: Array("<div class='x'><p>a<span>b</div>c</span><br>d".utf8))
        let div = d.firstElement(under: 0) { $0.name == "div" }
        #expect(div.map { d.text(of: $0) } == "ab")
        #expect(d.text(of: 0) == "abc\nd")
        #expect(d.elements(under: 0) { $0.hasClass("x") }.count == 1)
    }

    @Test func deepNestingIsBounded() {
        let deep = String(repeating: "<div>", count: 100_000) + "x"
        let d = HTMLDocument(bytes: Array(deep.utf8))
        #expect(d.text(of: 0) == "x")
    }
}
