import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceFormat

/// The summary beside the zip is the signed one with a notice at the top: images only inside the unzipped bundle,
/// and the attested times nobody signed.
@Suite struct SummaryBesideBundleTests {
    @Test(arguments: [("fr", "Les images ne s’affichent que dans"), ("nl", "Afbeeldingen zijn alleen te zien"),
                      ("de", "Bilder erscheinen nur"), ("en", "Images show only in the copy inside the unzipped bundle")])
    func theNoticeComesRightAfterTheBodyInTheSummarysLanguage(language: String, words: String) throws {
        let signed = Array("<!DOCTYPE html>\n<html><head><title>t</title></head>\n<BODY class=\"x\">\n<h1>Case</h1>\n</body></html>\n".utf8)
        let beside = String(decoding: SummaryBesideBundle(language: language).applied(to: signed), as: UTF8.self)
        let body = try #require(beside.range(of: "<BODY class=\"x\">"))
        let notice = try #require(beside.range(of: words))
        let heading = try #require(beside.range(of: "<h1>Case</h1>"))
        #expect(body.upperBound < notice.lowerBound && notice.upperBound < heading.lowerBound)
        #expect(!beside.contains("<ul>"), "no attested times, no list")
        // Everything else is the signed summary, byte for byte.
        let removed = beside.replacingOccurrences(of: "\n" + SummaryBesideBundle(language: language).noticeHTML, with: "")
        #expect(Array(removed.utf8) == signed)
    }

    @Test func attestedTimesAreListedAndTheirAuthorityEscaped() {
        let attested = [AttestedTime(time: Instant(unixSeconds: 1_796_126_403), authority: "CN=<script>alert(1)</script> & Co"),
                        AttestedTime(time: Instant(unixSeconds: 1_796_126_404), authority: "Second TSA")]
        let notice = SummaryBesideBundle(language: "fr", attestedTimes: attested).noticeHTML
        #expect(notice.contains("Horodatages de confiance obtenus au scellement"))
        #expect(notice.contains("<li>2026-12-01T12:00:03Z — CN=&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</li>"))
        #expect(notice.contains("<li>2026-12-01T12:00:04Z — Second TSA</li>"))
        #expect(!notice.contains("<script>"))
    }

    @Test func aPageWithoutBodyGetsTheNoticeFirst() {
        let beside = SummaryBesideBundle(language: "en").applied(to: Array("<p>bare</p>".utf8))
        #expect(String(decoding: beside, as: UTF8.self).hasPrefix("<div class=\"beside-bundle\""))
    }
}
