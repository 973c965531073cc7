#!/usr/bin/env python3
"""Writes the e-mail fixtures with CRLF line ends, as mail transport and Thunderbird's "Save as .eml" do."""
import base64

def crlf(text):
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("ascii")

jpeg = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

threat = f"""Return-Path: <anon1234@mail.example>
Received: from mx.example.net (mx.example.net [192.0.2.10])
\tby mail.victim.example (Postfix) with ESMTPS id 4S0abc
\tfor <victim@victim.example>; Mon, 25 Dec 2023 14:03:25 +0100 (CET)
Received: from [198.51.100.7] (unknown [198.51.100.7])
\tby mx.example.net with ESMTPSA id xyz; Mon, 25 Dec 2023 13:03:23 +0000
From: =?utf-8?Q?Zo=C3=AB_Anon?= <anon1234@mail.example>
To: victim@victim.example
Cc: =?iso-8859-1?Q?J=FCrgen?= <j@victim.example>
Subject: =?utf-8?B?RGVybmllciBhdmVydGlzc2VtZW50?=
 =?utf-8?B?IPCfmKE=?=
Date: Mon, 25 Dec 2023 14:03:22 +0100
Message-ID: <20231225130322.1234@mail.example>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer-b1"

This is a multi-part message in MIME format.
--outer-b1
Content-Type: multipart/alternative; boundary="alt-b2"

--alt-b2
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Si tu ne paies pas avant ce soir, j'envoie les photos =C3=A0 tous tes =
contacts.
Ligne deux =F0=9F=98=A1
--alt-b2
Content-Type: multipart/related; boundary="rel-b3"

--rel-b3
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<p>Si tu ne paies pas avant ce soir, j'envoie les photos =C3=A0 tous tes contacts.</p><img src=3D"cid:logo1">
--rel-b3
Content-Type: image/png
Content-Transfer-Encoding: base64
Content-ID: <logo1>
Content-Disposition: inline

iVBORw0KGgo=
--rel-b3--
--alt-b2--
--outer-b1
Content-Type: image/jpeg
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename*=utf-8''photo%20%C3%A9t%C3%A9.jpg

{base64.encodebytes(jpeg).decode()}
--outer-b1
Content-Type: application/pdf; name="=?utf-8?Q?facture_=E2=82=AC.pdf?="
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
 filename*0*=utf-8''facture%20;
 filename*1*=%E2%82%AC.pdf

{base64.encodebytes(pdf).decode()}
--outer-b1--
"""
open("threat-multipart.eml", "wb").write(crlf(threat))

latin = """From: "Service" <service@shop.example>
To: victim@victim.example
Subject: =?iso-8859-1?Q?R=E9union_=E0?= =?windows-1252?Q?_19h_=80?=
Date: 5 Jan 24 09:30 GMT
Message-ID: <a1@shop.example>
Content-Type: text/plain; charset=windows-1252
Content-Transfer-Encoding: quoted-printable

Prix : 20 =80 =96 merci=
 d'avance.
"""
open("latin1-windows1252.eml", "wb").write(crlf(latin))

mbox = """From anon1234@mail.example Mon Dec 25 13:03:22 2023
From: anon1234@mail.example
To: victim@victim.example
Subject: one
Date: Mon, 25 Dec 2023 14:03:22 +0100
Message-ID: <m1@mail.example>

first body
>From here on, it is quoted.

From anon1234@mail.example Mon Dec 25 13:10:00 2023
From: anon1234@mail.example
To: victim@victim.example
Subject: two
Date: Mon, 25 Dec 2023 14:10:00 +0100
Message-ID: <m2@mail.example>

second body

From victim@victim.example Mon Dec 25 13:20:00 2023
From: victim@victim.example
To: anon1234@mail.example
Subject: =?utf-8?Q?Re=3A_two?=
Date: Mon, 25 Dec 2023 13:20:00 -0000
Message-ID: <m3@victim.example>

third body
"""
open("mailbox.mbox", "wb").write(mbox.encode("ascii"))
