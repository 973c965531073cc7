import Foundation
import Testing

/// Helpers shared by the tests: fixture lookup, temporary folders and running the built `evidence` binary.
enum TestSupport {
    /// The package's root folder (for `Docs/` and `SampleEvidence/`, which are not test resources).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture file under `Tests/EvidenceKitTests/Fixtures/`, e.g. `fixture("Media/screenshot-ios.png")`.
    static func fixture(_ relativePath: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(relativePath)
    }

    static func fixtureBytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixture(relativePath)))
    }

    /// A fresh, empty folder, inside this test process's own folder (``processScratch``).
    ///
    /// Tests need not remove it: the next test run removes the folders of every test process that has ended, so
    /// repeated runs (hundreds of cases, a few hundred MB each for the crash tests) cannot fill the disk.
    static func temporaryDirectory(_ label: String = "test") throws -> URL {
        let url = processScratch.appendingPathComponent("evidencekit-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `$TMPDIR/evidencekit-tests/<pid>`, made once per test process after removing the folders of test
    /// processes that no longer run (a `<pid>` with no `/proc/<pid>`).
    static let processScratch: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("evidencekit-tests")
        let ownPID = ProcessInfo.processInfo.processIdentifier
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] {
            guard let pid = Int32(name), pid != ownPID, !FileManager.default.fileExists(atPath: "/proc/\(pid)") else { continue }
            try? FileManager.default.removeItem(at: root.appendingPathComponent(name))
        }
        let folder = root.appendingPathComponent(String(ownPID))
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    /// The `evidence` executable built beside the test bundle.
    static var evidenceBinary: URL {
        var directory = Bundle.module.bundleURL.deletingLastPathComponent()
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("evidence")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("evidence")
    }

    struct ProcessResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to completion and captures its output. `environment` entries are added to the current one.
    @discardableResult
    static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil,
                    environment: [String: String] = [:]) throws -> ProcessResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a chatty child cannot block on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs the built `evidence` binary.
    @discardableResult
    static func evidence(_ arguments: [String], in directory: URL? = nil,
                         environment: [String: String] = [:]) throws -> ProcessResult {
        try run(evidenceBinary, arguments, in: directory, environment: environment)
    }

    /// Runs a tool found on `PATH` (`openssl`, `sha256sum`, `exiftool`, `bagit.py`).
    @discardableResult
    static func tool(_ name: String, _ arguments: [String], in directory: URL? = nil) throws -> ProcessResult {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments, in: directory)
    }

    /// True under CI and under `scripts/test.sh`, which install every outside tool: a missing one is then a failure.
    static var toolsRequired: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["CI"] == "true" || environment["EVIDENCEKIT_REQUIRE_TOOLS"] == "1"
    }

    /// True when a tool is on `PATH`. Under CI (`CI=true`) a missing tool is a failure, not a skip:
    /// `.ci/run` installs every tool the tests call.
    static func requireTool(_ name: String) -> Bool {
        if hasTool(name) { return true }
        if toolsRequired {
            Issue.record("\(name) is not installed; scripts/test.sh installs it")
        }
        return false
    }

    /// True when a tool is on `PATH`.
    static func hasTool(_ name: String) -> Bool {
        (try? run(URL(fileURLWithPath: "/usr/bin/env"), ["sh", "-c", "command -v \(name)"]).status) == 0
    }
}
