"""Which words of a sentence gave a statement its actor, action and target.

The store keeps, for each statement, the words of each mention as written
(`kg:actorText`, `kg:actionText`, `kg:targetText`) and the sentence's offsets in
its article, not the words' offsets within the sentence. So the words are found
again in the sentence: the action first, then the actor nearest before it and
the target nearest after it (news puts them that way round; the other side is
tried when a sentence does not), never two marks over the same characters.
A mention the sentence does not contain (a role inferred from the article) is
simply not marked.

>>> segments("Mexico has denied the U.S. permission", {"actor": "Mexico", "action": "has denied", "target": "U.S."})
[('Mexico', 'actor'), (' ', None), ('has denied', 'action'), (' the ', None), ('U.S.', 'target'), (' permission', None)]
"""

from __future__ import annotations

import re

ROLES = ("action", "actor", "target")


def segments(sentence: str, words: dict[str, str | None]) -> list[tuple[str, str | None]]:
    """The sentence cut into (text, role) pieces; role is None between marks."""
    spans: list[tuple[int, int, str]] = []
    anchor = None
    for role in ROLES:
        text = (words.get(role) or "").strip()
        if not text:
            continue
        found = _place(sentence, text, role, anchor, spans)
        if found is None:
            continue
        spans.append((found[0], found[1], role))
        if role == "action":
            anchor = found
    spans.sort()
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for start, end, role in spans:
        if start > at:
            pieces.append((sentence[at:start], None))
        pieces.append((sentence[start:end], role))
        at = end
    if at < len(sentence):
        pieces.append((sentence[at:], None))
    return pieces


def _occurrences(sentence: str, text: str) -> list[tuple[int, int]]:
    # word boundaries only where the mention begins or ends with a word character:
    # "U.S." must match before a space, "US" must not match inside "USAID"
    head = r"(?<!\w)" if text[0].isalnum() else ""
    tail = r"(?!\w)" if text[-1].isalnum() else ""
    for flags in (0, re.IGNORECASE):
        found = [(m.start(), m.end()) for m in re.finditer(head + re.escape(text) + tail, sentence, flags)]
        if found:
            return found
    return []


def _place(sentence, text, role, anchor, taken) -> tuple[int, int] | None:
    free = [span for span in _occurrences(sentence, text)
            if not any(span[0] < end and start < span[1] for start, end, _ in taken)]
    if not free:
        return None
    if anchor is None or role == "action":
        return free[0]
    if role == "actor":  # nearest before the action, else nearest after
        before = [s for s in free if s[1] <= anchor[0]]
        return before[-1] if before else free[0]
    after = [s for s in free if s[0] >= anchor[1]]  # target: nearest after, else nearest before
    return after[0] if after else free[-1]
