#!/bin/sh
# Rebuilds the media fixtures with stock tools (ImageMagick, exiftool, ffmpeg, heif-enc), make_png.py and
# make_containers.py (the raw, CR3, UTF-16 XMP and audio files, written byte by byte).
# Run from this folder. Needs: imagemagick libimage-exiftool-perl ffmpeg libheif-examples python3.
set -eu
X="exiftool -q -overwrite_original"

python3 make_png.py

# JPEG: an iPhone-like photo, big-endian EXIF (exiftool's default), with offsets, sub-seconds and GPS.
convert -size 16x12 xc:'#c04020' -strip photo-iphone.jpg
$X -Make=Apple -Model="iPhone 12" \
   -DateTimeOriginal="2023:12:25 14:03:22" -OffsetTimeOriginal=+01:00 -SubSecTimeOriginal=123 \
   -CreateDate="2023:12:25 14:03:22" -OffsetTimeDigitized=+01:00 -SubSecTimeDigitized=123 \
   -ModifyDate="2023:12:25 14:05:00" -OffsetTime=+01:00 \
   -GPSDateStamp=2023:12:25 -GPSTimeStamp=13:03:21 photo-iphone.jpg

# The same tags in little-endian EXIF (Android and most cameras write II).
convert -size 16x12 xc:'#2040c0' -strip photo-le.jpg
$X -ExifByteOrder=Little-endian -Make=Google -Model="Pixel 7" \
   -DateTimeOriginal="2023:12:25 14:03:22" -SubSecTimeOriginal=45 \
   -CreateDate="2023:12:25 14:03:22" -ModifyDate="2023:12:25 14:03:22" photo-le.jpg

# A JPEG screenshot: XMP UserComment "Screenshot" and a DateCreated, no camera.
convert -size 16x12 xc:white -strip screenshot-xmp.jpg
$X -XMP-exif:UserComment=Screenshot -XMP-photoshop:DateCreated="2023-12-25T14:03:22" \
   -XMP-xmp:ModifyDate="2023-12-25T14:10:00+01:00" screenshot-xmp.jpg

# EXIF local time during the Brussels DST gap (2023-03-26 02:30 does not exist there).
convert -size 8x8 xc:gray -strip dst-gap.jpg
$X -Make=Apple -Model="iPhone 12" -DateTimeOriginal="2023:03:26 02:30:00" dst-gap.jpg

# Damage, crafted with Python from photo-iphone.jpg: see README.md.
python3 - <<'PY'
import struct
data = bytearray(open("photo-iphone.jpg", "rb").read())
tiff = data.index(b"Exif\x00\x00") + 6
assert data[tiff:tiff + 2] == b"MM"
ifd0 = struct.unpack(">I", data[tiff + 4:tiff + 8])[0]
count = struct.unpack(">H", data[tiff + ifd0:tiff + ifd0 + 2])[0]
for i in range(count):
    entry = tiff + ifd0 + 2 + i * 12
    if data[entry:entry + 2] == b"\x87\x69":
        exif_entry = entry
bad = bytearray(data); bad[exif_entry + 8:exif_entry + 12] = struct.pack(">I", 0x7FFFFF00)
open("exif-bad-offset.jpg", "wb").write(bytes(bad))
loop = bytearray(data); loop[exif_entry + 8:exif_entry + 12] = struct.pack(">I", ifd0)
open("exif-ifd-loop.jpg", "wb").write(bytes(loop))
open("jpeg-truncated.jpg", "wb").write(bytes(data[:200]))
open("empty.jpg", "wb").write(b"")
PY

# WebP with EXIF and XMP chunks; GIF (no times).
convert -size 16x12 xc:'#208040' -strip -define webp:lossless=true image.webp
$X -DateTimeOriginal="2023:12:25 14:03:22" -OffsetTimeOriginal=+01:00 -XMP-xmp:CreateDate="2023-12-25T14:03:22+01:00" image.webp
convert -size 8x8 xc:blue image.gif

# HEIC from heif-enc, then EXIF written by exiftool into its Exif item.
convert -size 64x64 xc:'#a0a0ff' -strip heic-src.png
heif-enc -q 30 -o photo.heic heic-src.png >/dev/null
rm heic-src.png
$X -Make=Apple -Model="iPhone 15" -DateTimeOriginal="2023:12:25 14:03:22" -OffsetTimeOriginal=+01:00 \
   -XMP-photoshop:DateCreated="2023-12-25T14:03:22+01:00" photo.heic

# AVIF from ImageMagick (libheif + AV1), with EXIF written by exiftool.
convert -size 16x16 xc:'#ff8000' -strip photo.avif
$X -Make=Samsung -Model=SM-S911B -DateTimeOriginal="2023:12:25 14:03:22" -OffsetTimeOriginal=+01:00 photo.avif

# Videos: MP4 with mvhd/tkhd times from ffmpeg; a MOV with Apple's creationdate key; a 3GP.
ffmpeg -loglevel error -y -f lavfi -i color=c=black:s=16x16:d=0.2:r=5 -c:v mpeg4 \
  -metadata creation_time=2023-12-25T13:03:22Z video.mp4
ffmpeg -loglevel error -y -f lavfi -i color=c=black:s=16x16:d=0.2:r=5 -c:v mpeg4 \
  -metadata creation_time=2023-12-25T13:03:22Z screen-recording.mov
$X -Keys:CreationDate="2023:12:25 14:03:22+01:00" screen-recording.mov
ffmpeg -loglevel error -y -f lavfi -i color=c=black:s=176x144:d=0.2:r=5 -c:v mpeg4 -f 3gp \
  -metadata creation_time=2023-12-25T13:03:22Z video.3gp
# An MP4 whose mvhd/tkhd times are 0 (unset).
ffmpeg -loglevel error -y -f lavfi -i color=c=black:s=16x16:d=0.2:r=5 -c:v mpeg4 video-no-time.mp4

# Issue 14 (made without ImageMagick or ffmpeg): Python writes the structures, exiftool writes the times.
python3 make_containers.py
$X -DateTimeOriginal="2023:12:25 14:03:22" -OffsetTimeOriginal=+01:00 -SubSecTimeOriginal=123 \
   -CreateDate="2023:12:25 14:03:22" -OffsetTimeDigitized=+01:00 raw-base.dng
mv raw-base.dng raw.dng
$X -DateTimeOriginal="2023:12:25 14:03:22" -CreateDate="2023:12:25 14:03:22" raw-base.nef
mv raw-base.nef raw.nef
# IPTC-IIM in APP13 on a JPEG stripped of all metadata.
cp photo-le.jpg iptc.jpg && $X -all= iptc.jpg
$X -IPTC:DateCreated=2023:12:25 -IPTC:TimeCreated=14:03:22+01:00 \
   -IPTC:DigitalCreationDate=2023:12:25 -IPTC:DigitalCreationTime=14:03:20+01:00 iptc.jpg
cp photo-le.jpg iptc-no-offset.jpg && $X -all= iptc-no-offset.jpg && $X -IPTC:DateCreated=2023:12:25 iptc-no-offset.jpg
# XMP in a GIF's "XMP DataXMP" application extension.
cp image.gif image-xmp.gif
$X -XMP-xmp:CreateDate="2023-12-25T14:03:22+01:00" -XMP-photoshop:DateCreated="2023-12-25T14:03:22+01:00" image-xmp.gif
