import EvidenceModel
import Foundation

/// The fixed phrases WhatsApp writes in place of content, per export language.
///
/// Matching is on exact bytes after any leading U+200E/U+200F marks: a person who types
/// "This message was deleted" into a longer message is not mistaken for a deletion.
package enum WhatsAppMarkers {
    /// Whether an entry path names WhatsApp's chat text.
    package static func isChatText(_ path: String) -> Bool {
        let base = (path as NSString).lastPathComponent
        if base == "_chat.txt" { return true }
        guard base.lowercased().hasSuffix(".txt") else { return false }
        return WhatsAppMarkers.titlePrefixes.contains { base.hasPrefix($0) }
    }

    static func bytes(_ list: [String]) -> [[UInt8]] { list.map { Array($0.utf8) } }

    /// Whole-body notices of a deleted message (en, fr, nl, de, es, with and without the final full stop).
    static let deleted: [[UInt8]] = bytes([
        "This message was deleted", "This message was deleted.", "You deleted this message",
        "You deleted this message.",
        "Ce message a été supprimé", "Ce message a été supprimé.", "Vous avez supprimé ce message",
        "Vous avez supprimé ce message.",
        "Dit bericht is verwijderd", "Dit bericht is verwijderd.", "Je hebt dit bericht verwijderd",
        "Je hebt dit bericht verwijderd.",
        "Diese Nachricht wurde gelöscht", "Diese Nachricht wurde gelöscht.", "Du hast diese Nachricht gelöscht",
        "Du hast diese Nachricht gelöscht.",
        "Se eliminó este mensaje", "Se eliminó este mensaje.", "Eliminaste este mensaje", "Eliminaste este mensaje.",
    ])

    /// Whole-body markers of media left out of the export (Android `<…>` forms and iOS `… omitted` forms).
    static let omitted: [[UInt8]] = bytes([
        "<Media omitted>", "<Médias omis>", "<Media weggelaten>", "<Medien ausgeschlossen>", "<Multimedia omitido>",
        "image omitted", "video omitted", "audio omitted", "sticker omitted", "GIF omitted", "document omitted",
        "Contact card omitted",
        "image absente", "vidéo absente", "audio omis", "sticker omis", "GIF retiré", "document omis",
        "image omise", "vidéo omise",
        "afbeelding weggelaten", "video weggelaten", "audio weggelaten", "sticker weggelaten", "GIF weggelaten",
        "document weggelaten",
        "Bild weggelassen", "Video weggelassen", "Audio weggelassen", "Sticker weggelassen", "GIF weggelassen",
        "Dokument weggelassen",
        "imagen omitida", "video omitido", "audio omitido", "sticker omitido", "GIF omitido", "documento omitido",
    ])

    /// iOS attachment references: `<attached: 00000012-PHOTO-2023-12-25-14-03-22.jpg>`.
    static let attachedOpeners: [[UInt8]] = bytes([
        "<attached: ", "<pièce jointe : ", "<pièce jointe: ", "<bijgevoegd: ", "<Anhang: ", "<adjunto: ",
    ])

    /// Older iOS attachment references (2015–2017): `2015-08-04-PHOTO-00004762.jpg ‹‎attached>`, the name first.
    static let attachedOldSuffixes: [[UInt8]] = bytes([" \u{2039}\u{200E}attached>", " \u{2039}attached>"])

    /// What older iOS exports write between a document's title and its reference: `NAME.pdf • 14 pages <attached: …>`.
    static let documentSeparator: [UInt8] = Array(" \u{2022} ".utf8)

    /// Android attachment references: `IMG-20231225-WA0003.jpg (file attached)`.
    static let attachedSuffixes: [[UInt8]] = bytes([
        " (file attached)", " (fichier joint)", " (bestand bijgevoegd)", " (Datei angehängt)", " (archivo adjunto)",
    ])

    /// Suffixes newer exports add to an edited message.
    static let editedSuffixes: [[UInt8]] = bytes([
        "<This message was edited>", "<Ce message a été modifié>", "<Dit bericht is bewerkt>",
        "<Diese Nachricht wurde bearbeitet>", "<Se editó este mensaje.>", "<Se editó este mensaje>",
    ])

    /// Openings of the end-to-end encryption notice, which iOS writes under the chat's name as if someone said it.
    static let encryptionNotices: [[UInt8]] = bytes([
        "Messages and calls are end-to-end encrypted", "Messages to this group are now secured",
        "Messages to this chat and calls are now secured", "Messages you send to this chat and calls are now secured",
        "Les messages et les appels sont chiffrés de bout en bout",
        "Berichten en gesprekken worden end-to-end versleuteld",
        "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
        "Los mensajes y las llamadas están cifrados de extremo a extremo",
    ])

    /// Group events that recent iOS exports write under the group's name (or the actor's) instead of without an
    /// author, always with a U+200E before the event: `[19/10/2025, 01:02:19] Family: \u{200E}Alice added Bob`.
    /// Only a single-line body that starts with that mark and reads as one of these is taken as the app speaking;
    /// without the mark the same words are what a person typed.
    static let groupEventPrefixes: [[UInt8]] = bytes([
        "You created group ", "You added ", "You removed ", "You're now an admin", "You're no longer an admin",
        "You joined using this group's invite link", "Your security code with ",
        "Vous avez créé le groupe ", "Vous avez ajouté ", "Vous avez retiré ", "Vous êtes maintenant admin",
        "Je hebt groep ", "Je bent nu beheerder",
        "Du hast die Gruppe ", "Du bist jetzt Admin",
        "Creaste el grupo ", "Añadiste a ", "Eliminaste a ", "Ahora eres admin",
    ])

    /// Words inside a group event (see ``groupEventPrefixes``).
    static let groupEventInfixes: [[UInt8]] = bytes([
        " added ", " removed ", " created group ", " changed the subject ", " changed the group description",
        " changed this group's icon", " deleted this group's icon", " changed the group name ",
        " changed their phone number", " changed to ", " joined using this group's invite link",
        " a ajouté ", " a retiré ", " a créé le groupe ", " a modifié le sujet ", " a changé le sujet ",
        " heeft de groep ", " hat die Gruppe ",
        " añadió a ", " eliminó a ", " creó el grupo ", " cambió el asunto ",
    ])

    /// Endings of a group event (see ``groupEventPrefixes``).
    static let groupEventSuffixes: [[UInt8]] = bytes([
        " left", " added you", " removed you", " est parti", " est partie", " vous a ajouté",
        " is vertrokken", " heeft je toegevoegd", " toegevoegd", " verwijderd", " aangemaakt",
        " hat die Gruppe verlassen", " hat dich hinzugefügt", " hinzugefügt", " entfernt", " erstellt", " geändert",
        " gewijzigd",
        " salió", " salió del grupo", " te añadió",
    ])

    /// Chat-name prefixes of exported file names, stripped to make a title.
    static let titlePrefixes = [
        "WhatsApp Chat with ", "WhatsApp Chat - ", "Discussion WhatsApp avec ", "WhatsApp-chat met ",
        "WhatsApp-Chat mit ", "Chat de WhatsApp con ",
    ]
}
