import EvidenceModel
import EvidenceCrypto

extension SummaryRenderer {
    /// The commands of `Docs/verifying-a-bundle.md`, one per step of ``SummaryLabels/verifySteps``; `%BAG%` is the
    /// bag's folder in the zip.
    static let verificationCommands = [
        "zipinfo -1 bundle.zip | grep -E '^/|\\\\|(^|/)\\.\\.(/|$)'\nzipinfo bundle.zip | grep '^l'",
        "mkdir verif && unzip -q bundle.zip -d verif/\ncd verif/%BAG%",
        "sha256sum -c manifest-sha256.txt\nsha256sum -c tagmanifest-sha256.txt",
        "openssl pkeyutl -verify -pubin -inkey evidence/signer.pub.pem -rawin \\\n"
            + "  -in evidence/manifest.json -sigfile evidence/manifest.json.sig",
        "openssl pkey -pubin -in evidence/signer.pub.pem -outform DER | tail -c 32 | sha256sum",
    ]

    /// How to check this bundle with standard tools only, in the summary's language.
    func verificationSection() -> Section? {
        let fingerprint = KeyFingerprint(hex: manifest.signer.fingerprint)?.hex ?? manifest.signer.fingerprint
        var html = "<p>\(e(labels.verifyIntro))</p>\n<ol>\n"
        for (step, command) in zip(labels.verifySteps, Self.verificationCommands) {
            let command = command.replacingOccurrences(of: "%BAG%", with: manifest.case.identifier)
            html += "<li>\(e(step))<pre><code>\(e(command))</code></pre></li>\n"
        }
        html += "</ol>\n<p>\(e(labels.verifyFingerprint))</p>\n<pre><code>\(e(fingerprint))</code></pre>\n"
        html += "<p>\(e(labels.verifyOutcome))</p>\n"
        return Section(id: "verify", title: labels.howToVerify, body: html)
    }

    /// Where a victim can get help: the case's own list, or the Belgian defaults.
    func helpSection() -> Section? {
        guard !helpLines.isEmpty else { return nil }
        var html = "<p>\(e(labels.helpIntro))</p>\n<ul>\n"
        for line in helpLines {
            html += "<li><b>\(e(line.name))</b> — <b>\(e(line.number))</b> — \(e(line.purpose))</li>\n"
        }
        return Section(id: "help", title: labels.help, body: html + "</ul>\n")
    }
}
