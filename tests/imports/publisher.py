"""A stand-in publisher on 127.0.0.1: serves files laid out like the publishers' (zips holding their members),
answers ``Range`` requests with 206, can cut a response in the middle once, and counts what it was asked."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Publisher:
    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.cut_once: set[str] = set()
        self.requests: list[tuple[str, dict]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def requests_for(self, path: str) -> list[dict]:
        return [headers for requested, headers in self.requests if requested == path]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        publisher = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802 - the name http.server calls
                publisher.requests.append((self.path, dict(self.headers)))
                body = publisher.files.get(self.path)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                start = 0
                if (range_header := self.headers.get("Range", "")).startswith("bytes="):
                    start = int(range_header.removeprefix("bytes=").split("-")[0])
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(body) - start))
                self.send_header("ETag", f'"{hash(body)}"')
                self.end_headers()
                if self.path in publisher.cut_once:
                    publisher.cut_once.discard(self.path)
                    self.wfile.write(body[start : start + (len(body) - start) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body[start:])

        return Handler
