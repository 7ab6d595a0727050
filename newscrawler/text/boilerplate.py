"""Boilerplate rules: paragraphs that are not part of an article, and ad labels glued to one.

Every rule works on one paragraph (one line) and is matched against its *skeleton*
(``fold_search`` + casefold: no diacritics, one alef, ي for ى, ه for ة, ASCII digits), so that a
rule fires the same way on the display text and on its search form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscrawler.text.letters import fold_search, is_arabic_letter


def skeleton(line: str) -> str:
    """The line as rules see it: search-folded, casefolded, spaces collapsed."""
    return " ".join(fold_search(line).casefold().split())


@dataclass(frozen=True)
class ParagraphRule:
    """A named pattern; ``max_chars`` (counted on the skeleton, so diacritics do not count) keeps a
    rule off long paragraphs that merely mention it."""

    name: str
    pattern: re.Pattern[str]
    max_chars: int | None = None
    why: str = ""

    def matches(self, line: str, line_skeleton: str) -> bool:
        if self.max_chars is not None and len(line_skeleton) > self.max_chars:
            return False
        return bool(self.pattern.search(line_skeleton))


PARAGRAPH_RULES: tuple[ParagraphRule, ...] = (
    ParagraphRule(
        "tweet_media_link",
        re.compile(r"\bpic\.(?:twitter|x)\.com/\w+"),
        why="The text of an embedded tweet ends with its pic.twitter.com link; the tweet itself "
        "is kept in `embeds`.",
    ),
    ParagraphRule(
        "tweet_attribution",
        re.compile(r"^[—–-]\s*.{0,80}\(@\w{1,15}\)\s*.{0,40}\d{4}$"),
        max_chars=160,
        why='The "— Name (@handle) Month D, YYYY" line under an embedded tweet.',
    ),
    ParagraphRule(
        "messaging_channel_call",
        re.compile(
            r"^(?:لمتابعه|للمتابعه|تابعونا|تابعوا|انضموا|انضم الينا|اشتركوا|اشترك في|اشترك الان|"
            r"للاشتراك|للانضمام)\b"
            r".{0,100}(?:واتساب|واتس اب|تلغرام|تليغرام|تيليجرام|تلجرام|فيسبوك|فيس بوك|تويتر|"
            r"انستغرام|انستجرام|يوتيوب|جوجل نيوز|غوغل نيوز|قناتنا|صفحتنا|حسابنا|النشره البريديه)"
        ),
        max_chars=200,
        why="Calls to follow the outlet on a channel, e.g. "
        "'لمتابعة أهم وأحدث الأخبار انضموا إلينا عبر قناتنا على واتساب'.",
    ),
    ParagraphRule(
        "newsletter_call",
        re.compile(
            r"^(?:subscribe to|sign up (?:for|to|now|today)|join (?:over )?[\d,.]+\+? (?:subscribers|readers)|"
            r"by (?:signing up|subscribing|clicking sign)|get (?:our|the) (?:\w+ )?newsletter)\b"
        ),
        max_chars=250,
        why="Newsletter sign-up boxes in English: 'Subscribe to … newsletter', 'By signing up, you agree …' "
        "(the Arabic calls are messaging_channel_call).",
    ),
    ParagraphRule(
        "form_message",
        re.compile(r"^(?:thank you! your submission has been received|oops! something went wrong)"),
        max_chars=120,
        why="A sign-up form's hidden success and failure messages.",
    ),
    ParagraphRule(
        "click_here",
        re.compile(r"(?:اضغط|انقر|اضغطوا|انقروا)\s+(?:هنا|علي الرابط)|^click here"),
        max_chars=120,
        why="'اضغط هنا' link lines.",
    ),
    ParagraphRule(
        "share_call",
        re.compile(r"^(?:شارك(?:وا)?|انشر|مشاركه)\s*(?:المقال|الخبر|هذا الخبر|علي|عبر|:|$)|"
                   r"^share(?: this| the)?(?: article| post| story| page)?\s*:?$"),
        max_chars=80,
        why="Share-bar leftovers such as 'شارك الخبر', 'مشاركة:' or 'Share this article'.",
    ),
    ParagraphRule(
        "app_download_call",
        re.compile(r"^(?:حمل|نزل|قم بتحميل)\s+(?:تطبيق|التطبيق)"),
        max_chars=120,
        why="'حمّل تطبيق …' app promotions.",
    ),
    ParagraphRule(
        "comments_disclaimer",
        re.compile(
            r"الاراء (?:الوارده|والتعليقات)[^.]{0,40}(?:لا تعبر|تعبر عن راي اصحابها)|"
            r"ترحب .{0,30}بالنقاش|التعليقات المنشوره (?:لا )?تعبر"
        ),
        max_chars=400,
        why="Comment-policy notes under an article: 'الآراء الواردة أدناه لا تعبر عن رأي الموقع'.",
    ),
    ParagraphRule(
        "copyright_notice",
        re.compile(r"(?:جميع |كافه )?الحقوق محفوظه|حقوق (?:النشر|الطبع)[^.]{0,30}محفوظه|all rights reserved|©|\(c\) \d{4}"),
        max_chars=160,
        why="Footer lines: '© 2023 جميع الحقوق محفوظة'.",
    ),
    ParagraphRule(
        "ad_label",
        re.compile(
            r"^[\s\-–—|:]*(?:اعلان|مساحه اعلانيه|محتوي اعلاني|محتوي مدفوع|advertisement|"
            r"advertising|sponsored|ads?)[\s\-–—|:]*$"
        ),
        why="An ad slot's label left as a paragraph of its own.",
    ),
)

#: An ad label written with any alef and any diacritics: إعلان, اعلان, إِعْلَان …
_MARKS = "[\u064B-\u0652\u0670]*"
GLUED_AD_LABEL = re.compile("^" + _MARKS + "[\u0625\u0627\u0623\u0622\u0671]" + _MARKS + _MARKS.join("علان") + _MARKS)

#: Endings that make إعلان a word of its own: إعلانه, إعلانات, إعلانية, إعلاناً, إعلانكم …
#: (matched on the skeleton, where ة is ه and tanween is gone).
AD_LABEL_WORD_ENDINGS = re.compile(
    r"(?:ات|ان|ين|يين|يتين|يتان|يات|يه|يا|ي|ا)?(?:ه|ها|هم|هما|هن|ك|كم|كما|كن|نا|ي)?"
)


_LEADING_LETTERS = re.compile("[\u0621-\u064A\u066E-\u06D3\u064B-\u0652\u0670]*")


def boilerplate_rule(line: str) -> str | None:
    """The name of the rule that makes this paragraph boilerplate, or None."""
    line_skeleton = skeleton(line)
    for rule in PARAGRAPH_RULES:
        if rule.matches(line, line_skeleton):
            return rule.name
    return None


def strip_glued_ad_label(line: str) -> str:
    """Remove an ad label glued to the paragraph's first word: 'إعلانوبهذا الصدد' → 'وبهذا الصدد'.

    A Latin letter right after the label is glued too ('إعلانpic.twitter.com/…'): no Arabic word
    goes on in Latin letters. The label stays where it is a word: 'إعلان بوتين', 'إعلانه',
    'إعلانات', 'إعلان:'.
    """
    while match := GLUED_AD_LABEL.match(line):
        rest = line[match.end():]
        if rest[:1].isascii() and rest[:1].isalpha():
            line = rest
            continue
        if not rest or not is_arabic_letter(rest[0]):
            return line
        first_word_ending = skeleton(_LEADING_LETTERS.match(rest).group())
        if AD_LABEL_WORD_ENDINGS.fullmatch(first_word_ending):
            return line
        line = rest
    return line
