import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceCrypto
@testable import EvidenceWorkspace
@testable import EvidenceVerify

/// `init --passphrase`: the signing key stored as encrypted PKCS#8 (OpenSSL reads it with `-passin`), asked for
/// when sealing, or read from EVIDENCE_KEY_PASSPHRASE.
@Suite struct KeyPassphraseTests {
    static let passphrase = "correct horse battery staple é"

    @Test func encryptedKeyIsPKCS8AES256ThatOpenSSLReadsWithThePassphrase() throws {
        let directory = try TestSupport.temporaryDirectory("passphrase")
        let evidenceCase = try EvidenceCase.create(at: directory.appendingPathComponent("case"), title: "Protected",
                                                   timeZone: "Europe/Brussels", keyPassphrase: Array(Self.passphrase.utf8))
        let keyFile = evidenceCase.folder.appendingPathComponent("keys/signer.key.pem")
        let pem = try String(contentsOf: keyFile, encoding: .utf8)
        #expect(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"))
        #expect(evidenceCase.signingKeyIsEncrypted)
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let structure = try TestSupport.tool("openssl", ["asn1parse", "-in", keyFile.path])
        #expect(structure.stdout.contains("PBES2") && structure.stdout.contains("PBKDF2")
                && structure.stdout.contains("aes-256-cbc") && structure.stdout.contains("hmacWithSHA256"), "\(structure.stdout)")

        // Stock OpenSSL opens it with the passphrase, and finds the public key the case publishes.
        let opened = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "openssl", "pkey", "-in", keyFile.path, "-passin", "env:TEST_PASSPHRASE", "-pubout"],
            environment: ["TEST_PASSPHRASE": Self.passphrase])
        #expect(opened.status == 0, "\(opened.stderr)")
        let published = try String(contentsOf: evidenceCase.folder.appendingPathComponent("keys/signer.pub.pem"), encoding: .utf8)
        #expect(opened.stdout == published)
        let refused = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "openssl", "pkey", "-in", keyFile.path, "-passin", "pass:wrong", "-noout"])
        #expect(refused.status != 0)

        // The library: no passphrase and a wrong one are clear errors; the right one seals a bundle that verifies.
        let bundle = directory.appendingPathComponent("bundle.zip")
        let sealedAt = Instant(unixSeconds: 1_773_133_200)
        #expect(throws: CaseError.self) { try evidenceCase.seal(to: bundle, sealedAt: sealedAt) }
        do {
            _ = try evidenceCase.seal(to: bundle, sealedAt: sealedAt, keyPassphrase: { Array("wrong".utf8) })
            Issue.record("a wrong passphrase sealed")
        } catch let error as CaseError {
            #expect(error.code == .keyProblem)
            #expect(error.message.contains("the passphrase does not open the signing key"))
        }
        #expect(!FileManager.default.fileExists(atPath: bundle.path))
        let sealed = try evidenceCase.seal(to: bundle, sealedAt: sealedAt, keyPassphrase: { Array(Self.passphrase.utf8) })
        #expect(try BundleVerifier().verify(bundleAt: sealed.bundle).intact)
        #expect(sealed.fingerprint.hex == (try Ed25519PublicKey(pemRepresentation: published)).fingerprint.hex)
        // A key given with --key is never re-encrypted.
        #expect(throws: CaseError.self) {
            try EvidenceCase.create(at: directory.appendingPathComponent("other"), title: "T", timeZone: "UTC",
                                    externalKey: keyFile, keyPassphrase: Array("x".utf8))
        }
    }

    @Test func theCommandLineReadsThePassphraseFromTheEnvironment() throws {
        let directory = try TestSupport.temporaryDirectory("passphrase-cli")
        let good = ["EVIDENCE_KEY_PASSPHRASE": Self.passphrase]
        let initialised = try TestSupport.evidence(["init", "case", "--title", "T", "--timezone", "Europe/Brussels",
                                                    "--passphrase"], in: directory, environment: good)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        #expect(initialised.stdout.contains("The signing key is protected by your passphrase"))
        let caseFolder = directory.appendingPathComponent("case")
        let note = directory.appendingPathComponent("note.txt")
        try Data("a note".utf8).write(to: note)
        #expect(try TestSupport.evidence(["add", note.path], in: caseFolder).status == 0)

        let wrong = try TestSupport.evidence(["seal", "--out", "../a.zip"], in: caseFolder,
                                             environment: ["EVIDENCE_KEY_PASSPHRASE": "wrong"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.hasPrefix("error: ") && wrong.stderr.contains("the passphrase does not open the signing key"),
                "\(wrong.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("a.zip").path))
        let sealed = try TestSupport.evidence(["seal", "--out", "../a.zip"], in: caseFolder, environment: good)
        #expect(sealed.status == 0, "\(sealed.stderr)")
        #expect(try TestSupport.evidence(["verify", directory.appendingPathComponent("a.zip").path]).status == 0)
        let takedown = try TestSupport.evidence(["takedown", "--items", "1", "--out", "../packet"], in: caseFolder,
                                                environment: good)
        #expect(takedown.status == 0, "\(takedown.stderr)")
    }

    /// A key of one's own given with `init --key`, protected with stock OpenSSL: its passphrase is asked (here read
    /// from the environment) when the case is made and again when sealing; without it, a clear error.
    @Test func aKeyOfOnesOwnWithAPassphraseOpensAtInitAndAtSeal() throws {
        let directory = try TestSupport.temporaryDirectory("passphrase-own-key")
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = directory.appendingPathComponent("own.key.pem")
        let made = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "openssl", "genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "env:TEST_PASSPHRASE",
            "-out", key.path], environment: ["TEST_PASSPHRASE": Self.passphrase])
        #expect(made.status == 0, "\(made.stderr)")
        let withoutPassphrase = try TestSupport.evidence(["init", "refused", "--title", "T", "--timezone", "UTC",
                                                          "--key", key.path], in: directory)
        #expect(withoutPassphrase.status != 0)
        #expect(withoutPassphrase.stderr.contains("EVIDENCE_KEY_PASSPHRASE"), "\(withoutPassphrase.stderr)")
        let good = ["EVIDENCE_KEY_PASSPHRASE": Self.passphrase]
        let initialised = try TestSupport.evidence(["init", "case", "--title", "T", "--timezone", "UTC", "--key", key.path],
                                                   in: directory, environment: good)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let publicKey = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"), [
            "openssl", "pkey", "-in", key.path, "-passin", "env:TEST_PASSPHRASE", "-pubout"],
            environment: ["TEST_PASSPHRASE": Self.passphrase]).stdout
        let fingerprint = try Ed25519PublicKey(pemRepresentation: publicKey).fingerprint.grouped
        #expect(initialised.stdout.contains("Signing key fingerprint: \(fingerprint)"), "\(initialised.stdout)")
        let caseFolder = directory.appendingPathComponent("case")
        let note = directory.appendingPathComponent("note.txt")
        try Data("a note".utf8).write(to: note)
        #expect(try TestSupport.evidence(["add", note.path], in: caseFolder).status == 0)
        let sealed = try TestSupport.evidence(["seal", "--out", "../a.zip"], in: caseFolder, environment: good)
        #expect(sealed.status == 0, "\(sealed.stderr)")
        #expect(try TestSupport.evidence(["verify", directory.appendingPathComponent("a.zip").path]).status == 0)
    }

    /// On a terminal the passphrase is asked without echo (a pseudo-terminal made by Python's `pty`).
    @Test func onATerminalThePassphraseIsAskedWithoutEcho() throws {
        let directory = try TestSupport.temporaryDirectory("passphrase-tty")
        let script = """
            import os, pty, sys, termios, time
            pid, fd = pty.fork()
            if pid == 0:
                os.environ.pop("EVIDENCE_KEY_PASSPHRASE", None)
                os.chdir(sys.argv[2])
                os.execv(sys.argv[1], [sys.argv[1], "init", "case", "--title", "T", "--timezone", "UTC", "--passphrase"])
            out = b""
            def read_until(marker):
                global out
                while marker not in out:
                    chunk = os.read(fd, 1024)
                    if not chunk: break
                    out += chunk
            def answer_once_echo_is_off():
                # OpenSSL prints the prompt, then turns the echo off: answer only once it is off, as a person would.
                for _ in range(500):
                    if not termios.tcgetattr(fd)[3] & termios.ECHO: break
                    time.sleep(0.01)
                os.write(fd, sys.argv[3].encode() + b"\\n")
            read_until(b"New passphrase"); answer_once_echo_is_off()
            read_until(b"Verifying"); answer_once_echo_is_off()
            try:
                while True:
                    chunk = os.read(fd, 1024)
                    if not chunk: break
                    out += chunk
            except OSError:
                pass
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(out.decode("utf-8", "replace"))
            sys.exit(os.waitstatus_to_exitcode(status))
            """
        let result = try TestSupport.tool("python3", ["-c", script, TestSupport.evidenceBinary.path, directory.path, "tty secret"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Created case"))
        #expect(!result.stdout.contains("tty secret"), "the passphrase was echoed: \(result.stdout)")
        let evidenceCase = try EvidenceCase(opening: directory.appendingPathComponent("case"))
        #expect(evidenceCase.signingKeyIsEncrypted)
        #expect(throws: Never.self) { try evidenceCase.signingKey(passphrase: { Array("tty secret".utf8) }) }
    }
}
