import EvidenceModel

extension SummaryLabels {
    /// The German table.
    static let german = SummaryLabels(
        documentTitle: "Übersicht der Beweismittel",
        besideCopyNote: "Diese Kopie liegt neben dem Bündel: Die Bilder erscheinen nur in der Kopie im entpackten "
            + "Bündel (summary.html im Ordner des Bündels).",
        contents: "Inhalt",
        coverIntro: "Diese Übersicht beschreibt die in diesem Bündel versiegelten Beweismittel. Sie ist eine der "
            + "Dateien des Bündels und von seiner Signatur gedeckt.",
        reference: "Aktenzeichen",
        assembledBy: "Zusammengestellt von",
        assembledByUnknown: "nicht angegeben",
        sealedAt: "Versiegelt am",
        timeZone: "Verwendete Zeitzone",
        itemCount: "Beweisstücke",
        bundleIdentifier: "Kennung des Bündels",
        fingerprint: "Fingerabdruck des Signaturschlüssels",
        sealedWith: "Versiegelt mit",
        attestedTime: "Von einem Zeitstempeldienst bestätigte Zeit",
        noTrustedTimestamp: "keine: beim Versiegeln wurde kein Zeitstempeldienst angefragt "
            + "(evidence timestamp kann später einen Zeitstempel hinzufügen)",
        provesHeading: "Was die Versiegelung beweist",
        proves: "Der SHA-256-Hashwert jeder Datei steht in einem Manifest, das mit dem oben genannten Schlüssel "
            + "signiert ist. Stimmen Hashwerte und Signatur, hat sich seit der Versiegelung kein einziges Byte dieser "
            + "Dateien geändert, und die Dateien existierten zum Zeitpunkt der Versiegelung (oder zur bestätigten "
            + "Zeit, falls es eine gibt).",
        doesNotProveHeading: "Was sie nicht beweist",
        doesNotProve: "Sie beweist nicht, woher der Inhalt stammt, dass er wahr ist oder dass er vor der Aufnahme "
            + "nicht bearbeitet wurde. Bei jeder Zeit unten steht, wo sie gelesen wurde; das Datum einer Datei auf "
            + "einem Computer kann vom Zeitpunkt der Tat abweichen.",
        timeStampsElsewhere: "Zeitstempel eines Dritten entstehen nach der Versiegelung dieser Übersicht und stehen "
            + "daher nicht hier: Ein solcher Zeitstempel liegt in evidence/*.tsr und wird von evidence verify geprüft.",
        parties: "Beteiligte Personen",
        partyVictim: "Opfer",
        partySuspect: "Tatverdächtige Person",
        partyWitness: "Zeugin oder Zeuge",
        partyOther: "Andere Rolle",
        page: "Seite",
        timeline: "Zeitleiste",
        conversations: "Unterhaltungen",
        emails: "E-Mails",
        images: "Bilder",
        items: "Alle Beweisstücke",
        nearDuplicates: "Beinahe-Duplikate",
        withdrawals: "Zurückgezogene Beweisstücke",
        howToVerify: "Dieses Bündel ohne EvidenceKit prüfen",
        help: "Wo Sie Hilfe finden",
        timelineIntro: "Alle datierten Beweisstücke und Nachrichten in zeitlicher Reihenfolge, nach Tagen, in der "
            + "Zeitzone der Akte.",
        timeColumn: "Uhrzeit",
        itemColumn: "Stück",
        whatColumn: "Inhalt",
        sourceColumn: "Herkunft der Zeit",
        zoneAssumed: "Zeitzone angenommen: Die Quelle nannte keinen UTC-Versatz, der der Akte wurde angewandt",
        sourcesDisagree: "die Quellen der Zeit dieses Beweisstücks widersprechen sich",
        noUsableTimeHeading: "Beweisstücke ohne verwertbare Zeit",
        noUsableTimeIntro: "Diese Beweisstücke tragen keinen Zeitpunkt der Tat: Es wurde kein Datum darin gefunden, "
            + "oder nur das Datum der Datei auf einem Computer.",
        noDateFound: "kein Datum gefunden",
        fileDateOnly: "nur das Datum der Datei auf einem Computer ist bekannt",
        writtenAs: { "von der Quelle als \($0) geschrieben" },
        messagesOfDay: { count, written, first, last in
            count == 1 ? "1 Nachricht um \(first)" : "\(written) Nachrichten, von \(first) bis \(last)"
        },
        labelled: { "\($0): " },
        sources: [
            .exif: "Zeit aus den EXIF-Daten des Bildes", .xmp: "Zeit aus den XMP-Daten der Datei",
            .pngTime: "Zeit aus dem tIME-Block des PNG", .quicktime: "Zeit aus den QuickTime-Daten des Videos",
            .iptc: "Zeit aus den IPTC-Daten des Bildes", .id3: "Zeit aus dem ID3-Tag der Aufnahme",
            .filename: "Zeit aus dem Dateinamen", .filesystem: "Datum der Datei auf dem Computer",
            .chat: "Zeitstempel der Unterhaltung", .emailHeader: "Zeit aus den Kopfzeilen der E-Mail",
            .acquired: "Zeitpunkt der Aufnahme in die Akte", .declared: "von der Person angegebene Zeit",
            .tsa: "von einem Zeitstempeldienst bestätigte Zeit",
        ],
        kinds: [
            .screenshot: "Bildschirmfoto", .photo: "Foto", .video: "Video", .audio: "Tonaufnahme",
            .chat: "Unterhaltung", .email: "E-Mail", .document: "Dokument", .other: "Andere Datei",
        ],
        conversationsIntro: "Die Nachrichten, wie der Export sie schrieb, in seiner Reihenfolge. Jede Nachricht nennt "
            + "die Zeilen des ursprünglichen Exports, aus denen sie gelesen wurde, damit sie dort geprüft werden kann.",
        originalExport: "Ursprünglicher Export",
        item: "Stück",
        participants: "Beteiligte",
        messageCount: "Nachrichten",
        normalisedMessages: "Nachrichten wie gelesen",
        timesFrom: "Zeiten",
        lines: { first, last in first == last ? "Zeile \(first)" : "Zeilen \(first)–\(last)" },
        deleted: "gelöschte Nachricht",
        mediaOmitted: "Medien nicht im Export",
        edited: "bearbeitet",
        appNotice: "Hinweis der App",
        fileNotInExport: "Datei nicht im Export",
        sensitiveConversation: "Diese Unterhaltung ist als sensibel markiert: Ihre Nachrichten werden nicht angezeigt.",
        messagesCut: { shown, total, path in
            "Hier werden nur die ersten \(shown) von \(total) Nachrichten angezeigt; alle Nachrichten stehen in \(path)."
        },
        fileUnreadable: { "Die Datei \($0) konnte für diese Übersicht nicht gelesen werden." },
        emailPlatform: "E-Mail",
        from: "Von",
        to: "An",
        cc: "Cc",
        subject: "Betreff",
        date: "Datum",
        htmlBodyAsText: "Diese E-Mail hat nur einen HTML-Text: Er wird als Text gezeigt, nie als Webseite.",
        noTextBody: "Diese E-Mail hat keinen Text.",
        bodyCut: { "Der Text endet hier; die vollständige E-Mail ist \($0)." },
        imagesIntro: "Bildschirmfotos und Fotos aus den Dateien des Bündels, mit Nummer, Zeit und Hashwert.",
        heicNote: { "Ein Webbrowser kann dieses Format (HEIC/HEIF) nicht anzeigen: Öffnen Sie \($0) mit einem Bildbetrachter." },
        cannotShow: { type, path in
            "Ein Webbrowser kann dieses Format (\(type)) nicht anzeigen: Öffnen Sie \(path) mit einem anderen Programm."
        },
        sensitiveNotShown: "sensibler Inhalt, nicht angezeigt",
        number: "Nr.",
        nameInBag: "Name im Bündel",
        kind: "Art",
        size: "Größe",
        sha256: "SHA-256",
        bestTime: "Beste Zeit und Herkunft",
        notes: "Anmerkungen",
        bytes: "Bytes",
        schemaNote: { manifest, messages in
            "Um evidence/manifest.json in andere Programme einzulesen, ist sein JSON-Schema \(manifest); die "
                + "Nachrichtendateien folgen \(messages)."
        },
        sensitiveName: "Name nicht angezeigt (sensibel)",
        note: "Anmerkung",
        sourceURL: "Gesehen unter",
        platform: "Plattform",
        account: "Konto",
        description: "Beschreibung",
        minorAtTime: "Die gezeigte Person war damals minderjährig.",
        carries: "Enthält die Stücke",
        cameInside: "War in Stück",
        sentIn: { item, messages in "Gesendet in Stück \(item), Nachricht(en) \(messages)" },
        missingAttachments: "Dateien, die die Nachrichten nennen, die aber nicht im Export sind",
        nearDuplicatesIntro: {
            "Diese Stücke sehen sich ähnlich: Ihre perzeptuellen PDQ-Hashwerte unterscheiden sich in höchstens \($0) "
                + "von 256 Bits; eines ist sehr wahrscheinlich eine neu komprimierte, verkleinerte oder leicht "
                + "beschnittene Kopie des anderen."
        },
        looksLike: { item, other, distance in "Stück \(item) ähnelt Stück \(other) (Abstand \(distance))" },
        withdrawalsIntro: "Diese Stücke wurden vor der Versiegelung aus der Akte genommen und sind nicht in diesem "
            + "Bündel; das Verwahrungsprotokoll verzeichnet jede Rücknahme.",
        withdrawnAt: "Zurückgezogen am",
        withdrawnBy: "Durch",
        reason: "Grund",
        purged: "gespeicherte Kopie gelöscht: nur der Hashwert bleibt",
        verifyIntro: "Jede Person kann dieses Bündel mit Standardwerkzeugen (unzip, sha256sum, openssl 3) ohne "
            + "EvidenceKit prüfen; Docs/verifying-a-bundle.md erklärt jeden Schritt. Öffnen Sie für diese Prüfungen kein Bild.",
        verifySteps: [
            "Die ZIP-Datei vor dem Entpacken ansehen: kein absoluter Pfad, kein „..“, keine symbolische Verknüpfung.",
            "In einen leeren Ordner entpacken und in den Ordner des Bündels wechseln.",
            "Den Hashwert jeder Datei prüfen: Jede Zeile muss mit OK enden.",
            "Die Signatur des Manifests prüfen: Der Befehl muss „Signature Verified Successfully“ ausgeben.",
            "Den Fingerabdruck des Signaturschlüssels berechnen.",
        ],
        verifyFingerprint: "Der Fingerabdruck muss der auf dem Deckblatt sein, und der, den Ihnen die Person, die das "
            + "Bündel versiegelt hat, auf einem anderen Weg mitgeteilt hat (Brief, Anruf).",
        verifyOutcome: "evidence verify bundle.zip führt alle diese Prüfungen, auch die des Verwahrungsprotokolls, "
            + "auf einmal aus.",
        helpIntro: "Sie sind nicht allein. Diese Stellen hören zu, beraten und helfen bei einer Anzeige:",
        belgianHelpLines: [
            HelpLine(name: "Hilfetelefon Gewalt", number: "0800 12 800", purpose: "Gewalt, kostenlos und anonym"),
            HelpLine(name: "Child Focus", number: "116 000", purpose: "für Minderjährige und ihre Angehörigen, Tag und Nacht"),
            HelpLine(name: "Télé-Accueil / Tele-Onthaal", number: "107 / 106",
                            purpose: "jemand zum Reden, Tag und Nacht (107 auf Französisch, 106 auf Niederländisch)"),
        ])
}
