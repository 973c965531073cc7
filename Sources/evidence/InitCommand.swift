import EvidenceModel
import EvidenceCrypto
import EvidenceParsers
import EvidenceFormat
import EvidenceWorkspace
import EvidenceVerify
import ArgumentParser
import Foundation

extension Evidence {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a case folder with its own signing key and custody journal.")

        @OptionGroup var output: OutputOptions

        @Argument(help: "The folder to create for the case.")
        var directory: String

        @Option(help: "The case's title, e.g. \"Harcèlement Instagram 2026\".")
        var title: String

        @Option(help: "The IANA time zone for times without an offset, e.g. Europe/Brussels.")
        var timezone: String

        @Option(help: "Use this Ed25519 private key (PKCS#8 PEM) instead of making a key for the case.")
        var key: String?

        @Option(help: "A short identifier for the case (default: from the folder name).")
        var id: String?

        @Flag(help: "The whole case is about a person who was a minor when the pictures were made: every item is marked so.")
        var minorAtTime = false

        @Option(name: [.customLong("lang"), .customLong("language")],
                help: "The language of texts the case writes for others (the summary, a takedown README): fr, nl, de or en (default: from the time zone).")
        var language: String?

        @Option(help: ArgumentHelp("The name the custody journal records as who acted, e.g. \"Camille Martin\" (default: \"\(CaseMetadata.unnamedActor)\"; EVIDENCE_ACTOR overrides it).", valueName: "name"))
        var by: String?

        @Flag(help: "Protect the case's signing key with a passphrase (asked twice, or read from EVIDENCE_KEY_PASSPHRASE); seal and takedown then ask for it.")
        var passphrase = false

        @Option(name: .customLong("help-line"),
                help: ArgumentHelp("A service the summary lists under “where to get help”, as NAME=NUMBER or NAME=NUMBER=PURPOSE (repeatable; default: the Belgian helplines, 0800 12 800, Child Focus 116 000, Télé-Accueil 107 / Tele-Onthaal 106).", valueName: "line"))
        var helpLines: [String] = []

        @Flag(help: "Record each original's full path on this computer (default: only the path below what you give to add, so your home folder and account name stay out of the bundle).")
        var recordFullPaths = false

        func run() throws {
            try runReportingFailures {
                let lines = try helpLines.map { text in
                    guard let line = HelpLine(parsing: text) else {
                        throw ValidationError("--help-line “\(text)” is not NAME=NUMBER or NAME=NUMBER=PURPOSE, "
                                              + "e.g. --help-line \"Police=101=emergencies\".")
                    }
                    return line
                }
                var secret = try passphrase ? newKeyPassphrase() : nil
                defer { if secret != nil { Passphrase.wipe(&secret!) } }
                // A key given with --key may have a passphrase of its own: asked once, when it has one.
                var existingSecret: [UInt8]?
                defer { if existingSecret != nil { Passphrase.wipe(&existingSecret!) } }
                let existingKeyPassphrase = { () throws -> [UInt8] in
                    if let existingSecret { return existingSecret }
                    existingSecret = try signingKeyPassphrase()
                    return existingSecret!
                }
                let created = try EvidenceCase.create(
                    at: URL(fileURLWithPath: directory), title: title, timeZone: timezone,
                    identifier: id.map(BagNaming.identifier(from:)), externalKey: key.map { URL(fileURLWithPath: $0) },
                    minorAtTime: minorAtTime, language: language, actor: by, recordingFullPaths: recordFullPaths,
                    keyPassphrase: secret, helpLines: lines, externalKeyPassphrase: existingKeyPassphrase)
                let fingerprint = try created.signingKey(passphrase: { try secret ?? existingKeyPassphrase() }).publicKey.fingerprint
                print("Created case “\(created.metadata.title)” in \(created.folder.path)")
                print("Time zone: \(created.metadata.timeZone)")
                print("Signing key fingerprint: \(fingerprint.grouped)")
                print("Give this fingerprint to your lawyer by another channel (a call, a letter): it lets them check that a bundle came from this case.")
                if passphrase {
                    print("The signing key is protected by your passphrase: seal and takedown ask for it. Without it no bundle can be signed; keep it safe.")
                }
            }
        }
    }
}
