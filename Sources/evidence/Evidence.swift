import ArgumentParser
import EvidenceKit

/// The `evidence` command: a thin layer that parses options, calls one EvidenceKit entry point and renders the result.
///
/// Exit codes: 0 ok, 1 problems found (verify), 2 usage error or unreadable input.
@main
struct Evidence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Keep screenshots, photos, videos and chat exports as evidence a court can rely on.",
        version: EvidenceKitVersion.current,
        subcommands: [Chat.self]
    )
}
