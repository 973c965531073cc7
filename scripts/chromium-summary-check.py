#!/usr/bin/env python3
"""Opens an unzipped EvidenceKit bag's summary.html in real headless Chromium and reports what a reader would get.

Usage: chromium-summary-check.py BAG [--desktop-png F] [--phone-png F] [--pdf F] [--screenshot-max-height PX] ...

BAG is the unzipped bag folder (the one holding bagit.txt), or a folder holding exactly one such bag.
Chromium is driven over the DevTools protocol through --remote-debugging-pipe (fd 3: our commands, fd 4: its
answers, each message JSON ended by a NUL byte), so no port is opened and nothing else can talk to it.

The report (JSON on standard output) holds every request the page made, every <img> with whether it loaded, every
place the DOM names a sensitive item, the width the page needs at phone width, the load time, and the PDF's page
count. Everything about the bag is read from its evidence/manifest.json (which items are sensitive, their paths), so
the check keeps working when the bag layout changes.

Exit status: 0 nothing wrong, 1 problems found (listed in "failures"), 2 the check itself could not run (no
Chromium, unreadable bag, time-out), with the reason on standard error. Chromium is always killed on the way out.
"""

import argparse
import base64
import fcntl
import html
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

DESKTOP_WIDTH = 1280
DESKTOP_HEIGHT = 900
PHONE_WIDTH = 390
PHONE_HEIGHT = 844
# ISO A4 in inches, as Page.printToPDF wants it.
A4_WIDTH_INCHES = 8.27
A4_HEIGHT_INCHES = 11.69
# Chromium cannot paint one bitmap taller than its largest texture; a taller page is cut there and the cut reported.
LARGEST_SCREENSHOT_HEIGHT = 16384


class CheckError(Exception):
    """The check could not run (as opposed to a problem found in the summary)."""


class DevToolsPipe:
    """One Chromium process and the DevTools connection over its pipe."""

    def __init__(self, chromium, timeout):
        self.timeout = timeout
        self.next_id = 0
        self.events = []
        self.pending = []
        self.profile = tempfile.mkdtemp(prefix="evidencekit-chromium-")
        self.stderr_log = tempfile.TemporaryFile()
        commands_read, self.commands = os.pipe()
        self.answers, answers_write = os.pipe()
        arguments = [
            chromium, "--headless", "--disable-gpu", "--remote-debugging-pipe", "--user-data-dir=" + self.profile,
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
            "--mute-audio", "--hide-scrollbars", "about:blank",
        ]
        if os.geteuid() == 0:
            # Chromium refuses to start as root with its sandbox on.
            arguments.insert(1, "--no-sandbox")
        # Chromium talks on fds 3 and 4 exactly. Park our own descriptors at 10 and above, and hold 3 and 4 in this
        # process while Popen makes its internal error pipe, so that pipe cannot land on 3 or 4 in the child.
        child_in = fcntl_dup_high(commands_read)
        child_out = fcntl_dup_high(answers_write)
        os.close(commands_read)
        os.close(answers_write)
        held = hold_low_descriptors()

        def wire_pipe():
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        try:
            self.process = subprocess.Popen(
                arguments, stdin=subprocess.DEVNULL, stdout=self.stderr_log, stderr=self.stderr_log,
                pass_fds=(3, 4), preexec_fn=wire_pipe, start_new_session=True)
        except OSError as error:
            os.close(self.commands)
            os.close(self.answers)
            shutil.rmtree(self.profile, ignore_errors=True)
            raise CheckError("cannot start %s: %s" % (chromium, error)) from error
        finally:
            for descriptor in held + [child_in, child_out]:
                os.close(descriptor)

    def send(self, method, params=None, session=None, timeout=None):
        """Sends one command and waits for its answer; events that arrive meanwhile are kept in order."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self.commands, data):]
        except OSError as error:
            raise CheckError("cannot send %s to Chromium (%s; it exited with %s):\n%s"
                             % (method, error, self.process.poll(), self.chromium_output())) from error
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for index, received in enumerate(self.events):
                if received.get("id") == self.next_id:
                    del self.events[index]
                    if "error" in received:
                        raise CheckError("%s failed: %s" % (method, received["error"].get("message", received["error"])))
                    return received.get("result", {})
            self.receive(deadline, "the answer to " + method)

    def wait_for_event(self, method, session, timeout, since=0):
        """Waits for an event (from index `since` of the events received) and returns it."""
        deadline = time.monotonic() + timeout
        while True:
            for received in self.events[since:]:
                if received.get("method") == method and received.get("sessionId") == session:
                    return received
            self.receive(deadline, method)

    def receive(self, deadline, waiting_for):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise CheckError("timed out waiting for %s" % waiting_for)
        readable, _, _ = select.select([self.answers], [], [], remaining)
        if not readable:
            raise CheckError("timed out waiting for %s" % waiting_for)
        chunk = os.read(self.answers, 1 << 20)
        if not chunk:
            raise CheckError("Chromium closed the DevTools pipe (it exited with %s) while we waited for %s:\n%s"
                             % (self.process.poll(), waiting_for, self.chromium_output()))
        # A message can span many reads (a big page's outerHTML); join the pieces only once its NUL has arrived.
        self.pending.append(chunk)
        if b"\0" not in chunk:
            return
        *messages, rest = b"".join(self.pending).split(b"\0")
        self.pending = [rest]
        self.events.extend(json.loads(message) for message in messages)

    def chromium_output(self):
        self.stderr_log.seek(0)
        return self.stderr_log.read()[-4000:].decode(errors="replace")

    def close(self):
        """Asks Chromium to quit, then kills its whole process group whatever happened; removes the profile."""
        try:
            if self.process.poll() is None:
                try:
                    self.send("Browser.close", timeout=5)
                except (CheckError, OSError):
                    pass
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
            # Chromium's helpers die a moment after the signal; one still writing would keep its profile alive.
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                try:
                    os.killpg(self.process.pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)
            os.close(self.commands)
            os.close(self.answers)
            self.stderr_log.close()
            shutil.rmtree(self.profile, ignore_errors=True)


def fcntl_dup_high(descriptor):
    return fcntl.fcntl(descriptor, fcntl.F_DUPFD_CLOEXEC, 10)


def hold_low_descriptors():
    """Opens /dev/null until every descriptor up to 4 is taken; returns the ones it opened."""
    held = []
    while True:
        descriptor = os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC)
        if descriptor > 4:
            os.close(descriptor)
            return held
        held.append(descriptor)


def find_bag(folder):
    folder = os.path.realpath(folder)
    if os.path.isfile(os.path.join(folder, "bagit.txt")):
        return folder
    bags = [os.path.join(folder, name) for name in sorted(os.listdir(folder))
            if os.path.isfile(os.path.join(folder, name, "bagit.txt"))]
    if len(bags) != 1:
        raise CheckError("%s is not a bag and holds %d bags (folders with bagit.txt)" % (folder, len(bags)))
    return bags[0]


def sensitive_references(bag):
    """Every string whose presence in the summary's DOM would point at a sensitive item, from the signed manifest."""
    manifest_path = os.path.join(bag, "evidence", "manifest.json")
    try:
        with open(manifest_path, "rb") as file:
            manifest = json.load(file)
    except (OSError, ValueError) as error:
        raise CheckError("cannot read %s: %s" % (manifest_path, error)) from error
    references = set()
    for item in manifest.get("items", []):
        if item.get("sensitive") is not True:
            continue
        paths = [item["path"]] + [derived["path"] for derived in item.get("derived", [])]
        for path in paths:
            references.add(path)
            references.add(path.rsplit("/", 1)[-1])
    if os.path.isdir(os.path.join(bag, "data", "sensitive")):
        references.add("data/sensitive/")
    # The same strings as they appear in markup: HTML-escaped and percent-encoded in a URL.
    spelled = set()
    for reference in references:
        spelled.update({reference, html.escape(reference), urllib.parse.quote(reference, safe="/")})
    return sorted(references), sorted(spelled)


def check_request(url, bag, sensitive):
    """Returns why a request the page made is wrong, or None."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme != "file":
        return "request to a %s: URL: %s" % (parsed.scheme or "scheme-less", url[:300])
    path = os.path.realpath(urllib.parse.unquote(parsed.path))
    if path != bag and not path.startswith(bag + os.sep):
        return "request for a file outside the bag: %s" % path
    inside = os.path.relpath(path, bag)
    if inside in sensitive or inside.startswith("data/sensitive/"):
        return "request for a sensitive item: %s" % inside
    return None


def evaluate(browser, session, expression, timeout=None):
    result = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True},
                          session=session, timeout=timeout)
    if "exceptionDetails" in result:
        raise CheckError("script failed in the page: %s" % result["exceptionDetails"].get("text"))
    return result["result"].get("value")


def set_viewport(browser, session, width, height, mobile):
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}, session=session)


def capture_page(browser, session, width, path, max_height, timeout):
    """Writes a PNG of the whole page (down to max_height) at the current viewport width; returns what it wrote."""
    full_height = evaluate(browser, session, "document.scrollingElement.scrollHeight")
    height = min(full_height, max_height, LARGEST_SCREENSHOT_HEIGHT)
    shot = browser.send("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True, "fromSurface": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
    }, session=session, timeout=timeout)
    write_file(path, base64.b64decode(shot["data"]))
    return {"path": path, "width": width, "height": height, "pageHeight": full_height, "cut": height < full_height}


def write_file(path, data):
    """Writes under a temporary name and renames, so a half-written file never looks complete."""
    temporary = path + ".partial"
    with open(temporary, "wb") as file:
        file.write(data)
    os.replace(temporary, path)


def pdf_page_count(data):
    """Counts the page objects (`/Type /Page`, not the `/Type /Pages` tree nodes) of a PDF."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data))


# Gathered after the load event: every image's state, read once all of them are settled or the wait ran out.
IMAGES_SCRIPT = """
Array.from(document.images).map(image => ({
  src: image.getAttribute('src'), currentSrc: image.currentSrc, alt: image.getAttribute('alt'),
  loading: image.getAttribute('loading'), complete: image.complete, naturalWidth: image.naturalWidth,
  loaded: image.complete && image.naturalWidth > 0
}))
"""

# Lazy images only load near the viewport; make every one load now so each is checked and shows in the screenshots.
LOAD_ALL_IMAGES_SCRIPT = """
new Promise(resolve => {
  const images = Array.from(document.images);
  images.forEach(image => { image.loading = 'eager'; });
  const settled = () => images.every(image => image.complete);
  const started = performance.now();
  const poll = () => settled() || performance.now() - started > %d ? resolve(settled()) : setTimeout(poll, 50);
  poll();
})
"""

TIMING_SCRIPT = """
(() => {
  const navigation = performance.getEntriesByType('navigation')[0];
  return {domContentLoaded: navigation.domContentLoadedEventEnd, load: navigation.loadEventStart};
})()
"""


def run_check(arguments):
    bag = find_bag(arguments.bag)
    summary = os.path.join(bag, "summary.html")
    if not os.path.isfile(summary):
        raise CheckError("%s has no summary.html" % bag)
    sensitive, sensitive_spellings = sensitive_references(bag)
    chromium = arguments.chromium or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise CheckError("Chromium is not installed (Debian: apt-get install chromium)")

    failures = []
    report = {"bag": bag, "summary": summary, "sensitiveReferencesChecked": sensitive}
    browser = DevToolsPipe(chromium, arguments.timeout)
    try:
        report["chromium"] = browser.send("Browser.getVersion").get("product")
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime"):
            browser.send(domain + ".enable", session=session)
        set_viewport(browser, session, DESKTOP_WIDTH, DESKTOP_HEIGHT, mobile=False)

        first_event = len(browser.events)
        started = time.monotonic()
        navigation = browser.send("Page.navigate", {"url": "file://" + urllib.parse.quote(summary)}, session=session)
        if navigation.get("errorText"):
            raise CheckError("Chromium could not open %s: %s" % (summary, navigation["errorText"]))
        browser.wait_for_event("Page.loadEventFired", session, arguments.load_timeout, since=first_event)
        wall_clock = time.monotonic() - started
        timing = evaluate(browser, session, TIMING_SCRIPT)
        report["loadMilliseconds"] = round(timing["load"])
        report["domContentLoadedMilliseconds"] = round(timing["domContentLoaded"])
        report["loadWallClockMilliseconds"] = round(wall_clock * 1000)

        # The DOM as loaded, before this check touches any image.
        dom = evaluate(browser, session, "document.documentElement.outerHTML", timeout=arguments.load_timeout)
        report["domCharacters"] = len(dom)
        found = sorted({spelling for spelling in sensitive_spellings if spelling in dom})
        report["sensitiveReferencesFound"] = found
        failures += ["the DOM names a sensitive item: %s" % spelling for spelling in found]

        report["allImagesSettled"] = evaluate(browser, session, LOAD_ALL_IMAGES_SCRIPT % (arguments.image_timeout * 1000),
                                              timeout=arguments.image_timeout + arguments.timeout)
        images = evaluate(browser, session, IMAGES_SCRIPT)
        report["images"] = images
        failures += ["image did not load: %s" % image["src"] for image in images if not image["loaded"]]

        if arguments.desktop_png:
            report["desktopScreenshot"] = capture_page(browser, session, DESKTOP_WIDTH, arguments.desktop_png,
                                                       arguments.screenshot_max_height, arguments.load_timeout)
        set_viewport(browser, session, PHONE_WIDTH, PHONE_HEIGHT, mobile=True)
        scroll_width = evaluate(browser, session, "document.scrollingElement.scrollWidth")
        report["phoneScrollWidth"] = scroll_width
        report["phoneNoSidewaysScrolling"] = scroll_width <= PHONE_WIDTH
        if scroll_width > PHONE_WIDTH:
            failures.append("at %d px the page is %d px wide: the reader must scroll sideways" % (PHONE_WIDTH, scroll_width))
        if arguments.phone_png:
            report["phoneScreenshot"] = capture_page(browser, session, PHONE_WIDTH, arguments.phone_png,
                                                     arguments.screenshot_max_height, arguments.load_timeout)
        set_viewport(browser, session, DESKTOP_WIDTH, DESKTOP_HEIGHT, mobile=False)

        if arguments.pdf:
            printed = browser.send("Page.printToPDF", {
                "paperWidth": A4_WIDTH_INCHES, "paperHeight": A4_HEIGHT_INCHES, "printBackground": True,
                "displayHeaderFooter": arguments.pdf_header_footer, "preferCSSPageSize": False,
            }, session=session, timeout=arguments.load_timeout)
            data = base64.b64decode(printed["data"])
            write_file(arguments.pdf, data)
            report["pdf"] = {"path": arguments.pdf, "bytes": len(data), "pages": pdf_page_count(data)}
            if report["pdf"]["pages"] < 1:
                failures.append("the PDF has no page")

        # Every request the page made, the images' included, now that all of them were asked for.
        requests = [event["params"] for event in browser.events[first_event:]
                    if event.get("method") == "Network.requestWillBeSent" and event.get("sessionId") == session]
        report["requests"] = [{"url": request["request"]["url"][:2000],
                               "scheme": urllib.parse.urlsplit(request["request"]["url"]).scheme,
                               "type": request.get("type"),
                               "problem": check_request(request["request"]["url"], bag, sensitive)}
                              for request in requests]
        failures += [request["problem"] for request in report["requests"] if request["problem"]]
    finally:
        browser.close()
    report["failures"] = failures
    report["ok"] = not failures
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bag", help="the unzipped bag folder (or a folder holding exactly one)")
    parser.add_argument("--desktop-png", help="write a full-page screenshot at %d px wide here" % DESKTOP_WIDTH)
    parser.add_argument("--phone-png", help="write a full-page screenshot at %d px wide here" % PHONE_WIDTH)
    parser.add_argument("--pdf", help="print to A4 PDF here and count its pages")
    parser.add_argument("--pdf-header-footer", action="store_true",
                        help="let Chromium add its own header and footer (URL, date, page numbers) to the PDF")
    parser.add_argument("--screenshot-max-height", type=int, default=LARGEST_SCREENSHOT_HEIGHT,
                        help="cut screenshots at this many pixels (default %(default)s)")
    parser.add_argument("--chromium", help="the Chromium executable (default: chromium on PATH)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds to wait for any one answer (default %(default)s)")
    parser.add_argument("--load-timeout", type=float, default=120,
                        help="seconds to wait for the page to load, print or be captured (default %(default)s)")
    parser.add_argument("--image-timeout", type=float, default=30,
                        help="seconds to wait for every image to settle (default %(default)s)")
    parser.add_argument("--report", help="write the JSON report here as well as to standard output")
    arguments = parser.parse_args()
    try:
        report = run_check(arguments)
    except CheckError as error:
        print("chromium-summary-check: %s" % error, file=sys.stderr)
        return 2
    text = json.dumps(report, indent=2, ensure_ascii=False)
    if arguments.report:
        write_file(arguments.report, text.encode() + b"\n")
    print(text)
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
