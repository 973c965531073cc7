import EvidenceModel

extension SummaryLabels {
    /// The Dutch table.
    static let dutch = SummaryLabels(
        documentTitle: "overzicht van het bewijsmateriaal",
        besideCopyNote: "Deze kopie staat naast de bundel: de afbeeldingen verschijnen alleen in de kopie in de "
            + "uitgepakte bundel (summary.html in de map van de bundel).",
        contents: "Inhoud",
        coverIntro: "Dit overzicht beschrijft het bewijsmateriaal dat in deze bundel verzegeld is. Het is een van de "
            + "bestanden van de bundel en valt onder haar handtekening.",
        reference: "Dossierreferentie",
        assembledBy: "Samengesteld door",
        assembledByUnknown: "niet vermeld",
        sealedAt: "Verzegeld op",
        timeZone: "Gebruikte tijdzone",
        itemCount: "Stukken",
        bundleIdentifier: "Kenmerk van de bundel",
        fingerprint: "Vingerafdruk van de ondertekeningssleutel",
        sealedWith: "Verzegeld met",
        attestedTime: "Tijd bevestigd door een tijdstempeldienst",
        noTrustedTimestamp: "geen: bij het verzegelen werd geen tijdstempelautoriteit gevraagd "
            + "(evidence timestamp kan er later een toevoegen)",
        provesHeading: "Wat de verzegeling bewijst",
        proves: "De SHA-256-hash van elk bestand staat in een manifest dat ondertekend is met de sleutel hierboven. "
            + "Kloppen de hashes en de handtekening, dan is sinds de verzegeling geen enkele byte van deze bestanden "
            + "gewijzigd, en bestonden de bestanden op het moment van verzegeling (of op de bevestigde tijd, als die er is).",
        doesNotProveHeading: "Wat zij niet bewijst",
        doesNotProve: "Zij bewijst niet waar de inhoud vandaan komt, dat hij waar is, of dat hij niet bewerkt werd "
            + "voor hij werd vastgelegd. Bij elke tijd hieronder staat waar hij gelezen werd; de datum van een bestand "
            + "op een computer kan verschillen van het tijdstip van de feiten.",
        timeStampsElsewhere: "Tijdstempels van een derde worden gemaakt nadat dit overzicht verzegeld is en staan er "
            + "dus niet in: zo'n tijdstempel staat in evidence/*.tsr en wordt gecontroleerd door evidence verify.",
        parties: "Betrokken personen",
        partyVictim: "Slachtoffer",
        partySuspect: "Verdachte",
        partyWitness: "Getuige",
        partyOther: "Andere rol",
        page: "Pagina",
        timeline: "Tijdlijn",
        conversations: "Gesprekken",
        emails: "E-mails",
        images: "Afbeeldingen",
        items: "Alle stukken",
        nearDuplicates: "Bijna-dubbels",
        withdrawals: "Teruggetrokken stukken",
        howToVerify: "Deze bundel controleren zonder EvidenceKit",
        help: "Waar u hulp vindt",
        timelineIntro: "Alle gedateerde stukken en berichten in volgorde van tijd, per dag, in de tijdzone van het dossier.",
        timeColumn: "Tijd",
        itemColumn: "Stuk",
        whatColumn: "Inhoud",
        sourceColumn: "Herkomst van de tijd",
        zoneAssumed: "tijdzone aangenomen: de bron gaf geen verschil met UTC, die van het dossier werd toegepast",
        sourcesDisagree: "de bronnen van de tijd van dit stuk spreken elkaar tegen",
        noUsableTimeHeading: "Stukken zonder bruikbare tijd",
        noUsableTimeIntro: "Deze stukken dragen geen tijdstip van de feiten: er werd geen datum in gevonden, of alleen "
            + "de datum van het bestand op een computer.",
        noDateFound: "geen datum gevonden",
        fileDateOnly: "alleen de datum van het bestand op een computer is bekend",
        writtenAs: { "door de bron geschreven als \($0)" },
        messagesOfDay: { count, written, first, last in
            count == 1 ? "1 bericht om \(first)" : "\(written) berichten, van \(first) tot \(last)"
        },
        labelled: { "\($0): " },
        sources: [
            .exif: "tijd gelezen in de EXIF-gegevens van de afbeelding", .xmp: "tijd gelezen in de XMP-gegevens van het bestand",
            .pngTime: "tijd gelezen in het tIME-blok van de PNG", .quicktime: "tijd gelezen in de QuickTime-gegevens van de video",
            .iptc: "tijd gelezen in de IPTC-gegevens van de afbeelding", .id3: "tijd gelezen in het ID3-label van de opname",
            .filename: "tijd gelezen in de bestandsnaam", .filesystem: "datum van het bestand op de computer",
            .chat: "tijdstempel van het gesprek", .emailHeader: "tijd gelezen in de kopregels van de e-mail",
            .acquired: "tijdstip van toevoeging aan het dossier", .declared: "tijd opgegeven door de persoon",
            .tsa: "tijd bevestigd door een tijdstempeldienst",
        ],
        kinds: [
            .screenshot: "Schermafbeelding", .photo: "Foto", .video: "Video", .audio: "Geluidsopname",
            .chat: "Gesprek", .email: "E-mail", .document: "Document", .other: "Ander bestand",
        ],
        conversationsIntro: "De berichten zoals de export ze schreef, in zijn volgorde. Bij elk bericht staan de regels "
            + "van de oorspronkelijke export waaruit het gelezen werd, zodat het daar gecontroleerd kan worden.",
        originalExport: "Oorspronkelijke export",
        item: "Stuk",
        participants: "Deelnemers",
        messageCount: "Berichten",
        normalisedMessages: "Berichten zoals gelezen",
        timesFrom: "Tijden",
        lines: { first, last in first == last ? "regel \(first)" : "regels \(first)–\(last)" },
        deleted: "verwijderd bericht",
        mediaOmitted: "media niet in de export",
        edited: "bewerkt",
        appNotice: "melding van de app",
        fileNotInExport: "bestand niet in de export",
        sensitiveConversation: "Dit gesprek is als gevoelig gemarkeerd: de berichten worden niet getoond.",
        messagesCut: { shown, total, path in
            "Alleen de eerste \(shown) van \(total) berichten worden hier getoond; alle berichten staan in \(path)."
        },
        fileUnreadable: { "Het bestand \($0) kon niet gelezen worden voor dit overzicht." },
        emailPlatform: "E-mail",
        from: "Van",
        to: "Aan",
        cc: "Cc",
        subject: "Onderwerp",
        date: "Datum",
        htmlBodyAsText: "Deze e-mail heeft alleen een HTML-tekst: die wordt als tekst getoond, nooit als webpagina.",
        noTextBody: "Deze e-mail heeft geen tekst.",
        bodyCut: { "De tekst is hier afgebroken; de volledige e-mail is \($0)." },
        imagesIntro: "Schermafbeeldingen en foto's, getoond uit de eigen bestanden van de bundel, met hun nummer, "
            + "tijd en hash.",
        heicNote: { "Een webbrowser kan dit formaat (HEIC/HEIF) niet tonen: open \($0) met een fotoviewer." },
        cannotShow: { type, path in "Een webbrowser kan dit formaat (\(type)) niet tonen: open \(path) met een ander programma." },
        sensitiveNotShown: "gevoelige inhoud, niet getoond",
        number: "Nr.",
        nameInBag: "Naam in de bundel",
        kind: "Soort",
        size: "Grootte",
        sha256: "SHA-256",
        bestTime: "Beste tijd en herkomst",
        notes: "Opmerkingen",
        bytes: "bytes",
        schemaNote: { manifest, messages in
            "Om evidence/manifest.json in andere programma's in te lezen, is het JSON-schema \(manifest); de "
                + "berichtbestanden volgen \(messages)."
        },
        sensitiveName: "naam niet getoond (gevoelig)",
        note: "Opmerking",
        sourceURL: "Gezien op",
        platform: "Platform",
        account: "Account",
        description: "Beschrijving",
        minorAtTime: "De getoonde persoon was toen minderjarig.",
        carries: "Bevat de stukken",
        cameInside: "Zat in stuk",
        sentIn: { item, messages in "Verstuurd in stuk \(item), bericht(en) \(messages)" },
        missingAttachments: "Bestanden die de berichten noemen maar die niet in de export zitten",
        nearDuplicatesIntro: {
            "Deze stukken lijken op elkaar: hun perceptuele PDQ-hashes verschillen in hoogstens \($0) van 256 bits; "
                + "het ene is zeer waarschijnlijk een opnieuw gecomprimeerde, verkleinde of licht bijgesneden kopie van het andere."
        },
        looksLike: { item, other, distance in "stuk \(item) lijkt op stuk \(other) (afstand \(distance))" },
        withdrawalsIntro: "Deze stukken werden voor de verzegeling uit het dossier gehaald en zitten niet in deze "
            + "bundel; het bewaringslogboek registreert elke terugtrekking.",
        withdrawnAt: "Teruggetrokken op",
        withdrawnBy: "Door",
        reason: "Reden",
        purged: "bewaarde kopie gewist: alleen de hash blijft",
        verifyIntro: "Iedereen kan deze bundel controleren met standaardprogramma's (unzip, sha256sum, openssl 3), "
            + "zonder EvidenceKit; Docs/verifying-a-bundle.md legt elke stap uit. Open geen enkele afbeelding voor deze controles.",
        verifySteps: [
            "Bekijk de zip voor u hem uitpakt: geen absoluut pad, geen „..”, geen symbolische koppeling.",
            "Pak hem uit in een lege map en ga naar de map van de bundel.",
            "Controleer de hash van elk bestand: elke regel moet op OK eindigen.",
            "Controleer de handtekening van het manifest: de opdracht moet „Signature Verified Successfully” tonen.",
            "Bereken de vingerafdruk van de ondertekeningssleutel.",
        ],
        verifyFingerprint: "De vingerafdruk moet die van het titelblad zijn, en die welke de persoon die de bundel "
            + "verzegelde u via een ander kanaal gaf (een brief, een telefoontje).",
        verifyOutcome: "evidence verify bundle.zip doet al deze controles, en die van het bewaringslogboek, in één keer.",
        helpIntro: "U staat er niet alleen voor. Deze diensten luisteren, geven raad en helpen bij een klacht:",
        belgianHelpLines: [
            HelpLine(name: "Hulplijn geweld", number: "0800 12 800", purpose: "geweld, gratis en anoniem"),
            HelpLine(name: "Child Focus", number: "116 000", purpose: "voor minderjarigen en hun naasten, dag en nacht"),
            HelpLine(name: "Tele-Onthaal / Télé-Accueil", number: "106 / 107",
                            purpose: "iemand om mee te praten, dag en nacht (106 in het Nederlands, 107 in het Frans)"),
        ])
}
