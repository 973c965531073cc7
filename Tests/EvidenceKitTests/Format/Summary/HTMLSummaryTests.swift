@testable import EvidenceFormat
@testable import EvidenceParsers
import Foundation
import Testing

/// The summary is a function of the signed manifest and the bag's files.
@Suite struct HTMLSummaryTests {
    /// The format-2 golden bundle (issue 10's renderer), and its files read back out of its zip, e-mails read by
    /// the same parser `seal` hands the summary.
    static let goldenV2 = "GoldenV2/golden-case-2026-v2.zip"
    static let goldenFiles = SummaryBagFiles(read: { path, limit in
        Array(try GeneratedValues.goldenBundleEntry(path, bundle: goldenV2).prefix(limit))
    }, emailBody: { bytes in
        guard let message = try? MailMessage(parsing: bytes, name: "message.eml", timeZone: TimeZone(identifier: "UTC")!)
        else { return nil }
        return SummaryEmailBody(text: message.textBody == message.htmlBody ? nil : message.textBody, html: message.htmlBody)
    })

    /// Rendering the signed manifest again, over the bag's own files, gives the summary's exact bytes.
    @Test func goldenSummaryIsRenderedFromTheGoldenManifest() throws {
        let manifest = try EvidenceManifest(parsing: try GeneratedValues.goldenBundleEntry("evidence/manifest.json", bundle: Self.goldenV2))
        let summary = try GeneratedValues.goldenBundleEntry("summary.html", bundle: Self.goldenV2)
        let language = SummaryLanguage(caseLanguage: manifest.language)
        #expect(language == .french)
        #expect(Array(HTMLSummary(manifest: manifest, language: language, payload: Self.goldenFiles).render().utf8) == summary)
    }

    @Test func filesDoNotChangeTheSummary() throws {
        var manifest = try EvidenceManifest(parsing: try GeneratedValues.goldenBundleEntry("evidence/manifest.json"))
        let rendered = HTMLSummary(manifest: manifest, language: .english, payload: Self.goldenFiles).render()
        manifest.files = []
        #expect(HTMLSummary(manifest: manifest, language: .english, payload: Self.goldenFiles).render() == rendered)
    }

    @Test func unreadableTimeAndFingerprintAreShownAsTheyAreAndEscaped() throws {
        var manifest = try EvidenceManifest(parsing: try GeneratedValues.goldenBundleEntry("evidence/manifest.json"))
        manifest.sealedAt = "yesterday <b>"
        manifest.signer.fingerprint = "not a key & co"
        manifest.case.timeZone = "Nowhere/Else"
        let html = HTMLSummary(manifest: manifest, language: .english, payload: Self.goldenFiles).render()
        #expect(html.contains("<dt>Sealed on</dt><dd>yesterday &lt;b&gt;</dd>"))
        #expect(html.contains("<dt>Time zone used</dt><dd>Nowhere/Else</dd>"))
        #expect(html.contains("<dd class=\"hash\">not a key &amp; co</dd>"))
    }
}
