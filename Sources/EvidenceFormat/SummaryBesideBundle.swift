import EvidenceModel

/// A trusted time an authority attested for a sealed manifest (RFC 3161): known only once the token is back, after
/// the summary inside the bundle was signed, so it can appear only on the copy written beside the zip.
public struct AttestedTime: Sendable, Equatable {
    /// The time the authority attests (its `genTime`).
    public var time: Instant
    /// The authority as its certificate names it.
    public var authority: String

    /// A time and the authority that attests it.
    public init(time: Instant, authority: String) {
        self.time = time
        self.authority = authority
    }
}

/// The summary written beside the zip (`<bundle>.summary.html`): the signed `summary.html` with what only this copy
/// can say, at the top of the page.
///
/// Images in the summary are the bag's own files, linked by relative path, so they show only in the copy inside
/// the unzipped bundle; this copy says so. It may also carry information nobody signed, such as the attested
/// times of tokens obtained during `seal --tsa`.
///
/// Until the summary renderer takes this as an input, ``applied(to:)`` inserts ``noticeHTML`` right after the
/// opening `<body>` tag of the signed summary's bytes; the signed copy inside the bundle is never changed.
package struct SummaryBesideBundle: Sendable, Equatable {
    /// The summary's language (`fr`, `nl`, `de`, `en`), as in the manifest.
    package var language: String
    /// Tokens obtained while sealing, in the order the authorities were asked; empty without `--tsa`.
    package var attestedTimes: [AttestedTime]

    package init(language: String, attestedTimes: [AttestedTime] = []) {
        self.language = language
        self.attestedTimes = attestedTimes
    }

    /// The words of the notice, one table per language.
    private struct Wording {
        var imagesOnlyInside: String
        var attestedTimesHeading: String
    }

    private static let wordings: [String: Wording] = [
        "en": Wording(
            imagesOnlyInside: "This copy of the summary was written beside the bundle. Images show only in the copy "
                + "inside the unzipped bundle (summary.html in its folder).",
            attestedTimesHeading: "Trusted timestamps obtained at sealing (not part of the signed summary; "
                + "evidence verify checks them):"),
        "fr": Wording(
            imagesOnlyInside: "Cette copie du résumé a été écrite à côté du paquet. Les images ne s’affichent que dans "
                + "la copie qui se trouve dans le paquet décompressé (summary.html dans son dossier).",
            attestedTimesHeading: "Horodatages de confiance obtenus au scellement (hors du résumé signé ; "
                + "evidence verify les vérifie) :"),
        "nl": Wording(
            imagesOnlyInside: "Deze kopie van de samenvatting staat naast de bundel. Afbeeldingen zijn alleen te zien "
                + "in de kopie in de uitgepakte bundel (summary.html in de map ervan).",
            attestedTimesHeading: "Vertrouwde tijdstempels verkregen bij het verzegelen (geen deel van de ondertekende "
                + "samenvatting; evidence verify controleert ze):"),
        "de": Wording(
            imagesOnlyInside: "Diese Kopie der Zusammenfassung liegt neben dem Bündel. Bilder erscheinen nur in der "
                + "Kopie im entpackten Bündel (summary.html in dessen Ordner).",
            attestedTimesHeading: "Vertrauenswürdige Zeitstempel, beim Versiegeln erhalten (nicht Teil der signierten "
                + "Zusammenfassung; evidence verify prüft sie):"),
    ]

    /// The notice as an HTML fragment: a paragraph on images, then the attested times when there are some.
    package var noticeHTML: String {
        let wording = Self.wordings[language] ?? Self.wordings["en"]!
        var html = "<div class=\"beside-bundle\" role=\"note\" style=\"border:2px solid #333;padding:0.5em 1em;"
            + "margin:0 0 1em 0\">\n<p><strong>\(Self.escaped(wording.imagesOnlyInside))</strong></p>\n"
        if !attestedTimes.isEmpty {
            html += "<p>\(Self.escaped(wording.attestedTimesHeading))</p>\n<ul>\n"
            for attested in attestedTimes {
                html += "<li>\(RFC3339.format(attested.time, offsetSeconds: 0)) — \(Self.escaped(attested.authority))</li>\n"
            }
            html += "</ul>\n"
        }
        return html + "</div>\n"
    }

    /// The signed summary's bytes with the notice right after `<body…>` (or first, for a page without one).
    package func applied(to signedSummary: [UInt8]) -> [UInt8] {
        let notice = Array(noticeHTML.utf8)
        let lowercased = signedSummary.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        guard let body = lowercased.firstRange(of: Array("<body".utf8)),
              let close = signedSummary[body.upperBound...].firstIndex(of: UInt8(ascii: ">")) else {
            return notice + signedSummary
        }
        var result = signedSummary
        result.insert(contentsOf: [UInt8(ascii: "\n")] + notice, at: close + 1)
        return result
    }

    /// Text made safe for HTML content: an authority's name comes from a certificate, which anyone can make.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
