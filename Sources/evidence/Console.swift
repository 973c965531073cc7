import EvidenceSystem
import ArgumentParser
import Foundation

/// `--quiet`, which every command takes: nothing but errors is printed, and the exit code tells the outcome.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print nothing but errors: no results, warnings or progress (the exit code tells the outcome).")
    var quiet = false
}

/// What a command says on standard error besides its errors: warnings, notes and the progress line, all silenced
/// by `--quiet`.
enum Console {
    /// Set once, before the command runs, and only read afterwards.
    nonisolated(unsafe) private(set) static var isQuiet = false

    /// Silences everything but errors: standard output goes nowhere, warnings and progress are not written.
    static func beQuiet() throws {
        isQuiet = true
        try FileSystem.discardStandardOutput()
    }

    /// True when the parsed command was given `--quiet`.
    static func asksForQuiet(_ command: any ParsableCommand) -> Bool {
        Mirror(reflecting: command).children.contains { ($0.value as? OptionGroup<OutputOptions>)?.wrappedValue.quiet == true }
    }

    /// Writes `warning: <text>` on standard error, unless quiet.
    static func warning(_ text: String) {
        say("warning: \(text)")
    }

    /// Writes a line on standard error (a note that is neither result nor error), unless quiet.
    static func say(_ line: String) {
        guard !isQuiet else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
