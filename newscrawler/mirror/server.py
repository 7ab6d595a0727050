"""A small loopback HTTP server for a mirror folder (``fixtures/mirror`` is one).

``ROOT/HOST/PATH`` answers ``GET /HOST/PATH``. A path ending in "/" serves ``index.html``; a query
is part of the file name (``search%3Fq=1``). ``NAME.meta.json`` beside a file gives its status
and headers; without a body file, the sidecar alone answers with an empty body.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    ".xml": "application/xml",
    ".txt": "text/plain",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gz": "application/gzip",
}
SIDECAR_SUFFIX = ".meta.json"


def resolve(root: Path, request_path: str) -> Path | None:
    """The file for ``request_path`` (path and query as sent), or None when it lies outside root."""
    parts = urlsplit(request_path)
    path = unquote(parts.path, errors="strict")
    if path.endswith("/"):
        path += "index.html"
    if parts.query:
        path += quote("?", safe="") + parts.query
    candidate = (root / path.lstrip("/")).resolve()
    if candidate != root and root not in candidate.parents:
        return None
    return candidate


def answer(root: Path, request_path: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body for a request path."""
    try:
        target = resolve(root, request_path)
    except UnicodeDecodeError:
        target = None
    if target is None:
        return 400, {"Content-Type": "text/plain"}, b"bad path\n"
    sidecar = target.with_name(target.name + SIDECAR_SUFFIX)
    meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.is_file() else {}
    if target.is_dir() and (target / "index.html").is_file():
        target = target / "index.html"
    exists = target.is_file() and not target.name.endswith(SIDECAR_SUFFIX)
    if not exists and not meta:
        return 404, {"Content-Type": "text/plain"}, b"not in the mirror\n"
    body = target.read_bytes() if exists else b""
    headers = {"Content-Type": CONTENT_TYPES.get(target.suffix.lower(), "text/html")}
    headers.update(meta.get("headers", {}))
    return int(meta.get("status", 200)), headers, body


class _Handler(BaseHTTPRequestHandler):
    root: Path
    server_version = "newscrawler-mirror"

    def _respond(self, with_body: bool) -> None:
        self.server.requested.append(self.path)
        if self.server.delay:
            time.sleep(self.server.delay)
        status, headers, body = answer(self.root, self.path)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                # The client hung up (a crawl that stops a download at its headers, or is stopped):
                # nothing went wrong here.
                logger.debug("mirror: the client of %s hung up before the body was sent", self.path)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(with_body=False)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        logger.debug("mirror: " + format, *args)


class MirrorServer:
    """``with MirrorServer(root) as server: server.url`` — serves ``root`` on 127.0.0.1."""

    def __init__(self, root: str | Path, port: int = 0, host: str = "127.0.0.1", delay: float = 0.0):
        """``delay`` seconds before each answer make a slow site (for tests that stop a crawl)."""
        root = Path(root).resolve()
        if not root.is_dir():
            raise FileNotFoundError(f"mirror folder {root} does not exist")
        handler = type("MirrorHandler", (_Handler,), {"root": root})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.httpd.requested = []  # every path asked for, in order
        self.httpd.delay = delay
        self._thread: threading.Thread | None = None

    @property
    def requested(self) -> list[str]:
        return self.httpd.requested

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> MirrorServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="mirror", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
