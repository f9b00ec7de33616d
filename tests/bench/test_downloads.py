"""make bench's CSV flood check (bench/downloads.py): the four downloaders really download and count what they
got, and the report compares the page's p95 with and without them against the 2x target."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bench import downloads
from bench.report import LoadResult


def load(p95, errors=0):
    return LoadResult(100, 5.0, p95 / 2, p95 * 0.9, p95, p95 * 1.2, p95 * 2, statuses={200: 100 - errors, 500: errors})


def test_the_summary_compares_median_p95s_with_the_2x_target():
    measured = {
        "alone": [load(10.0), load(12.0), load(11.0)],
        "loaded": [load(20.0), load(30.0), load(21.0)],
        "downloads": downloads.DownloadLoad(downloads=8, refused=2, failed=0, bytes=8 * 3_900_000, seconds=[0.5] * 8),
    }
    first, second = downloads.summary("Guide page", measured)
    assert "Guide page p95 11.0 ms alone, 21.0 ms with 4 parallel nationwide CSV downloads" in first
    assert "(1.91x; target at most 2x: met)" in first
    assert second.startswith("CSV flood downloads: 8 completed (3,900,000 bytes each, median 0.50 s each), 2 refused")
    measured["loaded"] = [load(25.0)] * 3
    assert "(2.27x; target at most 2x: NOT met)" in downloads.summary("Guide page", measured)[0]


def test_four_clients_download_in_parallel_until_stopped_and_count_refusals():
    served = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802 - the name http.server calls
            served.append(self.path)
            if len(served) % 3 == 0:
                self.send_response(429)
                self.send_header("Retry-After", "60")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = b"unitid,name\n" * 1000
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = downloads.DownloadLoad()
        with downloads.ParallelDownloads(f"http://127.0.0.1:{server.server_address[1]}", result):
            time.sleep(0.5)
    finally:
        server.shutdown()
        server.server_close()
    assert set(served) == {"/schools/?format=csv"}
    assert result.downloads > 4 and result.refused > 0 and result.failed == 0
    assert result.bytes == result.downloads * len(b"unitid,name\n") * 1000
