import Foundation

/// Result of running a stock command-line tool.
struct ToolResult {
    let status: Int32
    let output: Data
    let errorText: String

    var outputText: String { String(decoding: output, as: UTF8.self) }
}

enum Tools {
    static let openSSL = "/usr/bin/openssl"
    static let sha256sum = "/usr/bin/sha256sum"

    static var haveOpenSSL: Bool { FileManager.default.isExecutableFile(atPath: openSSL) }
    static var haveSHA256Sum: Bool { FileManager.default.isExecutableFile(atPath: sha256sum) }

    /// Runs a tool with no standard input and returns its exit status and output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> ToolResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ToolResult(
            status: process.terminationStatus, output: outputData,
            errorText: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs `openssl` and fails the calling test with its error text when it exits non-zero.
    @discardableResult
    static func openssl(_ arguments: [String]) throws -> ToolResult {
        let result = try run(openSSL, arguments)
        guard result.status == 0 else {
            throw ToolFailure(description: "openssl \(arguments.joined(separator: " ")): \(result.errorText)")
        }
        return result
    }
}

struct ToolFailure: Error, CustomStringConvertible {
    let description: String
}

/// A fresh private folder, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("EvidenceCryptoTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Deterministic, non-repeating-looking bytes (a simple LCG) so large test files are reproducible.
func patternBytes(count: Int, seed: UInt32 = 0x1234_5678) -> [UInt8] {
    var state = seed
    var bytes = [UInt8](repeating: 0, count: count)
    for index in 0..<count {
        state = state &* 1_664_525 &+ 1_013_904_223
        bytes[index] = UInt8(truncatingIfNeeded: state >> 24)
    }
    return bytes
}
