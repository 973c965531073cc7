#!/usr/bin/env bash
# The one benchmark of EvidenceKit's speed and memory (Docs/performance.md keeps its figures). Release build, warm
# cache, data generated deterministically under $BENCH_DIR (default /tmp/evidencekit-bench), never in the repo.
#
#   bash scripts/bench.sh                 # the two data sets: 600 × 1 MiB + 2 × 256 MiB, and 5,000 × 100 KiB
#   bash scripts/bench.sh --scale         # a case of 100,000 small items (and one of 25,000, to show linearity)
#   bash scripts/bench.sh --huge          # one 5 GiB sparse file: add, seal, verify, with peak memory
#   bash scripts/bench.sh --chat          # a 1,000,000-line WhatsApp export: chat parse (both forms), add, whatstk
#   bash scripts/bench.sh --images        # 200 real 1170 × 2532 PNG screenshots and 20 4032 × 3024 JPEG photos
#   bash scripts/bench.sh --all           # all of the above
#   bash scripts/bench.sh --quick --all   # the same at small sizes, one run each: a smoke run of under a minute
#   BENCH_DIR=/dev/shm/b BENCH_VENV=/dev/shm/venv bash scripts/bench.sh --all   # data and tools in memory
#
# Each data set is timed in three interleaved runs (BENCH_RUNS), medians printed, with the ratios the goals of
# issue 12 name: add against `cp -r`, seal against `zip -0 -r`, verify against bagit-python
# `--validate --processes 2` on the same bag unpacked, verify from the zip against the folder. The machines are
# shared and noisy: a ratio measured in one run counts, a single time means little.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

quick=0
sections=()
for argument in "$@"; do
    case "$argument" in
        --quick) quick=1 ;;
        --sets|--scale|--huge|--chat|--images) sections+=("${argument#--}") ;;
        --all) sections+=(sets scale huge chat images) ;;
        *) echo "usage: scripts/bench.sh [--quick] [--sets] [--scale] [--huge] [--chat] [--images] [--all]" >&2; exit 2 ;;
    esac
done
[ ${#sections[@]} -gt 0 ] || sections=(sets)

# EVIDENCEKIT_BENCH_TOOLS: cjpeg, which --images encodes its photos with.
EVIDENCEKIT_BENCH_TOOLS=1 bash scripts/setup.sh
venv="${BENCH_VENV:-$root/.build-tools/venv}"  # BENCH_VENV: elsewhere when the disk is short
if [ ! -x "$venv/bin/bagit.py" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check bagit
fi
# whatstk is the reference for chat parsing; a quick run uses it only when it is already there.
if [[ " ${sections[*]} " == *" chat "* ]] && [ "$quick" = 0 ] && ! "$venv/bin/python3" -c "import whatstk" 2>/dev/null; then
    "$venv/bin/pip" install -q --disable-pip-version-check whatstk==0.9.1
fi

export BENCH_DIR="${BENCH_DIR:-/tmp/evidencekit-bench}"
mkdir -p "$BENCH_DIR"
# A scratch folder of its own, so the release build does not wait on the debug build's lock.
if ! swift build -c release --scratch-path .build-release --product evidence > "$BENCH_DIR/build.log" 2>&1; then
    grep -E "error" "$BENCH_DIR/build.log" >&2
    exit 1
fi
export BENCH_EVIDENCE="$(swift build -c release --scratch-path .build-release --show-bin-path)/evidence"
# The floor of add (scripts/add-floor.c): read, SHA-256, write, rename, on both cores, and nothing else. The Swift
# toolchain's clang builds it; OpenSSL's headers are there already (libssl-dev, which the package needs).
export BENCH_ADD_FLOOR="$BENCH_DIR/add-floor"
clang -O2 -o "$BENCH_ADD_FLOOR" scripts/add-floor.c -lcrypto -lpthread
export BENCH_QUICK="$quick"
export BENCH_RUNS="${BENCH_RUNS:-$([ "$quick" = 1 ] && echo 1 || echo 3)}"
export PATH="$venv/bin:$PATH"

exec "$venv/bin/python3" - "${sections[@]}" <<'PY'
import os, shutil, statistics, subprocess, sys, time

evidence = os.environ["BENCH_EVIDENCE"]
add_floor = os.environ["BENCH_ADD_FLOOR"]
work = os.environ["BENCH_DIR"]
quick = os.environ["BENCH_QUICK"] == "1"
runs = int(os.environ["BENCH_RUNS"])
sections = sys.argv[1:]
python = sys.executable
sealed_at = "2026-01-01T00:00:00Z"


def run(command, cwd=None, expect=(0,)):
    """Runs a command with output discarded; returns (seconds, peak RSS in MB) from its own rusage."""
    seconds, peak, _ = run_counting_cpu(command, cwd, expect)
    return seconds, peak


def run_counting_cpu(command, cwd=None, expect=(0,)):
    """``run``, with the CPU seconds (user + system) the command and its children spent, from the same rusage."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4 gives this child's own peak RSS (GNU time is not needed).
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in expect:
        sys.exit(f"failed ({code}): {' '.join(command)}\n{process.stderr.read().decode(errors='replace')[-2000:]}")
    process.stderr.close()
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def settle():
    """Writes back what the previous command left dirty, so it is not charged to the next one."""
    subprocess.run(["sync"], check=True)


def remove(*paths):
    for path in paths:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.remove(path)


def generate(folder, files, seed):
    """Writes files of pseudo-random bytes (AES-CTR keystream of a fixed key): the same bytes on every run. A marker
    beside the folder says it is complete, so an interrupted one is made again."""
    if os.path.exists(folder + ".complete"):
        return
    remove(folder)
    os.makedirs(folder)
    key = seed.encode().hex().ljust(32, "0")[:32]
    stream = subprocess.Popen(["openssl", "enc", "-aes-128-ctr", "-nosalt", "-K", key, "-iv", "0" * 32,
                               "-in", "/dev/zero"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for name, size in files:
        with open(os.path.join(folder, name), "wb") as out:
            left = size
            while left:
                chunk = stream.stdout.read(min(left, 1 << 20))
                out.write(chunk)
                left -= len(chunk)
    stream.kill()
    stream.wait()
    open(folder + ".complete", "w").close()


def data_bytes(folder):
    return sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder))


def payload(folder):
    return [os.path.join(folder, n) for n in sorted(os.listdir(folder))]


def bag_folder(unpacked):
    (name,) = os.listdir(unpacked)
    return os.path.join(unpacked, name)


def median_table(title, size, results, order):
    print(f"\n{title}: {size / 1e6:,.0f} MB, medians of {runs} run(s)")
    medians = {}
    for label in order:
        seconds = statistics.median(s for s, _ in results[label])
        peak = max(p for _, p in results[label])
        medians[label] = seconds
        memory = f"   peak {peak:6.0f} MB" if label.startswith("evidence") else ""
        print(f"  {label:<44} {seconds:7.2f} s  {size / seconds / 1e6:7.0f} MB/s{memory}")
    return medians


def ratio_lines(m):
    def line(text, value, goal):
        print(f"  {text:<58} {value:6.2f}×" + (f"   goal {goal}" if goal else ""))
    print("  ratios (same run):")
    line("evidence add / cp -r", m["evidence add"] / m["cp -r"], "≤ 1.25×")
    line("add floor / cp -r (reading into memory and hashing)", m["add floor (read, SHA-256, write)"] / m["cp -r"],
         "")
    line("evidence add / add floor (per-file work of our own)", m["evidence add"] / m["add floor (read, SHA-256, write)"],
         "")
    line("evidence seal / zip -0 -r", m["evidence seal"] / m["zip -0 -r"], "≤ 1× for the small files")
    line("bagit.py --validate --processes 2 / evidence verify (zip)",
         m["bagit.py --validate --processes 2"] / m["evidence verify (zip)"], "≥ 1.5×")
    line("bagit.py --validate --processes 2 / evidence verify (folder)",
         m["bagit.py --validate --processes 2"] / m["evidence verify (folder)"], "≥ 1.5×")
    line("evidence verify (zip) / evidence verify (folder)",
         m["evidence verify (zip)"] / m["evidence verify (folder)"], "≤ 1×")


def data_sets():
    scale = 32 if quick else 1
    sets = [
        ("600 × 1 MiB + 2 × 256 MiB", "large",
         [(f"clip-{i:04d}.bin", 1 << 20) for i in range(600 // scale)]
         + [(f"recording-{i}.mp4", (256 << 20) // scale) for i in (1, 2)]),
        ("5,000 × 100 KiB", "small", [(f"Screenshot_{i:05d}.png", 100 << 10) for i in range(5000 // scale)]),
    ]
    order = ["cp -r", "zip -0 -r", "sha256sum, 1 process", "sha256sum, 2 processes",
             "add floor (read, SHA-256, write)", "evidence add",
             "evidence seal", "evidence verify (zip)", "bagit.py --validate --processes 2", "evidence verify (folder)"]
    results = {name: {label: [] for label in order} for _, name, _ in sets}
    for _, name, files in sets:
        generate(os.path.join(work, name, "data"), files, name)
    for number in range(runs):
        # Interleaved: every tool once on every set, then again, so a slow spell of the machine hits all alike.
        for _, name, _ in sets:
            base = os.path.join(work, name)
            data = os.path.join(base, "data")
            files = payload(data)
            r = results[name]
            copy, plain, floor, case, bundle, unpacked = (
                os.path.join(base, n) for n in ("copy", "plain.zip", "floor", "case", "bundle.zip", "unpacked"))
            remove(copy, plain, floor, case, bundle, unpacked)
            subprocess.run(["cat", *files], stdout=subprocess.DEVNULL, check=True)  # warm the cache
            # Each copy goes as soon as it has been timed, so the run fits in a small disk or in /dev/shm.
            settle(); r["cp -r"].append(run(["cp", "-r", data, copy]))
            remove(copy)
            settle(); r["zip -0 -r"].append(run(["zip", "-0", "-r", "-q", plain, "."], cwd=data))
            remove(plain)
            settle(); r["sha256sum, 1 process"].append(run(["sha256sum", *files]))
            settle(); r["sha256sum, 2 processes"].append(
                run(["sh", "-c", f"printf '%s\\0' \"$@\" | xargs -0 -P2 -n {max(1, len(files) // 16)} sha256sum",
                     "sh", *files]))
            settle(); r["add floor (read, SHA-256, write)"].append(run([add_floor, data, floor]))
            remove(floor)
            run([evidence, "init", case, "--title", "bench", "--timezone", "UTC"])
            settle(); r["evidence add"].append(run([evidence, "add", "--case", case, data]))
            settle(); r["evidence seal"].append(
                run([evidence, "seal", "--case", case, "--out", bundle, "--sealed-at", sealed_at, "--overwrite"]))
            remove(case)
            settle(); r["evidence verify (zip)"].append(run([evidence, "verify", bundle]))
            subprocess.run(["unzip", "-q", bundle, "-d", unpacked], check=True)
            remove(bundle)
            bag = bag_folder(unpacked)
            settle(); r["bagit.py --validate --processes 2"].append(
                run(["bagit.py", "--validate", "--processes", "2", "--quiet", bag]))
            settle(); r["evidence verify (folder)"].append(run([evidence, "verify", bag]))
            remove(unpacked)
    for title, name, files in sets:
        scaled = ", scaled down 32× (--quick)" if quick else ""
        medians = median_table(f"{title}{scaled} ({len(files):,} files)", data_bytes(os.path.join(work, name, "data")),
                               results[name], order)
        ratio_lines(medians)


def scale():
    """Add, list, seal and verify at two sizes: time per item should not grow with the case."""
    counts = [500, 2000] if quick else [25000, 100000]
    print(f"\nscale: cases of {' and '.join(f'{c:,}' for c in counts)} items of 1 KiB")
    for count in counts:
        base = os.path.join(work, f"scale-{count}")
        data = os.path.join(base, "data")
        generate(data, [(f"Screenshot_{i:06d}.png", 1024) for i in range(count)], f"scale{count}")
        case, bundle = os.path.join(base, "case"), os.path.join(base, "bundle.zip")
        remove(case, bundle)
        run([evidence, "init", case, "--title", "scale", "--timezone", "UTC"])
        # The case goes once sealed, before verify, so the run fits in a small disk or in /dev/shm.
        for label, command in [("add", [evidence, "add", "--case", case, data]),
                               ("list", [evidence, "list", "--case", case]),
                               ("seal", [evidence, "seal", "--case", case, "--out", bundle, "--sealed-at", sealed_at, "--overwrite"]),
                               ("verify (zip)", [evidence, "verify", bundle])]:
            if label == "verify (zip)":
                remove(case)
            settle()
            seconds, peak = run(command)
            print(f"  {count:>7,} items  {label:<13} {seconds:8.2f} s  {seconds / count * 1e6:7.0f} µs/item"
                  f"   peak {peak:6.0f} MB")
        remove(case, bundle)


def huge():
    """One sparse file (5 GiB; 256 MiB quick): every command must stay under 100 MB whatever the size. In /dev/shm
    when it is there: the bundle is a real 5 GiB file, which a nearly full disk cannot take."""
    size = (256 << 20) if quick else (5 << 30)
    base = os.path.join("/dev/shm" if os.path.isdir("/dev/shm") else work, "evidencekit-bench-huge")
    remove(base)
    os.makedirs(base)
    try:
        video = os.path.join(base, "screen-recording.mp4")
        with open(video, "wb") as out:
            out.truncate(size)
        case, bundle = os.path.join(base, "case"), os.path.join(base, "bundle.zip")
        run([evidence, "init", case, "--title", "huge", "--timezone", "UTC"])
        print(f"\none sparse file of {size / (1 << 30):.2f} GiB (in {base})")
        for label, command in [("add", [evidence, "add", "--case", case, video]),
                               ("seal", [evidence, "seal", "--case", case, "--out", bundle, "--sealed-at", sealed_at, "--overwrite"]),
                               ("verify (zip)", [evidence, "verify", bundle])]:
            settle()
            seconds, peak = run(command)
            print(f"  evidence {label:<13} {seconds:7.2f} s  {size / seconds / 1e6:7.0f} MB/s   peak {peak:6.0f} MB"
                  f"  (goal < 100 MB)")
    finally:
        remove(base)


def chat():
    """chat parse (JSON lines and the readable transcript) and add of a WhatsApp export, against whatstk."""
    lines = 20000 if quick else 1000000
    base = os.path.join(work, "chat")
    os.makedirs(base, exist_ok=True)
    export = os.path.join(base, f"WhatsApp Chat with Bench ({lines} lines).txt")
    if not os.path.exists(export):
        write_whatsapp_export(export, lines)
    size = os.path.getsize(export)
    print(f"\nWhatsApp export: {lines:,} lines, {size / 1e6:.1f} MB, medians of {runs} run(s)")
    has_whatstk = subprocess.run([python, "-c", "import whatstk"], stderr=subprocess.DEVNULL).returncode == 0
    labels = ["evidence chat parse --json", "evidence chat parse (transcript)", "evidence add"]
    if has_whatstk:
        labels.append("whatstk 0.9.1 WhatsAppChat.from_source")
    results = {label: [] for label in labels}
    case = os.path.join(base, "case")
    for _ in range(runs):
        results[labels[0]].append(run([evidence, "chat", "parse", "--json", "--timezone", "Europe/Brussels", export]))
        results[labels[1]].append(run([evidence, "chat", "parse", "--timezone", "Europe/Brussels", export]))
        remove(case)
        run([evidence, "init", case, "--title", "chat", "--timezone", "Europe/Brussels"])
        results[labels[2]].append(run([evidence, "add", "--case", case, export]))
        remove(case)
        if has_whatstk:
            # max_size=None: 0.9.1 refuses inputs above its default size cap otherwise.
            results[labels[3]].append(run([python, "-c", "import sys\nfrom whatstk import WhatsAppChat\n"
                                           "print(len(WhatsAppChat.from_source(filepath=sys.argv[1], max_size=None).df))",
                                           export]))
    medians = {}
    for label in labels:
        medians[label] = statistics.median(s for s, _ in results[label])
        print(f"  {label:<40} {medians[label]:7.2f} s   peak {max(p for _, p in results[label]):6.0f} MB")
    if has_whatstk:
        reference = medians[labels[3]]
        for label in labels[:3]:
            print(f"  whatstk / {label:<40} {reference / medians[label]:6.1f}×   goal ≥ 15×")
    else:
        print("  whatstk is not installed: no ratio (a full run installs it into .build-tools/venv)")


def write_whatsapp_export(path, total):
    """An Android export (dd/mm/yyyy, 24 h) with media, deleted and multi-line messages; the same bytes every run."""
    import datetime, random
    rng = random.Random(20231225)
    authors = ["Alice", "Bob", "Zoë 🌸", "+32 470 12 34 56", "Jean-Éric Dupont", "Mohammed"]
    words = ("ok yes no maybe tonight tomorrow photo send now please stop why where when what who call me "
             "later see you 😀 👍 ça va très bien merci de rien à demain").split()
    t = datetime.datetime(2021, 1, 1, 8, 0)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("01/01/2021, 08:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, "
                "not even WhatsApp, can read or listen to them. Tap to learn more.\n")
        n = 1
        while n < total:
            t += datetime.timedelta(minutes=rng.choice([0, 0, 1, 1, 2, 5, 30]))
            head = t.strftime("%d/%m/%Y, %H:%M - ")
            r = rng.random()
            if r < 0.03:
                line = head + rng.choice(authors) + ": <Media omitted>"
            elif r < 0.04:
                line = head + rng.choice(authors) + ": This message was deleted"
            else:
                line = head + rng.choice(authors) + ": " + " ".join(rng.choice(words) for _ in range(rng.randint(4, 11)))
            f.write(line + "\n")
            n += 1
            while n < total and rng.random() < 0.08:
                f.write(" ".join(rng.choice(words) for _ in range(rng.randint(2, 8))) + "\n")
                n += 1


def images():
    """add of images that decode, so each gets a PDQ hash (the random bytes of the other sets never do): phone
    screenshots (1170 × 2532 PNG) and camera photos (4032 × 3024 JPEG), against cp -r, in interleaved runs, with
    the CPU time (user + system) per image, which a shared machine distorts far less than wall time."""
    sets = [("1170 × 2532 PNG screenshots", "screenshots", 10 if quick else 200, write_screenshot)]
    if shutil.which("cjpeg"):
        sets.append(("4032 × 3024 JPEG photos", "photos", 2 if quick else 20, write_photo))
    else:
        print("\ncjpeg is missing (libjpeg-turbo-progs): the JPEG photos are left out")
    order = ["cp -r", "evidence add", "evidence seal", "evidence verify (zip)"]
    results = {name: {label: [] for label in order} for _, name, _, _ in sets}
    for _, name, count, write in sets:
        folder = os.path.join(work, "images", name, "data")
        if not os.path.exists(folder + ".complete"):
            remove(folder)
            os.makedirs(folder)
            write_images(write, folder, count)
            open(folder + ".complete", "w").close()
    for _ in range(runs):
        for _, name, _, _ in sets:
            base = os.path.join(work, "images", name)
            data = os.path.join(base, "data")
            copy, case, bundle = (os.path.join(base, n) for n in ("copy", "case", "bundle.zip"))
            remove(copy, case, bundle)
            subprocess.run(["cat", *payload(data)], stdout=subprocess.DEVNULL, check=True)  # warm the cache
            r = results[name]
            settle(); r["cp -r"].append(run_counting_cpu(["cp", "-r", data, copy]))
            remove(copy)
            run([evidence, "init", case, "--title", "bench", "--timezone", "UTC"])
            settle(); r["evidence add"].append(run_counting_cpu([evidence, "add", "--case", case, data]))
            hashes = subprocess.run([evidence, "list", "--case", case, "--json"], capture_output=True, check=True)
            settle(); r["evidence seal"].append(run_counting_cpu(
                [evidence, "seal", "--case", case, "--out", bundle, "--sealed-at", sealed_at, "--overwrite"]))
            remove(case)
            settle(); r["evidence verify (zip)"].append(run_counting_cpu([evidence, "verify", bundle]))
            remove(bundle)
    for title, name, count, _ in sets:
        data = os.path.join(work, "images", name, "data")
        size = data_bytes(data)
        print(f"\n{title}: {count} files, {size / 1e6:,.0f} MB, medians of {runs} run(s)")
        medians = {}
        for label in order:
            seconds = statistics.median(s for s, _, _ in results[name][label])
            cpu = statistics.median(c for _, _, c in results[name][label])
            peak = max(p for _, p, _ in results[name][label])
            medians[label] = (seconds, cpu)
            memory = f"   peak {peak:6.0f} MB" if label.startswith("evidence") else ""
            print(f"  {label:<24} {seconds:7.2f} s   CPU {cpu:7.2f} s = {cpu / count * 1e3:7.1f} ms per image{memory}")
        add, copy = medians["evidence add"], medians["cp -r"]
        print(f"  evidence add / cp -r: {add[0] / copy[0]:6.1f}× wall, {add[1] / max(copy[1], 1e-3):6.1f}× CPU")
        print(f"  PDQ hashes: {distinct_pdq(os.path.join(work, 'images', name), data)} distinct of {count}")


def distinct_pdq(base, data):
    """How many distinct PDQ hashes add gave the set: each image is meant to have its own."""
    case = os.path.join(base, "case")
    remove(case)
    run([evidence, "init", case, "--title", "hashes", "--timezone", "UTC"])
    run([evidence, "add", "--case", case, data])
    import json
    listed = json.loads(subprocess.run([evidence, "list", "--case", case, "--json"], capture_output=True,
                                       check=True).stdout)
    remove(case)
    items = listed["items"] if isinstance(listed, dict) else listed
    return len({item.get("pdq") for item in items if item.get("pdq")})


def glyph_font(rng, count=48, width=14, height=24):
    """Glyph bitmaps of a few strokes each: rows of text that compress and decode like real text."""
    font = []
    for _ in range(count):
        bitmap = [[0] * width for _ in range(height)]
        for _ in range(rng.randrange(2, 5)):
            if rng.random() < 0.5:
                x, top, bottom = rng.randrange(1, width - 3), rng.randrange(0, 10), rng.randrange(14, height)
                for y in range(top, bottom):
                    bitmap[y][x] = bitmap[y][x + 1] = 1
            else:
                y, left, right = rng.randrange(2, height - 2), rng.randrange(0, 5), rng.randrange(7, width - 1)
                for x in range(left, right):
                    bitmap[y][x] = bitmap[y + 1][x] = 1
        font.append(bitmap)
    return font


def write_png(path, width, height, rows):
    """An 8-bit RGB PNG: a row equal to the one above is filtered Up (all zeros), the others stored unfiltered."""
    import struct, zlib
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    zeros = bytes(width * 3)
    raw = bytearray()
    previous = None
    for row in rows:
        raw += b"\x02" + zeros if row is previous or row == previous else b"\x00" + row
        previous = row
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                  + chunk(b"IDAT", zlib.compress(bytes(raw), 1)) + chunk(b"IEND", b""))


def write_images(write, folder, count):
    """Writes the images on every core (each is seeded by its number alone, so the bytes do not depend on which
    process writes it)."""
    import multiprocessing
    with multiprocessing.get_context("fork").Pool(os.cpu_count()) as pool:
        pool.starmap(write, [(folder, number) for number in range(count)])


def write_screenshot(folder, number):
    """A chat screenshot: a status bar, then bubbles of text left and right in a light or dark theme, some with a
    picture; seeded by its number, so each has its own layout (and PDQ hash) and the same bytes every run."""
    import random
    width, height = 1170, 2532
    font = glyph_font(random.Random(20261130))
    rng = random.Random(f"screenshot {number}")
    dark = rng.random() < 0.3
    background = (0, 0, 0) if dark else (255, 255, 255)
    ink = (235, 235, 235) if dark else (20, 20, 20)
    received = (38, 38, 41) if dark else (233, 233, 235)
    sent = rng.choice([(10, 132, 255), (52, 199, 89), (0, 92, 75)])
    cache = {}

    def glyph_row(glyph, y, fill, text):
        key = (glyph, y, fill, text)
        if key not in cache:
            cache[key] = b"".join(bytes(text if bit else fill) for bit in font[glyph][y])
        return cache[key]

    blank = bytes(background) * width
    rows = []

    def text_rows(fill, text, left, span, inset, outside):
        """A line of text on `fill`, inset into the span [left, left + span) of a row that is `outside` around it."""
        line = [rng.randrange(len(font)) if rng.random() > 0.17 else None for _ in range((span - 2 * inset) // 14)]
        for y in range(24):
            middle = b"".join(glyph_row(g, y, fill, text) if g is not None else bytes(fill) * 14 for g in line)
            middle += bytes(fill) * (span - inset - len(middle) // 3)
            rows.append(bytes(outside) * left + bytes(fill) * inset + middle + bytes(outside) * (width - left - span))

    rows.extend([blank] * 40)
    text_rows(background, ink, 60, 140, 0, background)  # the clock in the status bar
    rows.extend([blank] * 80)
    while len(rows) < height - 200:
        outgoing = rng.random() < 0.5
        span = rng.randrange(300, 800)
        left = width - 40 - span if outgoing else 40
        fill = sent if outgoing else received
        text = (255, 255, 255) if outgoing else ink
        bubble = bytes(background) * left + bytes(fill) * span + bytes(background) * (width - left - span)
        rows.extend([bubble] * 20)
        if rng.random() < 0.15:
            # A picture in the bubble: bands of colour that change every few rows.
            for _ in range(rng.randrange(20, 60)):
                shade = bytes((rng.randrange(256), rng.randrange(256), rng.randrange(256)))
                picture = bytes(background) * left + bytes(fill) * 12 + shade * (span - 24) + bytes(fill) * 12
                rows.extend([picture + bytes(background) * (width - left - span)] * rng.randrange(3, 9))
        for _ in range(rng.randrange(1, 6)):
            text_rows(fill, text, left, span, 24, background)
            rows.extend([bubble] * 10)
        rows.extend([bubble] * 10)
        rows.extend([blank] * rng.randrange(16, 40))
    del rows[height - 200:]
    bar = bytes(received) * width
    rows.extend([bar] * 30)
    text_rows(received, ink, 0, width, 40, received)  # the message being typed
    rows.extend([bar] * (height - len(rows)))
    write_png(os.path.join(folder, f"Screenshot_{number:04d}.png"), width, height, rows)


def write_photo(folder, number):
    """A photo-like JPEG (quality 90, like a phone's): broad areas whose colours drift down the picture, with grain,
    through cjpeg from a PPM. Seeded per photo."""
    import hashlib, random
    width, height, areas = 4032, 3024, 12
    tables = {}  # a base value → the table adding grain of ±8 to it

    def grained(base):
        if base not in tables:
            tables[base] = bytes(min(255, max(0, base + (value & 15) - 8)) for value in range(256))
        return tables[base]

    rng = random.Random(f"photo {number}")
    top = [[rng.randrange(30, 226) for _ in range(3)] for _ in range(areas)]
    bottom = [[rng.randrange(30, 226) for _ in range(3)] for _ in range(areas)]
    grain = hashlib.shake_256(f"grain {number}".encode()).digest(width * 80)
    ppm = os.path.join(folder, f"photo-{number}.ppm")
    with open(ppm, "wb") as out:
        out.write(b"P6 %d %d 255\n" % (width, height))
        row = bytearray(width * 3)
        for y in range(height):
            for area in range(areas):
                start, end = area * width // areas, (area + 1) * width // areas
                for channel in range(3):
                    offset = ((y * 7 + channel * 13) % 61) * width + start
                    base = top[area][channel] + (bottom[area][channel] - top[area][channel]) * y // height
                    row[start * 3 + channel:end * 3:3] = grain[offset:offset + end - start].translate(grained(base))
            out.write(row)
    subprocess.run(["cjpeg", "-quality", "90", "-outfile", os.path.join(folder, f"IMG_{number:04d}.jpg"), ppm],
                   check=True)
    os.remove(ppm)


print(f"machine: {os.cpu_count()} cores, {os.uname().release}; binary {evidence}")
for section in sections:
    {"sets": data_sets, "scale": scale, "huge": huge, "chat": chat, "images": images}[section]()
PY
