"""Mojibake: UTF-8 text that was once decoded as windows-1252 (or Latin-1) and saved that way.

Sites serve it as valid UTF-8, so no decoding step can catch it: "الخبر" arrives as "Ø§Ù„Ø®Ø¨Ø±",
"it’s" as "itâ€™s", "café" as "cafÃ©". ``repair_mojibake`` finds each run of characters that
windows-1252 can encode and that starts like a UTF-8 lead byte, and puts back what those bytes
say in UTF-8, when they are valid UTF-8. Real Latin-1 text ("café", "Ärger") never forms such a
run: a lone accented letter is not a lead byte followed by continuation bytes.
"""

from __future__ import annotations

import re

#: Characters windows-1252 puts at bytes 0x80–0x9F, which UTF-8 continuation bytes turn into.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
#: A UTF-8 lead byte read as windows-1252 (Â–ô) followed by one or more continuation bytes read the
#: same way (0x80–0xBF: C1 controls or the characters above, and ¡–¿), repeated.
_RUN = re.compile(
    "(?:[\u00c2-\u00f4][\u0080-\u00bf" + re.escape(_CP1252_HIGH) + "]+)+"
)


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
    run = match.group(0)
    raw = _bytes_of(run)
    if raw is None:
        return run
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return run


def repair_mojibake(text: str) -> str:
    """``text`` with its windows-1252-decoded UTF-8 runs decoded again as UTF-8."""
    return _RUN.sub(_repair, text) if text else text
