import EvidenceModel
import EvidenceFormat
import Foundation
import GRDB

extension EvidenceCase {
    /// Records a person the case is about, journaled as `party-added` with what was recorded (`after.*`).
    ///
    /// For example:
    /// ```swift
    /// try evidenceCase.addParty(name: "Lucas", role: .suspect,
    ///                           handles: [CaseParty.Handle(platform: "instagram", identifier: "lucas.vdb")])
    /// ```
    ///
    /// - Returns: The party with its number.
    /// - Throws: ``CaseError`` with `.invalidOption` for an empty name, handle, phone number or address, or
    ///   `.alreadyExists` when a party of that name is already recorded.
    @discardableResult
    public func addParty(name: String, role: CaseParty.Role, handles: [CaseParty.Handle] = [], phones: [String] = [],
                         emails: [String] = [], now: Instant = .now()) throws -> CaseParty {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw CaseError(.invalidOption, "The party needs a name, e.g. `evidence party add \"Lucas\" --role suspect`.") }
        let phones = phones.map { $0.trimmingCharacters(in: .whitespaces) }
        let emails = emails.map { $0.trimmingCharacters(in: .whitespaces) }
        if let phone = phones.first(where: { CaseParty.comparablePhone($0).filter(\.isNumber).isEmpty }) {
            throw CaseError(.invalidOption, "--phone “\(phone)” holds no digits; give the number as written, e.g. --phone \"+32 470 12 34 56\".")
        }
        if let email = emails.first(where: { !$0.contains("@") }) {
            throw CaseError(.invalidOption, "--email “\(email)” is not an e-mail address (no @).")
        }
        return try changing(onWait: nil) {
            try index.database.write { db in
                if let same = try index.parties(in: db).first(where: { CaseParty.comparable($0.name) == CaseParty.comparable(name) }) {
                    throw CaseError(.alreadyExists, "Party #\(same.id) is already called “\(same.name)”; remove it first "
                                    + "(`evidence party remove \(same.id)`) to record it again.")
                }
                let party = CaseParty(id: try index.nextPartyID(in: db), name: name, role: role, handles: handles,
                                      phones: phones, emails: emails)
                var details = EvidenceCase.journalDetails(of: party, prefix: "after.")
                details["party"] = String(party.id)
                try index.insert(party, in: db)
                try index.appendCustody(action: "party-added", actor: actor, at: now, details: details, in: db)
                return party
            }
        }
    }

    /// Takes a party out of the case (a mistake, a duplicate), journaled as `party-removed` with what it recorded
    /// (`before.*`); its number is never reused.
    ///
    /// - Throws: ``CaseError`` with `.notFound` for an unknown party.
    @discardableResult
    public func removeParty(id: Int64, now: Instant = .now()) throws -> CaseParty {
        try changing(onWait: nil) {
            try index.database.write { db in
                guard let party = try index.parties(in: db).first(where: { $0.id == id }) else {
                    throw CaseError(.notFound, "The case has no party #\(id); `evidence party list` shows them.")
                }
                var details = EvidenceCase.journalDetails(of: party, prefix: "before.")
                details["party"] = String(party.id)
                try index.remove(partyID: id, in: db)
                try index.appendCustody(action: "party-removed", actor: actor, at: now, details: details, in: db)
                return party
            }
        }
    }

    /// The parties of the case, by number.
    public func parties() throws -> [CaseParty] { try index.parties() }

    /// A party as the journal records it, each list on one line (`instagram:lucas.vdb, whatsapp:Lucas`).
    static func journalDetails(of party: CaseParty, prefix: String) -> [String: String] {
        [prefix + "name": party.name, prefix + "role": party.role.rawValue,
         prefix + "handles": party.handles.map(\.description).joined(separator: ", "),
         prefix + "phones": party.phones.joined(separator: ", "), prefix + "emails": party.emails.joined(separator: ", ")]
    }
}
