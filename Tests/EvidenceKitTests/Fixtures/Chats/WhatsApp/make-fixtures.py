#!/usr/bin/env python3
"""Writes the WhatsApp fixtures byte for byte. Run from this folder; the output files are committed.

Escapes are used for every invisible character so that what each file contains is readable here:
U+200E (LRM) '\u200e', U+00A0 (NBSP) '\u00a0', U+202F (NNBSP) '\u202f', BOM '\ufeff'.
"""
import zipfile

LRM, NBSP, NNBSP, BOM = "\u200e", "\u00a0", "\u202f", "\ufeff"

def write(name, lines, newline="\n", bom=False):
    text = newline.join(lines) + newline
    data = (BOM if bom else "") + text
    with open(name, "wb") as f:
        f.write(data.encode("utf-8"))

# Android 2.23 (2023), English (United Kingdom): dd/mm/yyyy, 24 h, LF.
write("android-en-GB.txt", [
    "25/12/2023, 14:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.",
    "25/12/2023, 14:01 - Alice created group \"Family 🎄\"",
    "25/12/2023, 14:01 - Alice added Bob",
    "25/12/2023, 14:03 - Alice: Merry Christmas 🎄",
    "25/12/2023, 14:04 - Bob: Re: the photos",
    "they are at 26/12/2023, 10:00 - not before",
    "",
    "ok?",
    "26/12/2023 works for me",
    "25/12/2023, 14:05 - +32 470 12 34 56: <Media omitted>",
    "25/12/2023, 14:06 - Alice: This message was deleted",
    "25/12/2023, 14:07 - Bob: IMG-20231225-WA0003.jpg (file attached)",
    "look at this",
    "25/12/2023, 14:08 - Bob: I mean it <This message was edited>",
    "26/12/2023, 09:15 - Bob left",
    "26/12/2023, 09:16 - Alice changed the subject from \"Family 🎄\" to \"Family: 2024\"",
    "26/12/2023, 09:17 - Bob \"the builder\": quoted names still have an author",
])

# Android 2.23.24 (late 2023), English (United States): m/d/yy, 12 h with U+202F before PM, CRLF, BOM.
write("android-en-US.txt", [
    "12/25/23, 2:03" + NNBSP + "PM - Alice: Hello there",
    "12/25/23, 2:04" + NNBSP + "PM - Bob: Reply: fine",
    "12/25/23, 11:59" + NNBSP + "PM - Alice: late",
    "12/26/23, 12:00" + NNBSP + "AM - Bob: midnight",
    "12/26/23, 12:30" + NNBSP + "PM - Bob: noon-ish",
], newline="\r\n", bom=True)

# Android 2.22 (2022), French (France): "25/12/2023 à 14:03", 24 h.
write("android-fr-FR.txt", [
    "25/12/2023 à 14:00 - Les messages et les appels sont chiffrés de bout en bout. Aucun tiers, pas même WhatsApp, ne peut les lire ou les écouter. Appuyez pour en savoir plus.",
    "25/12/2023 à 14:03 - Élodie: Joyeux Noël",
    "25/12/2023 à 14:04 - Marc: <Médias omis>",
    "25/12/2023 à 14:05 - Marc: Ce message a été supprimé",
    "25/12/2023 à 14:06 - Élodie: PTT-20231225-WA0001.opus (fichier joint)",
])

# Android 2.23 (2023), German (Germany): dd.mm.yy, 24 h.
write("android-de-DE.txt", [
    "25.12.23, 14:03 - Jürgen: Frohe Weihnachten",
    "25.12.23, 14:04 - Anna: <Medien ausgeschlossen>",
    "25.12.23, 14:05 - Anna: Diese Nachricht wurde gelöscht",
    "25.12.23, 14:06 - Jürgen: IMG-20231225-WA0007.jpg (Datei angehängt)",
])

# Android 2.21 (2021), Dutch (Netherlands/Belgium): dd-mm-yyyy without comma, 24 h, CRLF.
write("android-nl-NL.txt", [
    "25-12-2023 14:03 - Sven: Vrolijk kerstfeest",
    "25-12-2023 14:04 - Lotte: <Media weggelaten>",
    "25-12-2023 14:05 - Lotte: Dit bericht is verwijderd",
    "25-12-2023 14:06 - Sven: VID-20231225-WA0002.mp4 (bestand bijgevoegd)",
], newline="\r\n")

# Android 2.23 (2023), Spanish (Spain): d/m/yy, 12 h "p. m." after U+00A0 with U+00A0 inside.
write("android-es-ES.txt", [
    "25/12/23, 2:03" + NBSP + "p." + NBSP + "m. - Lucía: Feliz Navidad",
    "25/12/23, 2:04" + NBSP + "p." + NBSP + "m. - Pablo: <Multimedia omitido>",
    "25/12/23, 2:05" + NBSP + "p." + NBSP + "m. - Pablo: Se eliminó este mensaje",
    "26/12/23, 9:15" + NBSP + "a." + NBSP + "m. - Lucía: IMG-20231226-WA0001.jpg (archivo adjunto)",
])

# iOS 23.25 (2023), English (United States): [m/d/yy, h:mm:ss PM] with U+202F, LRM before attachment lines.
write("ios-en-US.txt", [
    "[12/25/23, 2:03:22" + NNBSP + "PM] Family: " + LRM + "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
    "[12/25/23, 2:03:40" + NNBSP + "PM] Alice: Hi: how are you?",
    "Second line",
    LRM + "[12/25/23, 2:04:00" + NNBSP + "PM] Alice: " + LRM + "<attached: 00000012-PHOTO-2023-12-25-14-04-00.jpg>",
    LRM + "[12/25/23, 2:05:10" + NNBSP + "PM] Bob: " + LRM + "image omitted",
    LRM + "[12/25/23, 2:06:00" + NNBSP + "PM] Bob: " + LRM + "This message was deleted.",
    "[12/25/23, 2:07:00" + NNBSP + "PM] Bob: new text " + LRM + "<This message was edited>",
    LRM + "[12/25/23, 2:08:00" + NNBSP + "PM] Alice added Carol",
])

# iOS 2.23 (2023), French (France): [dd/mm/yyyy hh:mm:ss] without comma, 24 h.
write("ios-fr-FR.txt", [
    "[25/12/2023 14:03:22] Élodie: Bonsoir",
    LRM + "[25/12/2023 14:04:00] Marc: " + LRM + "<pièce jointe : 00000003-PHOTO-2023-12-25-14-04-00.jpg>",
    LRM + "[25/12/2023 14:05:00] Marc: " + LRM + "Ce message a été supprimé.",
    LRM + "[25/12/2023 14:06:00] Élodie: " + LRM + "image absente",
])

# iOS 2.22 (2022), German (Germany): [dd.mm.yy, hh:mm:ss].
write("ios-de-DE.txt", [
    "[25.12.22, 14:03:22] Jürgen: Hallo",
    LRM + "[25.12.22, 14:04:00] Anna: " + LRM + "Bild weggelassen",
    LRM + "[25.12.22, 14:05:00] Anna: " + LRM + "Diese Nachricht wurde gelöscht.",
    LRM + "[25.12.22, 14:06:00] Jürgen: " + LRM + "<Anhang: 00000004-PHOTO-2022-12-25-14-06-00.jpg>",
])

# Android, English, every day <= 12: the order cannot be read from the numbers; dates run forward as d/m.
write("android-ambiguous.txt", [
    "01/02/2024, 10:00 - Alice: first",
    "03/02/2024, 10:00 - Bob: second",
    "05/02/2024, 10:00 - Alice: third",
    "02/03/2024, 10:00 - Bob: fourth",
])

# Android, Swedish: ISO dates yyyy-mm-dd, 24 h.
write("android-sv-SE.txt", [
    "2023-12-25 14:03 - Sara: God jul",
    "2023-12-26 09:00 - Nils: Tack",
])

# Android, Brussels DST: 31/03/2024 02:30 does not exist; 27/10/2024 02:30 happens twice.
write("android-dst.txt", [
    "31/03/2024, 01:59 - Alice: before the gap",
    "31/03/2024, 02:30 - Alice: in the gap",
    "27/10/2024, 02:30 - Bob: in the repeat",
])

# iOS zip export: _chat.txt plus one of the two photos it names (the other is missing on purpose).
write("_chat.txt", [
    "[25/12/2023, 14:03:22] Alice: Look",
    LRM + "[25/12/2023, 14:04:00] Alice: " + LRM + "<attached: 00000012-PHOTO-2023-12-25-14-04-00.jpg>",
    LRM + "[25/12/2023, 14:05:00] Bob: " + LRM + "<attached: 00000013-PHOTO-2023-12-25-14-05-00.jpg>",
])
with zipfile.ZipFile("ios-export.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [("_chat.txt", open("_chat.txt", "rb").read()),
                       ("00000012-PHOTO-2023-12-25-14-04-00.jpg", bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9"))]:
        info = zipfile.ZipInfo(name, date_time=(2023, 12, 25, 14, 10, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
import os
os.remove("_chat.txt")

# iOS 2.19 (2019), Finnish: [d.m.yyyy klo H.MM.SS], "." between hours, minutes and seconds; old encryption notice
# without a leading mark, written under the other person's name.
write("ios-fi-FI.txt", [
    "[1.1.2019 klo 12.00.00] Jane Doe: Messages to this chat and calls are now secured with end-to-end encryption.",
    "[1.1.2019 klo 12.00.05] Jane Doe: Hei 😄",
    "[13.1.2019 klo 9.05.00] +358 40 123 4567: Huomenta",
])

# Android zip export ("WhatsApp Chat with Bob.txt") and a zip that holds no chat at all.
chat = ("25/12/2023, 14:07 - Bob: IMG-20231225-WA0003.jpg (file attached)\n"
        "25/12/2023, 14:08 - Alice: ok\n").encode("utf-8")
with zipfile.ZipFile("android-export.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in [("WhatsApp Chat with Bob.txt", chat),
                       ("IMG-20231225-WA0003.jpg", bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9"))]:
        info = zipfile.ZipInfo(name, date_time=(2023, 12, 25, 14, 10, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
with zipfile.ZipFile("no-chat.zip", "w", zipfile.ZIP_STORED) as z:
    info = zipfile.ZipInfo("photo.jpg", date_time=(2023, 12, 25, 14, 10, 0))
    z.writestr(info, bytes.fromhex("ffd8ffd9"))

# iOS 2.24 (2024), English (United Kingdom), a group: recent iOS writes group events under the group's name (or
# the actor's), with a U+200E before the event; a real message from the group's creator follows.
write("ios-en-GB-group.txt", [
    "[14/08/2024, 21:00:10] My Group: " + LRM + "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
    "[14/08/2024, 21:00:10] Boris: " + LRM + "Boris created group \u201cMy Group\u201d",
    "[14/08/2024, 21:00:11] My Group: " + LRM + "Boris added you",
    "[14/08/2024, 21:01:57] My Group: " + LRM + "You're now an admin",
    "[14/08/2024, 21:02:30] Boris: send them or everyone sees it",
    "[14/08/2024, 21:03:00] My Group: " + LRM + "Carol left",
])

# iOS 2.12 (2015), English (UK), CRLF: the older attachment forms — a photo named first and followed by
# `‹` (U+2039) + U+200E + `attached>`, and a document's title and page count before `<attached: …>` — and a
# multi-line message whose lines end in CRLF like the rest of the file.
write("ios-2015-crlf.txt", [
    "[04/08/2015 21:10:02] Jane Doe: Hello",
    "[04/08/2015 21:10:30] Jane Doe: 2015-08-04-PHOTO-00004762.jpg \u2039" + LRM + "attached>",
    "[04/08/2015 21:11:00] Sam: contract.pdf \u2022 14 pages <attached: 00000002-contract.pdf>",
    "[04/08/2015 21:12:00] Sam: first line",
    "second line",
    "",
    "third line",
], newline="\r\n")
