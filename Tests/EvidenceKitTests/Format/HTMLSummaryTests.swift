@testable import EvidenceFormat
import Foundation
import Testing

/// The summary is a function of the signed manifest alone.
@Suite struct HTMLSummaryTests {
    @Test func goldenSummaryIsRenderedFromTheGoldenManifest() throws {
        let manifest = try EvidenceManifest(parsing: try GeneratedValues.goldenBundleEntry("evidence/manifest.json"))
        let summary = try GeneratedValues.goldenBundleEntry("summary.html")
        #expect(Array(HTMLSummary(manifest: manifest).render().utf8) == summary)
    }

    @Test func filesDoNotChangeTheSummary() throws {
        var manifest = try EvidenceManifest(parsing: try GeneratedValues.goldenBundleEntry("evidence/manifest.json"))
        let rendered = HTMLSummary(manifest: manifest).render()
        manifest.files = []
        #expect(HTMLSummary(manifest: manifest).render() == rendered)
    }

    @Test func unreadableTimeAndFingerprintAreShownAsTheyAreAndEscaped() throws {
        var manifest = try EvidenceManifest(parsing: try GeneratedValues.goldenBundleEntry("evidence/manifest.json"))
        manifest.sealedAt = "yesterday <b>"
        manifest.signer.fingerprint = "not a key & co"
        manifest.case.timeZone = "Nowhere/Else"
        let html = HTMLSummary(manifest: manifest).render()
        #expect(html.contains("<dt>Sealed at</dt><dd>yesterday &lt;b&gt; (Nowhere/Else)</dd>"))
        #expect(html.contains("<dd class=\"hash\">not a key &amp; co</dd>"))
    }
}
