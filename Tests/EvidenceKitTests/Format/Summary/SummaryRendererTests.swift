@testable import EvidenceFormat
@testable import EvidenceModel
import Foundation
import Testing

/// The summary people read: its four languages, its escaping, what it never shows, and how it scales.
@Suite struct SummaryRendererTests {
    /// The small case's summary in each language, byte for byte as reviewed (`Fixtures/Summary/summary.<lang>.html`).
    @Test(arguments: SummaryLanguage.allCases)
    func smallCaseMatchesItsGoldenSummary(_ language: SummaryLanguage) throws {
        let html = SummaryFixtureCase().render(language)
        let expected = try? TestSupport.fixtureBytes("Summary/summary.\(language.rawValue).html")
        if Array(html.utf8) != expected {
            let actual = FileManager.default.temporaryDirectory.appendingPathComponent("summary.\(language.rawValue).html")
            try Data(html.utf8).write(to: actual)
            Issue.record("the \(language) summary differs from its golden file; this rendering is in \(actual.path)")
        }
    }

    /// Every plain label of the English table that the other language writes differently, as the summary writes it.
    static func englishOnlyLabels(comparedWith language: SummaryLanguage) -> [String] {
        func texts(_ labels: SummaryLabels) -> [String] {
            Mirror(reflecting: labels).children.compactMap { $0.value as? String }
                + TimestampSource.allCases.map { labels.sources[$0]! } + EvidenceKind.allCases.map { labels.kinds[$0]! }
                + labels.verifySteps
        }
        return zip(texts(.english), texts(language.labels)).filter { $0 != $1 }.map { SummaryHTML.escape($0.0) }
    }

    /// `text` stands in `html` as words of its own: not inside a longer word or a file name (`Screenshot_2026….png`
    /// is evidence, not the English label “Screenshot”).
    static func containsWord(_ text: String, in html: String) -> Bool {
        func isWordCharacter(_ character: Character?) -> Bool {
            guard let character else { return false }
            return character.isLetter || character.isNumber || character == "_" || character == "-"
        }
        var searchStart = html.startIndex
        while let range = html.range(of: text, range: searchStart..<html.endIndex) {
            let before = range.lowerBound == html.startIndex ? nil : html[html.index(before: range.lowerBound)]
            let after = range.upperBound == html.endIndex ? nil : html[range.upperBound]
            if !isWordCharacter(before), !isWordCharacter(after) { return true }
            searchStart = range.upperBound
        }
        return false
    }

    @Test(arguments: [SummaryLanguage.french, .dutch, .german])
    func noEnglishLabelIsLeftInAnotherLanguage(_ language: SummaryLanguage) throws {
        let html = SummaryFixtureCase().render(language)
        let labels = Self.englishOnlyLabels(comparedWith: language)
        #expect(labels.count > 100)
        for label in labels {
            #expect(!Self.containsWord(label, in: html), "the \(language) summary holds the English label “\(label)”")
        }
        #expect(html.contains("<html lang=\"\(language.rawValue)\">"))
    }

    @Test(arguments: SummaryLanguage.allCases)
    func partiesAreOnTheCoverWithTheirRolesAndAccounts(_ language: SummaryLanguage) throws {
        var fixture = SummaryFixtureCase()
        #expect(!fixture.render(language).contains("class=\"parties\""), "no parties, no list")
        fixture.manifest.parties = [
            CaseParty(id: 1, name: "Lucas <V> & co", role: .suspect,
                      handles: [CaseParty.Handle(platform: "instagram", identifier: "lucas.vdb")], phones: ["+32 470 12 34 56"]),
            CaseParty(id: 2, name: "Camille", role: .victim),
        ]
        let html = fixture.render(language)
        #expect(html.contains("<h2>\(language.labels.parties)</h2>"))
        #expect(html.contains("<li><b>Lucas &lt;V&gt; &amp; co</b> — \(language.labels.partySuspect): instagram:lucas.vdb, "
                              + "+32 470 12 34 56</li>"))
        #expect(html.contains("<li><b>Camille</b> — \(language.labels.partyVictim)</li>"))
        try SummaryMarkup.check(html)
    }

    @Test(arguments: SummaryLanguage.allCases)
    func hostileEvidenceRendersAsText(_ language: SummaryLanguage) throws {
        let html = SummaryFixtureCase(hostile: true).render(language)
        #expect(!html.contains("<script"))
        #expect(!html.contains("alert('x')"))
        let escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;/td&gt;&quot;&amp;amp;"
        // The case title, an author, chat text, a file name, a note, an account, a URL, the e-mail subject and body.
        #expect(html.components(separatedBy: escaped).count - 1 >= 10)
        #expect(html.contains("Tu vas le regretter " + escaped))
        #expect(html.contains("Je sais où tu habites. " + escaped))
        #expect(html.contains("Dernier avertissement " + escaped))
        #expect(html.contains("Capture de la menace " + escaped))
        #expect(html.components(separatedBy: "<td").count == html.components(separatedBy: "</td>").count)
        try SummaryMarkup.check(html)
    }

    @Test(arguments: SummaryLanguage.allCases)
    func sensitiveItemIsNeverShownNorReferenced(_ language: SummaryLanguage) throws {
        let html = SummaryFixtureCase().render(language)
        #expect(!html.contains(SummaryFixtureCase.sensitivePath))
        #expect(!html.contains("sensitive/"))
        #expect(!html.contains("intime"))
        #expect(html.contains(SummaryHTML.escape(language.labels.sensitiveNotShown)))
        #expect(html.contains(SHA256Hex.of(Array("sensitive".utf8))))
        if language == .french { #expect(html.contains("contenu sensible, non affiché")) }
        for source in SummaryMarkup.attributeValues("src", in: html) {
            #expect(source.hasPrefix("data/0"), "\(source)")
        }
    }

    @Test func sensitiveConversationAndEmailShowNeitherTextNorSubject() throws {
        var fixture = SummaryFixtureCase()
        fixture.manifest.items[0].sensitive = true
        fixture.manifest.items[4].sensitive = true
        let html = fixture.render(.english)
        for secret in ["Tu vas le regretter", "Dernier avertissement", "Je sais où tu habites", "WhatsApp Chat avec Karim",
                       "avertissement.eml", "data/derived/"] {
            #expect(!html.contains(secret), "\(secret)")
        }
        #expect(html.contains("<div class=\"sensitive\" id=\"thread-1\"><b>#1</b> · Conversation · "))
        #expect(html.contains("<div class=\"sensitive\" id=\"mail-5\"><b>#5</b> · E-mail · "))
        #expect(html.contains("<a href=\"#mail-5\">#5</a></td><td data-label=\"What\">E-mail — name not shown (sensitive)</td>"))
        let read = Set(fixture.requestedLimits.all.keys)
        #expect(read == [BagLayout.custody])
    }

    @Test func conversationIsAReadableThreadOnTheTimeline() throws {
        let html = SummaryFixtureCase().render(.english)
        #expect(html.contains("<h3>WhatsApp — Karim</h3>"))
        #expect(html.contains("<li class=\"day\" id=\"c-1-20260303\"><h4>Tuesday 3 March 2026</h4></li>"))
        #expect(html.contains("<li id=\"m-1-0\"><span class=\"t\">21:40</span> <b>Karim</b> <span class=\"muted\">· line 1</span>"
            + "<div class=\"x\">Tu vas le regretter</div></li>"))
        #expect(html.contains("· deleted message"))
        #expect(html.contains("· media left out of the export"))
        // The picture sent in the chat is shown inline; the sensitive one it also sent is a placeholder.
        #expect(html.contains("<img loading=\"lazy\" src=\"data/0002-IMG-20260303-WA0001.jpg\" "
            + "alt=\"IMG-20260303-WA0001.jpg, Tuesday 3 March 2026\">"))
        #expect(html.contains("<div class=\"sensitive\"><a href=\"#img-4\">#4</a> · Photo · sensitive content, not shown</div>"))
        // One timeline entry per conversation and day, linked to that day in the thread.
        #expect(html.contains("<a href=\"#c-1-20260303\">#1</a></td><td data-label=\"What\">WhatsApp — Karim: 3 messages, from 21:40 to 21:42"))
        #expect(html.contains("<a href=\"#c-1-20260304\">#1</a></td><td data-label=\"What\">WhatsApp — Karim: 1 message at 08:15"))
        #expect(html.contains("time zone assumed: the source gave no offset"))
    }

    @Test func timelineMarksAndSeparatesTimes() throws {
        let html = SummaryFixtureCase().render(.french)
        // Day groups in time order; the HEIC photo's Tokyo time is placed in Brussels time and said as written.
        let days = ["samedi 28 février 2026", "mardi 3 mars 2026", "mercredi 4 mars 2026"].map { "<h3>\($0)</h3>" }
        let positions = days.compactMap { html.range(of: $0)?.lowerBound }
        #expect(positions.count == 3 && positions == positions.sorted())
        #expect(html.contains("écrite 09:30:05 (UTC+09:00) par sa source"))
        #expect(html.contains("⚠ les sources de l&#39;heure de cette pièce ne concordent pas"))
        #expect(html.contains("heure lue dans le nom du fichier"))
        // The document's only date is the file's: listed apart, never on the time axis.
        #expect(html.contains("<h3>Pièces sans heure utilisable</h3>"))
        #expect(html.contains("<li><a href=\"#item-7\">#7</a> Document — plainte.pdf : seule la date du fichier sur un ordinateur est connue"))
        #expect(html.contains("1\u{202F}234\u{202F}567&nbsp;octets"))
    }

    @Test func emailShowsItsHeadersAndItsTextNeverItsHTML() throws {
        var fixture = SummaryFixtureCase()
        let path = fixture.manifest.items[4].path
        #expect(SummaryFixtureCase().render(.english).contains("<div class=\"body\">Je sais où tu habites.\r\n</div>"))
        fixture.files[path] = Array(("From: a@example.org\r\nSubject: s\r\nContent-Type: text/html\r\n\r\n"
            + "<p onclick=\"x()\">Bonjour <img src=\"http://tracker.example/p.png\"></p>\r\n").utf8)
        let html = fixture.render(.english)
        #expect(html.contains("This e-mail has only an HTML body"))
        #expect(html.contains("&lt;p onclick=&quot;x()&quot;&gt;Bonjour &lt;img src=&quot;http://tracker.example/p.png&quot;&gt;"))
        #expect(!html.contains("<img src=\"http"))
    }

    @Test func unreadableFilesBecomeNotes() throws {
        let fixture = SummaryFixtureCase()
        let html = HTMLSummary(manifest: fixture.manifest, language: .german, payload: .none).render()
        #expect(html.contains("Die Datei \(fixture.manifest.items[0].derived![0].path) konnte für diese Übersicht nicht gelesen werden."))
        #expect(html.contains("Die Datei \(fixture.manifest.items[4].path) konnte"))
        #expect(html.contains("<dt>Zusammengestellt von</dt><dd>nicht angegeben</dd>"))
        // A conversation whose messages could not be read is still on the timeline, by its own first time.
        #expect(html.contains("<td data-label=\"Uhrzeit\">21:40</td><td data-label=\"Stück\"><a href=\"#thread-1\">#1</a></td>"))
    }

    @Test func readsAreBoundedAndACutFileSaysSo() throws {
        var fixture = SummaryFixtureCase()
        _ = fixture.render(.english)
        let limits = fixture.requestedLimits.all
        #expect(limits[BagLayout.custody] == SummaryLimits.journalBytes)
        #expect(limits.values.allSatisfy { $0 <= SummaryLimits.messageLinesBytes })
        #expect(limits[SummaryFixtureCase.sensitivePath] == nil)
        // A messages file longer than what was read: whole lines only, and the thread says how many it holds.
        let derived = fixture.manifest.items[0].derived![0].path
        let lines = fixture.files[derived]!
        let newlines = lines.indices.filter { lines[$0] == 0x0A }
        let thirdLineStart = newlines[1] + 1
        fixture.files[derived] = Array(lines[..<(thirdLineStart + 10)])
        let html = fixture.render(.english)
        #expect(html.contains("Only the first 2 of 4 messages are shown here; every message is in \(derived)."))
        #expect(!html.contains("m-1-2"))
    }

    @Test func aCopyBesideTheBundleSaysWhereImagesShowAndGivesAttestedTimes() throws {
        let fixture = SummaryFixtureCase()
        let inside = fixture.render(.english)
        #expect(!inside.contains("This copy sits beside the bundle"))
        #expect(inside.contains("any such time-stamp is in evidence/*.tsr and is checked by evidence verify"))
        let attested = HTMLSummary.AttestedTime(authority: "TSA <Test> & Co", time: Instant(unixSeconds: 1_773_133_205))
        let beside = fixture.render(.english, placement: .besideBundle(attestedTimes: [attested]))
        #expect(beside.contains("<p class=\"notice\">This copy sits beside the bundle: the images show only in the copy inside"))
        #expect(beside.contains("<dt>Time attested by a time-stamping authority</dt><dd>Tuesday 10 March 2026, 10:00:05 (UTC+01:00) — TSA &lt;Test&gt; &amp; Co</dd>"))
        #expect(!beside.contains("evidence/*.tsr"))
        #expect(!beside.contains("no time-stamping authority was asked"))
        // Without a token, the copy beside the zip says there is none, in words.
        let untimed = fixture.render(.french, placement: .besideBundle(attestedTimes: []))
        #expect(untimed.contains("<dt>Heure attestée par une autorité d&#39;horodatage</dt><dd>aucune : aucune autorité "
                                 + "d&#39;horodatage n&#39;a été sollicitée au scellement"))
    }

    /// Seal renders the summary once: the copy beside the bundle is the signed one with its cover replaced, which
    /// must be the very bytes of rendering it for that placement (with and without attested times).
    @Test(arguments: SummaryLanguage.allCases)
    func theCopyBesideTheBundleIsTheSignedOneWithItsOwnCover(_ language: SummaryLanguage) throws {
        let fixture = SummaryFixtureCase()
        let inside = HTMLSummary(manifest: fixture.manifest, language: language, payload: fixture.bagFiles)
            .renderedBytes()
        #expect(inside.bytes == Array(fixture.render(language).utf8))
        #expect(String(decoding: inside.bytes[inside.cover], as: UTF8.self).hasPrefix("<header id=\"cover\">"))
        let attested = HTMLSummary.AttestedTime(authority: "TSA <Test> & Co", time: Instant(unixSeconds: 1_773_133_205))
        for placement in [HTMLSummary.Placement.besideBundle(attestedTimes: [attested]), .besideBundle(attestedTimes: [])] {
            let beside = HTMLSummary(manifest: fixture.manifest, language: language, payload: fixture.bagFiles,
                                     placement: placement)
            let spliced = beside.rendering(inside)
            #expect(spliced == Array(fixture.render(language, placement: placement).utf8))
            #expect(spliced != inside.bytes)
        }
    }

    @Test func helpLinesDefaultToBelgiumAndCanBeReplaced() throws {
        let fixture = SummaryFixtureCase()
        let html = fixture.render(.dutch)
        for number in ["0800 12 800", "116 000", "106 / 107"] { #expect(html.contains(number)) }
        let own = [HelpLine(name: "Victim Support <NL>", number: "0900 0101", purpose: "slachtofferhulp")]
        let custom = HTMLSummary(manifest: fixture.manifest, language: .dutch, payload: fixture.bagFiles, helpLines: own).render()
        #expect(custom.contains("<li><b>Victim Support &lt;NL&gt;</b> — <b>0900 0101</b> — slachtofferhulp</li>"))
        #expect(!custom.contains("116 000"))
    }

    @Test func coverSaysWhoWhenWhichKeyAndWhatIsProved() throws {
        let html = SummaryFixtureCase().render(.french)
        #expect(html.contains("<dt>Constitué par</dt><dd>Léa Dubois</dd>"))
        #expect(html.contains("<dt>Scellé le</dt><dd>mardi 10 mars 2026, 10:00:00 (UTC+01:00)</dd>"))
        #expect(html.contains("<dd>7 (Capture d&#39;écran : 1 · Photo : 3 · Conversation : 1 · Courriel : 1 · Document : 1)</dd>"))
        #expect(html.contains("<dd class=\"hash\">3F2A 91C0 3F2A 91C0"))
        #expect(html.contains("<h2>Ce que le scellé prouve</h2>"))
        #expect(html.contains("evidence/schema/manifest.schema.json"))
        #expect(html.contains("openssl pkeyutl -verify -pubin -inkey evidence/signer.pub.pem -rawin"))
        #expect(html.contains("cd verif/case-2026-001"))
    }

    @Test func documentIsSelfContainedPrintableAndInHeadingOrder() throws {
        let html = SummaryFixtureCase().render(.english)
        for forbidden in ["<script", "<link", "<iframe", "@import", "url(", "@font-face", "<object", "<embed"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        #expect(SummaryMarkup.attributeValues("href", in: html).allSatisfy { $0.hasPrefix("#") })
        #expect(html.contains("@page{size:A4;"))
        // The case reference on every printed page, every character but letters, digits and spaces escaped.
        #expect(html.contains("@top-left{content:\"case\\2d 2026\\2d 001 \\2014  Harc\u{E8}lement de L\u{E9}a\";"))
        #expect(html.contains("counter(page) \" / \" counter(pages)"))
        let levels = SummaryMarkup.headingLevels(in: html)
        #expect(levels.first == 1 && levels.filter { $0 == 1 }.count == 1)
        for (previous, next) in zip(levels, levels.dropFirst()) { #expect(next <= previous + 1) }
        try SummaryMarkup.check(html)
    }

    @Test func timesAreWrittenForPeopleFromOurOwnTables() throws {
        let brussels = "Europe/Brussels"
        let winter = Instant(unixSeconds: 1_772_570_412)  // 2026-03-03T20:40:12Z
        let expected: [SummaryLanguage: String] = [
            .french: "mardi 3 mars 2026, 21:40:12 (UTC+01:00)", .dutch: "dinsdag 3 maart 2026, 21:40:12 (UTC+01:00)",
            .german: "Dienstag, 3. März 2026, 21:40:12 (UTC+01:00)", .english: "Tuesday 3 March 2026, 21:40:12 (UTC+01:00)",
        ]
        for (language, text) in expected {
            #expect(SummaryDateFormatter(language: language, zoneName: brussels).dateTime(winter) == text)
        }
        let french = SummaryDateFormatter(language: .french, zoneName: brussels)
        #expect(french.dateTime(Instant(unixSeconds: 1_784_023_200)) == "mardi 14 juillet 2026, 12:00:00 (UTC+02:00)")
        #expect(french.dateTime(Instant(unixSeconds: 1_772_323_200), precision: .day) == "dimanche 1er mars 2026")
        #expect(french.dateTime(winter, precision: .minute) == "mardi 3 mars 2026, 21:40 (UTC+01:00)")
        let utc = SummaryDateFormatter(language: .english, zoneName: "Nowhere/Else")
        #expect(utc.dateTime(Instant(unixSeconds: 0)) == "Thursday 1 January 1970, 00:00:00 (UTC)")
        #expect(utc.dateTime(Instant(unixSeconds: 951_782_400)) == "Tuesday 29 February 2000, 00:00:00 (UTC)")
        #expect(utc.dateTime(Instant(unixSeconds: -86_400)) == "Wednesday 31 December 1969, 00:00:00 (UTC)")
        #expect(SummaryDateFormatter.utcOffset(-12_600) == "UTC−03:30")
    }

    @Test func numbersAreGroupedAsEachLanguageWritesThem() {
        #expect(SummaryNumberFormatter(language: .french).format(1_234_567) == "1\u{202F}234\u{202F}567")
        #expect(SummaryNumberFormatter(language: .dutch).format(1_234_567) == "1.234.567")
        #expect(SummaryNumberFormatter(language: .german).format(50_000) == "50.000")
        #expect(SummaryNumberFormatter(language: .english).format(999) == "999")
        #expect(SummaryNumberFormatter(language: .english).format(-1_000) == "−1,000")
    }

    @Test func percentEncodedPathsNameOnlyTheirFile() {
        #expect(SummaryHTML.relativeURL("data/0001-a b#c?d%e\"f.png") == "data/0001-a%20b%23c%3Fd%25e%22f.png")
        #expect(SummaryHTML.relativeURL("data/0002-été.jpg") == "data/0002-%C3%A9t%C3%A9.jpg")
        #expect(SummaryHTML.cssString("a\"</style>") == "\"a\\22 \\3c \\2f style\\3e \"")
    }
}
