"""Names of actors as written in news, matched in a parsed sentence.

Sources, in kg/lexicon/: countries.tsv (names, abbreviations, adjectives,
demonyms, capitals, seats of government) completed with pycountry's ISO 3166
names; organizations.tsv, agencies.tsv, people.tsv and policies.tsv. One spaCy
PhraseMatcher finds them all; the longest match wins, and a name that is only
part of a longer proper name ("New Mexico", "Washington Post", "Panama Canal")
is not taken for the country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from kg.extract.lexicon import _rows
from kg.resources import lexicon_dir
from kg.vocab import slug

# Kinds of gazetteer entries, in the order a tie between equally long matches is broken.
KIND_ORDER = ("POLICY", "AGENCY", "ORG", "PERSON", "SEAT", "COUNTRY", "CAPITAL", "ADJECTIVE", "DEMONYM", "REGION")

#: Names of regions: never actors (PLOVER codes no event for "Latin America"), and they keep
#: the country inside them ("South America", "Central American migrants") from matching.
REGIONS = (
    "Central America", "Central American", "Central Americans", "South America", "South American",
    "North America", "North American", "Latin America", "Latin American", "Latin Americans",
    "the Americas", "Americas", "Gulf of Mexico", "Gulf of America", "Western Hemisphere",
    "Africa", "African", "Africans", "Asia", "Asian", "Asians", "Europe", "European", "Europeans",
    "Middle East", "Caribbean", "Sub-Saharan Africa", "West Africa", "East Africa", "North Africa",
    "Southeast Asia", "South Asia", "Central Asia", "Balkans", "Mediterranean", "Sahel",
    "Northern Triangle", "Darien Gap", "Darien", "Darién Gap", "Panama Canal",
)


@dataclass(frozen=True)
class Person:
    id: str
    label: str
    country: str | None
    sector: str | None
    role: str | None
    start: str | None
    end: str | None

    def active_on(self, day: str | None) -> bool:
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Entry:
    """One thing a surface form can name."""

    kind: str
    key: str  # iso3 for country kinds, row id otherwise
    label: str
    country: str | None = None
    sector: str | None = None
    function: str | None = None
    ambiguous: bool = False


@dataclass
class Gazetteer:
    """All surface forms → entries, plus the tables the resolver needs."""

    forms: dict[str, list[Entry]] = field(default_factory=dict)
    countries: dict[str, dict] = field(default_factory=dict)  # iso3 → row
    adjective_of: dict[str, str] = field(default_factory=dict)  # iso3 → adjective
    people: dict[str, list[Person]] = field(default_factory=dict)  # alias → people
    people_folded: dict[str, list[Person]] = field(default_factory=dict)  # alias, case and accents folded → people
    people_by_id: dict[str, list[Person]] = field(default_factory=dict)
    agencies_by_function: dict[tuple[str, str], Entry] = field(default_factory=dict)
    # Names from PETRARCH2's actor dictionaries, lower-cased: matched whatever their case, and only
    # where kg's own lexicon names nothing (its entries win)
    broad_forms: dict[str, list[Entry]] = field(default_factory=dict)
    broad_people: dict[str, list[Person]] = field(default_factory=dict)

    def add(self, form: str, entry: Entry) -> None:
        form = form.strip()
        if not form:
            return
        bucket = self.forms.setdefault(form, [])
        if entry not in bucket:
            bucket.append(entry)

    def place_country(self, name: str) -> str | None:
        """The country a place name ("Mexico City", "MEXICO CITY", "Texas") lies in, if known.

        Countries, capitals and seats of government come from the lexicon; first-level
        subdivisions ("Texas", "Punjab") from ISO 3166-2 through pycountry, when only
        one country has a subdivision of that name.
        """
        for form in dict.fromkeys((name, name.title(), name.upper())):
            kinds = [e for e in self.forms.get(form, ()) if e.kind in ("COUNTRY", "CAPITAL", "SEAT")]
            if kinds:
                return kinds[0].country
        words = name.split()
        if len(words) > 1 and words[-1].lower() in _SUBDIVISION_WORDS:
            name = " ".join(words[:-1])  # "Aceh Province", "Khyber Pakhtunkhwa province"
        countries = _subdivision_countries().get(name_key(name), set())
        return next(iter(countries)) if len(countries) == 1 else None

    def names_organization(self, form: str) -> bool:
        """"ICE", "DHS": a form the lexicon knows as an organization or agency, exactly as written."""
        return any(e.kind in ("ORG", "AGENCY", "PERSON", "POLICY") for e in self.forms.get(form, ()))

    def country_label(self, iso3: str) -> str:
        row = self.countries.get(iso3)
        return row["name"] if row else iso3

    def people_named(self, alias: str, day: str | None) -> list[Person]:
        """Office holders known by `alias` whose term covers `day` (all of them if none do)."""
        found = self.people.get(alias, []) or self.people_folded.get(name_key(alias), []) or self.broad_people.get(alias.lower(), [])
        active = [p for p in found if p.active_on(day)]
        return active or found

    def office_holder(self, role: str, country: str, day: str | None) -> Person | None:
        """The one person who held `role` for `country` on `day`, if the lexicon knows exactly one."""
        if day is None:
            return None
        matches = {
            p.id: p
            for people in self.people_by_id.values()
            for p in people
            if p.role == role and p.country == country and p.active_on(day) and p.start
        }
        return next(iter(matches.values())) if len(matches) == 1 else None


# Words after a subdivision's name ("Aceh Province") and the kinds of subdivision that are
# provinces whatever their level (Indonesia's provinces sit under its island regions).
_SUBDIVISION_WORDS = ("province", "state", "region", "governorate", "department", "prefecture")
_PROVINCE_TYPES = ("Province", "State", "Region", "Governorate", "Autonomous region", "Autonomous province")


@cache
def _subdivision_countries() -> dict[str, set[str]]:
    """ISO 3166-2 subdivision name (case and accents folded, "Darién" = "Darien") → alpha-3
    codes of the countries that have one: first-level subdivisions, and provinces, states and
    regions at any level."""
    import pycountry

    found: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is not None and subdivision.type not in _PROVINCE_TYPES:
            continue  # districts and municipalities share too many names
        country = pycountry.countries.get(alpha_2=subdivision.country_code)
        if country is not None:
            found.setdefault(name_key(subdivision.name), set()).add(country.alpha_3)
    return found


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@cache
def load_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    _load_countries(gaz)
    _load_organizations(gaz)
    _load_agencies(gaz)
    _load_people(gaz)
    _load_policies(gaz)
    for region in REGIONS:
        gaz.add(region, Entry("REGION", slug(region), region))
    return gaz


def _load_countries(gaz: Gazetteer) -> None:
    import pycountry  # ISO 3166 names, kept up to date upstream

    rows = _rows(lexicon_dir() / "countries.tsv")
    header, body = rows[0], rows[1:]
    for cells in body:
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        iso3 = row["iso3"]
        gaz.countries[iso3] = row
        ambiguous = set(_split(row.get("ambiguous", "")))
        names = [row["name"], *_split(row["aliases"])]
        iso = pycountry.countries.get(alpha_3=iso3)
        if iso is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(iso, attr, None)
                if value and "," not in value and "(" not in value:
                    names.append(value)
        for name in names:
            gaz.add(name, Entry("COUNTRY", iso3, row["name"], iso3, "GOV", ambiguous=name in ambiguous))
            if len(name) > 4 and " " not in name:
                # "KUWAIT has stopped issuing visas": a story's opening word in capitals (a short
                # one, "CHAD", "IRAN", could be an acronym)
                gaz.add(name.upper(), Entry("COUNTRY", iso3, row["name"], iso3, "GOV", ambiguous=name in ambiguous))
        adjectives = _split(row["adjectives"])
        if adjectives:
            gaz.adjective_of[iso3] = adjectives[0]
        for adjective in adjectives:
            gaz.add(adjective, Entry("ADJECTIVE", iso3, row["name"], iso3, "GOV", ambiguous=adjective in ambiguous))
        for demonym in _split(row["demonyms"]):
            gaz.add(demonym, Entry("DEMONYM", iso3, row["name"], iso3, "REF", ambiguous=demonym in ambiguous))
        for capital in _split(row["capitals"]):
            gaz.add(capital, Entry("CAPITAL", iso3, row["name"], iso3, "GOV", ambiguous=capital in ambiguous))
        for seat in _split(row["seats"]):
            gaz.add(seat, Entry("SEAT", iso3, row["name"], iso3, "GOV", ambiguous=seat in ambiguous))


def _load_organizations(gaz: Gazetteer) -> None:
    path = lexicon_dir() / "organizations.tsv"
    if not path.exists():
        return
    rows = _rows(path)
    header, body = rows[0], rows[1:]
    for cells in body:
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        entry = Entry("ORG", row["id"], row["label"], row["country"] or None, row["sector"] or None)
        for form in [row["label"], *_split(row["aliases"])]:
            gaz.add(form, entry)


_BODY_NOUN = re.compile(r"\b(ministry|department|secretariat|secretaría|office|agency|institute|dept)\b", re.I)


def body_functions() -> list[tuple[str, list[str], str, str]]:
    """(function, words, sector, label) rows of body_functions.tsv."""
    return [
        (cells[0], _split(cells[1]), cells[2], cells[3])
        for cells in _rows(lexicon_dir() / "body_functions.tsv")
    ]


def function_of(name: str) -> str | None:
    """The function a ministry-like name states ("Ministry of Foreign Affairs" → "foreign")."""
    if not _BODY_NOUN.search(name):
        return None
    lowered = name.lower()
    best: tuple[int, str] | None = None
    for function, words, _sector, _label in body_functions():
        for word in words:
            if re.search(rf"\b{re.escape(word)}\b", lowered):
                if best is None or len(word) > best[0]:
                    best = (len(word), function)
    return best[1] if best else None


def _load_agencies(gaz: Gazetteer) -> None:
    path = lexicon_dir() / "agencies.tsv"
    if not path.exists():
        return
    rows = _rows(path)
    header, body = rows[0], rows[1:]
    for cells in body:
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        function = function_of(row["label"])
        entry = Entry("AGENCY", row["id"], row["label"], row["country"] or None, row["sector"] or None, function)
        if function and row["country"] and row["sector"] in ("GOV", "MIL", "COP"):
            # courts and legislatures are never "the X ministry"
            gaz.agencies_by_function.setdefault((row["country"], function), entry)
        for form in [row["label"], *_split(row["aliases"])]:
            gaz.add(form, entry)


def _load_people(gaz: Gazetteer) -> None:
    _load_people_file(gaz, lexicon_dir() / "people.tsv", guarded=False)
    # the office holders of 2019-2026 compiled for this news; an alias some other name of the
    # gazetteer already has ("Chad", a capital, a hand-listed person) is not theirs
    _load_people_file(gaz, lexicon_dir() / "people_news.tsv", guarded=True)


def _load_people_file(gaz: Gazetteer, path, guarded: bool) -> None:
    if not path.exists():
        return
    rows = _rows(path)
    header, body = rows[0], rows[1:]
    taken = set(gaz.forms) if guarded else set()
    for cells in body:
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        person = Person(
            id=row["id"],
            label=row["label"],
            country=row["country"] or None,
            sector=row["sector"] or None,
            role=row["role"] or None,
            start=row["start"] or None,
            end=row["end"] or None,
        )
        gaz.people_by_id.setdefault(person.id, []).append(person)
        for alias in {form for name in (row["label"], *_split(row["aliases"])) for form in particle_forms(name)}:
            if alias in taken:
                continue
            gaz.people.setdefault(alias, []).append(person)
            gaz.people_folded.setdefault(name_key(alias), []).append(person)
            gaz.add(alias, Entry("PERSON", person.id, person.label, person.country, person.sector))


#: Lowercase particles of surnames ("de la Fuente", "van Weel", "bin Zayed", "Ould Ghazouani").
NAME_PARTICLES = ("de", "la", "del", "da", "das", "dos", "do", "di", "du", "van", "von", "der", "den", "bin", "ibn",
                  "al", "el", "le", "ould", "ben")


def name_key(name: str) -> str:
    """"Martínez" and "Martinez", "de La Fuente" and "de la Fuente" are one name (the tagger
    finds all of them)."""
    import unicodedata

    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()


def particle_forms(name: str) -> list[str]:
    """A name as written and with its particles capitalized ("de la Fuente", "De La Fuente"),
    the way headlines and some outlets write them."""
    words = name.split()
    if not any(w in NAME_PARTICLES for w in words):
        return [name]
    return [name, " ".join(w.capitalize() if w in NAME_PARTICLES else w for w in words)]


def _load_policies(gaz: Gazetteer) -> None:
    for cells in _rows(lexicon_dir() / "policies.tsv"):
        policy_id, label, country, aliases = (cells + [""] * 4)[:4]
        entry = Entry("POLICY", policy_id, label, country or None)
        for form in [label, *_split(aliases)]:
            gaz.add(form, entry)


# Words that make a PETRARCH actor name a body of a state, not a person ("Afghan National Army").
_BODY_WORDS = {"army", "police", "ministry", "council", "party", "forces", "force", "commission", "court",
               "government", "parliament", "assembly", "senate", "congress", "guard", "navy", "agency", "service",
               "office", "department", "administration", "authority", "cabinet", "command", "intelligence",
               "directorate", "bureau", "committee", "front", "movement", "militia", "brigade", "corps"}
_PARTICLES = {"de", "del", "la", "las", "los", "da", "do", "dos", "das", "van", "von", "der", "den", "di", "du", "le",
              "al", "el", "bin", "ibn", "ben", "y", "e", "of", "the", "and", "for"}
#: PETRARCH people whose last role ended before this are left out: news of this project's years
#: names them rarely, and then seldom in the role PETRARCH knew.
_BROAD_SINCE = "2012-01-01"


def display_name(upper: str) -> str:
    """"GIORGIA MELONI" → "Giorgia Meloni", "JUAN RAMON DE LA FUENTE" → "Juan Ramon de la Fuente"."""
    words = []
    for k, word in enumerate(upper.lower().split()):
        if k and word in _PARTICLES:
            words.append(word)
            continue
        parts = [p[:1].upper() + p[1:] for p in word.split("-")]
        word = "-".join(parts)
        if word.startswith("Mc") and len(word) > 2:
            word = "Mc" + word[2:3].upper() + word[3:]
        if "'" in word:
            head, _, tail = word.partition("'")
            word = head + "'" + tail[:1].upper() + tail[1:]
        words.append(word)
    return " ".join(words)


def load_broad_actors(gaz: Gazetteer) -> None:
    """Add kg/lexicon/petrarch/actors.tsv (MIT) to the gazetteer: international bodies, and the
    people and bodies of states with their dated roles. Single-word names are left out (too
    ambiguous without case). Only reading needs them: the query commands' lookups do not load
    them. Loaded once; a second call does nothing."""
    path = lexicon_dir() / "petrarch" / "actors.tsv"
    if gaz.broad_forms or not path.exists():
        return
    own = {form.lower() for form in gaz.forms}
    for cells in _rows(path)[1:]:
        ident, kind, names, country, sector, start, end = (cells + [""] * 7)[:7]
        country = country.strip()
        if not country or country == "MNC" or len(country) != 3 or not country.isalpha():
            continue
        forms = [n for n in _split(names) if " " in n.strip()]
        if not forms:
            continue
        label = display_name(forms[0])
        words = {w for n in forms for w in n.lower().split()}
        if kind == "international":
            entry = Entry("ORG", f"petrarch-{ident}", label, country, None)
        elif not sector:
            continue  # a country's own names, cities and regions: the country lexicon has them
        elif words & _BODY_WORDS:
            entry = Entry("AGENCY", f"petrarch-{ident}", label, country, sector)
        else:
            if end and end < _BROAD_SINCE:
                continue
            person = Person(f"petrarch-{ident}", label, country, sector, None, start or None, end or None)
            for form in forms:
                gaz.broad_people.setdefault(form.lower(), []).append(person)
            entry = Entry("PERSON", person.id, label, country, sector)
        for form in forms:
            key = form.lower()
            if key in own:
                continue  # kg's own lexicon knows this name: it wins
            bucket = gaz.broad_forms.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)


def today() -> str:
    return date.today().isoformat()
