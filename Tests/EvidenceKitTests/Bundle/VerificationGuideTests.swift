import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem
@testable import EvidenceParsers
@testable import EvidenceFormat
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// The commands of Docs/verifying-a-bundle.md, run as written on a real bundle, so the guide cannot drift from
/// what `seal` writes.
@Suite struct VerificationGuideTests {
    static let journalCheck = """
        prev=$(printf '%064d' 0); n=0; ok=yes
        while IFS= read -r line; do n=$((n+1))
            case "$line" in *"\\"prev\\":\\"$prev\\""*) ;; *) echo "BROKEN at line $n"; ok=no; break;; esac
            prev=$(printf '%s' "$line" | sha256sum | cut -c1-64)
          done < evidence/custody.jsonl; [ $ok = yes ] && echo "Chain intact: $n lines, last line hash $prev"
        """
    static let fileList = """
        ( cut -c67- manifest-sha256.txt; cut -c67- tagmanifest-sha256.txt; echo tagmanifest-sha256.txt ) | LC_ALL=C sort > ../listed.txt
        find . -type f | sed 's|^\\./||' | LC_ALL=C sort > ../found.txt
        diff ../listed.txt ../found.txt && echo "Same files: nothing missing, nothing added"
        """
    static let signedCheck = """
        find . -type f ! -path './evidence/manifest.json*' ! -path ./tagmanifest-sha256.txt -exec sha256sum {} + |
          while read -r hash name; do
            grep -qi "$hash" evidence/manifest.json && echo "signed: $name" || echo "NOT IN THE SIGNED MANIFEST: $name"
          done
        """
    static let fingerprint = "openssl pkey -pubin -in evidence/signer.pub.pem -outform DER | tail -c 32 | sha256sum | cut -c1-64"

    @Test func guideCommandsHoldOnARealBundle() throws {
        let guide = String(decoding: try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("Docs/verifying-a-bundle.md")), as: UTF8.self)
        for command in ["cut -c67- manifest-sha256.txt", "tail -c 32 | sha256sum", "grep -qi \"$hash\" evidence/manifest.json",
                        "openssl pkeyutl -verify -pubin -inkey evidence/signer.pub.pem -rawin -in evidence/manifest.json -sigfile evidence/manifest.json.sig"] {
            #expect(guide.contains(command), "the guide no longer shows: \(command)")
        }
        let (_, bag, _) = try SealTests.sealedAndUnzipped("guide")
        func sh(_ script: String) throws -> TestSupport.ProcessResult { try TestSupport.tool("sh", ["-c", script], in: bag) }

        #expect(try sh(Self.journalCheck).stdout.contains("Chain intact: 4 lines"))
        #expect(try sh(Self.fileList).stdout.contains("Same files"))
        let signed = try sh(Self.signedCheck).stdout
        #expect(!signed.contains("NOT IN THE SIGNED MANIFEST"))
        #expect(signed.contains("signed: ./manifest-sha256.txt"))
        let manifest = try EvidenceManifest(parsing: Array(try Data(contentsOf: bag.appendingPathComponent("evidence/manifest.json"))))
        #expect(try sh(Self.fingerprint).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == manifest.signer.fingerprint)

        // And they catch what they say they catch.
        try Data("planted".utf8).write(to: bag.appendingPathComponent("data/0009-planted.jpg"))
        #expect(!(try sh(Self.fileList).stdout.contains("Same files")))
        #expect(try sh(Self.signedCheck).stdout.contains("NOT IN THE SIGNED MANIFEST: ./data/0009-planted.jpg"))
        let journal = bag.appendingPathComponent("evidence/custody.jsonl")
        let text = String(decoding: try Data(contentsOf: journal), as: UTF8.self)
        try Data(text.replacingOccurrences(of: "case-created", with: "case-crEated").utf8).write(to: journal)
        #expect(try sh(Self.journalCheck).stdout.contains("BROKEN at line 2"))
    }
}
