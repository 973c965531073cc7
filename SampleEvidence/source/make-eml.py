"""Writes the sample e-mail as RFC 5322 bytes with CRLF line ends.

Usage: make-eml.py ATTACHMENT.png OUT.eml
Built by hand (not with the email package) so every header is exactly as documented
in ../README.md: RFC 2047 Subject, quoted-printable UTF-8 body, base64 attachment.
"""
import base64
import quopri
import sys

attachment_path, out_path = sys.argv[1], sys.argv[2]
attachment = open(attachment_path, "rb").read()

body = """Camille,

Tu as bien reçu mes messages. Tu crois vraiment que la police va t'aider ?
Elle ne fera rien, et moi je ne plaisante pas.

Dernière chance : 300 € avant demain, vendredi 6 mars à 20h, sur le compte que je t'ai envoyé sur WhatsApp.
Sinon, à 20h01, toutes les personnes de la liste en pièce jointe reçoivent les photos. Ta mère, ta sœur, ton travail.

Ne réponds pas à cette adresse. Paie.

L.

-- 
(Message fictif — données d'exemple EvidenceKit, aucune personne réelle)
"""

qp = quopri.encodestring(body.encode("utf-8"), quotetabs=False).decode("ascii")
b64 = base64.encodebytes(attachment).decode("ascii")  # 76-character lines

boundary = "----=_Part_8812_1402355577.1772733807000"
headers = [
    "Return-Path: <lucas.vdb.fake@example.invalid>",
    "Delivered-To: camille.dupont@example.invalid",
    "Received: from mx-out.mail.example.invalid (mx-out.mail.example.invalid [198.51.100.23])",
    "\tby mx.example.invalid (Postfix) with ESMTPS id 4R7kQm2xZ9z9sVb",
    "\tfor <camille.dupont@example.invalid>; Thu,  5 Mar 2026 18:03:29 +0000 (UTC)",
    "Received: from [192.0.2.45] (unknown [192.0.2.45])",
    "\tby mx-out.mail.example.invalid (Postfix) with ESMTPSA id 8C1F2A0031",
    "\tfor <camille.dupont@example.invalid>; Thu,  5 Mar 2026 19:03:28 +0100 (CET)",
    "Date: Thu, 5 Mar 2026 19:03:27 +0100",
    "From: Lucas <lucas.vdb.fake@example.invalid>",
    "To: Camille Dupont <camille.dupont@example.invalid>",
    "Subject: =?UTF-8?Q?Derni=C3=A8re_chance?=",
    "Message-ID: <20260305190327.8C1F2A0031@mail.example.invalid>",
    "MIME-Version: 1.0",
    f'Content-Type: multipart/mixed; boundary="{boundary}"',
]
parts = [
    "\n".join(headers),
    "",
    "This is a multi-part message in MIME format.",
    "",
    f"--{boundary}",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: quoted-printable",
    "",
    qp.rstrip("\n"),
    "",
    f"--{boundary}",
    'Content-Type: image/png; name="contacts.png"',
    'Content-Disposition: attachment; filename="contacts.png"',
    "Content-Transfer-Encoding: base64",
    "",
    b64.rstrip("\n"),
    "",
    f"--{boundary}--",
    "",
]
text = "\n".join(parts).replace("\n", "\r\n")
with open(out_path, "wb") as f:
    f.write(text.encode("ascii"))
