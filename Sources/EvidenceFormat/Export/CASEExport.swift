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
/// Conversations' messages are `uco-observable:Message`s (`MessageFacet`: text, sent time, author as a
/// `DigitalAccount`), each `Contained_Within` its export. The first node, a `uco-core:Annotation`, states whether the
/// bundle verified.
public enum CASEExport {
    /// The JSON-LD document: bytes in, bytes out (the same input gives the same bytes).
    public static func document(_ input: ExportInput) -> [UInt8] {
        var graph = Graph(base: "urn:evidencekit:" + percentEncoded(input.manifest.case.identifier) + ":")
        graph.build(input)
        let context: [String: CanonicalJSON.Value] = [
            "case-investigation": .string("https://ontology.caseontology.org/case/investigation/"),
            "kb": .string(graph.base),
            "uco-action": .string("https://ontology.unifiedcyberontology.org/uco/action/"),
            "uco-core": .string("https://ontology.unifiedcyberontology.org/uco/core/"),
            "uco-identity": .string("https://ontology.unifiedcyberontology.org/uco/identity/"),
            "uco-observable": .string("https://ontology.unifiedcyberontology.org/uco/observable/"),
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
             + "case-investigation:InvestigativeAction, messages as uco-observable:Message; its first node (a "
             + "uco-core:Annotation) repeats the verdict above."),
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
            for item in manifest.items {
                for path in (item.derived ?? []).filter({ $0.role == "messages" }).map(\.path) {
                    for message in input.messages[path] ?? [] {
                        let id = "kb:item-\(item.id)-message-\(message.index)"
                        var facet: [String: CanonicalJSON.Value] = [
                            "@id": .string(id + "-facet"), "@type": .string("uco-observable:MessageFacet"),
                            "uco-observable:messageText": .string(message.text),
                            "uco-observable:messageType": .string(message.kind.rawValue)]
                        if let time = message.timestamp { facet["uco-observable:sentTime"] = Self.typed(time.value, "xsd:dateTime") }
                        if let author = message.author { facet["uco-observable:from"] = Self.reference(account(item: item.id, author: author)) }
                        add(id, "uco-observable:Message", ["uco-core:hasFacet": .array([.object(facet)])])
                        relate(id, within: "kb:item-\(item.id)", id: id + "-within")
                    }
                }
            }
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
