#!/bin/sh
# Rebuilds every file of the fictional sample case from the HTML mock-ups in this folder.
# Needs: chromium, imagemagick (convert), exiftool, python3, DejaVu fonts.
# Chromium's anti-aliasing may differ between versions, so rebuilt files will not be
# byte-identical to the committed ones; the committed files are the reference.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

shot() { # name width height
    chromium --headless --no-sandbox --hide-scrollbars --force-device-scale-factor=1 \
        --screenshot="$tmp/$1.png" --window-size="$2,$3" "file://$here/$1.html" >/dev/null 2>&1
}
png64() { # in out — palette PNG, no metadata, no date/time chunks from ImageMagick
    convert "$1" -strip -define png:exclude-chunks=date,time -colors 64 "PNG8:$2"
}

shot ig-dm-ios 390 844
shot ig-story-android 390 844
shot ig-profile-macos 820 540
shot payment-request 360 560
shot contacts-list 340 300

# 1. iPhone screenshot: XMP packet in an iTXt chunk, as iOS writes it (local time with offset).
out="$root/screenshots/IMG_0412.PNG"
png64 "$tmp/ig-dm-ios.png" "$out"
exiftool -q -overwrite_original \
    -XMP-x:XMPToolkit="XMP Core 6.0.0" \
    -XMP-exif:DateTimeOriginal="2026:03:03 21:32:07+01:00" \
    -XMP-xmp:CreateDate="2026:03:03 21:32:07+01:00" \
    -XMP-exif:UserComment="Screenshot" \
    -XMP-exif:ExifImageWidth=390 -XMP-exif:ExifImageHeight=844 \
    "$out"

# 2. Android screenshot: JPEG without EXIF; the time is only in the file name.
convert "$tmp/ig-story-android.png" -strip -sampling-factor 4:2:0 -quality 80 \
    "$root/screenshots/Screenshot_20260303-214512_Instagram.jpg"

# 3. macOS screenshot (French name, U+2019 apostrophe): PNG tIME chunk, which is UTC
#    (08:12:40 in Brussels on 4 March 2026 = 07:12:40 UTC).
out="$root/screenshots/Capture d’écran 2026-03-04 à 08.12.40.png"
png64 "$tmp/ig-profile-macos.png" "$out"
exiftool -q -overwrite_original -PNG:ModifyDate="2026:03:04 07:12:40" "$out"

# 4. Image received on WhatsApp: recompressed JPEG, no metadata (WhatsApp strips it).
convert "$tmp/payment-request.png" -strip -sampling-factor 4:2:0 -quality 75 \
    "$root/chats/IMG-20260303-WA0007.jpg"

# 5. Grey placeholder standing in for the intimate image. No metadata at all.
convert -size 720x720 xc:'#8a8a8a' -fill '#7a7a7a' -draw "rectangle 24,24 695,695" \
    -fill '#8a8a8a' -draw "rectangle 30,30 689,689" \
    \( -background none -fill white -font DejaVu-Sans-Bold -pointsize 56 -gravity center \
       label:"IMAGE SENSIBLE —\nSUBSTITUT" \) \
    -gravity center -geometry +0-110 -composite \
    \( -background none -fill white -font DejaVu-Sans-Bold -pointsize 42 -gravity center \
       label:"(aucun contenu réel)" \) \
    -gravity center -geometry +0+60 -composite \
    \( -size 620x60 -background none -fill '#e6e6e6' -font DejaVu-Sans -pointsize 22 -gravity center \
       caption:"Données d'exemple EvidenceKit — affaire fictive" \) \
    -gravity south -geometry +0+56 -composite \
    -strip -define png:exclude-chunks=date,time -colors 16 "PNG8:$root/sensitive/placeholder-image-sensible.png"

# 6. E-mail with the contact list as a base64 PNG attachment.
png64 "$tmp/contacts-list.png" "$tmp/contacts.png"
python3 "$here/make-eml.py" "$tmp/contacts.png" "$root/email/Dernière chance.eml"
