import json
import socket
import struct
import time
import urllib.error
import urllib.request

import pytest

from newscrawler.mirror import mirror_url
from newscrawler.mirror.server import MirrorServer


@pytest.mark.parametrize(("url", "mirrored"), [
    ("https://arabkhabar.com/a/5129170", "http://127.0.0.1:9/arabkhabar.com/a/5129170"),
    ("http://arabkhabar.com/a/5129170", "http://127.0.0.1:9/arabkhabar.com/a/5129170"),
    ("https://www.aljazeera.net/news/?page=2&x=%D8%A8#top", "http://127.0.0.1:9/www.aljazeera.net/news/?page=2&x=%D8%A8"),
    ("https://example.com", "http://127.0.0.1:9/example.com/"),
    ("https://example.com:8443/p", "http://127.0.0.1:9/example.com:8443/p"),
])
def test_mirror_url_keeps_host_path_and_query_for_both_schemes(url, mirrored):
    assert mirror_url("http://127.0.0.1:9", url) == mirrored


@pytest.fixture
def served(tmp_path):
    (tmp_path / "site.example" / "dir").mkdir(parents=True)
    (tmp_path / "site.example" / "dir" / "index.html").write_text("<p>index</p>")
    (tmp_path / "site.example" / "page").write_bytes("<p>صفحة</p>".encode("cp1256"))
    (tmp_path / "site.example" / "page.meta.json").write_text(json.dumps({"headers": {"Content-Type": "text/html; charset=windows-1256", "X-Test": "1"}}))
    (tmp_path / "site.example" / "gone.meta.json").write_text(json.dumps({"status": 410}))
    (tmp_path / "site.example" / "search%3Fq=1").write_text("results")
    (tmp_path / "site.example" / "مقال").write_text("arabic path")
    (tmp_path / "site.example" / "feed.xml").write_text("<rss/>")
    with MirrorServer(tmp_path) as server:
        yield server


def fetch(server, path):
    try:
        with urllib.request.urlopen(server.url + path) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_server_serves_files_with_their_sidecars(served):
    status, headers, body = fetch(served, "/site.example/page")
    assert (status, headers["Content-Type"], headers["X-Test"]) == (200, "text/html; charset=windows-1256", "1")
    assert body.decode("cp1256") == "<p>صفحة</p>"
    assert fetch(served, "/site.example/gone")[:1] == (410,)
    assert fetch(served, "/site.example/dir/")[2] == b"<p>index</p>"
    assert fetch(served, "/site.example/search?q=1")[2] == b"results"
    assert fetch(served, "/site.example/%D9%85%D9%82%D8%A7%D9%84")[2] == b"arabic path"
    assert fetch(served, "/site.example/feed.xml")[1]["Content-Type"] == "application/xml"
    assert fetch(served, "/site.example/missing")[0] == 404
    assert fetch(served, "/../../etc/passwd")[0] in (400, 404)


def test_a_client_that_hangs_up_mid_page_is_no_error(tmp_path, capfd):
    (tmp_path / "site.example").mkdir()
    (tmp_path / "site.example" / "big.pdf").write_bytes(b"%PDF" + b"0" * 8_000_000)
    with MirrorServer(tmp_path) as server:
        host, port = server.httpd.server_address[:2]
        client = socket.create_connection((host, port))
        client.sendall(b"GET /site.example/big.pdf HTTP/1.1\r\nHost: site.example\r\n\r\n")
        assert client.recv(64).startswith(b"HTTP/1.0 200")
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # a reset, not a goodbye
        client.close()
        time.sleep(0.5)
        (tmp_path / "site.example" / "page").write_text("after")
        assert fetch(server, "/site.example/page")[2] == b"after"
    assert "Traceback" not in capfd.readouterr().err
