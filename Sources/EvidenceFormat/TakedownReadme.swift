/// The `README.txt` of a takedown packet, in French, Dutch, German or English: what the hashes are, that the
/// image cannot be rebuilt from them, and where to take them (StopNCII for adults; child protection when the
/// person shown was a minor, Child Focus in Belgium).
enum TakedownReadme {
    struct Phrases: Sendable {
        var title: String
        var contents: @Sendable (Int) -> String
        var noImage: String
        var kinds: String
        var recipient: @Sendable (String) -> String
        var adults: String
        var minors: String
        var belgium: String
        var elsewhere: String
        var check: String
    }

    static func text(language: String, entries: [TakedownPacket.Entry], timeZone: String, recipient: String?) -> String {
        let phrases = Self.phrases[language] ?? Self.phrases["en"]!
        let minors = entries.filter { $0.route == .childProtection }.map { "#\($0.item.id)" }
        let adults = entries.filter { $0.route == .stopNCII }.map { "#\($0.item.id)" }
        var paragraphs = [phrases.title, phrases.contents(entries.count), phrases.noImage, phrases.kinds]
        if let recipient { paragraphs.append(phrases.recipient(recipient)) }
        if !adults.isEmpty { paragraphs.append(adults.joined(separator: ", ") + ": " + phrases.adults) }
        if !minors.isEmpty {
            paragraphs.append(minors.joined(separator: ", ") + ": " + phrases.minors)
            paragraphs.append(timeZone == "Europe/Brussels" ? phrases.belgium : phrases.elsewhere)
        }
        paragraphs.append(phrases.check)
        paragraphs.append("openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in packet.json -sigfile packet.json.sig")
        return paragraphs.joined(separator: "\n\n") + "\n"
    }

    static let phrases: [String: Phrases] = [
        "fr": Phrases(
            title: "Empreintes pour le retrait d'images (dossier de preuves EvidenceKit)",
            contents: { "Ce dossier contient les empreintes (hashes) de \($0) élément(s) du dossier, et aucune image." },
            noImage: "Une empreinte est calculée à partir de l'image, mais l'image ne peut pas être reconstituée à partir de l'empreinte : on peut la transmettre sans transmettre l'image.",
            kinds: "hashes.csv donne pour chaque élément : PDQ (empreinte perceptuelle des photos, utilisée par StopNCII et Meta), MD5 (vidéos), SHA-256 (copie exacte), la taille et la première date connue avec sa source.",
            recipient: { "Préparé pour : \($0)." },
            adults: "pour une personne majeure au moment des faits, StopNCII.org calcule ces mêmes empreintes sur votre appareil et les transmet aux plateformes partenaires ; vous pouvez aussi donner hashes.csv au formulaire de signalement d'une plateforme.",
            minors: "la personne était mineure au moment des faits. StopNCII n'est pas fait pour cela : passez par la protection de l'enfance.",
            belgium: "En Belgique : Child Focus, 116 000 (gratuit, 24 h/24), childfocus.be. Aussi : Take It Down (NCMEC), takeitdown.ncmec.org.",
            elsewhere: "Contactez la ligne nationale de signalement de votre pays (liste sur inhope.org) ou Take It Down (NCMEC), takeitdown.ncmec.org.",
            check: "packet.json est signé avec la clé du dossier ; pour vérifier qu'il n'a pas été modifié :"),
        "nl": Phrases(
            title: "Vingerafdrukken om beelden te laten verwijderen (EvidenceKit-bewijsdossier)",
            contents: { "Deze map bevat de vingerafdrukken (hashes) van \($0) stuk(ken) uit het dossier, en geen enkel beeld." },
            noImage: "Een vingerafdruk wordt uit het beeld berekend, maar het beeld kan er niet uit worden teruggemaakt: u kunt hem doorgeven zonder het beeld door te geven.",
            kinds: "hashes.csv geeft per stuk: PDQ (perceptuele vingerafdruk van foto's, gebruikt door StopNCII en Meta), MD5 (video's), SHA-256 (exacte kopie), de grootte en de eerste bekende datum met de bron ervan.",
            recipient: { "Voorbereid voor: \($0)." },
            adults: "voor een persoon die toen meerderjarig was, berekent StopNCII.org dezelfde vingerafdrukken op uw toestel en geeft ze door aan partnerplatformen; u kunt hashes.csv ook aan het meldformulier van een platform geven.",
            minors: "de persoon was toen minderjarig. StopNCII is daar niet voor: ga naar de kinderbescherming.",
            belgium: "In België: Child Focus, 116 000 (gratis, dag en nacht), childfocus.be. Ook: Take It Down (NCMEC), takeitdown.ncmec.org.",
            elsewhere: "Neem contact op met het nationale meldpunt van uw land (lijst op inhope.org) of met Take It Down (NCMEC), takeitdown.ncmec.org.",
            check: "packet.json is ondertekend met de sleutel van het dossier; om na te gaan dat het niet gewijzigd is:"),
        "de": Phrases(
            title: "Fingerabdrücke zum Entfernen von Bildern (EvidenceKit-Beweisakte)",
            contents: { "Dieser Ordner enthält die Fingerabdrücke (Hashes) von \($0) Element(en) der Akte und kein einziges Bild." },
            noImage: "Ein Fingerabdruck wird aus dem Bild berechnet, aber das Bild lässt sich daraus nicht wiederherstellen: Sie können ihn weitergeben, ohne das Bild weiterzugeben.",
            kinds: "hashes.csv nennt für jedes Element: PDQ (wahrnehmungsbasierter Fingerabdruck von Fotos, von StopNCII und Meta verwendet), MD5 (Videos), SHA-256 (exakte Kopie), die Größe und das erste bekannte Datum mit seiner Quelle.",
            recipient: { "Vorbereitet für: \($0)." },
            adults: "für eine damals volljährige Person berechnet StopNCII.org dieselben Fingerabdrücke auf Ihrem Gerät und gibt sie an Partnerplattformen weiter; Sie können hashes.csv auch dem Meldeformular einer Plattform geben.",
            minors: "die Person war damals minderjährig. StopNCII ist dafür nicht gedacht: wenden Sie sich an den Kinderschutz.",
            belgium: "In Belgien: Child Focus, 116 000 (kostenlos, rund um die Uhr), childfocus.be. Außerdem: Take It Down (NCMEC), takeitdown.ncmec.org.",
            elsewhere: "Wenden Sie sich an die nationale Meldestelle Ihres Landes (Liste auf inhope.org) oder an Take It Down (NCMEC), takeitdown.ncmec.org.",
            check: "packet.json ist mit dem Schlüssel der Akte signiert; so prüfen Sie, dass es unverändert ist:"),
        "en": Phrases(
            title: "Fingerprints for taking images down (EvidenceKit evidence case)",
            contents: { "This folder holds the fingerprints (hashes) of \($0) item(s) of the case, and no image at all." },
            noImage: "A fingerprint is computed from the image, but the image cannot be rebuilt from it: it can be shared without sharing the image.",
            kinds: "hashes.csv gives for each item: PDQ (the perceptual fingerprint of photos that StopNCII and Meta use), MD5 (videos), SHA-256 (exact copy), the size and the first known time with its source.",
            recipient: { "Prepared for: \($0)." },
            adults: "for a person who was an adult at the time, StopNCII.org computes these same fingerprints on your own device and shares them with partner platforms; you can also give hashes.csv to a platform's reporting form.",
            minors: "the person was a minor at the time. StopNCII is not for this: go to child protection.",
            belgium: "In Belgium: Child Focus, 116 000 (free, day and night), childfocus.be. Also: Take It Down (NCMEC), takeitdown.ncmec.org.",
            elsewhere: "Contact your country's national hotline (listed on inhope.org) or Take It Down (NCMEC), takeitdown.ncmec.org.",
            check: "packet.json is signed with the case's key; to check that it has not been changed:"),
    ]
}
