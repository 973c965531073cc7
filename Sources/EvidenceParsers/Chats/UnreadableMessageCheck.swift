import EvidenceModel

/// The `message-unreadable` warning for each record whose sender, time or text cannot be read where its format
/// puts them. A silently empty record is the worst outcome for evidence: the record is still delivered (its
/// position in the export stays true), and the warning names the file, the record and what is missing.
struct UnreadableMessageCheck {
    /// Most warnings one export gets; the rest are counted in one last warning.
    static let maximumWarnings = 20

    let fileName: String
    private(set) var count = 0

    init(fileName: String) { self.fileName = fileName }

    /// Records a warning when any of `missing` (the names of the fields that could not be read) is present.
    mutating func check(index: Int, line: Int, missing: [String], warnings: inout [EvidenceWarning]) {
        guard !missing.isEmpty else { return }
        count &+= 1
        guard count <= Self.maximumWarnings else { return }
        warnings.append(EvidenceWarning(
            code: .messageUnreadable,
            message: "\(fileName): message \(index + 1) (line \(line)) has no readable "
                + missing.joined(separator: ", ") + "; it is kept with what could be read."))
    }

    /// The closing warning that counts the records past ``maximumWarnings``.
    func finish(warnings: inout [EvidenceWarning]) {
        guard count > Self.maximumWarnings else { return }
        warnings.append(EvidenceWarning(code: .messageUnreadable,
                                        message: "\(fileName): \(count - Self.maximumWarnings) more messages lack a "
                                            + "sender, time or text likewise."))
    }
}
