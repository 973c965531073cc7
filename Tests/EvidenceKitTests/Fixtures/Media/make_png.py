#!/usr/bin/env python3
"""Writes the crafted PNG fixtures (see README.md). Run from this folder: python3 make_png.py"""
import struct, zlib

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

def png(width, height, extra_before_idat=b"", extra_after_idat=b""):
    # 1-bit greyscale, all white: valid image data that compresses to almost nothing.
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    idat = zlib.compress(row * height, 9)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra_before_idat + chunk(b"IDAT", idat)
            + extra_after_idat + chunk(b"IEND", b""))

IOS_XMP = b"""<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 6.0.0">
   <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about=""
            xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
            xmlns:exif="http://ns.adobe.com/exif/1.0/"
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmp:CreateDate="2023-12-25T14:03:22+01:00">
         <photoshop:DateCreated>2023-12-25T14:03:22+01:00</photoshop:DateCreated>
         <exif:PixelYDimension>2532</exif:PixelYDimension>
         <exif:PixelXDimension>1170</exif:PixelXDimension>
         <exif:UserComment>
            <rdf:Alt>
               <rdf:li xml:lang="x-default">Screenshot</rdf:li>
            </rdf:Alt>
         </exif:UserComment>
      </rdf:Description>
   </rdf:RDF>
</x:xmpmeta>
"""

def itxt(keyword, text, compressed=False):
    body = zlib.compress(text) if compressed else text
    return chunk(b"iTXt", keyword + b"\x00" + (b"\x01\x00" if compressed else b"\x00\x00") + b"\x00\x00" + body)

# iOS-style screenshot: XMP in an uncompressed iTXt chunk, screen-sized, no camera.
open("screenshot-ios.png", "wb").write(png(1170, 2532, itxt(b"XML:com.adobe.xmp", IOS_XMP)))

# The same XMP, compressed (iTXt with the compression flag), on a small image.
open("xmp-compressed.png", "wb").write(png(64, 48, itxt(b"XML:com.adobe.xmp", IOS_XMP, compressed=True)))

# tIME (UTC), a Creation Time tEXt (RFC 1123 with offset), a zTXt comment, and an eXIf chunk.
def tiff_le_datetimeoriginal():
    # Little-endian TIFF: IFD0 with one pointer to an Exif IFD holding DateTimeOriginal + OffsetTimeOriginal.
    date = b"2023:12:25 14:03:22\x00"
    offset = b"+01:00\x00"
    ifd0 = 8
    exif_ifd = ifd0 + 2 + 12 + 4
    values = exif_ifd + 2 + 2 * 12 + 4
    out = b"II*\x00" + struct.pack("<I", ifd0)
    out += struct.pack("<H", 1) + struct.pack("<HHII", 0x8769, 4, 1, exif_ifd) + struct.pack("<I", 0)
    out += struct.pack("<H", 2)
    out += struct.pack("<HHII", 0x9003, 2, len(date), values)
    out += struct.pack("<HHII", 0x9011, 2, len(offset), values + len(date))
    out += struct.pack("<I", 0) + date + offset
    return out

time_chunk = chunk(b"tIME", struct.pack(">HBBBBB", 2023, 12, 25, 13, 5, 1))
creation = chunk(b"tEXt", b"Creation Time\x00Mon, 25 Dec 2023 14:03:22 +0100")
comment = chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"made for EvidenceKit tests"))
exif = chunk(b"eXIf", tiff_le_datetimeoriginal())
open("png-times.png", "wb").write(png(64, 48, time_chunk + creation + comment + exif))

# The same file with the tIME chunk's CRC damaged.
data = bytearray(open("png-times.png", "rb").read())
at = data.index(b"tIME")
data[at + 4 + 7 + 3] ^= 0xFF  # last CRC byte
open("png-bad-crc.png", "wb").write(bytes(data))

# A PNG with no metadata at all (Android screenshots look like this); named by the tests.
open("plain.png", "wb").write(png(1080, 2400))

# Cut in the middle of the text chunks.
open("png-truncated.png", "wb").write(open("png-times.png", "rb").read()[:120])

# Creation Time in the EXIF-like form common metadata writers use, with its offset: the offset must be kept.
creation_offset = chunk(b"tEXt", b"Creation Time\x002023:12:25 14:03:20+01:00")
open("png-creation-offset.png", "wb").write(png(64, 48, creation_offset))
