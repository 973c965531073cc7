import EvidenceModel
import EvidenceCrypto
import EvidenceParsers
import EvidenceFormat
import EvidenceWorkspace
import EvidenceVerify
import ArgumentParser
import Foundation

/// The `evidence` command: a thin layer that parses options, calls one EvidenceKit entry point and renders the result.
///
/// Exit codes: 0 ok, 1 problems found (verify), 2 usage error or unreadable input.
@main
struct Evidence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Keep screenshots, photos, videos and chat exports as evidence a court can rely on.",
        discussion: "Exit codes: 0 ok, 1 problems found (verify), 2 usage error or unreadable input.",
        version: EvidenceKitVersion.current,
        subcommands: [Init.self, Add.self, List.self, Seal.self, Timestamp.self, Verify.self, Inspect.self, Chat.self,
                      Match.self, Takedown.self, Rehash.self, Export.self, Annotate.self, Withdraw.self, Party.self]
    )

    /// Runs the command, mapping ArgumentParser's usage failures (64) to our usage exit code, 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            if Console.asksForQuiet(command) { try Console.beQuiet() }
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                // One error style for every command: ArgumentParser's own "Error: " becomes our "error: ".
                var message = fullMessage(for: error)
                if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
