import EvidenceModel
import EvidenceCrypto
import EvidenceParsers
import EvidenceFormat
import EvidenceWorkspace
import EvidenceVerify
import ArgumentParser
import Foundation

/// The zone for local times written without an offset, shared by every command that reads files outside a case:
/// `--timezone`, else the zone of the case (`--case`, or the current folder when it is a case), else the
/// system's zone. A zone that cannot be honoured stops the command (exit 2) rather than falling back to UTC:
/// Foundation quietly reads an unknown `TZ` (or the POSIX `:Area/City` spelling) as UTC.
enum ZoneChoice {
    /// Where the zone came from, in that order of precedence.
    enum Origin: Equatable {
        case option, inCase, system
    }

    /// The zone, where it came from, and its name as the person (or the case) wrote it: Foundation calls the zone
    /// given as `UTC` `GMT`, and what we print and record must be what the person gave.
    static func choose(timezone: String?, casePath: String?, command: String) throws -> (TimeZone, Origin, String) {
        // --case is checked even when --timezone wins, so a mistyped case path is never ignored.
        let caseZone = try caseTimeZone(casePath: casePath, command: command)
        if let timezone {
            switch TimeZoneName(timezone) {
            case .known(let name):
                guard let named = TimeZone(identifier: name) else { break }
                return (named, .option, name)
            case .unknown(let suggestions):
                try fail(TimeZoneName.problem(with: timezone, suggestions: suggestions), command: command)
            }
            try fail(TimeZoneName.problem(with: timezone, suggestions: []), command: command)
        }
        if let caseZone { return (caseZone.zone, .inCase, caseZone.name) }
        switch systemTimeZone(environment: ProcessInfo.processInfo.environment) {
        case .success(let zone): return (zone, .system, zone.identifier)
        case .failure(let error): try fail(error.message, command: command)
        }
    }

    /// The system's zone: `TZ` when set (an IANA name, optionally written `:Area/City` or as a path under
    /// `zoneinfo/`), else the zone the system is configured with.
    static func systemTimeZone(environment: [String: String]) -> Result<TimeZone, ZoneError> {
        guard var name = environment["TZ"], !name.isEmpty else { return .success(TimeZone.current) }
        if name.hasPrefix(":") { name.removeFirst() }
        if let range = name.range(of: "zoneinfo/") { name = String(name[range.upperBound...]) }
        guard let zone = TimeZone(identifier: name) else {
            return .failure(ZoneError(message: "the TZ environment variable \"\(environment["TZ"] ?? "")\" is not "
                + "an IANA time zone; pass --timezone (e.g. Europe/Brussels) so that local times are not "
                + "placed in the wrong zone"))
        }
        return .success(zone)
    }

    /// Said on standard error when local times were placed in this computer's zone, so nobody takes them for
    /// times the file gave with an offset.
    static func systemZoneNote(command: String, zoneName: String) -> String {
        "evidence \(command): local times without an offset were placed in this computer's time zone, \(zoneName) "
            + "(no --timezone given, not in a case); each is marked \"assumed\""
    }

    /// Why no zone could be chosen, as a sentence.
    struct ZoneError: Error {
        var message: String
    }

    /// The zone of the case named by --case, or of the case the current folder is in.
    private static func caseTimeZone(casePath: String?, command: String) throws -> (zone: TimeZone, name: String)? {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard let folder = casePath.map({ URL(fileURLWithPath: $0) }) ?? EvidenceCase.enclosingCase(of: here),
              EvidenceCase.isCase(folder) else {
            if let casePath { try fail("\(casePath) is not an EvidenceKit case", command: command) }
            return nil
        }
        let metadata: CaseMetadata
        do {
            metadata = try EvidenceCase.readMetadata(in: folder)
        } catch {
            try fail("cannot read the case's time zone: \(error)", command: command)
        }
        guard let zone = TimeZone(identifier: metadata.timeZone) else {
            try fail("the case at \(folder.path) names the time zone \"\(metadata.timeZone)\", which is not an "
                + "IANA zone on this system; pass --timezone", command: command)
        }
        return (zone, metadata.timeZone)
    }

    /// Says what is wrong on standard error and ends the command with exit code 2 (unusable input).
    private static func fail(_ message: String, command: String) throws -> Never {
        FileHandle.standardError.write(Data("error: \(command): \(message)\n".utf8))
        throw ExitCode(2)
    }
}
