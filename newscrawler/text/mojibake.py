"""Mojibake: UTF-8 text that was once decoded as windows-1252 (or Latin-1) and saved that way.

Sites serve it as valid UTF-8, so no decoding step can catch it: "الخبر" arrives as "Ø§Ù„Ø®Ø¨Ø±",
"it’s" as "itâ€™s", "café" as "cafÃ©". ``repair_mojibake`` finds each sequence of characters that
windows-1252 can encode and that spell one UTF-8 character (a lead byte and its continuation
bytes), and puts that character back. Real Latin-1 text ("café", "Ärger") never forms such a
sequence: a lone accented letter is not a lead byte followed by continuation bytes.
"""

from __future__ import annotations

import re

#: Characters windows-1252 puts at bytes 0x80–0x9F, which UTF-8 continuation bytes turn into.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CONTINUATION = "[\u0080-\u00bf" + re.escape(_CP1252_HIGH) + "]"
#: One UTF-8 character read as windows-1252: a lead byte (Â–ß, à–ï, ð–ô) and as many continuation
#: bytes as it announces.
_CHARACTER = re.compile(
    f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}|[\u00f0-\u00f4]{_CONTINUATION}{{3}}"
)
#: Text encoded twice is repaired in as many rounds.
MAX_ROUNDS = 4


def _bytes_of(run: str) -> bytes | None:
    out = bytearray()
    for ch in run:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in windows-1252
    return bytes(out)


def _repair(match: re.Match) -> str:
    sequence = match.group(0)
    raw = _bytes_of(sequence)
    if raw is None:
        return sequence
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return sequence


#: What every such sequence starts with: text without one (nearly all text) has nothing to repair.
_LEAD = re.compile("[\u00c2-\u00f4]")


def repair_mojibake(text: str) -> str:
    """``text`` with each UTF-8 character that was read as windows-1252 put back, until nothing
    changes (text encoded twice needs two rounds)."""
    for _ in range(MAX_ROUNDS):
        if not text or not _LEAD.search(text):
            return text
        repaired = _CHARACTER.sub(_repair, text)
        if repaired == text:
            break
        text = repaired
    return text
