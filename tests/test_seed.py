"""The user's example, ../shared/seeds/000_20ead09fa2dbf913.txt: the fixture page built from it
gives the parent and the sub-article with every line of the seed accounted for and cleaned."""

from newscrawler.text import clean_text
from tests.fixture_cases import documents_for

SEED_PAGE = "https://arabkhabar.com/a/5129170"
GLUED_HEADING = "تلاعب أو احتفال"


def test_every_seed_line_lands_clean_in_the_right_document(seed_text):
    lines = [line.strip() for line in seed_text.splitlines() if line.strip()]
    marker = lines.index("إقرأ أيضاً:")
    parent_lines, child_lines = lines[:marker], lines[marker + 1:]
    parent, child = documents_for(SEED_PAGE)

    assert parent["title"] == parent_lines[0]
    assert parent_lines[1] == f"تاريخ النشر: {'14th, September 2023 GMT'}" and parent["published_at"] == "2023-09-14T08:21:37+00:00"
    source_at = next(i for i, line in enumerate(parent_lines) if line.startswith("المصدر:"))
    assert parent["source"] == parent_lines[source_at].split(":", 1)[1].strip()
    assert " ".join(parent["tags"]) == clean_text(parent_lines[source_at + 1].split(":", 1)[1])
    assert parent["body"].split("\n") == [clean_text(line) for line in parent_lines[2:source_at]]

    assert child["title"] == child_lines[0]
    expected = []
    for line in child_lines[1:]:
        if line.startswith(GLUED_HEADING) and line != GLUED_HEADING:  # the heading glued to its paragraph
            expected += [GLUED_HEADING, line[len(GLUED_HEADING):]]
        elif cleaned := clean_text(line):  # tweet residue disappears, glued ad labels come off
            expected.append(cleaned)
    assert child["body"].split("\n") == expected
    assert child["parent_urls"] == [SEED_PAGE] and parent["read_also_urls"] == [child["url"]]
    assert child["embeds"][0]["url"] == "https://twitter.com/AJArabic/status/1916862291592212790"
