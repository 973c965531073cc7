@testable import EvidenceFormat
import EvidenceModel
import Foundation
import Testing

/// `init --help-line`: a case outside Belgium lists its own services in the summary, in place of the Belgian ones.
@Suite struct HelpLineTests {
    @Test func aCasesOwnHelpLinesReplaceTheBelgianDefaultsInTheManifestAndTheSummary() throws {
        let directory = try TestSupport.temporaryDirectory("help-lines")
        defer { try? FileManager.default.removeItem(at: directory) }
        let created = try TestSupport.evidence(["init", "c", "--title", "Affaire fictive", "--timezone", "Europe/Paris",
                                                "--lang", "fr", "--help-line", "Police=17=urgences",
                                                "--help-line", "Ligne <d'écoute> & co = 3018"], in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        let screenshot = TestSupport.packageRoot.appendingPathComponent("SampleEvidence/screenshots/IMG_0412.PNG").path
        #expect(try TestSupport.evidence(["add", "--case", "c", screenshot], in: directory).status == 0)
        let sealed = try TestSupport.evidence(["seal", "--case", "c", "--out", "c.zip"], in: directory)
        #expect(sealed.status == 0, "\(sealed.stderr)")

        let manifestText = try TestSupport.tool("unzip", ["-p", directory.appendingPathComponent("c.zip").path,
                                                          "c/evidence/manifest.json"]).stdout
        let manifest = try EvidenceManifest(parsing: Array(manifestText.utf8))
        #expect(manifest.helpLines == [HelpLine(name: "Police", number: "17", purpose: "urgences"),
                                       HelpLine(name: "Ligne <d'écoute> & co", number: "3018", purpose: "")])
        for copy in ["c.summary.html"] {
            let summary = try String(contentsOf: directory.appendingPathComponent(copy), encoding: .utf8)
            #expect(summary.contains("Police"))
            #expect(summary.contains("Ligne &lt;d&#39;écoute&gt; &amp; co"))
            #expect(summary.contains("3018"))
            #expect(!summary.contains("116 000") && !summary.contains("0800 12 800"), "the Belgian defaults are replaced")
        }

        let typo = try TestSupport.evidence(["init", "d", "--title", "T", "--timezone", "UTC", "--help-line", "Police"],
                                            in: directory)
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("--help-line “Police” is not NAME=NUMBER or NAME=NUMBER=PURPOSE"), "\(typo.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("d").path))
    }
}
