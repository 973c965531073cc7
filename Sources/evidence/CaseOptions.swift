import EvidenceModel
import EvidenceCrypto
import EvidenceParsers
import EvidenceFormat
import EvidenceWorkspace
import EvidenceVerify
import ArgumentParser
import Foundation

/// `--case DIR`, shared by every command that works on a case; defaults to the case holding the current folder
/// (found by looking up, as git finds its repository).
struct CaseOptions: ParsableArguments {
    @Option(name: .customLong("case"), help: "The case folder (default: the case the current folder is in).")
    var casePath: String?

    func openCase() throws -> EvidenceCase {
        if let casePath {
            let folder = URL(fileURLWithPath: casePath)
            guard EvidenceCase.isCase(folder) else {
                throw UsageFailure("\(folder.path) is not an EvidenceKit case (no case.json); check --case, or create "
                                   + "the case with `evidence init DIR --title … --timezone …`.")
            }
            return try EvidenceCase(opening: folder)
        }
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard let folder = EvidenceCase.enclosingCase(of: here) else {
            throw UsageFailure("The current folder is not an EvidenceKit case, nor inside one. Run `evidence init DIR "
                               + "--title …` first, or pass --case DIR.")
        }
        return try EvidenceCase(opening: folder)
    }
}

/// `1 item`, `2 items`: a count with its noun in the right number (English nouns that take an `s`).
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

/// A failure that is the user's input, not ours: printed as one sentence, exit code 2.
struct UsageFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a command body, turning our typed errors into a message on standard error and exit code 2.
func runReportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as ValidationError {
        throw error
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode(2)
    }
}

/// Prints JSON with sorted keys and readable indentation.
func printJSON<T: Encodable>(_ value: T) throws {
    FileHandle.standardOutput.write(try JSONEncoder.evidenceKit(prettyPrinted: true).encode(value) + Data("\n".utf8))
}

/// The plain reason behind a file error (`No such file or directory`, `Permission denied`), not Foundation's
/// wrapped description, so a person reads what went wrong with their file.
func plainReason(_ error: any Error) -> String {
    if let error = error as? IOError { return error.reason }
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
    if nsError.domain == NSCocoaErrorDomain {
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "No such file or directory"
        case .fileReadNoPermission, .fileWriteNoPermission: return "Permission denied"
        default: break
        }
    }
    return "\(error)"
}

/// `text` as a person can paste it into a shell: unchanged when it is only safe characters, else in single quotes.
func shellQuoted(_ text: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-+:=@,")
    if text.isEmpty { return "''" }
    if text.allSatisfy(safe.contains) { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
