@testable import EvidenceFormat
@testable import EvidenceModel
import Foundation
import Testing

/// Large conversations: every message of a 50,000-message case is shown, and what no summary could hold is
/// counted and pointed to, never a summary too large to verify. No timing here: the figures are in the report.
@Suite struct SummaryScaleTests {
    /// The fixture case whose conversation holds `count` messages of `text`, one every `spacing` seconds.
    static func caseWithMessages(_ count: Int, text: String, spacing: Int64) -> SummaryFixtureCase {
        var fixture = SummaryFixtureCase()
        let start = Instant(unixSeconds: 1_772_570_400)
        let messages = (0..<count).map { index in
            ChatMessage(index: index,
                        timestamp: .utc(start.adding(seconds: Int64(index) * spacing), source: .chat, field: "date",
                                        role: .message),
                        author: index % 2 == 0 ? "Karim" : "Léa", text: "\(text) \(index)", kind: .message,
                        source: SourceRange(byteStart: index * 40, byteEnd: index * 40 + 39, lineStart: index + 1,
                                            lineEnd: index + 1))
        }
        let lines = ConversationJSONLines.encode(messages)
        let path = fixture.manifest.items[0].derived![0].path
        fixture.files[path] = lines
        fixture.manifest.items[0].derived![0].size = Int64(lines.count)
        fixture.manifest.items[0].conversation!.messageCount = count
        return fixture
    }

    @Test func fiftyThousandMessagesAreAllShownOnePerLine() throws {
        let fixture = Self.caseWithMessages(50_000, text: "Je te retrouverai", spacing: 90)
        let html = fixture.render(.french)
        #expect(html.components(separatedBy: "<li id=\"m-1-").count - 1 == 50_000)
        #expect(html.contains("<li id=\"m-1-49999\">"))
        #expect(!html.contains("Seuls les"))
        #expect(Int64(html.utf8.count) < BundleLimits.maximumTagFileBytes / 2)
        // 50,000 messages 90 s apart from 21:40 on 3 March touch 54 days: one timeline entry per day, not per message.
        #expect(html.components(separatedBy: "<a href=\"#c-1-").count - 1 == 54)
    }

    @Test func messagesBeyondTheBudgetAreCountedNotShown() throws {
        let fixture = Self.caseWithMessages(3_000, text: String(repeating: "menace ", count: 1_200), spacing: 60)
        let html = fixture.render(.english)
        #expect(Int64(html.utf8.count) < BundleLimits.maximumTagFileBytes)
        let shown = html.components(separatedBy: "<li id=\"m-1-").count - 1
        #expect(shown > 2_000 && shown < 3_000)
        #expect(html.contains("Only the first \(SummaryNumberFormatter(language: .english).format(shown)) of 3,000 messages are shown here"))
        // The timeline still covers every day, linking to the thread where a day was not written.
        #expect(html.contains("<a href=\"#c-1-20260303\">"))
        #expect(html.contains("<a href=\"#c-1-20260305\">") || html.contains("<a href=\"#thread-1\">"))
    }
}
