"""Spider arguments: read into what a spider uses, or refused with one clear line (``scrapy crawl``
exits 2 without a traceback and without echoing a file it was given)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.exceptions import UsageError
from scrapy.utils.test import get_crawler

from newscrawler.spiders.arguments import parse_url_argument
from newscrawler.spiders.generic import GenericSpider
from newscrawler.spiders.outlets import OutletSpider


def test_urls_space_or_comma_separated():
    assert parse_url_argument("https://a.com/1 https://a.com/2,https://a.com/3", None) == [
        "https://a.com/1", "https://a.com/2", "https://a.com/3"]


def test_urls_file_one_a_line_with_comments(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text("# list\nhttps://a.com/1\n\n  https://a.com/2  \nhttps://a.com/1\n")
    assert parse_url_argument(None, str(path)) == ["https://a.com/1", "https://a.com/2"]


@pytest.mark.parametrize(("urls", "urls_file", "message"), [
    ("a.com/1", None, "not an http(s) URL"),
    ("file:///etc/passwd", None, "not an http(s) URL"),
    ("http://[::1/", None, "not an http(s) URL: 'http://[::1/'"),
    ("https://a.com:99999/x", None, "not an http(s) URL"),
    (None, "/no/such/file", "does not exist"),
    (None, "/etc", "is a directory"),
    (None, "/dev/null", "is not a regular file"),
])
def test_bad_arguments(urls, urls_file, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        parse_url_argument(urls, urls_file)


def test_generic_needs_something_to_crawl():
    with pytest.raises(UsageError, match="generic needs"):
        GenericSpider.check_arguments()
    GenericSpider.check_arguments(feed="https://a.com/rss")


def test_outlet_spiders_exist_for_the_registry_and_allow_registered_domains():
    from newscrawler.spiders import outlets

    spiders = {cls.name: cls for cls in vars(outlets).values() if isinstance(cls, type) and issubclass(cls, OutletSpider) and getattr(cls, "name", None)}
    assert {"arabkhabar", "aljadeedpress", "aljazeera"} <= set(spiders)
    spider = spiders["arabkhabar"].from_crawler(get_crawler(spiders["arabkhabar"]))
    assert {"arabkhabar.com", "aljazeera.net", "aljadeedpress.net"} <= set(spider.allowed_domains)


def test_generic_allows_the_hosts_it_was_given():
    spider = GenericSpider.from_crawler(get_crawler(GenericSpider), urls="https://unknown.example/a/1")
    assert "unknown.example" in spider.allowed_domains


SECRET_LINES = "operator:$6$SECRETHASHxyz:19000:0:99999:7:::\nsvc-SECRET:*:19000:0:99999:7:::\nhttps://a.com/1\n"


def test_a_urls_file_that_is_not_a_url_list_is_refused_without_quoting_it(tmp_path):
    shadow = tmp_path / "shadow"
    shadow.write_text(SECRET_LINES)
    with pytest.raises(UsageError) as refused:
        parse_url_argument(None, str(shadow))
    message = str(refused.value)
    assert "2 of its lines are not an http(s) URL (lines 1, 2)" in message
    assert "SECRET" not in message and "operator" not in message and "$6$" not in message


def test_a_binary_or_unreadable_urls_file_says_so(tmp_path, monkeypatch):
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00SECRET\xff\xfe")
    with pytest.raises(UsageError, match="is not a UTF-8 text file"):
        parse_url_argument(None, str(binary))
    binary.write_bytes(b"https://a.com/1\n\x00SECRET\n")
    with pytest.raises(UsageError, match="is a binary file"):
        parse_url_argument(None, str(binary))

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    unreadable = tmp_path / "unreadable.txt"
    unreadable.write_text("https://a.com/1\n")
    monkeypatch.setattr(Path, "read_bytes", refuse)  # the tests may run as root, whom chmod does not stop
    with pytest.raises(UsageError, match="cannot be read: permission denied"):
        parse_url_argument(None, str(unreadable))


PROJECT = Path(__file__).resolve().parents[2]


def scrapy_crawl_generic(*arguments: str, tmp_path: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NEWSCRAWLER_DATA_DIR": str(tmp_path / "data")}
    environment.pop("MONGO_URI", None)
    command = [sys.executable, "-m", "scrapy", "crawl", "generic", *(part for a in arguments for part in ("-a", a))]
    return subprocess.run(command, cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("argument", "message"), [
    ("urls=http://[::1/", "not an http(s) URL: 'http://[::1/'"),
    ("sitemap=http://[::1/sitemap.xml", "not an http(s) URL"),
    ("urls_file={shadow}", "is not a list of URLs: 2 of its lines are not an http(s) URL"),
    ("urls_file={binary}", "is not a UTF-8 text file"),
    ("urls_file=/etc", "'/etc' is a directory"),
])
def test_scrapy_crawl_refuses_bad_arguments_in_one_line(argument, message, tmp_path):
    (tmp_path / "shadow").write_text(SECRET_LINES)
    (tmp_path / "binary").write_bytes(b"\x7fELF\x02\x01\x01\x00SECRET\xff\xfe\x00")
    finished = scrapy_crawl_generic(argument.format(shadow=tmp_path / "shadow", binary=tmp_path / "binary"),
                                    tmp_path=tmp_path)
    output = finished.stdout + finished.stderr
    assert finished.returncode != 0
    assert "Traceback" not in output
    errors = [line for line in output.splitlines() if "error:" in line.lower()]
    assert len(errors) == 1 and message in errors[0], output[-2000:]
    assert "SECRET" not in output and "operator" not in output
    assert not (tmp_path / "data").exists()  # refused before any store is opened
