"""Graph nodes for actors, places, policies and things, with stable IRIs.

One real entity is one node: "U.S.", "United States", "America", "Washington"
and "the White House" are all kgr:country/USA; "Mexico's foreign ministry" and
"SRE" are both the node of agencies.tsv's MEX-sre.
"""

from __future__ import annotations

from kg.extract.gazetteer import Entry, Gazetteer, Person, body_functions
from kg.model import Entity
from kg.vocab import ID, slug

# PLOVER's international codes are "countries" of international actors, not states.
INTERNATIONAL = {"UNO", "EUR", "IGO", "NGO", "ISM", "IMG", "MNC"}


def country(gaz: Gazetteer, iso3: str) -> Entity:
    row = gaz.countries.get(iso3, {})
    aliases = tuple(a for a in (row.get("aliases") or "").split("|") if a)
    return Entity(ID + f"country/{iso3}", gaz.country_label(iso3), "Country", iso3, "GOV", aliases)


def organ(gaz: Gazetteer, iso3: str, sector: str, label_template: str) -> Entity:
    """A branch of a state: "{country} armed forces" → "Mexican armed forces"."""
    adjective = gaz.adjective_of.get(iso3) or gaz.country_label(iso3)
    label = label_template.replace("{country}", adjective)
    key = slug(label_template.replace("{country}", ""))
    return Entity(ID + f"body/{iso3}/{key}", label, "GovernmentBody", iso3, sector)


#: Where the IRIs of parties whose state only the whole article says ("police", "the authorities") start.
HOME_PARTY = ID + "pending/home/"


def home_party(kind: str, sector: str, label_template: str) -> Entity:
    """The state the story is about, or one of its organs, until the article has been read
    ("Authorities rescued 69 refugees", "Police detained 30 migrants" in a story about
    Indonesia): `home_party_of` gives it its state."""
    if kind == "state":
        return Entity(HOME_PARTY + "state", "the story's state", "Country", None, "GOV")
    return Entity(HOME_PARTY + f"{sector}/{slug(label_template)}", label_template, "GovernmentBody", None, sector)


def home_party_of(gaz: Gazetteer, pending: Entity, iso3: str) -> Entity:
    if pending.type == "Country":
        return country(gaz, iso3)
    return organ(gaz, iso3, pending.sector, pending.label)


def ministry(gaz: Gazetteer, iso3: str, function: str) -> Entity:
    """A ministry named by its function; the agency lexicon's row when it has one."""
    known = gaz.agencies_by_function.get((iso3, function))
    if known is not None:
        return from_entry(gaz, known)
    for name, _words, sector, label in body_functions():
        if name == function:
            country_name = gaz.country_label(iso3)
            return Entity(
                ID + f"body/{iso3}/{slug(label)}",
                f"{country_name} {label}",
                "GovernmentBody",
                iso3,
                sector,
            )
    raise KeyError(function)


def person(name: str, country: str | None, sector: str | None, role: str | None) -> Entity:
    return Entity(ID + f"person/{slug(name)}", name, "Person", country, sector, role=role)


def known_person(p: Person) -> Entity:
    return Entity(ID + f"person/{p.id}", p.label, "Person", p.country, p.sector, role=p.role)


def group(gaz: Gazetteer, kind_label: str, iso3: str | None, sector: str = "REF") -> Entity:
    """A population group: "migrants", or with a nationality "Venezuelan migrants"."""
    if iso3:
        adjective = gaz.adjective_of.get(iso3) or gaz.country_label(iso3)
        label = f"{adjective} {kind_label}"
        key = f"{slug(kind_label)}-{iso3}"
    else:
        label, key = kind_label, slug(kind_label)
    return Entity(ID + f"group/{key}", label, "PopulationGroup", iso3, sector)


def place(name: str, iso3: str | None) -> Entity:
    suffix = f"-{iso3}" if iso3 else ""
    return Entity(ID + f"place/{slug(name)}{suffix}", name, "Place", iso3, None)


def thing(phrase: str) -> Entity:
    """Something acted upon that is not an actor: "deportation flight", "landing clearance"."""
    return Entity(ID + f"object/{slug(phrase)}", phrase, "Object", None, None)


def national_organization(gaz: Gazetteer, iso3: str | None, sector: str, label_template: str) -> Entity:
    """Non-state groups of a country: "Mexican drug cartels", "Italian opposition", "rights groups"."""
    if iso3:
        adjective = gaz.adjective_of.get(iso3) or gaz.country_label(iso3)
        label = label_template.replace("{country}", adjective)
        key = f"{slug(label_template.replace('{country}', ''))}-{iso3}"
    else:
        label = label_template.replace("{country}", "").strip()
        key = slug(label)
    return Entity(ID + f"org/{key}", label, "Organization", iso3, sector)


def non_governmental(sector: str, label_template: str) -> Entity:
    """Non-governmental organizations of no one country ("rights groups"): PLOVER's NGO code."""
    label = label_template.replace("{country}", "").strip()
    return Entity(ID + f"org/{slug(label)}-NGO", label, "Organization", "NGO", sector)


# Last words that make a name the name of a plan, law or instrument, not of a party: the NER
# calls "Joint Security Program" or "Safety of Rwanda Act" an organization.
_INSTRUMENT_HEADS = {"program", "programme", "plan", "initiative", "framework", "agreement", "act", "law", "policy",
                     "scheme", "project", "strategy", "operation", "accord", "pact", "treaty", "protocol", "declaration",
                     "memorandum", "order", "bill", "directive", "regulation", "rule", "arrangement", "partnership",
                     "process", "mechanism", "fund", "visa", "route", "corridor", "deal", "mou", "moa", "loi"}


# First words of instruments named "X of Y" ("Letter of Intent", "Memorandum of Understanding").
_INSTRUMENT_LEADS = {"letter", "memorandum", "declaration", "convention", "charter", "treaty", "protocol", "statement"}


def unknown_organization(name: str) -> Entity:
    """A name the NER calls an organization and no lexicon knows: a party, unless its last word
    names a plan, law or instrument ("Joint Security Program", "Operation Vector"), a policy."""
    words = name.replace("(", " ").replace(")", " ").split()
    lowered = [w.lower() for w in words]
    if words and (lowered[-1] in _INSTRUMENT_HEADS or lowered[0] == "operation"
                  or (len(words) > 2 and lowered[0] in _INSTRUMENT_LEADS and lowered[1] == "of")):
        return Entity(ID + f"policy/{slug(name)}", name, "Policy", None, None)
    return Entity(ID + f"org/{slug(name)}", name, "Organization", None, None)


def from_entry(gaz: Gazetteer, entry: Entry) -> Entity:
    """The node a gazetteer entry names."""
    if entry.kind in ("COUNTRY", "CAPITAL", "SEAT", "ADJECTIVE"):
        return country(gaz, entry.key)
    if entry.kind == "AGENCY":
        return Entity(ID + f"body/{entry.key}", entry.label, "GovernmentBody", entry.country, entry.sector)
    if entry.kind == "ORG":
        return Entity(ID + f"org/{entry.key}", entry.label, "Organization", entry.country, entry.sector)
    if entry.kind == "POLICY":
        return Entity(ID + f"policy/{entry.key}", entry.label, "Policy", entry.country, None)
    if entry.kind == "DEMONYM":
        # "Venezuelans" and "Venezuelan nationals" are the same group
        return group(gaz, "nationals", entry.key)
    raise ValueError(f"no node for gazetteer kind {entry.kind}")
