#!/usr/bin/env python3
"""Writes an unpacked EvidenceKit bag of N tiny items, signed with a throwaway Ed25519 key, without EvidenceKit's
writer: the manifest, BagIt files, custody journal and signature are made here (signature by `openssl pkeyutl`).
Each item is as large in the manifest as a real photo's (about 1.3 KB: four timestamps, a note, a warning).

    make-large-bag.py BAG ITEMS                      # a bag that verifies INTACT
    make-large-bag.py BAG ITEMS --sealed-case        # the same, with what a sealed case also holds: a custody step
                                                     # per item (about 360 bytes each) and a summary.html (about
                                                     # 700 bytes an item) that shows the signer's fingerprint
    make-large-bag.py BAG ITEMS --journal-steps N    # the same, its journal of N steps (as large as a 100,000-item
                                                     # case's with N = 100000), with no summary
    make-large-bag.py BAG ITEMS --hostile SHAPE MB   # the same bag, its manifest replaced by a hostile document of
                                                     # MB megabytes and signed: zeros ({"unknown": [0,0,…]}),
                                                     # deep ({"unknown": [[[…), string ({"format": "aaa…"}),
                                                     # keys ({"k0": 0, "k1": 0, …})

Used by Tests/EvidenceKitTests/Verify/LargeManifestTests.swift and scripts/bench-verify-manifest.sh.
"""
import hashlib, json, os, subprocess, sys

def sha256(data):
    return hashlib.sha256(data).hexdigest()

def write(bag, path, data):
    full = os.path.join(bag, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(data)

def item(number, digest, size):
    taken = "2026-03-%02dT21:%02d:%02d+01:00" % (1 + number % 28, number % 60, number % 59)
    def timestamp(field, source, value, precision, zone):
        return {"field": field, "precision": precision, "source": source, "value": value, "zone": zone}
    timestamps = [
        timestamp("exif:DateTimeOriginal", "exif", taken, "second", "embedded"),
        timestamp("exif:CreateDate", "exif", taken, "second", "embedded"),
        timestamp("mtime", "filesystem", "2026-03-10T09:00:00.123456789Z", "nanosecond", "utc"),
        timestamp("acquired", "acquired", "2026-03-10T09:00:00.123456Z", "microsecond", "utc"),
    ]
    return {
        "acquiredAt": "2026-03-10T09:00:00.123456000Z", "best": timestamps[0], "id": number, "kind": "photo",
        "kindReason": "EXIF camera model says a phone camera took it", "mediaType": "image/jpeg",
        "modifiedAt": "2026-03-10T09:00:00.123456789Z",
        "note": "Photo %d of the messages received that evening, taken with the phone's camera" % number,
        "originalName": "IMG_%d.jpg" % number, "originalPath": "/home/victim/Evidence/DCIM/Camera/IMG_%d.jpg" % number,
        "path": "data/%06d-IMG_%d.jpg" % (number, number), "sensitive": number % 7 == 0, "sha256": digest,
        "size": size, "timestamps": timestamps,
        "warnings": [{"code": "sources-disagree", "message": "The file's time and the camera's time differ by an hour"}],
    }

def journal_lines(steps):
    """The case-created step, then `steps` item-added steps as `evidence add` writes them, chained."""
    previous = "0" * 64
    for seq in range(1, steps + 2):
        if seq == 1:
            action, details = "case-created", {}
        else:
            number = seq - 1
            action = "item-added"
            details = {"item": str(number), "originalName": "IMG_%d.jpg" % number,
                       "originalPath": "/home/victim/Evidence/DCIM/Camera/IMG_%d.jpg" % number,
                       "sha256": sha256(b"item %d\n" % number), "size": str(len(b"item %d\n" % number))}
        line = json.dumps({"action": action, "actor": "bench", "at": "2026-03-10T09:00:00Z", "details": details,
                           "prev": previous, "seq": seq}, sort_keys=True, separators=(",", ":")).encode()
        previous = sha256(line)
        yield line + b"\n"

def summary(items, fingerprint):
    """A summary page as large as a sealed case's (about 700 bytes an item), showing the signer's fingerprint."""
    grouped = " ".join(fingerprint[i:i + 4] for i in range(0, 64, 4))
    rows = b"".join(
        (b'<tr id="item-%d"><td class="id">%d</td><td class="name">IMG_%d.jpg</td><td>photo</td>'
         b'<td><time datetime="2026-03-01T21:00:00+01:00">1 March 2026, 21:00 (+01:00)</time> <span class="source">'
         b'EXIF DateTimeOriginal</span></td><td class="hash"><code>%s</code></td><td class="note">Photo %d of the '
         b'messages received that evening, taken with the phone\'s camera</td><td class="warn">The file\'s time and '
         b'the camera\'s time differ by an hour</td></tr>\n') % (number, number, number,
                                                              sha256(b"item %d\n" % number).encode(), number)
        for number in range(1, items + 1))
    return (b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Large case</title></head><body>\n"
            b"<p>Signed with key <code>%s</code></p>\n<table>\n%s</table>\n</body></html>\n" % (grouped.encode(), rows))

def hostile(shape, size):
    """The hostile document, in chunks of at most a few megabytes."""
    # Inside an object member, so that the reader must go through all of it rather than refuse the first byte.
    if shape == "zeros":
        yield b'{"unknown": ['
        for _ in range(size // 2_000_000):
            yield b"0," * 1_000_000
        yield b"0]}"
    elif shape == "deep":
        yield b'{"unknown": '
        for _ in range(size // 1_000_000):
            yield b"[" * 1_000_000
    elif shape == "string":
        yield b'{"format": "'
        for _ in range(size // 1_000_000):
            yield b"a" * 1_000_000
        yield b'"}'
    elif shape == "keys":
        yield b"{"
        number, total = 0, 1
        while total < size:
            chunk = b"".join(b'"k%d": 0, ' % key for key in range(number, number + 100_000))
            number += 100_000
            total += len(chunk)
            yield chunk
        yield b'"z": 0}'
    else:
        raise SystemExit("unknown shape " + shape)

def main():
    bag, count = sys.argv[1], int(sys.argv[2])
    os.makedirs(bag, exist_ok=True)
    items, payload_lines, payload_bytes = [], [], 0
    for number in range(1, count + 1):
        content = b"item %d\n" % number
        entry = item(number, sha256(content), len(content))
        write(bag, entry["path"], content)
        items.append(entry)
        payload_lines.append("%s  %s\n" % (entry["sha256"], entry["path"]))
        payload_bytes += len(content)

    key = os.path.join(bag, "..", os.path.basename(bag) + ".key.pem")
    subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", key], check=True)
    public_pem = subprocess.run(["openssl", "pkey", "-in", key, "-pubout"], check=True, capture_output=True).stdout
    public_der = subprocess.run(["openssl", "pkey", "-in", key, "-pubout", "-outform", "DER"], check=True,
                                capture_output=True).stdout
    fingerprint = sha256(public_der[-32:])

    options = sys.argv[3:]
    sealed_case = "--sealed-case" in options
    steps = int(options[options.index("--journal-steps") + 1]) if "--journal-steps" in options else 0
    journal = b"".join(journal_lines(count if sealed_case else steps))
    tags = {
        "bagit.txt": b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
        "bag-info.txt": ("Payload-Oxum: %d.%d\nSigner-Key-Algorithm: Ed25519\nSigner-Key-Fingerprint: %s\n"
                         % (payload_bytes, count, fingerprint)).encode(),
        "manifest-sha256.txt": "".join(sorted(payload_lines, key=lambda line: line[66:].encode())).encode(),
        "evidence/custody.jsonl": journal,
        "evidence/signer.pub.pem": public_pem,
    }
    if sealed_case:
        tags["summary.html"] = summary(count, fingerprint)
    manifest = {
        "case": {"createdAt": "2026-03-10T09:00:00Z", "identifier": "large-case", "timeZone": "UTC",
                 "title": "Large case"},
        "files": [{"path": path, "sha256": sha256(data), "size": len(data)} for path, data in sorted(tags.items())],
        "format": "evidencekit-manifest/1", "items": items, "sealedAt": "2026-03-10T12:00:00Z",
        "signer": {"algorithm": "Ed25519", "fingerprint": fingerprint, "publicKey": "evidence/signer.pub.pem"},
        "tool": {"name": "make-large-bag.py", "version": "1"},
    }
    manifest_bytes = json.dumps(manifest, sort_keys=True, indent=2, separators=(",", " : ")).encode() + b"\n"
    for path, data in tags.items():
        write(bag, path, data)
    manifest_path = os.path.join(bag, "evidence/manifest.json")
    if "--hostile" in options:
        shape, megabytes = options[options.index("--hostile") + 1:options.index("--hostile") + 3]
        digest = hashlib.sha256()
        with open(manifest_path, "wb") as f:
            for chunk in hostile(shape, int(float(megabytes) * 1_000_000)):
                digest.update(chunk)
                f.write(chunk)
        manifest_digest = digest.hexdigest()
    else:
        write(bag, "evidence/manifest.json", manifest_bytes)
        manifest_digest = sha256(manifest_bytes)
    subprocess.run(["openssl", "pkeyutl", "-sign", "-inkey", key, "-rawin", "-in", manifest_path,
                    "-out", manifest_path + ".sig"], check=True)
    with open(manifest_path + ".sig", "rb") as f:
        tags["evidence/manifest.json.sig"] = f.read()
    digests = {path: sha256(data) for path, data in tags.items()}
    digests["evidence/manifest.json"] = manifest_digest
    write(bag, "tagmanifest-sha256.txt",
          "".join("%s  %s\n" % (digest, path) for path, digest in sorted(digests.items())).encode())
    os.remove(key)

main()
