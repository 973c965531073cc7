import Foundation
import Testing

/// The target graph is the architecture (Docs/architecture.md). This test fails on any edge it does not allow,
/// whether declared in Package.swift or written as an `import` in a source file.
@Suite struct ArchitectureTests {
    /// Every dependency each target may have: the package's own targets and the products of other packages.
    static let allowed: [String: Set<String>] = [
        "COpenSSL": [],
        "CEvidenceZlib": [],
        "CEvidenceJPEG": [],
        "CEvidencePNG": [],
        "CEvidenceWebP": [],
        "CEvidenceHEIF": [],
        "CEvidenceCRC32": [],
        "EvidenceCrypto": ["COpenSSL", "CEvidenceZlib", "CEvidenceCRC32"],
        "EvidenceModel": [],
        "EvidenceSystem": ["EvidenceModel"],
        "EvidenceParsers": ["EvidenceModel"],
        "EvidenceImaging": ["EvidenceModel", "CEvidenceJPEG", "CEvidencePNG", "CEvidenceWebP", "CEvidenceHEIF"],
        "EvidenceFormat": ["EvidenceModel", "EvidenceCrypto"],
        "EvidenceWorkspace": ["EvidenceModel", "EvidenceCrypto", "EvidenceSystem", "EvidenceParsers", "EvidenceFormat",
                              "EvidenceImaging", "ZIPFoundation", "GRDB"],
        "EvidenceVerify": ["EvidenceModel", "EvidenceCrypto", "EvidenceSystem", "EvidenceFormat"],
        "evidence": ["EvidenceModel", "EvidenceCrypto", "EvidenceSystem", "EvidenceParsers", "EvidenceFormat", "EvidenceWorkspace",
                     "EvidenceVerify", "ArgumentParser"],
    ]

    /// Modules that are not part of the graph (the standard library and the system's).
    static let systemModules: Set<String> = ["Foundation", "FoundationEssentials", "FoundationNetworking", "Dispatch", "Glibc", "Darwin",
                                             "Synchronization", "Testing", "XCTest"]

    struct Target: Decodable {
        var name: String
        var path: String
        var type: String
        var target_dependencies: [String]?
        var product_dependencies: [String]?
    }

    struct Description: Decodable {
        var targets: [Target]
    }

    static func describePackage() throws -> [Target] {
        // A scratch path of its own: the running `swift test` holds the lock on .build, and `describe` would wait on it.
        let scratch = try TestSupport.temporaryDirectory("describe")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/env"),
                                         ["swift", "package", "--scratch-path", scratch.path, "describe", "--type", "json"],
                                         in: TestSupport.packageRoot)
        try #require(result.status == 0, "swift package describe failed: \(result.stderr)")
        return try JSONDecoder().decode(Description.self, from: Data(result.stdout.utf8)).targets
    }

    /// The `import` lines of every Swift file under `folder`, with the file they are in.
    static func imports(under folder: URL) throws -> [(file: String, module: String)] {
        var found: [(String, String)] = []
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        for file in files {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                guard words.count >= 2, words[0] == "import" || (words[0] == "package" && words[1] == "import")
                else { continue }
                let module = String(words.last!).split(separator: ".").first.map(String.init) ?? ""
                found.append((file.lastPathComponent, module))
            }
        }
        return found
    }

    /// The edges one target has that the architecture does not allow (declared and imported).
    static func violations(of target: Target, allowed: [String: Set<String>]) throws -> [String] {
        guard let permitted = allowed[target.name] else {
            return ["\(target.name): a library target the architecture does not know; add it to Docs/architecture.md and this test"]
        }
        var problems: [String] = []
        let declared = (target.target_dependencies ?? []) + (target.product_dependencies ?? [])
        for dependency in declared where !permitted.contains(dependency) {
            problems.append("\(target.name) declares a dependency on \(dependency)")
        }
        let folder = TestSupport.packageRoot.appendingPathComponent(target.path)
        for (file, module) in try imports(under: folder)
        where !permitted.contains(module) && !systemModules.contains(module) && module != target.name {
            problems.append("\(target.name)/\(file) imports \(module)")
        }
        return problems
    }

    @Test func everyTargetUsesOnlyWhatTheArchitectureAllows() throws {
        let targets = try Self.describePackage().filter { $0.type != "test" }
        #expect(Set(targets.map(\.name)) == Set(Self.allowed.keys), "the targets are not the ones in Docs/architecture.md")
        var problems: [String] = []
        for target in targets { problems += try Self.violations(of: target, allowed: Self.allowed) }
        #expect(problems.isEmpty, "edges the architecture does not allow:\n\(problems.joined(separator: "\n"))")
    }

    /// The check itself can fail: a parser that imported the workspace, or the verifier that imported GRDB, is caught.
    @Test func aForbiddenEdgeIsCaught() throws {
        let targets = try Self.describePackage()
        let parsers = try #require(targets.first { $0.name == "EvidenceParsers" })
        var tightened = Self.allowed
        tightened["EvidenceParsers"] = []
        let problems = try Self.violations(of: parsers, allowed: tightened)
        #expect(problems.contains("EvidenceParsers declares a dependency on EvidenceModel"))
        #expect(problems.contains { $0.hasPrefix("EvidenceParsers/") && $0.hasSuffix("imports EvidenceModel") })

        var verify = try #require(targets.first { $0.name == "EvidenceVerify" })
        verify.product_dependencies = (verify.product_dependencies ?? []) + ["GRDB"]
        #expect(try Self.violations(of: verify, allowed: Self.allowed) == ["EvidenceVerify declares a dependency on GRDB"])
    }

    /// Raw pointers and direct C-library calls stay in EvidenceCrypto, the one system-call file and the image
    /// decoders (one file per C library, each type owning its pointers); the PDQ code beside them has none.
    @Test func rawPointersStayInCryptoTheSystemCallFileAndTheImageDecoders() throws {
        let sources = TestSupport.packageRoot.appendingPathComponent("Sources")
        let allowedFiles: Set<String> = ["EvidenceSystem/System/FileSystem.swift",
                                         "EvidenceImaging/System/JPEGDecoder.swift",
                                         "EvidenceImaging/System/PNGDecoder.swift",
                                         "EvidenceImaging/System/WebPDecoder.swift",
                                         "EvidenceImaging/System/HEIFDecoder.swift"]
        let forbidden = ["UnsafeBufferPointer", "UnsafeMutableBufferPointer", "UnsafeRawPointer", "UnsafeMutableRawPointer",
                         "UnsafeRawBufferPointer", "UnsafeMutableRawBufferPointer", "memchr(", "Glibc.", "Darwin.",
                         "unsafeUninitializedCapacity", "withUnsafeBytes", "withUnsafeBufferPointer"]
        var offenders: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        for file in files {
            let relative = String(file.path.dropFirst(sources.path.count + 1))
            if relative.hasPrefix("EvidenceCrypto/") || allowedFiles.contains(relative) { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for word in forbidden where text.contains(word) { offenders.append("\(relative): \(word)") }
        }
        #expect(offenders.isEmpty, "\(offenders.joined(separator: "\n"))")
    }
}
