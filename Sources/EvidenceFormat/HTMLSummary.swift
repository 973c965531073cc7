import EvidenceModel
import EvidenceCrypto
import Foundation

/// The human-readable summary sealed into the bag (`summary.html`) and written beside the bundle.
///
/// A pure function of the signed manifest: everything it shows (case, sealing time, tool, signer, items) is read
/// from the manifest, so the summary says nothing the signature does not cover. Its own hash is one of the
/// manifest's `files`, so it is rendered from a manifest complete but for `files`, which it does not read.
///
/// One self-contained file: no scripts, no fonts, no images fetched from anywhere, printable on A4.
/// Sensitive items are listed by name and hash only; their content is never shown.
public struct HTMLSummary: Sendable {
    /// The manifest shown; its `files` are not read.
    public var manifest: EvidenceManifest

    /// A summary of `manifest`; its `files` are not read.
    public init(manifest: EvidenceManifest) {
        self.manifest = manifest
    }

    /// The whole HTML document, UTF-8 text ending with a newline.
    public func render() -> String {
        let caseInfo = manifest.case
        let items = manifest.items
        let zone = TimeZone(identifier: caseInfo.timeZone) ?? TimeZone(identifier: "UTC")!
        // A manifest read from elsewhere may carry text we cannot read as a time or a key: show it as it is.
        let sealedLocal = RFC3339.parse(manifest.sealedAt).map { sealed in
            RFC3339.format(sealed.instant, offsetSeconds: zone.secondsFromGMT(for: sealed.instant.date))
        } ?? manifest.sealedAt
        let fingerprint = KeyFingerprint(hex: manifest.signer.fingerprint)?.grouped ?? manifest.signer.fingerprint
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(caseInfo.title)) — evidence summary</title>
            <style>
            body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;margin:2em;color:#111;line-height:1.4}
            h1{font-size:1.5em;margin-bottom:.2em}
            table{border-collapse:collapse;width:100%;font-size:.85em}
            th,td{border:1px solid #999;padding:.3em .4em;text-align:left;vertical-align:top}
            th{background:#eee}
            .hash{font-family:"DejaVu Sans Mono",monospace;font-size:.8em;word-break:break-all}
            .sensitive{font-weight:bold;color:#900}
            .warn{color:#8a4b00}
            .other{color:#444;font-size:.9em}
            dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
            dt{font-weight:bold}
            @media print{body{margin:1cm}tr{page-break-inside:avoid}}
            </style>
            </head>
            <body>
            <h1>\(escape(caseInfo.title))</h1>
            <p>Evidence summary sealed by \(escape(manifest.tool.name)) \(escape(manifest.tool.version)).</p>
            <dl>
            <dt>Case identifier</dt><dd>\(escape(caseInfo.identifier))</dd>
            <dt>Sealed at</dt><dd>\(escape(sealedLocal)) (\(escape(caseInfo.timeZone)))</dd>
            <dt>Case time zone</dt><dd>\(escape(caseInfo.timeZone))</dd>
            <dt>Items</dt><dd>\(items.count)</dd>
            <dt>Signing key fingerprint</dt><dd class="hash">\(escape(fingerprint))</dd>
            </dl>
            <h2>Items</h2>
            <table>
            <thead><tr><th>#</th><th>File</th><th>Kind</th><th>Times (best first; source, field)</th><th>SHA-256</th><th>Size</th><th>Notes</th></tr></thead>
            <tbody>

            """
        for item in items {
            var notes: [String] = []
            if item.sensitive { notes.append("<span class=\"sensitive\">Sensitive: content not shown</span>") }
            if let note = item.note { notes.append(escape(note).replacingOccurrences(of: "\n", with: "<br>")) }
            notes += relations(of: item)
            for warning in item.warnings { notes.append("<span class=\"warn\">⚠ \(escape(warning.message))</span>") }
            html += """
                <tr><td>\(item.id)</td><td>\(escape(item.originalName))<br><span class="hash">\(escape(item.path))</span></td>\
                <td>\(escape(item.kind.rawValue))</td><td>\(times(of: item))</td><td class="hash">\(escape(item.sha256))</td>\
                <td>\(item.size)&nbsp;bytes</td><td>\(notes.joined(separator: "<br>"))</td></tr>

                """
        }
        html += """
            </tbody>
            </table>

            """
        html += nearDuplicatesSection()
        html += withdrawalsSection()
        html += """
            <h2>How to check this bundle</h2>
            <p>Every file of the bundle is listed with its SHA-256 in <code>manifest-sha256.txt</code> and \
            <code>tagmanifest-sha256.txt</code>; <code>evidence/manifest.json</code> is signed with Ed25519 \
            (<code>evidence/manifest.json.sig</code>, public key <code>evidence/signer.pub.pem</code>). \
            Run <code>evidence verify</code> on the bundle, or follow Docs/verifying-a-bundle.md with \
            <code>sha256sum -c</code> and <code>openssl pkeyutl -verify</code>. Compare the key fingerprint above with \
            the one you received by another channel.</p>
            <p>Times show where they came from (EXIF, file name, chat export, the moment of acquisition…). \
            A valid signature proves the files are unchanged since sealing; it does not prove what they depict.</p>
            </body>
            </html>

            """
        return html
    }

    /// Items taken out of the case before sealing, by number and hash only (never a name: the person withdrew the
    /// item because it should not be shown); nothing at all for a case that has none, so its summary reads as before.
    func withdrawalsSection() -> String {
        guard let withdrawals = manifest.withdrawals, !withdrawals.isEmpty else { return "" }
        var html = """
            <h2>Withdrawn items</h2>
            <p>These items were taken out of the case before sealing and are not in this bundle; the custody journal \
            records each withdrawal.</p>
            <table>
            <thead><tr><th>#</th><th>SHA-256</th><th>Size</th><th>Withdrawn at</th><th>By</th><th>Reason</th></tr></thead>
            <tbody>

            """
        for withdrawal in withdrawals {
            let purged = withdrawal.purged ? "<br>stored copy deleted: only the hash is kept" : ""
            html += """
                <tr><td>\(withdrawal.item)</td><td class="hash">\(escape(withdrawal.sha256))</td>\
                <td>\(withdrawal.size)&nbsp;bytes</td><td>\(escape(withdrawal.withdrawnAt))</td>\
                <td>\(escape(withdrawal.actor))</td><td>\(escape(withdrawal.reason))\(purged)</td></tr>

                """
        }
        return html + "</tbody>\n</table>\n"
    }

    /// Items whose PDQ hashes say they are the same picture, re-compressed, resized or cropped; nothing at all for
    /// a case that has none, so such a case's summary reads as before.
    func nearDuplicatesSection() -> String {
        let hashes = manifest.items.compactMap { item -> (item: Int64, hash: PDQHash, quality: Int)? in
            guard let hex = item.pdq, let hash = PDQHash(hex: hex), let quality = item.pdqQuality else { return nil }
            return (item.id, hash, quality)
        }
        let groups = NearDuplicateGroup.groups(of: hashes)
        guard !groups.isEmpty else { return "" }
        var html = """
            <h2>Near-duplicates</h2>
            <p>These items look alike: their PDQ perceptual hashes differ by at most \(PDQHash.matchThreshold) of 256 \
            bits, so one is most likely a re-compressed, resized or slightly cropped copy of the other.</p>
            <ul>

            """
        for group in groups {
            let pairs = group.resemblances.map { "item \($0.item) looks like item \($0.looksLike) (distance \($0.distance))" }
            html += "<li>Items \(group.items.map(String.init).joined(separator: ", ")): \(pairs.joined(separator: "; "))</li>\n"
        }
        return html + "</ul>\n"
    }

    /// Every time the item carries, the best first and in bold, each with its source and field.
    func times(of item: EvidenceManifest.Item) -> String {
        guard let best = item.best else { return "<span class=\"warn\">no date found</span>" }
        var lines = ["<b>\(escape(displayTime(best)))</b><br>(\(escape(best.source.rawValue)), \(escape(best.field)))"]
        for stamp in item.timestamps where stamp != best {
            lines.append("<span class=\"other\">\(escape(displayTime(stamp))) (\(escape(stamp.source.rawValue)), \(escape(stamp.field)))</span>")
        }
        return lines.joined(separator: "<br>")
    }

    /// What the item holds or belongs to: a conversation, an e-mail, the messages that sent it.
    func relations(of item: EvidenceManifest.Item) -> [String] {
        var lines: [String] = []
        if let conversation = item.conversation {
            var line = "\(escape(conversation.platform.rawValue)) conversation “\(escape(conversation.title))”: \(conversation.messageCount) messages"
            if let first = conversation.firstMessageAt, let last = conversation.lastMessageAt {
                line += ", \(escape(first)) → \(escape(last))"
            }
            if !conversation.participants.isEmpty {
                line += "; participants: \(escape(conversation.participants.joined(separator: ", ")))"
            }
            lines.append(line)
            if !conversation.missingAttachments.isEmpty {
                lines.append("<span class=\"warn\">Files named in the messages but not in the export: \(escape(conversation.missingAttachments.joined(separator: ", ")))</span>")
            }
        }
        if let email = item.email {
            let parts = [("From", email.from), ("To", email.to), ("Cc", email.cc), ("Subject", email.subject)]
                .compactMap { label, value in value.map { "\(label): \(escape($0))" } }
            lines.append(parts.joined(separator: "<br>"))
        }
        let carried = (item.conversation?.attachmentItems ?? [:]).merging(item.email?.attachmentItems ?? [:]) { first, _ in first }
        if !carried.isEmpty {
            lines.append("Carries items " + carried.values.sorted().map { "#\($0)" }.joined(separator: ", "))
        }
        if let parent = item.parentID { lines.append("Came inside item #\(parent)") }
        for link in item.linkedMessages ?? [] {
            lines.append("Sent in item #\(link.item), message\(link.messages.count == 1 ? "" : "s") "
                + link.messages.map(String.init).joined(separator: ", "))
        }
        for file in item.derived ?? [] {
            lines.append("Normalised messages: <span class=\"hash\">\(escape(file.path))</span>")
        }
        return lines
    }

    /// A time as its source stated it; a date-only time is shown as a date, never as midnight.
    func displayTime(_ stamp: EvidenceTimestamp) -> String {
        if stamp.precision == .day { return String(stamp.value.prefix(10)) }
        return stamp.value
    }

    func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
