#!/usr/bin/env python3
"""A time-stamp authority on loopback for the tests: answers POSTed application/timestamp-query bodies with
`openssl ts -reply`. Usage: tsa_server.py DIR PORTFILE (DIR made by make-tsa.sh). Writes the port it listens on
to PORTFILE (renamed into place, so it is never read half-written), then serves until killed. Paths: / and /main sign with tsa_main, /other with tsa_other, /error answers HTTP 500, /garbage
answers 200 with bytes that are no time-stamp reply. Single-threaded: openssl's serial file has one writer."""
import http.server
import os
import subprocess
import sys
import tempfile

DIR = sys.argv[1]
# Descriptors inherited from the test process (the write ends of its pipes) would keep its reads from ever
# seeing end-of-file while this server runs.
os.closerange(3, 4096)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/error":
            self.send_response(500)
            self.end_headers()
            return
        if self.path == "/garbage":
            self.reply(b"this is not a time-stamp reply")
            return
        section = "tsa_other" if self.path == "/other" else "tsa_main"
        with tempfile.TemporaryDirectory() as work:
            query, answer = os.path.join(work, "q.tsq"), os.path.join(work, "r.tsr")
            with open(query, "wb") as handle:
                handle.write(body)
            result = subprocess.run(["openssl", "ts", "-reply", "-config", os.path.join(DIR, "tsa.cnf"),
                                     "-section", section, "-queryfile", query, "-out", answer],
                                    capture_output=True)
            if result.returncode != 0:
                self.send_response(400)
                self.end_headers()
                return
            with open(answer, "rb") as handle:
                self.reply(handle.read())

    def reply(self, data):
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[2] + ".partial", "w") as handle:
    handle.write(str(server.server_address[1]))
os.rename(sys.argv[2] + ".partial", sys.argv[2])
server.serve_forever()
