import Foundation
import Testing
@testable import EvidenceModel
@testable import EvidenceSystem

/// `add` moves each staged copy into the object store with one rename that refuses a name already taken, instead
/// of looking (`lstat`) and then renaming: the store keeps the copy it has, and a failure still names the file.
@Suite struct RenameRefusingExistingTests {
    @Test func aFreeNameIsTakenAndTheSourceIsGone() throws {
        let directory = try TestSupport.temporaryDirectory("rename-refusing")
        let from = directory.appendingPathComponent("staged.part").path
        let to = directory.appendingPathComponent("object").path
        try Data("copy".utf8).write(to: URL(fileURLWithPath: from))
        #expect(try FileSystem.renameRefusingExisting(from, to: to))
        #expect(!FileSystem.exists(from))
        #expect(try Data(contentsOf: URL(fileURLWithPath: to)) == Data("copy".utf8))
    }

    @Test(arguments: ["file", "folder", "dangling symlink"])
    func aTakenNameIsLeftAsItIsAndTheSourceStays(_ taken: String) throws {
        let directory = try TestSupport.temporaryDirectory("rename-refusing")
        let from = directory.appendingPathComponent("staged.part").path
        let to = directory.appendingPathComponent("object").path
        try Data("new".utf8).write(to: URL(fileURLWithPath: from))
        switch taken {
        case "file": try Data("stored".utf8).write(to: URL(fileURLWithPath: to))
        case "folder": try FileManager.default.createDirectory(atPath: to, withIntermediateDirectories: false)
        default: try FileManager.default.createSymbolicLink(atPath: to, withDestinationPath: "/nonexistent/target")
        }
        #expect(try !FileSystem.renameRefusingExisting(from, to: to))
        #expect(try Data(contentsOf: URL(fileURLWithPath: from)) == Data("new".utf8))
        switch taken {
        case "file": #expect(try Data(contentsOf: URL(fileURLWithPath: to)) == Data("stored".utf8))
        case "folder": #expect(try FileSystem.linkStatus(to).isDirectory)
        default: #expect(try FileManager.default.destinationOfSymbolicLink(atPath: to) == "/nonexistent/target")
        }
    }

    @Test func aMissingFolderIsAnErrorNamingTheDestination() throws {
        let directory = try TestSupport.temporaryDirectory("rename-refusing")
        let from = directory.appendingPathComponent("staged.part").path
        let to = directory.appendingPathComponent("missing/object").path
        try Data("copy".utf8).write(to: URL(fileURLWithPath: from))
        let error = try #require(throws: IOError.self) { try FileSystem.renameRefusingExisting(from, to: to) }
        #expect(error.path == to)
        #expect(error.errno == ENOENT)
        #expect(FileSystem.exists(from))
    }
}
