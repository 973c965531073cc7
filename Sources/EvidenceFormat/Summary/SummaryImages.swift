import EvidenceModel

extension SummaryRenderer {
    /// Screenshots and photos shown from the bag's own files (lazily, by relative path), each with its number,
    /// time and hash; a note for a format browsers cannot show (HEIC: no preview is derived, so that the bag holds
    /// only what was handed over and the messages read from it); and a neutral placeholder for each sensitive
    /// item that is not a conversation or an e-mail, which is never shown and whose path is never written.
    func imagesSection() -> Section? {
        let pictures = manifest.items.filter { item in
            item.sensitive ? item.conversation == nil && item.email == nil : item.kind == .screenshot || item.kind == .photo
        }
        guard !pictures.isEmpty else { return nil }
        var html = "<p>\(e(labels.imagesIntro))</p>\n<div class=\"gallery\">\n"
        for item in pictures {
            if item.sensitive {
                html += "<figure>\(sensitivePlaceholder(item, id: "img-\(item.id)"))</figure>\n"
                continue
            }
            let time = item.best.map { timeWithSource($0, of: item) } ?? e(labels.noDateFound)
            html += "<figure id=\"img-\(item.id)\">\n"
            if isShownPicture(item) {
                html += "<img loading=\"lazy\" src=\"\(SummaryHTML.relativeURL(item.path))\" alt=\"\(e(altText(item)))\">\n"
            } else if Self.isHEIF(item.mediaType) {
                html += "<p class=\"notice\">\(e(labels.heicNote(item.path)))</p>\n"
            } else {
                html += "<p class=\"notice\">\(e(labels.cannotShow(item.mediaType, item.path)))</p>\n"
            }
            html += """
                <figcaption><a href="#item-\(item.id)"><b>#\(item.id)</b></a> \(e(item.originalName))<br>\(time)<br>\
                <span class="hash">\(e(item.sha256))</span></figcaption>
                </figure>

                """
        }
        return Section(id: "images", title: labels.images, body: html + "</div>\n")
    }
}
