import EvidenceModel
import EvidenceSystem
import EvidenceParsers
import EvidenceFormat
import EvidenceCrypto
import Foundation
import GRDB

/// A case workspace on disk: the folder `evidence init` creates and every other command works in.
///
/// ```
/// my-case/
///   case.json              what the case is (title, zone, creation time)
///   index.sqlite           items, duplicate sightings, custody journal (one transaction per change)
///   keys/signer.key.pem    the case's Ed25519 key (0600), unless init --key named another
///   keys/signer.pub.pem
///   objects/sha256/ab/ab…  stored copies, named by their SHA-256, read-only
///   staging/               copies being written; emptied when no `add` is running
///   case.lock              locked (`flock`) while an `add` or `seal` changes the case
/// ```
public final class EvidenceCase: Sendable {
    public let folder: URL
    /// `folder.path`, computed once.
    let folderPath: String
    public let metadata: CaseMetadata
    public let timeZone: TimeZone
    let index: CaseIndex
    /// Who the custody journal says acts in this process, worked out once (see ``actor(named:)``).
    let actor: String

    static let metadataFileName = "case.json"

    /// True when `folder` holds a case.
    public static func isCase(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(metadataFileName).path)
    }

    /// The case `folder` is in: `folder` itself or the nearest folder above it holding a case, as git finds its
    /// repository from any subfolder; `nil` when there is none up to the root.
    public static func enclosingCase(of folder: URL) -> URL? {
        var candidate = folder.standardizedFileURL
        while true {
            if isCase(candidate) { return candidate }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { return nil }
            candidate = parent
        }
    }

    /// Creates a new case folder (which must not exist, or be empty) with its own Ed25519 key unless `externalKey` is given.
    ///
    /// - Parameters:
    ///   - typedZone: An IANA zone in any case (`europe/brussels`), recorded as the zone database spells it.
    ///   - actor: The name the custody journal records as who acted (`init --by`); without it, and without
    ///     `EVIDENCE_ACTOR`, the journal says ``CaseMetadata/unnamedActor``, never the computer's account name.
    ///   - recordingFullPaths: Record each original's absolute path instead of its path below what was given to
    ///     `add` (`init --record-full-paths`).
    ///   - keyPassphrase: Encrypts the case's own key with it (`init --passphrase`): PKCS#8, AES-256-CBC.
    ///   - externalKeyPassphrase: Asked for the passphrase of a key given with `init --key`, only when it has one.
    ///   - helpLines: Where the summary tells a victim to get help (`init --help-line`); empty for the Belgian
    ///     defaults of the summary's language.
    /// - Throws: ``CaseError`` when the folder is not empty, the zone is unknown or the key cannot be read.
    public static func create(at folder: URL, title: String, timeZone typedZone: String, identifier: String? = nil,
                              externalKey: URL? = nil, minorAtTime: Bool = false, language: String? = nil,
                              actor: String? = nil, recordingFullPaths: Bool = false, keyPassphrase: [UInt8]? = nil,
                              helpLines: [HelpLine] = [], externalKeyPassphrase: (() throws -> [UInt8])? = nil,
                              now: Instant = .now()) throws -> EvidenceCase {
        if keyPassphrase != nil, externalKey != nil {
            throw CaseError(.invalidOption, "--passphrase protects the key the case makes; a key given with --key "
                            + "stays as it is (protect it yourself, e.g. with `openssl pkcs8 -topk8 -v2 aes-256-cbc`).")
        }
        if let language, !TakedownLanguage.codes.contains(language) {
            throw CaseError(.invalidOption, "--language “\(language)” is not one of \(TakedownLanguage.codes.sorted().joined(separator: ", ")).")
        }
        let zoneName: String
        switch TimeZoneName(typedZone) {
        case .known(let name): zoneName = name
        case .unknown(let suggestions):
            throw CaseError(.invalidTimeZone, TimeZoneName.problem(with: typedZone, suggestions: suggestions))
        }
        let trimmedTitle = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmedTitle.isEmpty else { throw CaseError(.invalidOption, "The case needs a title (--title).") }
        let actor = actor?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let actor, actor.isEmpty { throw CaseError(.invalidOption, "--by needs a name, e.g. --by \"Camille Martin\".") }
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: folder.path) {
            let contents = (try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? ["?"]
            guard contents.isEmpty else {
                throw CaseError(.alreadyExists, "\(folder.path) already exists and is not empty; choose a new folder for the case.")
            }
        }
        var externalKeyPath: String?
        var externalFingerprint: KeyFingerprint?
        if let externalKey {
            externalFingerprint = try loadPrivateKey(at: externalKey.path, passphrase: externalKeyPassphrase).publicKey.fingerprint
            externalKeyPath = externalKey.standardizedFileURL.path
        }
        // Build the case in a hidden sibling and rename it into place, so a half-made case never looks like one.
        let parent = folder.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        let building = parent.appendingPathComponent(".\(folder.lastPathComponent).creating-\(UUID().uuidString)")
        do {
            for sub in ["keys", "objects/sha256", "staging"] {
                try fileManager.createDirectory(at: building.appendingPathComponent(sub), withIntermediateDirectories: true)
            }
            let fingerprint: KeyFingerprint
            if let externalFingerprint {
                fingerprint = externalFingerprint
            } else {
                let key = try Ed25519PrivateKey.generate()
                try key.writePEM(toNewFileAt: building.appendingPathComponent("keys/signer.key.pem").path,
                                 passphrase: keyPassphrase)
                try FileSystem.writeAtomically(Array(key.publicKey.pemRepresentation.utf8),
                                               to: building.appendingPathComponent("keys/signer.pub.pem").path)
                fingerprint = key.publicKey.fingerprint
            }
            var metadata = CaseMetadata(identifier: identifier ?? BagNaming.identifier(from: folder.lastPathComponent),
                                        title: trimmedTitle, timeZone: zoneName, createdAt: now,
                                        externalKeyPath: externalKeyPath, actor: actor,
                                        recordsFullPaths: recordingFullPaths)
            metadata.minorAtTime = minorAtTime ? true : nil
            metadata.language = language
            metadata.helpLines = helpLines.isEmpty ? nil : helpLines
            let encoder = JSONEncoder.evidenceKit(prettyPrinted: true)
            let index = try CaseIndex(path: building.appendingPathComponent("index.sqlite").path)
            var details = ["title": trimmedTitle, "timeZone": zoneName, "identifier": metadata.identifier,
                           "signerFingerprint": fingerprint.hex]
            if minorAtTime { details["minorAtTime"] = "true" }
            try index.database.write { db in
                _ = try index.appendCustody(action: "case-created", actor: EvidenceCase.actor(named: actor), at: now,
                                            details: details, in: db)
            }
            try index.database.close()
            // case.json last: its presence is what makes the folder a case.
            try FileSystem.writeAtomically(Array(try encoder.encode(metadata)) + [UInt8(ascii: "\n")],
                                           to: building.appendingPathComponent(metadataFileName).path)
            if fileManager.fileExists(atPath: folder.path) { try fileManager.removeItem(at: folder) }
            try FileSystem.rename(building.path, to: folder.path)
            try FileSystem.fsyncDirectory(parent.path)
        } catch {
            try? fileManager.removeItem(at: building)
            throw error
        }
        return try EvidenceCase(opening: folder)
    }

    /// Opens an existing case, clearing copies left half-written by an interrupted `add`.
    public init(opening folder: URL) throws {
        let metadata = try EvidenceCase.readMetadata(in: folder)
        let metadataURL = folder.appendingPathComponent(EvidenceCase.metadataFileName)
        guard let zone = TimeZone(identifier: metadata.timeZone) else {
            throw CaseError(.invalidTimeZone, "\(metadataURL.path) names an unknown time zone “\(metadata.timeZone)”.")
        }
        self.folder = folder
        self.folderPath = folder.path
        self.metadata = metadata
        self.timeZone = zone
        self.index = try CaseIndex(path: folder.appendingPathComponent("index.sqlite").path)
        self.actor = EvidenceCase.actor(named: metadata.actor)
        // Copies left by an interrupted `add` go, unless an `add` running now is writing them.
        if let lock = FileSystem.lockExclusivelyIfFree(lockPath) {
            defer { FileSystem.close(lock) }
            try clearStaging()
        }
    }

    /// The file whose `flock` serialises the changes to a case (`add`, `seal`) between processes.
    var lockPath: String { folder.appendingPathComponent("case.lock").path }

    /// Runs `body` holding the case's lock: a second `add` or `seal` on the same case waits for the first
    /// (and `onWait` says so) instead of racing it for `staging/` and the index.
    func changing<T>(onWait: (() -> Void)?, _ body: () throws -> T) throws -> T {
        FileSystem.reportFileSizeLimitAsError()
        let lock = try FileSystem.lockExclusively(lockPath) { onWait?() }
        defer { FileSystem.close(lock) }
        try clearStaging()
        return try body()
    }

    /// Empties `staging/` (only ever called holding the lock): what is there was left by a process that died.
    private func clearStaging() throws {
        let staging = folder.appendingPathComponent("staging")
        for leftover in (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? [] {
            try? FileManager.default.removeItem(at: staging.appendingPathComponent(leftover))
        }
        // Tools that keep no empty folders (git, some sync and zip tools) drop `staging/` when they copy a case.
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Reads a case's `case.json` only, without opening (or changing) anything else in the folder.
    public static func readMetadata(in folder: URL) throws -> CaseMetadata {
        let metadataURL = folder.appendingPathComponent(metadataFileName)
        guard let data = FileManager.default.contents(atPath: metadataURL.path) else {
            throw CaseError(.notACase, "\(folder.path) is not an EvidenceKit case (no case.json); create one with `evidence init`.")
        }
        let metadata: CaseMetadata
        do {
            metadata = try JSONDecoder().decode(CaseMetadata.self, from: data)
        } catch {
            throw CaseError(.corrupted, "\(metadataURL.path) cannot be read as case metadata: \(error)")
        }
        guard metadata.format == CaseMetadata.formatName else {
            throw CaseError(.corrupted, "\(metadataURL.path) has format “\(metadata.format)”; this tool reads \(CaseMetadata.formatName).")
        }
        return metadata
    }

    /// Every item, in the order they were added.
    public func items() throws -> [EvidenceItem] { try index.items() }

    /// Every item, in the order they were added, handed to `body` one at a time: what a listing of 100,000 items
    /// reads without holding them all.
    package func forEachItem(_ body: (EvidenceItem) throws -> Void) throws {
        try index.database.read { db in try index.forEachItem(in: db, body) }
    }

    /// The custody journal as JSON Lines bytes.
    public func custodyJournal() throws -> [UInt8] { try index.custodyJournal() }

    /// Where the stored copy of an item with this SHA-256 lives.
    public func storedCopy(sha256: String) -> URL { EvidenceCase.storedCopy(in: folder, sha256: sha256) }

    static func storedCopy(in folder: URL, sha256: String) -> URL {
        folder.appendingPathComponent("objects/sha256/\(sha256.prefix(2))/\(sha256)")
    }

    /// The path of ``storedCopy(sha256:)``, built without `URL`: a mailbox stores one object per message.
    func storedCopyPath(sha256: String) -> String {
        "\(folderPath)/objects/sha256/\(sha256.prefix(2))/\(sha256)"
    }

    /// What is wrong with the case folder itself: a broken journal chain, an item without its journal entry
    /// (an entry removed from the end), a stored copy that is gone. Empty when the case is sound.
    /// Stored copies are checked for presence here; `seal` re-hashes every byte as it writes.
    public func integrityProblems() throws -> [String] {
        // Item by item, never all at once: a case of 100,000 items is checked in little memory.
        try integrityProblems(journal: custodyJournal(), eachItem: forEachItem)
    }

    /// ``integrityProblems()`` of a journal and items already read (seal reads them once for everything).
    package func integrityProblems(journal: [UInt8], items: [EvidenceItem]) throws -> [String] {
        try integrityProblems(journal: journal, eachItem: items.forEach)
    }

    private func integrityProblems(journal: [UInt8],
                                   eachItem: ((EvidenceItem) throws -> Void) throws -> Void) throws -> [String] {
        var problems = CustodyJournal.problems(inJournal: journal).map { "custody journal \($0)" }
        var journaledItems: Set<String> = []
        for line in journal.split(separator: UInt8(ascii: "\n")) {
            guard let entry = CustodyJournal.entry(inLine: Array(line)),
                  entry.action == "item-added", let id = entry.details["item"] else { continue }
            journaledItems.insert(id)
        }
        try eachItem { item in
            if !journaledItems.contains(String(item.id)) {
                problems.append("item \(item.id) (\(item.originalName)) has no item-added entry in the custody journal")
            }
            if !FileManager.default.fileExists(atPath: storedCopy(sha256: item.sha256).path) {
                problems.append("the stored copy of item \(item.id) (\(item.originalName)) is missing")
            }
        }
        return problems
    }

    /// Items whose index record cannot be read, each named with the reason. Such an item is listed and sealed
    /// as rebuilt from its custody-journal entry (its bytes, name, size and acquisition time), with a warning,
    /// so one damaged record never hides the item nor blocks the rest of the case.
    public func damagedRecords() throws -> [String] {
        // Names only for the damaged records (rebuilt from the journal), read item by item.
        try damagedRecords(eachItem: forEachItem)
    }

    /// ``damagedRecords()`` named from items already read.
    package func damagedRecords(items: [EvidenceItem]) throws -> [String] {
        try damagedRecords(eachItem: items.forEach)
    }

    private func damagedRecords(eachItem: ((EvidenceItem) throws -> Void) throws -> Void) throws -> [String] {
        let records = try index.damagedRecords()
        guard !records.isEmpty else { return [] }
        let damaged = Set(records.map(\.id))
        var names: [Int64: String] = [:]
        try eachItem { item in
            if damaged.contains(item.id), names[item.id] == nil { names[item.id] = item.originalName }
        }
        return records.map { record in
            "the index record of item \(record.id) (\(names[record.id] ?? "unknown name")) cannot be read (\(record.reason)); "
                + "it is rebuilt from its custody-journal entry, its parsed times and contents are lost"
        }
    }

    /// The key that signs this case's bundles.
    ///
    /// - Parameter passphrase: Asked only when the key is protected by a passphrase (`init --passphrase`).
    /// - Throws: ``CaseError`` `.keyProblem` when the key cannot be read, is protected and no passphrase is given,
    ///   or the passphrase does not open it.
    public func signingKey(passphrase: (() throws -> [UInt8])? = nil) throws -> Ed25519PrivateKey {
        try EvidenceCase.loadPrivateKey(at: signingKeyPath, passphrase: passphrase)
    }

    /// True when the signing key is protected by a passphrase: `seal` and `takedown` then need one.
    public var signingKeyIsEncrypted: Bool {
        guard let data = FileManager.default.contents(atPath: signingKeyPath) else { return false }
        return String(decoding: data, as: UTF8.self).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
    }

    private var signingKeyPath: String {
        metadata.externalKeyPath ?? folder.appendingPathComponent("keys/signer.key.pem").path
    }

    static func loadPrivateKey(at path: String, passphrase: (() throws -> [UInt8])? = nil) throws -> Ed25519PrivateKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CaseError(.keyProblem, "\(path): cannot read the signing key.")
        }
        let pem = String(decoding: data, as: UTF8.self)
        var secret: [UInt8]?
        defer { if secret != nil { Passphrase.wipe(&secret!) } }
        if pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
            guard let passphrase else {
                throw CaseError(.keyProblem, "\(path): the signing key is protected by a passphrase; run this on a "
                                + "terminal to be asked for it, or set EVIDENCE_KEY_PASSPHRASE.")
            }
            secret = try passphrase()
        }
        do {
            return try Ed25519PrivateKey(pemRepresentation: pem, passphrase: secret)
        } catch let error as CryptoError where error.code == .wrongPassphrase {
            throw CaseError(.keyProblem, "\(path): the passphrase does not open the signing key; try again "
                            + "(check EVIDENCE_KEY_PASSPHRASE if you set it).")
        } catch {
            throw CaseError(.keyProblem, "\(path): not an Ed25519 private key in PEM form (\(error)).")
        }
    }

    /// Appends a journal entry in its own transaction.
    func journal(_ action: String, details: [String: String], at instant: Instant = .now()) throws {
        try index.database.write { db in
            _ = try index.appendCustody(action: action, actor: actor, at: instant, details: details, in: db)
        }
    }
}

extension EvidenceCase {
    /// Who is acting, for the custody journal: `EVIDENCE_ACTOR` when set (someone helping the person who made
    /// the case), else the case's name (`init --by`), else ``CaseMetadata/unnamedActor``. Never the computer's
    /// account name: a sealed bundle carries the journal to everyone who reads it.
    static func actor(named caseActor: String?) -> String {
        if let actor = ProcessInfo.processInfo.environment["EVIDENCE_ACTOR"], !actor.isEmpty { return actor }
        if let caseActor, !caseActor.isEmpty { return caseActor }
        return CaseMetadata.unnamedActor
    }
}
