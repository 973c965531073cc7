import Foundation
import Testing

/// The progress line of long commands (issue 12): drawn in place (`\r`) on a terminal, absent on a pipe, and
/// `--quiet` prints nothing at all on success. The real binary runs with its standard error on a pseudo-terminal
/// made by Python's `pty` module; `EVIDENCEKIT_PROGRESS_AFTER=0` stands in for a command that runs two seconds.
@Suite struct ProgressLineTests {
    /// What a person sees: standard error on a terminal, standard output captured apart.
    struct TerminalRun {
        var status: Int32
        var terminal: String
        var stdout: String
    }

    /// Runs `evidence` with standard error on a pseudo-terminal; what it wrote there comes back as `terminal`.
    private func runOnTerminal(_ arguments: [String], in directory: URL,
                               environment: [String: String] = [:]) throws -> TerminalRun {
        let script = """
            import os, pty, subprocess, sys
            stdout_path, command = sys.argv[1], sys.argv[2:]
            master, slave = pty.openpty()
            with open(stdout_path, "wb") as out:
                child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=slave)
            os.close(slave)
            seen = bytearray()
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the terminal's last writer is gone
                    break
                if not chunk:
                    break
                seen += chunk
            sys.stdout.buffer.write(bytes(seen))
            sys.exit(child.wait())
            """
        let stdoutFile = directory.appendingPathComponent("stdout-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: stdoutFile) }
        let run = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"),
                                      ["python3", "-c", script, stdoutFile.path, TestSupport.evidenceBinary.path] + arguments,
                                      in: directory, environment: environment)
        return TerminalRun(status: run.status, terminal: run.stdout,
                           stdout: String(decoding: try Data(contentsOf: stdoutFile), as: UTF8.self))
    }

    /// A case `c` and a folder `shots` of a few files.
    private func caseWithFiles(_ label: String) throws -> URL {
        let directory = try TestSupport.temporaryDirectory(label)
        let created = try TestSupport.evidence(["init", "c", "--title", "T", "--timezone", "UTC"], in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        let shots = directory.appendingPathComponent("shots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        for number in 1...4 {
            try Data(repeating: UInt8(number), count: 300_000).write(to: shots.appendingPathComponent("shot-\(number).bin"))
        }
        return directory
    }

    /// A line redrawn in place: `\r`, the erase-line escape, then the line itself (a pseudo-terminal turns each
    /// `\n` into `\r\n`, so a bare `\r` followed by the escape is the redraw).
    private func drawsProgress(_ terminal: String, _ verb: String) -> Bool {
        terminal.contains("\r\u{1B}[K\(verb): ") && terminal.contains(" files, ") && terminal.contains(" MB/s")
    }

    @Test func aLongCommandRedrawsItsLineOnATerminalAndNeverOnAPipe() throws {
        guard TestSupport.requireTool("python3") else { return }
        let directory = try caseWithFiles("progress")
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = ["EVIDENCEKIT_PROGRESS_AFTER": "0"]

        let add = try runOnTerminal(["add", "--case", "c", "shots"], in: directory, environment: long)
        #expect(add.status == 0, "\(add.terminal)")
        #expect(drawsProgress(add.terminal, "adding"), "\(add.terminal.debugDescription)")
        #expect(add.stdout.contains("4 added"), "\(add.stdout)")
        // Wiped before the command's last words: the terminal ends on an erased line, not on a progress line.
        #expect(add.terminal.hasSuffix("\r\u{1B}[K"), "\(add.terminal.debugDescription)")
        #expect(!add.stdout.contains("\r"))

        let seal = try runOnTerminal(["seal", "--case", "c", "--out", "b.zip", "--sealed-at", "2026-03-10T09:00:00Z"],
                                     in: directory, environment: long)
        #expect(seal.status == 0, "\(seal.terminal)")
        #expect(drawsProgress(seal.terminal, "sealing"), "\(seal.terminal.debugDescription)")

        let verify = try runOnTerminal(["verify", "b.zip"], in: directory, environment: long)
        #expect(verify.status == 0, "\(verify.terminal)")
        #expect(drawsProgress(verify.terminal, "verifying"), "\(verify.terminal.debugDescription)")
        #expect(verify.stdout.contains("Result: INTACT"))

        // The same commands into a pipe (a log, a script): not one byte of progress.
        let piped = try TestSupport.evidence(["verify", "b.zip"], in: directory, environment: long)
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty, "\(piped.stderr.debugDescription)")
        let pipedAdd = try TestSupport.evidence(["add", "--case", "c", "shots"], in: directory, environment: long)
        #expect(pipedAdd.status == 0)
        #expect(pipedAdd.stderr.isEmpty, "\(pipedAdd.stderr.debugDescription)")
    }

    @Test func aQuickCommandShowsNoLineEvenOnATerminal() throws {
        guard TestSupport.requireTool("python3") else { return }
        let directory = try caseWithFiles("progress-quick")
        defer { try? FileManager.default.removeItem(at: directory) }
        let add = try runOnTerminal(["add", "--case", "c", "shots"], in: directory)
        #expect(add.status == 0)
        #expect(add.terminal.isEmpty, "\(add.terminal.debugDescription)")
    }

    @Test func quietPrintsNothingOnSuccessAndStillNamesErrors() throws {
        guard TestSupport.requireTool("python3") else { return }
        let directory = try TestSupport.temporaryDirectory("quiet")
        defer { try? FileManager.default.removeItem(at: directory) }
        let shots = directory.appendingPathComponent("shots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        try Data("une capture\n".utf8).write(to: shots.appendingPathComponent("capture.txt"))
        let long = ["EVIDENCEKIT_PROGRESS_AFTER": "0"]
        let commands: [[String]] = [
            ["init", "c", "--title", "T", "--timezone", "UTC", "--quiet"],
            ["add", "--quiet", "--case", "c", "shots"],
            ["list", "--case", "c", "--quiet"],
            ["seal", "--case", "c", "--out", "b.zip", "--sealed-at", "2026-03-10T09:00:00Z", "--quiet"],
            ["verify", "--quiet", "b.zip"],
            ["inspect", "--quiet", "--timezone", "UTC", "shots/capture.txt"],
        ]
        for command in commands {
            // On a terminal, where the progress line would otherwise show.
            let run = try runOnTerminal(command, in: directory, environment: long)
            #expect(run.status == 0, "\(command): \(run.terminal)")
            #expect(run.terminal.isEmpty, "\(command): \(run.terminal.debugDescription)")
            #expect(run.stdout.isEmpty, "\(command): \(run.stdout)")
        }
        // The outcome is still in the exit code, and an error is still said.
        let missing = try TestSupport.evidence(["verify", "--quiet", "nothing-here.zip"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr.hasPrefix("error: "), "\(missing.stderr)")
    }
}
