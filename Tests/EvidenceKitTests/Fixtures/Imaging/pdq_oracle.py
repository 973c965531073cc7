#!/usr/bin/env python3
"""Generates test images and their reference PDQ hashes (PyPI pdqhash: bindings of Meta's C++ code).

    pdq_oracle.py FOLDER [COUNT]

Writes COUNT base images (a third photo-like noise, a third screenshot-like text, a third flat colours), JPEG
re-compressions (quality 50, 70, 95), resizes (50 %, 200 %) and a small crop of every fourth one, into FOLDER, and
prints one line per file: name, category, variant, reference hash (hex, as ThreatExchange writes it), quality.
The reference decodes with Pillow, as the pdqhash documentation shows; the test decodes with our own decoders.
Seeded, so the same images come out every run.
"""
import io
import random
import sys

import numpy
import pdqhash
from PIL import Image, ImageDraw, ImageFilter

folder = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
rng = random.Random(20261129)


def photo_like(width, height):
    # Smooth noise: a small random image blown up, with a gradient, as a photo has broad shapes and texture.
    small = Image.frombytes("RGB", (8, 6), bytes(rng.randrange(256) for _ in range(8 * 6 * 3)))
    image = small.resize((width, height), Image.BICUBIC)
    grain = Image.frombytes("RGB", (width, height), bytes(rng.randrange(256) for _ in range(width * height * 3)))
    return Image.blend(image, grain.filter(ImageFilter.GaussianBlur(2)), 0.25)


def text_like(width, height):
    image = Image.new("RGB", (width, height), tuple(rng.randrange(200, 256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    y = 4
    while y < height - 12:
        words = " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randrange(2, 9)))
                         for _ in range(rng.randrange(2, 8)))
        if rng.random() < 0.3:
            draw.rectangle([4, y, width // 2, y + 12], fill=tuple(rng.randrange(60, 200) for _ in range(3)))
        draw.text((rng.randrange(4, 30), y), words, fill=(0, 0, 0))
        y += rng.randrange(14, 24)
    return image


def flat(width, height):
    image = Image.new("RGB", (width, height), tuple(rng.randrange(256) for _ in range(3)))
    if rng.random() < 0.5:
        ImageDraw.Draw(image).rectangle([width // 4, height // 4, width // 2, height // 2],
                                        fill=tuple(rng.randrange(256) for _ in range(3)))
    return image


def reference(path):
    pixels = numpy.asarray(Image.open(path).convert("RGB"))
    bits, quality = pdqhash.compute(pixels)
    return "%064x" % int("".join(str(int(b)) for b in bits), 2), quality


def save(image, name, category, variant, **options):
    path = f"{folder}/{name}"
    image.save(path, **options)
    digest, quality = reference(path)
    print(f"{name}\t{category}\t{variant}\t{digest}\t{quality}")


makers = [("photo", photo_like), ("text", text_like), ("flat", flat)]
for number in range(count):
    category, make = makers[number % 3]
    width, height = rng.randrange(96, 320), rng.randrange(96, 320)
    image = make(width, height)
    base = f"{number:03d}-{category}"
    save(image, f"{base}.png", category, "original")
    if number % 4 != 0:
        continue
    for quality in (50, 70, 95):
        save(image, f"{base}-q{quality}.jpg", category, f"jpeg q{quality}", quality=quality)
    for percent in (50, 200):
        resized = image.resize((width * percent // 100, height * percent // 100), Image.BICUBIC)
        save(resized, f"{base}-r{percent}.png", category, f"resize {percent}%")
    crop = image.crop((width // 50, height // 50, width - width // 50, height - height // 50))
    save(crop, f"{base}-crop.png", category, "crop 2%")
