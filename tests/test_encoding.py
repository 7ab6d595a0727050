import codecs

from hypothesis import example, given
from hypothesis import strategies as st
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from newscrawler.encoding import is_valid_utf8, repair_mislabelled_utf8
from newscrawler.middlewares.encoding import MislabelledEncodingMiddleware, _is_utf8_body

ARABIC = "أعلن الرئيس الروسي هدنة جديدة، وقال إن “الاجتماع” مهم."


def middleware():
    return MislabelledEncodingMiddleware.from_crawler(get_crawler())


def response(body: bytes, content_type: str, meta: str = ""):
    html = b"<html><head>" + meta.encode() + b"</head><body><p>" + body + b"</p></body></html>"
    return HtmlResponse("https://arabkhabar.com/a/1", body=html, headers={"Content-Type": content_type})


def test_windows_1256_bytes_labelled_utf8_by_header_are_repaired():
    fixed = middleware().process_response(None, response(ARABIC.encode("cp1256"), "text/html; charset=utf-8"))
    assert ARABIC in fixed.text


def test_labelled_utf8_by_meta_only():
    fixed = middleware().process_response(None, response(ARABIC.encode("cp1256"), "text/html", '<meta charset="utf-8">'))
    assert ARABIC in fixed.text


def test_mixed_page_utf8_template_around_windows_1256_text():
    body = "قائمة\n".encode() + ARABIC.encode("cp1256") + "\nتذييل".encode()
    assert repair_mislabelled_utf8(body) == f"قائمة\n{ARABIC}\nتذييل"


def test_valid_utf8_and_declared_windows_1256_are_left_alone():
    ok = response(ARABIC.encode(), "text/html; charset=utf-8")
    assert middleware().process_response(None, ok) is ok
    declared = response(ARABIC.encode("cp1256"), "text/html; charset=windows-1256")
    assert middleware().process_response(None, declared) is declared
    assert ARABIC in declared.text


def page(text: str, encoding: str, meta: str = "", bom: bytes = b"") -> bytes:
    return bom + f"<html><head>{meta}</head><body><p>{text}</p></body></html>".encode(encoding)


def test_the_header_wins_over_the_meta_tag():
    body = page(ARABIC, "cp1256", '<meta charset="utf-8">')
    fixed = middleware().process_response(None, HtmlResponse("https://x.example/", body=body,
                                                              headers={"Content-Type": "text/html; charset=windows-1256"}))
    assert ARABIC in fixed.text


def test_the_meta_tag_decides_without_a_header_charset():
    for meta in ('<meta charset="windows-1256">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'):
        body = page(ARABIC, "cp1256", meta)
        fixed = middleware().process_response(None, HtmlResponse("https://x.example/", body=body, headers={"Content-Type": "text/html"}))
        assert ARABIC in fixed.text, meta


def test_a_byte_order_mark_wins_over_the_header():
    body = page(ARABIC, "utf-8", bom=b"\xef\xbb\xbf")
    fixed = middleware().process_response(None, HtmlResponse("https://x.example/", body=body,
                                                              headers={"Content-Type": "text/html; charset=windows-1256"}))
    assert ARABIC in fixed.text


#: Pieces of bodies: UTF-8 Arabic, a U+FFFD written in UTF-8, bytes no UTF-8 has, a cut sequence,
#: byte order marks, windows-1256 Arabic, and the meta tags that declare an encoding.
PIECES = [b"<p>", ARABIC.encode("utf-8"), "\ufffd".encode("utf-8"), b"\xff", b"\xd8", codecs.BOM_UTF8,
          codecs.BOM_UTF16_LE, b"abc", b'<meta charset="utf-8">', b'<meta charset="windows-1256">',
          ARABIC.encode("cp1256")]
CONTENT_TYPES = ["text/html; charset=utf-8", "text/html", "text/html; charset=windows-1256",
                 "text/html; charset=utf-16", "text/html; charset=UTF8"]


@given(pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=6), content_type=st.sampled_from(CONTENT_TYPES))
@example(pieces=["\ufffd".encode("utf-8")], content_type="text/html; charset=utf-8")  # U+FFFD of the page's own
@example(pieces=[codecs.BOM_UTF8, b"\xff"], content_type="text/html")  # a mark, then no UTF-8
def test_utf8_is_read_off_the_decoded_text_as_the_bytes_say(pieces, content_type):
    """Whether a body is UTF-8, read off the text Scrapy decodes anyway, is what decoding the
    bytes says, whatever the label, the marks and the bytes."""
    body = b"".join(pieces)
    page = HtmlResponse("https://site.example/a/1", body=body, headers={"Content-Type": content_type})
    assert _is_utf8_body(page) == is_valid_utf8(body)

