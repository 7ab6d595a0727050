"""Boilerplate rules: paragraphs that are not part of an article, and ad labels glued to one.

Every rule works on one paragraph (one line) and is judged once, on the paragraph's search form
(``search_line``: no diacritics, one alef, ي for ى, ه for ة, ASCII digits); paragraph rules match its
*skeleton* (the search form casefolded). ``kept_paragraph`` gives the verdict, and what it keeps of
the display text is exactly what folds to the search form it kept, so a paragraph, or an ad label
glued to it, is gone from both forms or from neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscrawler.text.letters import is_arabic_letter, search_line


def skeleton(line: str) -> str:
    """The line as rules see it: search-folded, casefolded, spaces collapsed."""
    return " ".join(search_line(line).casefold().split())


@dataclass(frozen=True)
class ParagraphRule:
    """A named pattern; ``max_chars`` (counted on the skeleton, so diacritics do not count) keeps a
    rule off long paragraphs that merely mention it. ``needs`` names words of which every match
    holds one: a paragraph without any is passed over without running the pattern (a scan of the
    whole paragraph for an unanchored one)."""

    name: str
    pattern: re.Pattern[str]
    max_chars: int | None = None
    why: str = ""
    needs: tuple[str, ...] = ()


PARAGRAPH_RULES: tuple[ParagraphRule, ...] = (
    ParagraphRule(
        "tweet_media_link",
        re.compile(r"\bpic\.(?:twitter|x)\.com/\w+"),
        needs=("pic.",),
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
        needs=("الاراء", "ترحب", "التعليقات المنشوره"),
        why="Comment-policy notes under an article: 'الآراء الواردة أدناه لا تعبر عن رأي الموقع'.",
    ),
    ParagraphRule(
        "copyright_notice",
        re.compile(r"(?:جميع |كافه )?الحقوق محفوظه|حقوق (?:النشر|الطبع)[^.]{0,30}محفوظه|all rights reserved|©|\(c\) \d{4}"),
        max_chars=160,
        needs=("محفوظه", "all rights reserved", "©", "(c) "),
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
    return _rule_for(skeleton(line))


#: The rules as the paragraph loop reads them, in order: (longest skeleton it judges, the words one
#: of which it needs, its search, its name). Every paragraph is judged by each rule in turn, so the
#: loop does no more than it must.
_CHECKS = tuple((rule.max_chars if rule.max_chars is not None else float("inf"), rule.needs, rule.pattern.search,
                 rule.name) for rule in PARAGRAPH_RULES)


def _rule_for(line_skeleton: str) -> str | None:
    """The first rule that matches the paragraph's skeleton (a rule judges only skeletons up to
    its ``max_chars``, and holding one of the words it ``needs``)."""
    length = len(line_skeleton)
    for max_chars, needs, search, name in _CHECKS:
        if length > max_chars:
            continue
        if needs:
            for needle in needs:
                if needle in line_skeleton:
                    break
            else:
                continue
        if search(line_skeleton):
            return name
    return None


def kept_paragraph(line: str) -> str | None:
    """What an article keeps of one paragraph (a line, its spaces collapsed): None when it is
    boilerplate, else the paragraph without the ad labels glued to its start ("" for a blank line).

    The verdict is reached once, on the paragraph's search form: glued labels are stripped there
    (``strip_glued_ad_labels``), the rules judge what is left, and the display text kept is the
    end of ``line`` whose search form is exactly that (``display_ending``)."""
    folded = search_line(line)
    kept = strip_glued_ad_labels(folded)
    if kept and _rule_for(" ".join(kept.casefold().split())):  # the skeleton of a search form
        return None
    return line if kept == folded else display_ending(line, kept)


def display_ending(line: str, folded_ending: str) -> str:
    """The shortest end of ``line`` whose search form is ``folded_ending`` (itself the end of
    ``search_line(line)``): marks and spaces that belonged to what was cut go with it.

    Cutting more of ``line`` never lengthens its search form, so the place is found by bisection."""
    low, high = 0, len(line)  # the answer lies in [low, high]: line[high:] folds to no more
    while low < high:
        middle = (low + high + 1) // 2
        if len(search_line(line[middle:])) >= len(folded_ending):
            low = middle
        else:
            high = middle - 1
    if search_line(line[low:]) == folded_ending:
        return line[low:]
    # Not reached for any text seen (the cut falls between two letters, where folding is local);
    # the search form itself keeps the two forms in agreement if it ever is.
    return folded_ending


def strip_glued_ad_label(line: str) -> str:
    """Remove an ad label glued to the paragraph's first word: 'إعلانوبهذا الصدد' → 'وبهذا الصدد'.

    Judged on the search form (``strip_glued_ad_labels``); what is removed from ``line`` is the
    label as written, with its diacritics."""
    folded = search_line(line)
    kept = strip_glued_ad_labels(folded)
    return line if kept == folded else display_ending(line, kept)


def strip_glued_ad_labels(folded: str) -> str:
    """``folded`` (a search form: one alef, no diacritics) without the ad labels glued to its
    first word.

    A Latin letter right after the label is glued too ('اعلانpic.twitter.com/…'): no Arabic word
    goes on in Latin letters. The label stays where it is a word: 'اعلان بوتين', 'اعلانه',
    'اعلانات', 'اعلان:'.
    """
    while match := GLUED_AD_LABEL.match(folded):
        rest = folded[match.end():]
        if rest[:1].isascii() and rest[:1].isalpha():
            folded = rest
            continue
        if not rest or not is_arabic_letter(rest[0]):
            return folded
        first_word_ending = skeleton(_LEADING_LETTERS.match(rest).group())
        if AD_LABEL_WORD_ENDINGS.fullmatch(first_word_ending):
            return folded
        folded = rest
    return folded
