#!/usr/bin/env python3
"""Convert PETRARCH2's CAMEO dictionaries into kg's own lexicon files.

    python tools/convert_petrarch.py PATH/TO/petrarch2 [--out kg/lexicon/petrarch]

Reads, from the PETRARCH2 dictionary folder (openeventdata/petrarch2, MIT):

- CAMEO.2.0.txt: verb blocks and their patterns → verbs.tsv
- Phoenix.agents.txt: common nouns → sectors → agents.tsv
- Phoenix.Countries.actors.txt, Phoenix.International.actors.txt: names of
  states, their office holders (with dated roles) and international bodies →
  actors.tsv

and writes tab-separated files that kg reads at run time (kg/extract/lexicon.py
and gazetteer.py); kg never reads the PETRARCH files themselves. Each output
starts with the MIT copyright and permission notice of the dictionaries.

Conversion decisions (PLOVER manual, draft 0.8, and its CAMEO→PLOVER table):
- CAMEO 01 (public statements) and 02 (appeals) are dropped by PLOVER; 02's
  requests are kept as REQUEST (CAMEO 100), because migration coders code
  "urged", "appealed to" as requests (docs/annotation.md). 01 is left out.
- Patterns give a verb another code with a given object, prepositional phrase
  or subject: `object=WORDS`, `pp=PREP:WORDS` (WORDS `*` for any), `subject=WORDS`;
  synonym sets (&MILITARY) are expanded; `+` (the target's place) becomes
  `pp=PREP:+`, a preposition that introduces the target.
- Codes `A:B` (symmetric events) keep A.
- CAMEO agent codes become PLOVER sectors: MED (media) → JRN, HLH (health) →
  MED, INS/SEP → REB, HRI/ENV/DEV → SOC, religions → REL.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

MIT_NOTICE = """\
# Derived from the PETRARCH2 CAMEO dictionaries (openeventdata/petrarch2, data/dictionaries,
# commit 676801cd) by tools/convert_petrarch.py; do not edit by hand: change the script or
# kg's hand lexicon, which wins over these files.
#
# The MIT License (MIT)
# Copyright (c) 2015 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of this
# software and associated documentation files (the "Software"), to deal in the Software
# without restriction, including without limitation the rights to use, copy, modify,
# merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit
# persons to whom the Software is furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all copies or
# substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
# INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
# PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
# FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
# OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
# DEALINGS IN THE SOFTWARE.
#
"""

_CODE = re.compile(r"\[([^\]]*)\]")
_MARKERS = {"$", "+", "%", "^", "|"}
_PREPOSITIONS = {"of", "on", "from", "to", "with", "against", "for", "in", "at", "by", "into", "over", "about",
                 "toward", "towards", "after", "before", "under", "upon", "through", "across", "onto"}


def words_of(raw: str) -> str:
    """PETRARCH word → kg form: lower case, "_" joins a phrase, trailing "_" (exact form) dropped."""
    return raw.strip().strip("_").replace("_", " ").lower()


def code_of(raw: str | None) -> str | None:
    """"174" → "174"; "062:062" → "062"; "---" or "" → None."""
    if raw is None:
        return None
    code = raw.strip().split(":")[0].strip()
    if not code or code.startswith("-") or not code[:1].isdigit():
        return None
    return code


def plover_code(code: str | None) -> str | None:
    """PLOVER drops CAMEO 01 (statements) and 02 (appeals); appeals are requests here."""
    if code is None:
        return None
    if code.startswith("01"):
        return None
    if code.startswith("02"):
        return "100"
    return code


# ---------------------------------------------------------------------- verbs
def read_synonym_sets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            break
        text = line.split("#", 1)[0].rstrip()
        if text.startswith("&"):
            current = text.strip()
            sets[current] = []
        elif text.startswith("+") and current:
            sets[current].append(words_of(text[1:].split("{")[0]))
        elif not text.strip():
            current = None
    return sets


def _phrase_tokens(text: str) -> list[str]:
    """Tokens of a pattern side: words, &SETS, {multi word}, (PREP ...) groups and markers."""
    tokens = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "({":
            close = ")" if ch == "(" else "}"
            depth, j = 0, i
            while j < len(text):
                if text[j] == ch:
                    depth += 1
                elif text[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            tokens.append(text[i:j + 1])
            i = j + 1
        else:
            j = i
            while j < len(text) and not text[j].isspace() and text[j] not in "({":
                j += 1
            tokens.append(text[i:j])
            i = j
    return tokens


def _alternatives(token: str, sets: dict[str, list[str]]) -> list[str] | None:
    """The words one pattern token stands for, or None for a marker."""
    if token in _MARKERS:
        return None
    if token.startswith("{"):
        inner = [w for w in token[1:-1].split() if w not in _MARKERS]
        first = [(sets.get(w.rstrip("_")) or [words_of(w.lstrip("&"))])[0] if w.startswith("&") else words_of(w) for w in inner]
        return [" ".join(first)] if first else None
    if token.startswith("&"):
        return sets.get(token.rstrip("_"), sets.get(token, [])) or None
    return [words_of(token)]


def parse_pattern(body: str, sets: dict[str, list[str]]) -> list[str] | None:
    """"* OFFICERS (FROM &MILITARY)" → ["object=officer|officers", "pp=from:army|..."]; None if unusable."""
    if "*" not in body:
        return None
    before, after = body.split("*", 1)
    constraints = []
    subject = [t for t in _phrase_tokens(before) if t not in _MARKERS and not t.startswith("(")]
    if subject:
        words = _alternatives(subject[-1], sets)
        if words:
            constraints.append("subject=" + "|".join(words))
    object_done = False
    for token in _phrase_tokens(after):
        if token.startswith("("):
            inner = _phrase_tokens(token[1:-1])
            if not inner:
                continue
            prep = words_of(inner[0])
            rest = [t for t in inner[1:] if t not in ("$", "%", "^")]
            if not rest:
                constraints.append(f"pp={prep}:*")
            elif rest[0] == "+":
                constraints.append(f"pp={prep}:+")
            else:
                words = _alternatives(rest[-1], sets) or ["*"]
                constraints.append(f"pp={prep}:" + "|".join(words))
        elif token in _MARKERS:
            continue
        elif words_of(token) in _PREPOSITIONS:
            constraints.append(f"pp={words_of(token)}:*")  # "ACCUSE * OF": the preposition alone
        elif not object_done:
            words = _alternatives(token, sets)
            if words:
                constraints.append("object=" + "|".join(words))
                object_done = True
    return constraints


def convert_verbs(path: Path) -> list[tuple[str, str, str, str]]:
    """Rows (verb, pattern, cameo, block): pattern "" is the verb's own default."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    sets = read_synonym_sets(lines)
    rows: list[tuple[str, str, str, str]] = []
    started = False
    block, default, members, patterns = None, None, [], []

    def flush():
        if block is None:
            return
        for verb, own in members:
            rows.append((verb, "", plover_code(own or default) or "-", block))
        names = {verb for verb, _own in members}
        for pattern, code, origin in patterns:
            for verb in (origin & names) or names:
                rows.append((verb, pattern, plover_code(code) or "-", block))

    for line in lines:
        if line.startswith("####### VERB PATTERNS"):
            started = True
            continue
        if not started:
            continue
        text = line.split("#", 1)[0].rstrip()
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", text)
        if header:
            flush()
            block, default, members, patterns = header.group(1), code_of(header.group(2)), [], []
            continue
        if block is None or not text.strip():
            continue
        if text.startswith("-"):
            codes = _CODE.findall(text)
            if not codes:
                continue
            body = _CODE.sub("", text[1:]).strip()
            parsed = parse_pattern(body, sets)
            if parsed:
                # the comment names the verb(s) the pattern was written for ("# EXPEL"); a
                # pattern of "blame" is not one of "accuse" just because they share a block
                origin = {words_of(w) for w in re.findall(r"[A-Z][A-Z_]+", line.split("#", 1)[1])} if "#" in line else set()
                patterns.append((" ".join(parsed), code_of(codes[-1]), origin))
            continue
        form = text.lstrip("+").split("{")[0]
        codes = _CODE.findall(form)
        form = _CODE.sub("", form).strip()
        if not form or " " in form:
            continue
        members.append((words_of(form), code_of(codes[0]) if codes else None))
    flush()
    return _one_code_each(rows)


def _one_code_each(rows: list[tuple[str, str, str, str]]) -> list[tuple[str, str, str, str]]:
    """A verb listed in several blocks ("absolve" in ABSOLVE and ACQUIT) gets one code per
    pattern: the one of the block named after the verb, else of the first block in the file.
    A verb whose only default is "-" keeps its patterns and no default row."""
    chosen: dict[tuple[str, str], tuple[str, str]] = {}
    for verb, pattern, code, block in rows:
        key = (verb, pattern)
        own_block = words_of(block) == verb
        if key not in chosen or (own_block and words_of(chosen[key][1]) != verb):
            chosen[key] = (code, block)
    return sorted((verb, pattern, code, block) for (verb, pattern), (code, block) in chosen.items()
                  if not (pattern == "" and code == "-"))


# ---------------------------------------------------------------------- agents
_RELIGIONS = {"BUD", "CHR", "CTH", "PRO", "ORT", "MOS", "SHI", "SUN", "JEW", "HIN", "SIK", "ZRO", "JAN", "REL",
              "ALE", "ITH", "DRZ", "CON", "SHN", "TAO", "MAL", "ADR", "CPT", "MRN", "ANG", "DOX", "SFI"}
_SECTORS = {"GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG", "OPP": "OPP", "REB": "REB",
            "INS": "REB", "SEP": "REB", "CRM": "CRM", "BUS": "BUS", "MED": "JRN", "EDU": "EDU", "ELI": "ELI",
            "HLH": "MED", "HRI": "SOC", "ENV": "SOC", "DEV": "SOC", "LAB": "LAB", "REF": "REF", "CVL": "CVL",
            "SPY": "SPY", "AGR": "AGR", "UAF": "UAF", "PTY": "PTY", "MOD": "GOV", "RAD": "OPP", "IGO": "IGO",
            "NGO": "NGO", "SET": "CVL", "UNK": "UNK", "PRM": "PRM", "MNC": "BUS"}


def sector_of(agent: str) -> str | None:
    """"~GOVMIL" → "GOV": the first three-letter agent code PLOVER has a sector for."""
    agent = agent.strip().lstrip("~")
    for i in range(0, len(agent) - 2, 3):
        part = agent[i:i + 3]
        if part in _SECTORS:
            return _SECTORS[part]
        if part in _RELIGIONS:
            return "REL"
    return None


def convert_agents(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.split("#", 1)[0].strip()
        if not text or "[" not in text:
            continue
        names = text.split("[", 1)[0]
        codes = _CODE.findall(text)
        sector = sector_of(codes[-1]) if codes else None
        if sector is None:
            continue
        head = names.split("{")[0].strip()
        variants = [head] + (names.split("{", 1)[1].split("}")[0].split() if "{" in names else [])
        for variant in variants:
            variant = variant.replace("!PERSON!", "")
            # !MINIST! stands for both the office and its holder in PETRARCH's agents file
            forms = [variant.replace("!MINIST!", "MINISTRY"), variant.replace("!MINIST!", "MINISTER")] \
                if "!MINIST!" in variant else [variant]
            for form in forms:
                word = " ".join(words_of(form).split())
                if word and not any(ch.isdigit() for ch in word) and word.replace(" ", "").replace("-", "").isalpha():
                    rows.append((word, sector))
    return rows


# ---------------------------------------------------------------------- actors
def _date(raw: str) -> str | None:
    """PETRARCH dates are YYMMDD (or YYYYMMDD): "090120" → "2009-01-20"."""
    raw = raw.strip()
    if len(raw) == 8 and raw.isdigit():
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    if len(raw) == 6 and raw.isdigit():
        year = int(raw[:2])
        century = 2000 if year < 40 else 1900
        return f"{century + year}-{raw[2:4]}-{raw[4:]}"
    return None


def parse_role(code: str) -> tuple[str, str | None, str | None, str | None] | None:
    """"USAGOV 090120-170120" → ("USAGOV", start, end); ">090120" open-ended; "<090120" until."""
    parts = code.split()
    if not parts:
        return None
    actor = parts[0]
    start = end = None
    if len(parts) > 1:
        span = parts[1]
        if span.startswith(">"):
            start = _date(span[1:])
        elif span.startswith("<"):
            end = _date(span[1:])
        elif "-" in span:
            first, _, last = span.partition("-")
            start, end = _date(first), _date(last)
    return actor, start, end, None


def actor_code(code: str) -> tuple[str | None, str | None]:
    """CAMEO actor code → (PLOVER country, sector): "USAGOV" → (USA, GOV); "IGOUNO" → (UNO, None)."""
    code = code.strip()
    if code.startswith("IGOUNO"):
        return "UNO", None
    if code.startswith("IGOEUREEC") or code.startswith("IGOEUR"):
        return "EUR", None
    if code.startswith("IGO"):
        return "IGO", None
    if code.startswith("NGO"):
        return "NGO", None
    if code.startswith("MNC"):
        return "MNC", None
    country = code[:3] if len(code) >= 3 and code[:3].isalpha() else None
    sector = sector_of(code[3:]) if len(code) > 3 else None
    return country, sector


def convert_actors(path: Path, kind: str) -> list[tuple[str, str, str, str, str, str, str]]:
    """Rows (id, kind, names, country, sector, start, end); one row per dated role."""
    rows = []
    names: list[str] = []
    roles: list[str] = []

    def flush():
        if not names:
            return
        primary = names[0]
        ident = re.sub(r"[^a-z0-9]+", "-", primary.lower()).strip("-")
        for role in roles or []:
            parsed = parse_role(role)
            if parsed is None:
                continue
            actor, start, end, _ = parsed
            country, sector = actor_code(actor)
            if country is None:
                continue
            rows.append((ident, kind, "|".join(dict.fromkeys(names)), country, sector or "", start or "", end or ""))

    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.split("#", 1)[0].rstrip()
        if not text.strip():
            continue
        if text.startswith((" ", "\t")) and "[" in text:
            roles.extend(_CODE.findall(text))
            continue
        if text.startswith("+"):
            names.append(_display(text[1:]))
            continue
        flush()
        names, roles = [], []
        codes = _CODE.findall(text)
        name = _CODE.sub("", text).strip()
        if name:
            names.append(_display(name))
        roles.extend(codes)
    flush()
    return rows


def _display(raw: str) -> str:
    """"GIORGIA_MELONI_" → "GIORGIA MELONI" (case is restored at run time from the text)."""
    return raw.split("{")[0].strip().strip("_").replace("_", " ")


# ---------------------------------------------------------------------- output
def write(path: Path, header: str, columns: list[str], rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        out.write(MIT_NOTICE)
        out.write(header)
        out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join(row) + "\n")
    print(f"wrote {path} ({len(rows)} rows)", file=sys.stderr)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the PETRARCH2 dictionary folder")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "kg" / "lexicon" / "petrarch")
    args = parser.parse_args(argv)
    verbs = convert_verbs(args.source / "CAMEO.2.0.txt")
    write(args.out / "verbs.tsv",
          "# CAMEO verb patterns: a verb, an optional pattern (object=, pp=PREP:, subject=; words joined by |),\n"
          "# its CAMEO code (- : the pattern is no event), and the PETRARCH block it came from.\n",
          ["verb", "pattern", "cameo", "block"], verbs)
    agents = sorted(set(convert_agents(args.source / "Phoenix.agents.txt")))
    write(args.out / "agents.tsv", "# Common nouns → PLOVER sector (CAMEO agent codes converted).\n",
          ["noun", "sector"], agents)
    actors = convert_actors(args.source / "Phoenix.Countries.actors.txt", "country-actor")
    actors += convert_actors(args.source / "Phoenix.International.actors.txt", "international")
    write(args.out / "actors.tsv",
          "# Named actors: names (| separated, upper case as in PETRARCH), PLOVER country and sector,\n"
          "# and the dates of the role (empty: open). One row per role.\n",
          ["id", "kind", "names", "country", "sector", "start", "end"], actors)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
