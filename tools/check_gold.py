#!/usr/bin/env python3
"""Check a gold file of article records (docs/annotation.md) before it is used.

Standalone on purpose: annotators run it without installing kg or reading its code.

    python tools/check_gold.py tests/gold/news/dev-public.jsonl

Checks: each line is JSON; required article fields; every sentence's `text` is an
exact substring of the article `text`, in order and not overlapping; event types,
modalities, country and sector codes are valid. Prints one line per problem with its
file, line and sentence number, and a summary; exit status 1 when a problem was found.
"""

from __future__ import annotations

import json
import sys

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODALITIES = {"asserted", "reported", "planned", "hypothetical"}
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "REF", "CRM", "OPP", "REB", "BUS", "MED", "EDU", "JRN", "LAB",
           "REL", "SOC", "CVL", "ELI", "PTY", "AGR", "ENV", "HLH", "HRI", "IGO", "NGO", "UNO", "SPY", "PRE",
           "INS", "MNC"}
SPECIAL_COUNTRIES = {"UNO", "EUR", "IGO", "NGO", "ISM", "IMG", "MNC"}


def _countries() -> set[str] | None:
    try:
        import pycountry
    except ImportError:
        return None
    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def check_party(party, where: str, problems: list[str], countries: set[str] | None, required: bool) -> None:
    if party is None:
        if required:
            problems.append(f"{where}: missing")
        return
    if not isinstance(party, dict) or "label" not in party:
        problems.append(f"{where}: must be an object with label, country, sector")
        return
    country, sector = party.get("country"), party.get("sector")
    if country is not None and country not in SPECIAL_COUNTRIES and countries is not None and country not in countries:
        problems.append(f"{where}: country {country!r} is not ISO 3166 alpha-3 nor one of {sorted(SPECIAL_COUNTRIES)}")
    if sector is not None and sector not in SECTORS:
        problems.append(f"{where}: sector {sector!r} is not a PLOVER sector code")


def check_event(event, where: str, problems: list[str], countries) -> None:
    if event.get("type") not in TYPES:
        problems.append(f"{where}: type {event.get('type')!r} is not a PLOVER type")
    if event.get("modality", "asserted") not in MODALITIES:
        problems.append(f"{where}: modality {event.get('modality')!r} is not one of {sorted(MODALITIES)}")
    check_party(event.get("actor"), f"{where} actor", problems, countries, required=True)
    check_party(event.get("target"), f"{where} target", problems, countries, required=False)
    check_party(event.get("attributed_to"), f"{where} attributed_to", problems, countries, required=False)


def check_file(path: str) -> tuple[int, int, int, list[str]]:
    countries = _countries()
    problems: list[str] = []
    articles = sentences = events = 0
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"{where}: not JSON ({e})")
                continue
            for key in ("id", "url", "date", "text", "sentences"):
                if key not in record:
                    problems.append(f"{where}: article record lacks {key!r}")
            text = record.get("text") or ""
            position = 0
            articles += 1
            for index, sentence in enumerate(record.get("sentences", []), start=1):
                here = f"{where} sentence {index}"
                sentences += 1
                body = sentence.get("text")
                if body is None:
                    if "snippet" not in sentence:
                        problems.append(f"{here}: needs text (or snippet, in a redacted file)")
                else:
                    found = text.find(body, position)
                    if found < 0:
                        problems.append(f"{here}: text is not in the article after the previous sentence: {body[:60]!r}")
                    else:
                        position = found + len(body)
                for e_index, event in enumerate(sentence.get("events", []), start=1):
                    events += 1
                    check_event(event, f"{here} event {e_index}", problems, countries)
    return articles, sentences, events, problems


def main(paths: list[str]) -> int:
    failed = False
    for path in paths:
        articles, sentences, events, problems = check_file(path)
        for problem in problems:
            print(problem)
        print(f"{path}: {articles} articles, {sentences} sentences, {events} events, {len(problems)} problems",
              file=sys.stderr)
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
