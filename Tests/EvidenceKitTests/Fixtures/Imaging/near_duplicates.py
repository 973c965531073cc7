#!/usr/bin/env python3
"""Generates a case's worth of photo-like scenes for the near-duplicate test.

    near_duplicates.py FOLDER

Eight unrelated scenes (blurred ellipses and rectangles on a plain ground: broad shapes, as photos have), saved as
PNG. Scenes 0 to 3 also get a JPEG re-compression (quality 60), a 50 % and a 150 % resize. Prints one line per
file: name and the scene it shows. Seeded, so the same images come out every run.
"""
import random
import sys

from PIL import Image, ImageDraw, ImageFilter

folder = sys.argv[1]
rng = random.Random(7)


def scene(width, height):
    image = Image.new("RGB", (width, height), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y, size = rng.randrange(width), rng.randrange(height), rng.randrange(30, 160)
        box = [x - size, y - size // 2, x + size, y + size // 2]
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape(box, fill=tuple(rng.randrange(256) for _ in range(3)))
    return image.filter(ImageFilter.GaussianBlur(3))


for number in range(8):
    image = scene(480, 360)
    image.save(f"{folder}/scene{number}.png")
    print(f"scene{number}.png\t{number}")
    if number < 4:
        image.save(f"{folder}/scene{number}-q60.jpg", quality=60)
        image.resize((240, 180), Image.BICUBIC).save(f"{folder}/scene{number}-half.png")
        image.resize((720, 540), Image.BICUBIC).save(f"{folder}/scene{number}-larger.png")
        for suffix in ("q60.jpg", "half.png", "larger.png"):
            print(f"scene{number}-{suffix}\t{number}")
