@testable import EvidenceFormat
import Foundation
import Testing

/// The summary is a function of the signed manifest and the bag's files.
@Suite struct HTMLSummaryTests {
    /// The golden bundle's own files, read back out of its zip.
    static let goldenFiles = SummaryBagFiles(read: { path, limit in
        Array(try GeneratedValues.goldenBundleEntry(path).prefix(limit))
    })

    /// Fails until the golden bundle is sealed again with this renderer (format 2, issue 10): the committed
    /// golden summary was rendered by the English-only table of format 1.
    @Test func goldenSummaryIsRenderedFromTheGoldenManifest() throws {
        let manifest = try EvidenceManifest(parsing: try GeneratedValues.goldenBundleEntry("evidence/manifest.json"))
        let summary = try GeneratedValues.goldenBundleEntry("summary.html")
        #expect(Array(HTMLSummary(manifest: manifest, language: .english, payload: Self.goldenFiles).render().utf8) == summary)
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
