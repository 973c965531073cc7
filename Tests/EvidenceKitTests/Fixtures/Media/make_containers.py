#!/usr/bin/env python3
"""Writes the crafted raw, CR3, UTF-16 XMP and audio fixtures (see README.md). Run from this folder:
python3 make_containers.py. Structures follow the published layouts: TIFF 6.0 / DNG 1.4 (IFD0 + DNGVersion),
Canon CR3 (ISO BMFF, moov/uuid 85c0b687-820f-11e0-8111-f4ce462b6a48 holding CMT1 = IFD0 and CMT2 = Exif IFD
as TIFF blocks), Ogg (RFC 3533) with Opus (RFC 7845) and Vorbis I headers, AMR (RFC 4867 section 5 storage
format), ID3v2.4 + MPEG-1 Layer III frames, RIFF WAVE, and MP4 audio (ISO 14496-12/14).

Every time is the fixtures' one story: 25 December 2023, 14:03:22 in Brussels (+01:00) = 13:03:22 UTC."""
import struct

# 2023-12-25T13:03:22Z in seconds since 1904-01-01 (the QuickTime epoch).
QT_CREATED = 1703509402 + 2082844800


def box(kind, payload):
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def full_box(kind, version, flags, payload):
    return box(kind, struct.pack(">I", version << 24 | flags) + payload)


# --- TIFF blocks ---------------------------------------------------------------------------------------------

def tiff(entries, big_endian=False, next_ifd=0):
    """A TIFF block holding one IFD at offset 8: entries are (tag, type, count, value bytes)."""
    e = ">" if big_endian else "<"
    head = (b"MM\x00*" if big_endian else b"II*\x00") + struct.pack(e + "I", 8)
    entries = sorted(entries)
    data_at = 8 + 2 + 12 * len(entries) + 4
    table, data = b"", b""
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            table += struct.pack(e + "HHI", tag, kind, count) + value.ljust(4, b"\x00")
        else:
            table += struct.pack(e + "HHII", tag, kind, count, data_at + len(data))
            data += value + (b"\x00" if len(value) % 2 else b"")
    return head + struct.pack(e + "H", len(entries)) + table + struct.pack(e + "I", next_ifd) + data


def ascii_entry(tag, text):
    value = text.encode() + b"\x00"
    return (tag, 2, len(value), value)


def short(tag, n, e="<"):
    return (tag, 3, 1, struct.pack(e + "H", n))


def long_(tag, n, e="<"):
    return (tag, 4, 1, struct.pack(e + "I", n))


def dng_base():
    # An 8x8 8-bit linear raw image with the DNG tags a reader checks first; exiftool adds the times.
    pixels = bytes(64)
    entries = [long_(0x00FE, 0), short(0x0100, 8), short(0x0101, 8), short(0x0102, 8), short(0x0103, 1),
               short(0x0106, 34892), ascii_entry(0x010F, "Google"), ascii_entry(0x0110, "Pixel 7"),
               long_(0x0111, 0), short(0x0115, 1), short(0x0116, 8), long_(0x0117, len(pixels)),
               (0xC612, 1, 4, bytes([1, 4, 0, 0])), (0xC613, 1, 4, bytes([1, 1, 0, 0])),
               ascii_entry(0xC614, "Google Pixel 7")]
    block = tiff(entries)
    # Point StripOffsets at the pixels appended after the block.
    count = struct.unpack("<H", block[8:10])[0]
    for i in range(count):
        at = 10 + 12 * i
        if block[at:at + 2] == struct.pack("<H", 0x0111):
            block = block[:at + 8] + struct.pack("<I", len(block)) + block[at + 12:]
    return block + pixels


def nef_base():
    # A big-endian TIFF-based raw as Nikon writes it (.NEF): IFD0 with Make/Model, no DNG tags.
    e = ">"
    pixels = bytes(64)
    entries = [long_(0x00FE, 0, e), short(0x0100, 8, e), short(0x0101, 8, e), short(0x0102, 8, e),
               short(0x0103, 1, e), short(0x0106, 32803, e), ascii_entry(0x010F, "NIKON CORPORATION"),
               ascii_entry(0x0110, "NIKON D750"), long_(0x0111, 0, e), short(0x0115, 1, e), short(0x0116, 8, e),
               long_(0x0117, len(pixels), e)]
    block = tiff(entries, big_endian=True)
    count = struct.unpack(">H", block[8:10])[0]
    for i in range(count):
        at = 10 + 12 * i
        if block[at:at + 2] == struct.pack(">H", 0x0111):
            block = block[:at + 8] + struct.pack(">I", len(block)) + block[at + 12:]
    return block + pixels


# make_fixtures.sh has exiftool write the times into these, then names them raw.dng and raw.nef.
open("raw-base.dng", "wb").write(dng_base())
open("raw-base.nef", "wb").write(nef_base())

# --- Canon CR3 -----------------------------------------------------------------------------------------------

CANON_UUID = bytes.fromhex("85c0b687820f11e08111f4ce462b6a48")
cmt1 = tiff([ascii_entry(0x010F, "Canon"), ascii_entry(0x0110, "Canon EOS R6"),
             ascii_entry(0x0132, "2023:12:25 14:03:22")])
cmt2 = tiff([ascii_entry(0x9003, "2023:12:25 14:03:22"), ascii_entry(0x9004, "2023:12:25 14:03:22"),
             ascii_entry(0x9010, "+01:00"), ascii_entry(0x9011, "+01:00"), ascii_entry(0x9012, "+01:00"),
             ascii_entry(0x9291, "45")])
canon = box(b"uuid", CANON_UUID + box(b"CNCV", b"CanonCR3_001/00.10.00/00.00.00")
            + box(b"CMT1", cmt1) + box(b"CMT2", cmt2))
mvhd_zero = full_box(b"mvhd", 0, 0, struct.pack(">IIII", 0, 0, 1000, 0) + struct.pack(">IH", 0x10000, 0x100)
                     + bytes(10) + struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
                     + bytes(24) + struct.pack(">I", 1))
cr3 = box(b"ftyp", b"crx " + struct.pack(">I", 1) + b"crx isom") + box(b"moov", canon + mvhd_zero) + box(b"mdat", bytes(16))
open("photo.cr3", "wb").write(cr3)

# --- XMP in UTF-16 inside a JPEG APP1 -------------------------------------------------------------------------

XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">
   <xmp:CreateDate>2023-12-25T14:03:22+01:00</xmp:CreateDate>
   <photoshop:DateCreated>2023-12-25T14:03:22+01:00</photoshop:DateCreated>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
packet = XMP.encode("utf-16-le")  # the BOM is the first character of the xpacket begin attribute
app1 = b"http://ns.adobe.com/xap/1.0/\x00" + packet
def without_app1(jpeg):
    # photo-le.jpg without its EXIF (APP1) segment: the XMP packet is then the file's only metadata.
    out, at = jpeg[:2], 2
    while jpeg[at + 1] != 0xDA:
        length = struct.unpack(">H", jpeg[at + 2:at + 4])[0]
        if jpeg[at + 1] != 0xE1:
            out += jpeg[at:at + 2 + length]
        at += 2 + length
    return out + jpeg[at:]


jpeg = without_app1(open("photo-le.jpg", "rb").read())
open("xmp-utf16.jpg", "wb").write(jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + jpeg[2:])

# --- Ogg: Opus and Vorbis voice notes ------------------------------------------------------------------------

def ogg_crc(data):
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def ogg_page(packet, sequence, granule, flags, serial=0x5EED):
    lacing = [255] * (len(packet) // 255) + [len(packet) % 255]
    header = (b"OggS" + bytes([0, flags]) + struct.pack("<qII", granule, serial, sequence) + b"\x00\x00\x00\x00"
              + bytes([len(lacing)]) + bytes(lacing))
    crc = ogg_crc(header + packet)
    return header[:22] + struct.pack("<I", crc) + header[26:] + packet


opus_head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 16000, 0, 0)
opus_tags = b"OpusTags" + struct.pack("<I", 7) + b"libopus" + struct.pack("<I", 0)
silence = bytes([0xF8, 0xFF, 0xFE])  # one 20 ms CELT frame of silence
opus = ogg_page(opus_head, 0, 0, 0x02) + ogg_page(opus_tags, 1, 0, 0x00)
opus += ogg_page(silence * 1, 2, 960 - 312, 0x04)
open("voice-note.opus", "wb").write(opus)

vorbis_id = b"\x01vorbis" + struct.pack("<IBIiiiBB", 0, 1, 16000, 0, 32000, 0, 0xB8, 1)
vorbis_comment = b"\x03vorbis" + struct.pack("<I", 8) + b"Xiph.Org" + struct.pack("<I", 0) + b"\x01"
open("voice-note.ogg", "wb").write(ogg_page(vorbis_id, 0, 0, 0x02, serial=0x0661)
                                   + ogg_page(vorbis_comment, 1, 0, 0x04, serial=0x0661))

# --- AMR-NB: the storage-format magic and five 12.2 kbit/s frames ------------------------------------------------
open("voice-note.amr", "wb").write(b"#!AMR\n" + (bytes([0x3C]) + bytes(31)) * 5)

# --- MP3: ID3v2.4 with TDRC, then three MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono) -----------------------

def syncsafe(n):
    return bytes([(n >> 21) & 0x7F, (n >> 14) & 0x7F, (n >> 7) & 0x7F, n & 0x7F])


def id3_frame(kind, text):
    body = b"\x03" + text.encode()
    return kind + syncsafe(len(body)) + b"\x00\x00" + body


frames = id3_frame(b"TDRC", "2023-12-25T14:03:22") + id3_frame(b"TSSE", "EvidenceKit fixture")
id3 = b"ID3\x04\x00\x00" + syncsafe(len(frames)) + frames
mpeg_frame = b"\xff\xfb\x90\xc4" + bytes(417 - 4)
open("recording.mp3", "wb").write(id3 + mpeg_frame * 3)

# --- WAV: 0.1 s of 8 kHz 16-bit mono silence -----------------------------------------------------------------------
samples = bytes(1600)
fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16)
data_chunk = b"data" + struct.pack("<I", len(samples)) + samples
open("recording.wav", "wb").write(b"RIFF" + struct.pack("<I", 4 + len(fmt) + len(data_chunk)) + b"WAVE" + fmt
                                  + data_chunk)

# --- MP4 audio: an iPhone-style voice memo (brand M4A) and an audio-only file with brand isom ----------------------

def mp4_audio(major, compatible, created, modified):
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    mvhd = full_box(b"mvhd", 0, 0, struct.pack(">IIII", created, modified, 1000, 1000)
                    + struct.pack(">IH", 0x10000, 0x100) + bytes(10) + matrix + bytes(24) + struct.pack(">I", 2))
    tkhd = full_box(b"tkhd", 0, 3, struct.pack(">IIIII", created, modified, 1, 0, 1000) + bytes(8)
                    + struct.pack(">hhhH", 0, 0, 0x100, 0) + matrix + struct.pack(">II", 0, 0))
    mdhd = full_box(b"mdhd", 0, 0, struct.pack(">IIIIHH", created, modified, 16000, 16000, 0x55C4, 0))
    hdlr = full_box(b"hdlr", 0, 0, struct.pack(">I", 0) + b"soun" + bytes(12) + b"SoundHandler\x00")
    smhd = full_box(b"smhd", 0, 0, struct.pack(">hH", 0, 0))
    dinf = box(b"dinf", full_box(b"dref", 0, 0, struct.pack(">I", 1) + full_box(b"url ", 0, 1, b"")))
    mp4a = box(b"mp4a", bytes(6) + struct.pack(">H", 1) + bytes(8) + struct.pack(">HHHHI", 1, 16, 0, 0, 16000 << 16))
    stbl = box(b"stbl", full_box(b"stsd", 0, 0, struct.pack(">I", 1) + mp4a)
               + full_box(b"stts", 0, 0, struct.pack(">I", 0)) + full_box(b"stsc", 0, 0, struct.pack(">I", 0))
               + full_box(b"stsz", 0, 0, struct.pack(">II", 0, 0)) + full_box(b"stco", 0, 0, struct.pack(">I", 0)))
    minf = box(b"minf", smhd + dinf + stbl)
    trak = box(b"trak", tkhd + box(b"mdia", mdhd + hdlr + minf))
    ftyp = box(b"ftyp", major + struct.pack(">I", 0) + b"".join(compatible))
    return ftyp + box(b"moov", mvhd + trak) + box(b"mdat", bytes(32))


open("voice-memo.m4a", "wb").write(mp4_audio(b"M4A ", [b"M4A ", b"mp42", b"isom"], QT_CREATED, QT_CREATED + 3))
open("audio-only.mp4", "wb").write(mp4_audio(b"isom", [b"isom", b"iso2", b"mp41"], QT_CREATED, QT_CREATED))
