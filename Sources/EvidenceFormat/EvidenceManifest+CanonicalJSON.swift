import EvidenceModel

// The manifest's members, written out by hand: which key holds what, and which keys are left out when they have
// no value. `CanonicalJSON` sorts the keys, so the order here is only for reading; see `Docs/bundle-format.md`.

extension EvidenceManifest {
    /// Every member but `items`, which ``encoded()`` writes one at a time (`Item.canonicalJSON`).
    var canonicalMembersButItems: [String: CanonicalJSON.Value] {
        var members: [String: CanonicalJSON.Value] = [
            "format": .string(format),
            "tool": .object(["name": .string(tool.name), "version": .string(tool.version)]),
            "case": .object([
                "identifier": .string(`case`.identifier), "title": .string(`case`.title),
                "timeZone": .string(`case`.timeZone), "createdAt": .string(`case`.createdAt),
            ]),
            "sealedAt": .string(sealedAt),
            "signer": .object([
                "algorithm": .string(signer.algorithm), "fingerprint": .string(signer.fingerprint),
                "publicKey": .string(signer.publicKey),
            ]),
            "files": .array(files.map { file in
                .object(["path": .string(file.path), "size": .integer(file.size), "sha256": .string(file.sha256)])
            }),
        ]
        if let language { members["language"] = .string(language) }
        if let withdrawals, !withdrawals.isEmpty {
            members["withdrawals"] = .array(withdrawals.map { withdrawal in
                .object([
                    "item": .integer(withdrawal.item), "sha256": .string(withdrawal.sha256),
                    "size": .integer(withdrawal.size), "withdrawnAt": .string(withdrawal.withdrawnAt),
                    "actor": .string(withdrawal.actor), "reason": .string(withdrawal.reason),
                    "purged": .bool(withdrawal.purged),
                ])
            })
        }
        if let parties, !parties.isEmpty {
            members["parties"] = .array(parties.map(\.canonicalJSON))
        }
        if let helpLines, !helpLines.isEmpty {
            members["helpLines"] = .array(helpLines.map { line in
                .object(["name": .string(line.name), "number": .string(line.number), "purpose": .string(line.purpose)])
            })
        }
        return members
    }
}

extension CaseParty {
    var canonicalJSON: CanonicalJSON.Value {
        .object([
            "id": .integer(id), "name": .string(name), "role": .string(role.rawValue),
            "handles": .array(handles.map { .object(["platform": .string($0.platform), "id": .string($0.identifier)]) }),
            "phones": .strings(phones), "emails": .strings(emails),
        ])
    }
}

extension EvidenceManifest.Item {
    var canonicalJSON: CanonicalJSON.Value {
        var members: [String: CanonicalJSON.Value] = [
            "id": .integer(id),
            "path": .string(path),
            "size": .integer(size),
            "sha256": .string(sha256),
            "mediaType": .string(mediaType),
            "kind": .string(kind.rawValue),
            "kindReason": .string(kindReason),
            "originalName": .string(originalName),
            "originalPath": .string(originalPath),
            "acquiredAt": acquiredAt.canonicalJSON,
            "timestamps": .array(timestamps.map(\.canonicalJSON)),
            "warnings": .array(warnings.map { .object(["code": .string($0.code.rawValue), "message": .string($0.message)]) }),
            "sensitive": .bool(sensitive),
        ]
        members["modifiedAt"] = modifiedAt?.canonicalJSON
        members["best"] = best?.canonicalJSON
        members["note"] = note.map(CanonicalJSON.Value.string)
        members["parentID"] = parentID.map(CanonicalJSON.Value.integer)
        members["conversation"] = conversation?.canonicalJSON
        members["email"] = email?.canonicalJSON
        members["linkedMessages"] = linkedMessages.map { links in
            .array(links.map { .object(["item": .integer($0.item), "messages": .array($0.messages.map(CanonicalJSON.Value.integer))]) })
        }
        members["pdq"] = pdq.map(CanonicalJSON.Value.string)
        members["pdqQuality"] = pdqQuality.map { .integer(Int64($0)) }
        members["md5"] = md5.map(CanonicalJSON.Value.string)
        members["minorAtTime"] = minorAtTime.map(CanonicalJSON.Value.bool)
        members["sourceURL"] = sourceURL.map(CanonicalJSON.Value.string)
        members["platform"] = platform.map(CanonicalJSON.Value.string)
        members["account"] = account.map(CanonicalJSON.Value.string)
        members["description"] = description.map(CanonicalJSON.Value.string)
        members["derived"] = derived.map { files in
            .array(files.map { file in
                .object([
                    "role": .string(file.role), "path": .string(file.path), "size": .integer(file.size),
                    "sha256": .string(file.sha256), "mediaType": .string(file.mediaType),
                ])
            })
        }
        return .object(members)
    }
}

extension Instant {
    /// RFC 3339 in UTC, with nine fraction digits when the instant has a fraction and none when it has not.
    var canonicalJSON: CanonicalJSON.Value {
        .string(RFC3339.format(self, offsetSeconds: 0, precision: nanoseconds == 0 ? .second : .nanosecond))
    }
}

extension EvidenceTimestamp {
    /// `value` is RFC 3339 at the observed offset with the digits `precision` has; `warnings` only when there are any.
    var canonicalJSON: CanonicalJSON.Value {
        var members: [String: CanonicalJSON.Value] = [
            "source": .string(source.rawValue),
            "field": .string(field),
            "value": .string(value),
            "zone": .string(zone.rawValue),
            "precision": .string(precision.rawValue),
        ]
        members["zoneName"] = zoneName.map(CanonicalJSON.Value.string)
        if !warnings.isEmpty { members["warnings"] = .strings(warnings) }
        return .object(members)
    }
}

extension ConversationSummary {
    var canonicalJSON: CanonicalJSON.Value {
        var members: [String: CanonicalJSON.Value] = [
            "platform": .string(platform.rawValue),
            "title": .string(title),
            "participants": .strings(participants),
            "messageCount": .integer(messageCount),
            "attachmentItems": .object(attachmentItems.mapValues(CanonicalJSON.Value.integer)),
            "attachmentMessages": .object(attachmentMessages.mapValues { .array($0.map(CanonicalJSON.Value.integer)) }),
            "missingAttachments": .strings(missingAttachments),
        ]
        members["firstMessageAt"] = firstMessageAt.map(CanonicalJSON.Value.string)
        members["lastMessageAt"] = lastMessageAt.map(CanonicalJSON.Value.string)
        return .object(members)
    }
}

extension EmailSummary {
    var canonicalJSON: CanonicalJSON.Value {
        var members: [String: CanonicalJSON.Value] = [
            "attachmentItems": .object(attachmentItems.mapValues(CanonicalJSON.Value.integer)),
        ]
        members["from"] = from.map(CanonicalJSON.Value.string)
        members["to"] = to.map(CanonicalJSON.Value.string)
        members["cc"] = cc.map(CanonicalJSON.Value.string)
        members["subject"] = subject.map(CanonicalJSON.Value.string)
        members["messageID"] = messageID.map(CanonicalJSON.Value.string)
        return .object(members)
    }
}
