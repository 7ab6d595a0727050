"""The figures of the progress line and the summary, the reason names, and Scrapy's lines reshaped."""

import logging

from newscrawler.extensions.crawl_log import crawl_figures
from newscrawler.extensions.log_lines import ScrapyLogLines
from newscrawler.spiders.responses import reason_name


def test_reasons_are_lowercase_and_old_class_names_read_as_them():
    assert [reason_name(n) for n in ("CannotResolveHostError", "DNSLookupError", "TimeoutError", "DownloadTimeoutError",
                                     "ConnectionRefusedError", "ResponseFailed")] == \
        ["dns", "dns", "timeout", "timeout", "connection_refused", "connection_lost"]
    assert [reason_name(n) for n in ("http_404", "too_large", "not_html", "XMLSyntaxError")] == \
        ["http_404", "too_large", "not_html", "xml_syntax_error"]


def test_figures_name_outcomes_reasons_and_the_journal():
    stats = {"response_received_count": 12, "newscrawler/articles/new": 4, "newscrawler/articles/unchanged": 5,
             "newscrawler/skipped/not_due": 7, "newscrawler/dropped/http_404": 2, "newscrawler/dropped/DNSLookupError": 1,
             "newscrawler/dropped/dns": 2, "newscrawler/blocked/offsite": 1, "newscrawler/journal/articles": 30}
    assert crawl_figures(stats) == {
        "pages": "12 pages fetched",
        "articles": "4 new, 0 updated, 5 unchanged, 0 embedded, 7 not due",
        "dropped": "dropped 5 (dns 3, http_404 2), blocked 1 (offsite 1)",
        "journal": "journal: 30 articles waiting for the store",
    }
    assert crawl_figures({})["dropped"] == "dropped 0" and crawl_figures({})["journal"] == "journal: empty"


def record(name: str, msg: str, args=(), exc_info=None) -> logging.LogRecord:
    return logging.LogRecord(name, logging.INFO, __file__, 1, msg, args, exc_info)


def test_scrapy_lists_go_to_debug_the_stats_dump_to_one_line_and_download_errors_lose_their_traceback():
    lines = ScrapyLogLines()
    overridden = record("scrapy.crawler", "Overridden settings:\n%(settings)s", ({"settings": "{'RETRY_HTTP_CODES': [\n 400,\n 401]}"},))
    assert lines.filter(overridden) and overridden.levelno == logging.DEBUG
    dump = record("scrapy.statscollectors", "Dumping Scrapy stats:\n{'a': 1,\n 'b': 2}")
    assert lines.filter(dump) and dump.getMessage() == "Dumping Scrapy stats: {'a': 1, 'b': 2}"
    try:
        raise TimeoutError("took too long")
    except TimeoutError as error:
        exc_info = (type(error), error, error.__traceback__)
    failed = record("scrapy.core.scraper", "Error downloading %(request)s", ({"request": "<GET https://a.example/1>"},), exc_info)
    assert lines.filter(failed) and failed.exc_info is None
    assert failed.getMessage() == "Error downloading <GET https://a.example/1> (timeout)"
    callback_bug = record("scrapy.core.scraper", "Spider error processing %(request)s", ({"request": "<GET x>"},), exc_info)
    assert lines.filter(callback_bug) and callback_bug.exc_info == exc_info  # a bug keeps its traceback
