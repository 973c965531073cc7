import EvidenceModel
import EvidenceCrypto
import Foundation

extension SummaryRenderer {
    /// The first page: what the case is, who assembled it, when it was sealed and with which key, what is in it,
    /// and what the seal proves and does not prove, then the contents.
    func cover(contents sections: [Section]) -> String {
        let info = manifest.case
        // A manifest read from elsewhere may carry text we cannot read as a time or a key: show it as it is.
        let sealed = RFC3339.parse(manifest.sealedAt).map { dates.dateTime($0.instant) } ?? manifest.sealedAt
        let fingerprint = KeyFingerprint(hex: manifest.signer.fingerprint)?.grouped ?? manifest.signer.fingerprint
        var html = "<header id=\"cover\">\n"
        if case .besideBundle = placement {
            html += "<p class=\"notice\">\(e(labels.besideCopyNote))</p>\n"
        }
        html += """
            <h1>\(e(info.title))</h1>
            <p>\(e(labels.coverIntro))</p>
            <dl class="facts">
            <dt>\(e(labels.reference))</dt><dd>\(e(info.identifier))</dd>
            <dt>\(e(labels.assembledBy))</dt><dd>\(assembledBy())</dd>
            <dt>\(e(labels.sealedAt))</dt><dd>\(e(sealed))</dd>

            """
        if case .besideBundle(let attested) = placement {
            if attested.isEmpty {
                html += "<dt>\(e(labels.attestedTime))</dt><dd>\(e(labels.noTrustedTimestamp))</dd>\n"
            }
            for time in attested {
                html += "<dt>\(e(labels.attestedTime))</dt><dd>\(e(dates.dateTime(time.time))) — \(e(time.authority))</dd>\n"
            }
        }
        html += """
            <dt>\(e(labels.timeZone))</dt><dd>\(e(info.timeZone))</dd>
            <dt>\(e(labels.itemCount))</dt><dd>\(numbers.format(manifest.items.count))\(countsByKind())</dd>
            <dt>\(e(labels.fingerprint))</dt><dd class="hash">\(e(fingerprint))</dd>
            <dt>\(e(labels.sealedWith))</dt><dd>\(e(manifest.tool.name)) \(e(manifest.tool.version))</dd>
            </dl>
            \(partiesList())<h2>\(e(labels.provesHeading))</h2>
            <p>\(e(labels.proves))</p>
            <h2>\(e(labels.doesNotProveHeading))</h2>
            <p>\(e(labels.doesNotProve))</p>

            """
        if placement == .insideBundle {
            html += "<p>\(e(labels.timeStampsElsewhere))</p>\n"
        }
        html += "<nav>\n<h2>\(e(labels.contents))</h2>\n<ol>\n"
        for section in sections {
            html += "<li><a href=\"#\(section.id)\">\(e(section.title))</a></li>\n"
        }
        return html + "</ol>\n</nav>\n</header>\n"
    }

    /// The people the case is about (`evidence party add`), each with their role and the accounts, numbers and
    /// addresses they use; nothing for a case that records none.
    private func partiesList() -> String {
        guard let parties = manifest.parties, !parties.isEmpty else { return "" }
        var html = "<h2>\(e(labels.parties))</h2>\n<ul class=\"parties\">\n"
        for party in parties {
            let role = switch party.role {
            case .victim: labels.partyVictim
            case .suspect: labels.partySuspect
            case .witness: labels.partyWitness
            case .other: labels.partyOther
            }
            let accounts = party.handles.map(\.description) + party.phones + party.emails
            html += "<li><b>\(e(party.name))</b> — \(e(role))"
                + (accounts.isEmpty ? "" : ": " + accounts.map(e).joined(separator: ", ")) + "</li>\n"
        }
        return html + "</ul>\n"
    }

    /// ` (Capture d'écran : 3 · Photo : 1)`: how many items of each kind, in the kinds' own order.
    private func countsByKind() -> String {
        let counts = EvidenceKind.allCases.compactMap { kind -> String? in
            let count = manifest.items.count(where: { $0.kind == kind })
            return count == 0 ? nil : e(kindName(kind)) + (language == .french ? " : " : ": ") + numbers.format(count)
        }
        return counts.isEmpty ? "" : " (" + counts.joined(separator: " · ") + ")"
    }

    /// Who assembled the case, as the custody journal's first entry (the case's creation, signed with the bundle)
    /// records it: the name given at `init --by`. The neutral word used when none was given is not a name.
    private func assembledBy() -> String {
        guard let bytes = files.prefix(of: BagLayout.custody, limit: SummaryLimits.journalBytes),
              let end = bytes.firstIndex(of: 0x0A),
              let entry = try? JSONDecoder().decode(CustodyJournal.Entry.self, from: Data(bytes[..<end])),
              entry.action == "case-created", entry.actor != CaseMetadata.unnamedActor
        else { return e(labels.assembledByUnknown) }
        return e(entry.actor)
    }
}
