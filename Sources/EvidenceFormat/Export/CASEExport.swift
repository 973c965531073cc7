import EvidenceModel
import EvidenceCrypto
import Foundation

/// The bundle as a CASE 1.5.0 / UCO 1.5.0 JSON-LD graph (`case.jsonld`), the exchange format of forensic tools.
///
/// Each item is a `uco-observable:File` (a `FileFacet` with its name, path in the bag and size, a `ContentDataFacet`
/// with its media type and SHA-256 as a `uco-types:Hash`) with a `case-investigation:ProvenanceRecord` holding its
/// exhibit number; a file found inside another (a chat export's media, an e-mail's attachment) is tied to it by a
/// `uco-observable:ObservableRelationship` `Contained_Within`. Each custody-journal entry is a
/// `case-investigation:InvestigativeAction` (its time and actor, the item it acquired), and so is the sealing.
/// Conversations are `uco-observable:MessageThread`s of `uco-observable:Message`s (`MessageFacet`: text, sent time,
/// author as a `DigitalAccount`), a mailbox's of `EmailMessage`s, each `Contained_Within` its export; a single e-mail
/// is an `EmailMessage` (From, To, Cc as `EmailAddress`es, subject, Message-ID, sent time). The signature over the
/// manifest is a `DigitalSignatureInfo` naming the signer key's fingerprint; each trusted time-stamp that verified is
/// an `InvestigativeAction` performed by its authority (a `uco-identity:Organization`) at the attested time. Parties
/// are `uco-identity:Person`s with a `uco-role:Role` and their accounts. The first node, a `uco-core:Annotation`,
/// states whether the bundle verified.
public enum CASEExport {
    /// The JSON-LD document: bytes in, bytes out (the same input gives the same bytes).
    public static func document(_ input: ExportInput) -> [UInt8] {
        var graph = Graph(base: "urn:evidencekit:" + percentEncoded(input.manifest.case.identifier) + ":")
        graph.build(input)
        let context: [String: CanonicalJSON.Value] = [
            "case-investigation": .string("https://ontology.caseontology.org/case/investigation/"),
            "co": .string("http://purl.org/co/"),
            "kb": .string(graph.base),
            "uco-action": .string("https://ontology.unifiedcyberontology.org/uco/action/"),
            "uco-core": .string("https://ontology.unifiedcyberontology.org/uco/core/"),
            "uco-identity": .string("https://ontology.unifiedcyberontology.org/uco/identity/"),
            "uco-observable": .string("https://ontology.unifiedcyberontology.org/uco/observable/"),
            "uco-role": .string("https://ontology.unifiedcyberontology.org/uco/role/"),
            "uco-tool": .string("https://ontology.unifiedcyberontology.org/uco/tool/"),
            "uco-types": .string("https://ontology.unifiedcyberontology.org/uco/types/"),
            "xsd": .string("http://www.w3.org/2001/XMLSchema#"),
        ]
        let nodes = graph.nodes.map { withUUIDs($0, base: graph.base) }
        return CanonicalJSON.pretty(.object(["@context": .object(context), "@graph": .array(nodes)])) + [0x0A]
    }

    /// UCO suggests that every node's IRI end with a UUID (and `case_validate` reports each one that does not): each
    /// `kb:` identifier gets one derived from the case and the identifier (the first 16 bytes of their SHA-256,
    /// marked as a name-based version 5 UUID), so the same bundle always gives the same graph.
    static func withUUIDs(_ value: CanonicalJSON.Value, base: String) -> CanonicalJSON.Value {
        switch value {
        case .object(let members):
            return .object(Dictionary(uniqueKeysWithValues: members.map { key, member in
                if key == "@id", case .string(let id) = member, id.hasPrefix("kb:") {
                    return (key, .string(id + "-" + nameBasedUUID(base + id)))
                }
                return (key, withUUIDs(member, base: base))
            }))
        case .array(let elements):
            return .array(elements.map { withUUIDs($0, base: base) })
        default:
            return value
        }
    }

    static func nameBasedUUID(_ name: String) -> String {
        var bytes = Array(SHA256.hash(Array(name.utf8)).bytes.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    /// The export's files: `case.jsonld` and the `README.txt` that states the verdict first.
    public static func files(_ input: ExportInput) -> [(name: String, bytes: [UInt8])] {
        let readme = input.readme(files: [
            ("case.jsonld", "the bundle as a CASE 1.5.0 / UCO 1.5.0 JSON-LD graph: items as uco-observable:File with their SHA-256, "
             + "exhibit numbers as case-investigation:ProvenanceRecord, the custody journal and the sealing as "
             + "case-investigation:InvestigativeAction, conversations as uco-observable:MessageThread of "
             + "uco-observable:Message, e-mails as uco-observable:EmailMessage, the signature and signer key fingerprint "
             + "as uco-observable:DigitalSignatureInfo, trusted timestamps as actions of their authority, parties as "
             + "uco-identity:Person with a uco-role:Role and their accounts; its first node (a uco-core:Annotation) "
             + "repeats the verdict above."),
        ], extra: [])
        return [("README.txt", readme), ("case.jsonld", document(input))]
    }

    /// Keeps an identifier usable inside an IRI: unreserved characters stay, every other byte is `%XX`.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, CharacterSet.alphanumerics.contains(scalar) || "-._~".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// The graph's nodes, built in a fixed order.
    struct Graph {
        let base: String
        var nodes: [CanonicalJSON.Value] = []
        var identities: [String: String] = [:]
        var accounts: [String: String] = [:]
        var emailAddresses: [String: String] = [:]
        var organizations: [String: String] = [:]

        init(base: String) { self.base = base }

        static func reference(_ id: String) -> CanonicalJSON.Value { .object(["@id": .string(id)]) }
        static func typed(_ value: String, _ type: String) -> CanonicalJSON.Value {
            .object(["@type": .string(type), "@value": .string(value)])
        }

        mutating func add(_ id: String, _ type: String, _ properties: [String: CanonicalJSON.Value]) {
            var node = properties
            node["@id"] = .string(id)
            node["@type"] = .string(type)
            nodes.append(.object(node))
        }

        mutating func identity(_ name: String) -> String {
            if let id = identities[name] { return id }
            let id = "kb:identity-\(identities.count + 1)"
            identities[name] = id
            add(id, "uco-identity:Identity", ["uco-core:name": .string(name)])
            return id
        }

        mutating func account(item: Int64, author: String) -> String {
            let key = "\(item)\u{0}\(author)"
            if let id = accounts[key] { return id }
            let id = "kb:account-\(item)-\(accounts.count + 1)"
            accounts[key] = id
            add(id, "uco-observable:DigitalAccount", ["uco-core:hasFacet": .array([.object([
                "@id": .string(id + "-facet"), "@type": .string("uco-observable:DigitalAccountFacet"),
                "uco-observable:displayName": .string(author)])])])
            return id
        }

        mutating func relate(_ source: String, within target: String, id: String) {
            add(id, "uco-observable:ObservableRelationship", [
                "uco-core:source": Self.reference(source), "uco-core:target": Self.reference(target),
                "uco-core:kindOfRelationship": .string("Contained_Within"), "uco-core:isDirectional": .bool(true)])
        }

        /// One `EmailAddress` node per address (compared without case), shared by e-mails and parties.
        mutating func emailAddress(_ address: String, displayName: String? = nil) -> String {
            let key = address.lowercased()
            if let id = emailAddresses[key] { return id }
            let id = "kb:email-address-\(emailAddresses.count + 1)"
            emailAddresses[key] = id
            var facet: [String: CanonicalJSON.Value] = [
                "@id": .string(id + "-facet"), "@type": .string("uco-observable:EmailAddressFacet"),
                "uco-observable:addressValue": .string(address)]
            if let displayName { facet["uco-observable:displayName"] = .string(displayName) }
            add(id, "uco-observable:EmailAddress", ["uco-core:hasFacet": .array([.object(facet)])])
            return id
        }

        /// The addresses of a header (`From`, `To`, `Cc`) as references to their `EmailAddress` nodes.
        mutating func emailAddresses(in header: String?) -> [CanonicalJSON.Value] {
            MailboxList(header ?? "").mailboxes.map { Self.reference(emailAddress($0.address, displayName: $0.name)) }
        }

        /// The signature over `manifest.json`, with the signer key's fingerprint: a `DigitalSignatureInfo`.
        mutating func addSignature(_ input: ExportInput) {
            let signer = input.manifest.signer
            add("kb:manifest-signature", "uco-observable:DigitalSignatureInfo", [
                "uco-core:name": .string("evidence/manifest.json.sig"),
                "uco-core:hasFacet": .array([.object([
                    "@id": .string("kb:manifest-signature-facet"), "@type": .string("uco-observable:DigitalSignatureInfoFacet"),
                    "uco-observable:signatureExists": .bool(true),
                    "uco-observable:signatureVerified": .bool(input.verified),
                    "uco-observable:signatureDescription": .string(
                        "\(signer.algorithm) signature of evidence/manifest.json's exact bytes; signer key (\(signer.publicKey)) "
                        + "fingerprint SHA-256 \(signer.fingerprint)")])])])
        }

        /// Each trusted time-stamp that verified: the authority (an `Organization`) attesting, at its time, that the
        /// signed manifest existed.
        mutating func addTimeStamps(_ input: ExportInput) {
            for (position, stamp) in input.timeStamps.enumerated() {
                let authority: String
                if let id = organizations[stamp.authority] {
                    authority = id
                } else {
                    authority = "kb:time-stamp-authority-\(organizations.count + 1)"
                    organizations[stamp.authority] = authority
                    add(authority, "uco-identity:Organization", ["uco-core:name": .string(stamp.authority)])
                }
                add("kb:trusted-timestamp-\(position + 1)", "case-investigation:InvestigativeAction", [
                    "uco-core:name": .string("trusted timestamp"),
                    "uco-action:endTime": Self.typed(stamp.attestedAt, "xsd:dateTime"),
                    "uco-action:performer": Self.reference(authority),
                    "uco-action:object": .array([Self.reference("kb:manifest-signature")]),
                    "uco-core:description": .string(
                        "RFC 3161 time-stamp token \(stamp.path) (serial \(stamp.serialNumber)) over the SHA-256 of "
                        + "evidence/manifest.json: \(stamp.authority) attests it existed at \(stamp.attestedAt); "
                        + (stamp.authorityTrusted ? "the authority was checked against the trusted list given to verify."
                                                  : "the authority was not checked against a trusted list."))])
            }
        }

        /// Each party as a `uco-identity:Person` with its `uco-role:Role` (a `Has_Role` relationship) and its accounts:
        /// a `DigitalAccount` per handle, a `PhoneAccount` per number, an `EmailAccount` per address, each owned by
        /// the person.
        mutating func addParties(_ parties: [CaseParty]) {
            var roles: [CaseParty.Role: String] = [:]
            for party in parties {
                let person = "kb:party-\(party.id)"
                add(person, "uco-identity:Person", ["uco-core:name": .string(party.name)])
                let role: String
                if let id = roles[party.role] {
                    role = id
                } else {
                    role = "kb:role-\(party.role.rawValue)"
                    roles[party.role] = role
                    add(role, "uco-role:Role", ["uco-core:name": .string(party.role.rawValue)])
                }
                add("\(person)-has-role", "uco-core:Relationship", [
                    "uco-core:source": Self.reference(person), "uco-core:target": Self.reference(role),
                    "uco-core:kindOfRelationship": .string("Has_Role"), "uco-core:isDirectional": .bool(true)])
                func accountFacet(_ id: String, _ identifier: String) -> CanonicalJSON.Value {
                    .object(["@id": .string(id + "-account-facet"), "@type": .string("uco-observable:AccountFacet"),
                             "uco-observable:accountIdentifier": .string(identifier),
                             "uco-observable:owner": Self.reference(person)])
                }
                for (position, handle) in party.handles.enumerated() {
                    let id = "\(person)-handle-\(position + 1)"
                    add(id, "uco-observable:DigitalAccount", [
                        "uco-core:name": .string(handle.description),
                        "uco-core:hasFacet": .array([accountFacet(id, handle.identifier), .object([
                            "@id": .string(id + "-digital-account-facet"), "@type": .string("uco-observable:DigitalAccountFacet"),
                            "uco-observable:displayName": .string(handle.identifier)])])])
                }
                for (position, phone) in party.phones.enumerated() {
                    let id = "\(person)-phone-\(position + 1)"
                    add(id, "uco-observable:PhoneAccount", ["uco-core:hasFacet": .array([accountFacet(id, phone), .object([
                        "@id": .string(id + "-phone-account-facet"), "@type": .string("uco-observable:PhoneAccountFacet"),
                        "uco-observable:phoneNumber": .string(phone)])])])
                }
                for (position, address) in party.emails.enumerated() {
                    let id = "\(person)-email-\(position + 1)"
                    let addressNode = emailAddress(address)
                    add(id, "uco-observable:EmailAccount", ["uco-core:hasFacet": .array([accountFacet(id, address), .object([
                        "@id": .string(id + "-email-account-facet"), "@type": .string("uco-observable:EmailAccountFacet"),
                        "uco-observable:emailAddress": Self.reference(addressNode)])])])
                }
            }
        }

        /// A single e-mail's headers as a `uco-observable:EmailMessage` contained within its file.
        mutating func addEmail(_ email: EmailSummary, of item: EvidenceManifest.Item) {
            let id = "kb:item-\(item.id)-email"
            var facet: [String: CanonicalJSON.Value] = [
                "@id": .string(id + "-facet"), "@type": .string("uco-observable:EmailMessageFacet")]
            if let from = emailAddresses(in: email.from).first { facet["uco-observable:from"] = from }
            let to = emailAddresses(in: email.to), cc = emailAddresses(in: email.cc)
            if !to.isEmpty { facet["uco-observable:to"] = .array(to) }
            if !cc.isEmpty { facet["uco-observable:cc"] = .array(cc) }
            if let subject = email.subject { facet["uco-observable:subject"] = .string(subject) }
            if let messageID = email.messageID { facet["uco-observable:messageID"] = .string(messageID) }
            if let sent = item.timestamps.first(where: { $0.source == .emailHeader }) {
                facet["uco-observable:sentTime"] = Self.typed(sent.value, "xsd:dateTime")
            }
            add(id, "uco-observable:EmailMessage", ["uco-core:hasFacet": .array([.object(facet)])])
            relate(id, within: "kb:item-\(item.id)", id: id + "-within")
        }

        /// A conversation's derived lines as a `uco-observable:MessageThread` of `Message`s (a mailbox's as
        /// `EmailMessage`s): each with its text, sent time and author account, the thread naming its participants.
        mutating func addConversation(of item: EvidenceManifest.Item, input: ExportInput) {
            let isMailbox = item.conversation?.platform == .email
            var messages: [CanonicalJSON.Value] = []
            var participants: [String] = []
            for path in (item.derived ?? []).filter({ $0.role == "messages" }).map(\.path) {
                for message in input.messages[path] ?? [] {
                    let id = "kb:item-\(item.id)-message-\(message.index)"
                    if isMailbox {
                        var facet: [String: CanonicalJSON.Value] = [
                            "@id": .string(id + "-facet"), "@type": .string("uco-observable:EmailMessageFacet"),
                            "uco-observable:body": .string(message.text)]
                        if let time = message.timestamp { facet["uco-observable:sentTime"] = Self.typed(time.value, "xsd:dateTime") }
                        if let from = emailAddresses(in: message.author).first { facet["uco-observable:from"] = from }
                        if let subject = message.thread { facet["uco-observable:subject"] = .string(subject) }
                        if let messageID = message.messageID { facet["uco-observable:messageID"] = .string(messageID) }
                        add(id, "uco-observable:EmailMessage", ["uco-core:hasFacet": .array([.object(facet)])])
                    } else {
                        var facet: [String: CanonicalJSON.Value] = [
                            "@id": .string(id + "-facet"), "@type": .string("uco-observable:MessageFacet"),
                            "uco-observable:messageText": .string(message.text),
                            "uco-observable:messageType": .string(message.kind.rawValue)]
                        if let time = message.timestamp { facet["uco-observable:sentTime"] = Self.typed(time.value, "xsd:dateTime") }
                        if let author = message.author {
                            let account = account(item: item.id, author: author)
                            facet["uco-observable:from"] = Self.reference(account)
                            if !participants.contains(account) { participants.append(account) }
                        }
                        add(id, "uco-observable:Message", ["uco-core:hasFacet": .array([.object(facet)])])
                    }
                    relate(id, within: "kb:item-\(item.id)", id: id + "-within")
                    messages.append(Self.reference(id))
                }
            }
            guard !messages.isEmpty else { return }
            let thread = "kb:item-\(item.id)-thread"
            add(thread + "-messages", "uco-types:Thread", ["co:element": .array(messages)])
            var facet: [String: CanonicalJSON.Value] = [
                "@id": .string(thread + "-facet"), "@type": .string("uco-observable:MessageThreadFacet"),
                "uco-observable:messageThread": Self.reference(thread + "-messages")]
            if !participants.isEmpty { facet["uco-observable:participant"] = .array(participants.map(Self.reference)) }
            var properties: [String: CanonicalJSON.Value] = ["uco-core:hasFacet": .array([.object(facet)])]
            if let title = item.conversation?.title { properties["uco-core:name"] = .string(title) }
            add(thread, "uco-observable:MessageThread", properties)
            relate(thread, within: "kb:item-\(item.id)", id: thread + "-within")
        }

        mutating func build(_ input: ExportInput) {
            let manifest = input.manifest
            add("kb:export-verification", "uco-core:Annotation", [
                "uco-core:statement": .array([.string("EvidenceKit: " + input.verdict)] + input.problems.map(CanonicalJSON.Value.string)),
                "uco-core:object": .array([Self.reference("kb:sealing")])])
            add("kb:tool", "uco-tool:Tool", ["uco-core:name": .string(manifest.tool.name),
                                              "uco-tool:version": .string(manifest.tool.version)])
            var provenance: [Int64: String] = [:]
            for item in manifest.items {
                let file = "kb:item-\(item.id)"
                var fileFacet: [String: CanonicalJSON.Value] = [
                    "@id": .string(file + "-file-facet"), "@type": .string("uco-observable:FileFacet"),
                    "uco-observable:fileName": .string(item.originalName),
                    "uco-observable:filePath": .string(item.path),
                    "uco-observable:sizeInBytes": Self.typed(String(item.size), "xsd:integer")]
                if let modified = item.modifiedAt {
                    fileFacet["uco-observable:modifiedTime"] = Self.typed(RFC3339.format(modified, offsetSeconds: 0), "xsd:dateTime")
                }
                var properties: [String: CanonicalJSON.Value] = [
                    "uco-core:hasFacet": .array([.object(fileFacet), .object([
                        "@id": .string(file + "-content-facet"), "@type": .string("uco-observable:ContentDataFacet"),
                        "uco-observable:mimeType": .string(item.mediaType),
                        "uco-observable:sizeInBytes": Self.typed(String(item.size), "xsd:integer"),
                        "uco-observable:hash": .array([.object([
                            "@id": .string(file + "-sha256"), "@type": .string("uco-types:Hash"),
                            "uco-types:hashMethod": .string("SHA256"),
                            "uco-types:hashValue": Self.typed(item.sha256.uppercased(), "xsd:hexBinary")])])])]),
                    "uco-core:tag": .array(([item.kind.rawValue] + (item.sensitive ? ["sensitive"] : [])).map(CanonicalJSON.Value.string)),
                ]
                var description = item.timestamps.map { "\(CSVExport.describeSource($0)): \($0.value)" }
                if let best = item.best { description.insert("best time: \(best.value) (\(CSVExport.describeSource(best)))", at: 0) }
                if let note = item.note { description.append("note: \(note)") }
                if !description.isEmpty { properties["uco-core:description"] = .string(description.joined(separator: "\n")) }
                add(file, "uco-observable:File", properties)
                provenance[item.id] = "kb:provenance-\(item.id)"
                add("kb:provenance-\(item.id)", "case-investigation:ProvenanceRecord", [
                    "case-investigation:exhibitNumber": .string(String(item.id)),
                    "uco-core:object": .array([Self.reference(file)])])
                if let parent = item.parentID {
                    relate(file, within: "kb:item-\(parent)", id: "kb:item-\(item.id)-within-\(parent)")
                }
            }
            for entry in input.custody {
                var properties: [String: CanonicalJSON.Value] = [
                    "uco-core:name": .string(entry.action),
                    "uco-action:endTime": Self.typed(entry.at, "xsd:dateTime"),
                    "uco-action:performer": Self.reference(identity(entry.actor)),
                    "uco-core:description": .string(entry.details.keys.sorted().map { "\($0)=\(entry.details[$0] ?? "")" }
                        .joined(separator: "\n"))]
                if let item = entry.details["item"].flatMap(Int64.init), let record = provenance[item] {
                    properties["uco-action:result"] = .array([Self.reference(record)])
                }
                add("kb:custody-\(entry.seq)", "case-investigation:InvestigativeAction", properties)
            }
            add("kb:sealing", "case-investigation:InvestigativeAction", [
                "uco-core:name": .string("sealed"),
                "uco-action:endTime": Self.typed(manifest.sealedAt, "xsd:dateTime"),
                "uco-action:instrument": .array([Self.reference("kb:tool")]),
                "uco-action:object": .array(provenance.keys.sorted().map { Self.reference(provenance[$0]!) }),
                "uco-core:description": .string("Sealed as a signed BagIt bundle; signer key (\(manifest.signer.algorithm)) "
                                                + "fingerprint SHA-256 \(manifest.signer.fingerprint)")])
            addSignature(input)
            addTimeStamps(input)
            addParties(manifest.parties ?? [])
            for item in manifest.items {
                if let email = item.email { addEmail(email, of: item) }
                addConversation(of: item, input: input)
            }
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
