import EvidenceModel

extension SummaryLabels {
    /// The English table.
    static let english = SummaryLabels(
        documentTitle: "evidence summary",
        besideCopyNote: "This copy sits beside the bundle: the images show only in the copy inside the unzipped bundle "
            + "(summary.html in the bundle's folder).",
        contents: "Contents",
        coverIntro: "This summary describes the evidence sealed in this bundle. It is one of the bundle's files and is "
            + "covered by its signature.",
        reference: "Case reference",
        assembledBy: "Assembled by",
        assembledByUnknown: "not recorded",
        sealedAt: "Sealed on",
        timeZone: "Time zone used",
        itemCount: "Items",
        bundleIdentifier: "Bundle identifier",
        fingerprint: "Signing key fingerprint",
        sealedWith: "Sealed with",
        attestedTime: "Time attested by a time-stamping authority",
        noTrustedTimestamp: "none: no time-stamping authority was asked when sealing "
            + "(evidence timestamp can add a time-stamp later)",
        provesHeading: "What the seal proves",
        proves: "Each file's SHA-256 hash is recorded in a manifest signed with the key shown above. If the hashes and "
            + "the signature check out, not one byte of these files has changed since they were sealed, and the files "
            + "existed at the sealing time (or at the attested time, if there is one).",
        doesNotProveHeading: "What it does not prove",
        doesNotProve: "It does not prove where the content came from, that it is true, or that it was not edited "
            + "before it was captured. Each time below says where it was read; a time from the file on a computer "
            + "can differ from the time of the facts.",
        timeStampsElsewhere: "Time-stamps from a third party are made after this summary is sealed, so they are not "
            + "shown here: any such time-stamp is in evidence/*.tsr and is checked by evidence verify.",
        parties: "People in this case",
        partyVictim: "Victim",
        partySuspect: "Suspect",
        partyWitness: "Witness",
        partyOther: "Other role",
        page: "Page",
        timeline: "Timeline",
        conversations: "Conversations",
        emails: "E-mails",
        images: "Images",
        items: "All items",
        nearDuplicates: "Near-duplicates",
        withdrawals: "Withdrawn items",
        howToVerify: "How to check this bundle without EvidenceKit",
        help: "Where to get help",
        timelineIntro: "Every dated item and message in time order, grouped by day, in the case's time zone.",
        timeColumn: "Time",
        itemColumn: "Item",
        whatColumn: "What",
        sourceColumn: "Where the time comes from",
        zoneAssumed: "time zone assumed: the source gave no offset, the case's zone was applied",
        sourcesDisagree: "the sources of this item's time disagree",
        noUsableTimeHeading: "Items with no usable time",
        noUsableTimeIntro: "These items carry no time of the facts: no date was found in them, or only the date of "
            + "the file on a computer.",
        noDateFound: "no date found",
        fileDateOnly: "only the file's date on a computer is known",
        writtenAs: { "written as \($0) by its source" },
        messagesOfDay: { count, written, first, last in
            count == 1 ? "1 message at \(first)" : "\(written) messages, from \(first) to \(last)"
        },
        labelled: { "\($0): " },
        sources: [
            .exif: "time read from the picture's EXIF data", .xmp: "time read from the file's XMP data",
            .pngTime: "time read from the PNG's tIME chunk", .quicktime: "time read from the video's QuickTime data",
            .iptc: "time read from the picture's IPTC data", .id3: "time read from the recording's ID3 tag",
            .filename: "time read in the file's name", .filesystem: "date of the file on the computer",
            .chat: "time stamp of the conversation", .emailHeader: "time read in the e-mail's headers",
            .acquired: "time the file was added to the case", .declared: "time stated by the person",
            .tsa: "time attested by a time-stamping authority",
        ],
        kinds: [
            .screenshot: "Screenshot", .photo: "Photo", .video: "Video", .audio: "Sound recording",
            .chat: "Conversation", .email: "E-mail", .document: "Document", .other: "Other file",
        ],
        conversationsIntro: "The messages as the export wrote them, in its order. Each message gives the lines of the "
            + "original export it was read from, so it can be checked there.",
        originalExport: "Original export",
        item: "Item",
        participants: "Participants",
        messageCount: "Messages",
        normalisedMessages: "Messages as read",
        timesFrom: "Times",
        lines: { first, last in first == last ? "line \(first)" : "lines \(first)–\(last)" },
        deleted: "deleted message",
        mediaOmitted: "media left out of the export",
        edited: "edited",
        appNotice: "notice written by the app",
        fileNotInExport: "file not in the export",
        sensitiveConversation: "This conversation is marked sensitive: its messages are not shown.",
        messagesCut: { shown, total, path in
            "Only the first \(shown) of \(total) messages are shown here; every message is in \(path)."
        },
        fileUnreadable: { "The file \($0) could not be read to write this summary." },
        emailPlatform: "E-mail",
        from: "From",
        to: "To",
        cc: "Cc",
        subject: "Subject",
        date: "Date",
        htmlBodyAsText: "This e-mail has only an HTML body: it is shown as text, never displayed as a web page.",
        noTextBody: "This e-mail has no text body.",
        bodyCut: { "The text is cut here; the whole e-mail is \($0)." },
        imagesIntro: "Screenshots and photos, shown from the bundle's own files, with their number, time and hash.",
        heicNote: { "A web browser cannot show this format (HEIC/HEIF): open \($0) with a photo viewer." },
        cannotShow: { type, path in "A web browser cannot show this format (\(type)): open \(path) with another program." },
        sensitiveNotShown: "sensitive content, not shown",
        number: "No.",
        nameInBag: "Name in the bundle",
        kind: "Kind",
        size: "Size",
        sha256: "SHA-256",
        bestTime: "Best time and its source",
        notes: "Notes",
        bytes: "bytes",
        schemaNote: { manifest, messages in
            "To import evidence/manifest.json into other tools, its JSON Schema is \(manifest); the messages files "
                + "follow \(messages)."
        },
        sensitiveName: "name not shown (sensitive)",
        note: "Note",
        sourceURL: "Seen at",
        platform: "Platform",
        account: "Account",
        description: "Description",
        minorAtTime: "The person shown was a minor at the time.",
        carries: "Carries items",
        cameInside: "Came inside item",
        sentIn: { item, messages in "Sent in item \(item), message(s) \(messages)" },
        missingAttachments: "Files named in the messages but not in the export",
        nearDuplicatesIntro: {
            "These items look alike: their PDQ perceptual hashes differ by at most \($0) of 256 bits, so one is most "
                + "likely a re-compressed, resized or slightly cropped copy of the other."
        },
        looksLike: { item, other, distance in "item \(item) looks like item \(other) (distance \(distance))" },
        withdrawalsIntro: "These items were taken out of the case before sealing and are not in this bundle; the "
            + "custody journal records each withdrawal.",
        withdrawnAt: "Withdrawn on",
        withdrawnBy: "By",
        reason: "Reason",
        purged: "stored copy deleted: only the hash is kept",
        verifyIntro: "Anyone can check this bundle with standard tools (unzip, sha256sum, openssl 3), without "
            + "EvidenceKit; Docs/verifying-a-bundle.md explains every step. Open no image to do these checks.",
        verifySteps: [
            "Look inside the zip before extracting it: no absolute path, no “..”, no symbolic link.",
            "Extract it into an empty folder and go into the bundle's folder.",
            "Check the hash of every file: each line must end with OK.",
            "Check the signature of the manifest: it must print “Signature Verified Successfully”.",
            "Compute the fingerprint of the signing key.",
        ],
        verifyFingerprint: "The fingerprint must be the one shown on the cover, and the one you received from the "
            + "person who sealed the bundle by another channel (a letter, a call).",
        verifyOutcome: "evidence verify bundle.zip runs all of these checks, and the custody journal's, at once.",
        helpIntro: "You are not alone. These services listen, advise and can help you file a complaint:",
        belgianHelpLines: [
            HelpLine(name: "Violence helpline", number: "0800 12 800", purpose: "violence, free and anonymous"),
            HelpLine(name: "Child Focus", number: "116 000", purpose: "for minors and their families, day and night"),
            HelpLine(name: "Télé-Accueil / Tele-Onthaal", number: "107 / 106",
                            purpose: "someone to talk to, day and night (107 in French, 106 in Dutch)"),
        ])
}
