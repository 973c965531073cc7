import EvidenceModel

extension SummaryLabels {
    /// The French table.
    static let french = SummaryLabels(
        documentTitle: "résumé des preuves",
        besideCopyNote: "Cette copie accompagne le bundle : les images ne s'affichent que dans la copie qui se trouve "
            + "dans le bundle décompressé (summary.html dans le dossier du bundle).",
        contents: "Sommaire",
        coverIntro: "Ce résumé décrit les preuves scellées dans ce bundle. Il fait partie des fichiers du bundle et "
            + "est couvert par sa signature.",
        reference: "Référence du dossier",
        assembledBy: "Constitué par",
        assembledByUnknown: "non indiqué",
        sealedAt: "Scellé le",
        timeZone: "Fuseau horaire utilisé",
        itemCount: "Pièces",
        bundleIdentifier: "Identifiant du bundle",
        fingerprint: "Empreinte de la clé de signature",
        sealedWith: "Scellé avec",
        attestedTime: "Heure attestée par une autorité d'horodatage",
        noTrustedTimestamp: "aucune : aucune autorité d'horodatage n'a été sollicitée au scellement "
            + "(evidence timestamp peut en ajouter une plus tard)",
        provesHeading: "Ce que le scellé prouve",
        proves: "L'empreinte SHA-256 de chaque fichier est inscrite dans un manifeste signé avec la clé indiquée "
            + "ci-dessus. Si les empreintes et la signature sont vérifiées, aucun octet de ces fichiers n'a changé "
            + "depuis leur scellement, et les fichiers existaient à l'heure du scellement (ou à l'heure attestée, "
            + "s'il y en a une).",
        doesNotProveHeading: "Ce qu'il ne prouve pas",
        doesNotProve: "Il ne prouve pas d'où vient le contenu, qu'il est vrai, ni qu'il n'a pas été modifié avant "
            + "d'être capturé. Chaque heure ci-dessous indique où elle a été lue ; la date d'un fichier sur un "
            + "ordinateur peut différer de l'heure des faits.",
        timeStampsElsewhere: "Les horodatages d'un tiers sont faits après le scellement de ce résumé et n'y figurent "
            + "donc pas : tout horodatage de ce type se trouve dans evidence/*.tsr et est contrôlé par evidence verify.",
        parties: "Personnes concernées",
        partyVictim: "Victime",
        partySuspect: "Personne soupçonnée",
        partyWitness: "Témoin",
        partyOther: "Autre rôle",
        page: "Page",
        timeline: "Chronologie",
        conversations: "Conversations",
        emails: "Courriels",
        images: "Images",
        items: "Toutes les pièces",
        nearDuplicates: "Quasi-doublons",
        withdrawals: "Pièces retirées",
        howToVerify: "Vérifier ce bundle sans EvidenceKit",
        help: "Où trouver de l'aide",
        timelineIntro: "Toutes les pièces et tous les messages datés, dans l'ordre du temps, groupés par jour, dans le "
            + "fuseau horaire du dossier.",
        timeColumn: "Heure",
        itemColumn: "Pièce",
        whatColumn: "Contenu",
        sourceColumn: "Origine de l'heure",
        zoneAssumed: "fuseau supposé : la source ne donnait pas de décalage, celui du dossier a été appliqué",
        sourcesDisagree: "les sources de l'heure de cette pièce ne concordent pas",
        noUsableTimeHeading: "Pièces sans heure utilisable",
        noUsableTimeIntro: "Ces pièces ne portent aucune heure des faits : aucune date n'y a été trouvée, ou seulement "
            + "la date du fichier sur un ordinateur.",
        noDateFound: "aucune date trouvée",
        fileDateOnly: "seule la date du fichier sur un ordinateur est connue",
        writtenAs: { "écrite \($0) par sa source" },
        messagesOfDay: { count, written, first, last in
            count == 1 ? "1 message à \(first)" : "\(written) messages, de \(first) à \(last)"
        },
        labelled: { "\($0) : " },
        sources: [
            .exif: "heure lue dans les données EXIF de l'image", .xmp: "heure lue dans les données XMP du fichier",
            .pngTime: "heure lue dans le bloc tIME du PNG", .quicktime: "heure lue dans les données QuickTime de la vidéo",
            .iptc: "heure lue dans les données IPTC de l'image", .id3: "heure lue dans l'étiquette ID3 de l'enregistrement",
            .filename: "heure lue dans le nom du fichier", .filesystem: "date du fichier sur l'ordinateur",
            .chat: "horodatage de la conversation", .emailHeader: "heure lue dans les en-têtes du courriel",
            .acquired: "heure de l'ajout au dossier", .declared: "heure déclarée par la personne",
            .tsa: "heure attestée par une autorité d'horodatage",
        ],
        kinds: [
            .screenshot: "Capture d'écran", .photo: "Photo", .video: "Vidéo", .audio: "Enregistrement sonore",
            .chat: "Conversation", .email: "Courriel", .document: "Document", .other: "Autre fichier",
        ],
        conversationsIntro: "Les messages tels que l'export les a écrits, dans son ordre. Chaque message indique les "
            + "lignes de l'export d'origine dont il a été lu, pour pouvoir le vérifier.",
        originalExport: "Export d'origine",
        item: "Pièce",
        participants: "Participants",
        messageCount: "Messages",
        normalisedMessages: "Messages tels que lus",
        timesFrom: "Heures",
        lines: { first, last in first == last ? "ligne \(first)" : "lignes \(first)–\(last)" },
        deleted: "message supprimé",
        mediaOmitted: "média absent de l'export",
        edited: "modifié",
        appNotice: "avis écrit par l'application",
        fileNotInExport: "fichier absent de l'export",
        sensitiveConversation: "Cette conversation est marquée sensible : ses messages ne sont pas affichés.",
        messagesCut: { shown, total, path in
            "Seuls les \(shown) premiers messages sur \(total) sont affichés ici ; tous les messages sont dans \(path)."
        },
        fileUnreadable: { "Le fichier \($0) n'a pas pu être lu pour écrire ce résumé." },
        emailPlatform: "Courriel",
        from: "De",
        to: "À",
        cc: "Cc",
        subject: "Objet",
        date: "Date",
        htmlBodyAsText: "Ce courriel n'a qu'un corps HTML : il est montré comme texte, jamais affiché comme une page web.",
        noTextBody: "Ce courriel n'a pas de texte.",
        bodyCut: { "Le texte est coupé ici ; le courriel complet est \($0)." },
        imagesIntro: "Captures d'écran et photos, affichées depuis les fichiers du bundle, avec leur numéro, leur "
            + "heure et leur empreinte.",
        heicNote: { "Un navigateur ne peut pas afficher ce format (HEIC/HEIF) : ouvrez \($0) avec une visionneuse de photos." },
        cannotShow: { type, path in
            "Un navigateur ne peut pas afficher ce format (\(type)) : ouvrez \(path) avec un autre programme."
        },
        sensitiveNotShown: "contenu sensible, non affiché",
        number: "N°",
        nameInBag: "Nom dans le bundle",
        kind: "Nature",
        size: "Taille",
        sha256: "SHA-256",
        bestTime: "Meilleure heure et son origine",
        notes: "Remarques",
        bytes: "octets",
        schemaNote: { manifest, messages in
            "Pour importer evidence/manifest.json dans d'autres outils, son schéma JSON est \(manifest) ; les fichiers "
                + "de messages suivent \(messages)."
        },
        sensitiveName: "nom non affiché (sensible)",
        note: "Remarque",
        sourceURL: "Vu à l'adresse",
        platform: "Plateforme",
        account: "Compte",
        description: "Description",
        minorAtTime: "La personne montrée était mineure à l'époque.",
        carries: "Contient les pièces",
        cameInside: "Contenue dans la pièce",
        sentIn: { item, messages in "Envoyée dans la pièce \(item), message(s) \(messages)" },
        missingAttachments: "Fichiers nommés dans les messages mais absents de l'export",
        nearDuplicatesIntro: {
            "Ces pièces se ressemblent : leurs empreintes perceptuelles PDQ diffèrent d'au plus \($0) bits sur 256 ; "
                + "l'une est très probablement une copie recompressée, redimensionnée ou légèrement recadrée de l'autre."
        },
        looksLike: { item, other, distance in "la pièce \(item) ressemble à la pièce \(other) (distance \(distance))" },
        withdrawalsIntro: "Ces pièces ont été retirées du dossier avant le scellement et ne sont pas dans ce bundle ; "
            + "le journal de traçabilité enregistre chaque retrait.",
        withdrawnAt: "Retirée le",
        withdrawnBy: "Par",
        reason: "Motif",
        purged: "copie conservée supprimée : seule l'empreinte est gardée",
        verifyIntro: "Chacun peut vérifier ce bundle avec des outils standard (unzip, sha256sum, openssl 3), sans "
            + "EvidenceKit ; Docs/verifying-a-bundle.md explique chaque étape. N'ouvrez aucune image pour ces vérifications.",
        verifySteps: [
            "Regarder le zip avant de l'ouvrir : ni chemin absolu, ni « .. », ni lien symbolique.",
            "L'extraire dans un dossier vide et aller dans le dossier du bundle.",
            "Contrôler l'empreinte de chaque fichier : chaque ligne doit finir par OK.",
            "Vérifier la signature du manifeste : la commande doit afficher « Signature Verified Successfully ».",
            "Calculer l'empreinte de la clé de signature.",
        ],
        verifyFingerprint: "L'empreinte doit être celle de la page de garde, et celle que la personne qui a scellé le "
            + "bundle vous a communiquée par un autre canal (un courrier, un appel).",
        verifyOutcome: "evidence verify bundle.zip fait toutes ces vérifications, et celle du journal de traçabilité, "
            + "en une fois.",
        helpIntro: "Vous n'êtes pas seul·e. Ces services écoutent, conseillent et peuvent aider à porter plainte :",
        belgianHelpLines: [
            HelpLine(name: "Ligne d'écoute violences", number: "0800 12 800", purpose: "violences, gratuit et anonyme"),
            HelpLine(name: "Child Focus", number: "116 000", purpose: "pour les mineurs et leurs proches, jour et nuit"),
            HelpLine(name: "Télé-Accueil / Tele-Onthaal", number: "107 / 106",
                            purpose: "quelqu'un à qui parler, jour et nuit (107 en français, 106 en néerlandais)"),
        ])
}
