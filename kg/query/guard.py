"""The query guard: what `kg query` and `kg update` refuse before the SPARQL engine sees a text.

The decisions are taken on tokens, read as a SPARQL parser reads them, never on
the raw text: `#` opens a comment only outside strings and IRIs, a `'` inside an
IRI opens nothing, `ex:SERVICE`, `?service` and "SERVICE" are a name, a variable
and a string. On the tokens:

- the form: a query (SELECT, ASK, CONSTRUCT, DESCRIBE) or an update;
- unless allow_service: SERVICE (queries and updates) and LOAD (updates) are
  refused, and so are FROM, FROM NAMED, USING, USING NAMED and WITH naming a graph
  that is not one of the store's own (kgr:graph/…);
- always: brackets may nest MAX_NESTING deep and a text may hold MAX_TOKENS tokens
  outside its data blocks. Oxigraph parses and plans by recursion; past a few
  thousand levels its stack overflows and the process dies of a segmentation fault.

The text is read the way Oxigraph (a PEG parser) reads it, where that differs
from the W3C grammar, because Oxigraph is what runs it:

1. Keywords are matched without word boundaries: `SERVICE:x{…}`,
   `SERVICEex:x{…}`, `SERVICESILENT<…>{…}` and, after an object,
   `trueSERVICE<…>{…}` all run a SERVICE. A word, or the prefix of a prefixed name,
   that reads as keywords one of which is guarded counts as that keyword where its
   clause can stand (see `_hidden`).
2. A local name takes one run of dots only: `ex:a.b.SERVICE` is `ex:a.b`, `.`,
   `SERVICE`.
3. `<` is an IRI only where a term can stand; after an operand in an expression
   it is less-than, so `FILTER(1<'x>')` holds the string 'x>', not the IRI <'x>.
   The lexer keeps the stack of open brackets to tell one from the other.
4. `\\u` escapes are read inside strings and IRIs only; SPARQL 1.1 endpoints read
   them first, anywhere, and take `\\u0053ERVICE` for SERVICE. A text holding `\\u`
   is checked in both readings.

rdflib's parser is not asked for a second opinion, though it was measured for
one: importing it takes 0.3 s (all of `kg query` starts in 0.12 s), it spends
about 170 ms on each example query, it overflows Python's recursion limit at 32
nested parentheses (half of MAX_NESTING), and it matches keywords on word
boundaries, so it misses exactly what Oxigraph finds in `SERVICE:x{…}`. Where the
two parsers disagree the reading of the engine that runs must win, so the
second opinion could only cost time. tests/test_query_guard.py uses rdflib as an
oracle instead, where its cost is paid once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin

from kg.errors import QueryError
from kg.vocab import ID, PREFIXES

#: Deepest nesting of { }, ( ), [ ] and << >> allowed. Oxigraph (0.5, 8 MB stack)
#: dies of a stack overflow at 2,000 to 3,200 nested { } and 4,000 to 5,000 nested ( ),
#: and the time it takes to parse nested [ ( ] grows with about the cube of the
#: depth: 64 levels take a second. The example queries nest at most 8 deep.
MAX_NESTING = 64

#: Most tokens allowed outside VALUES and INSERT DATA / DELETE DATA blocks. Flat
#: chains nest too, inside the engine: 3,000 MINUS in a row, 3,000 BINDs, 7,000 `+`
#: or 10,000 FILTERs overflow Oxigraph's stack as nested brackets do (2,000 of each
#: run). 4,000 tokens hold 1,333 MINUS at most; the example queries hold 120 to 430.
#: Data blocks are flat inside the engine (100,000 triples of INSERT DATA load fine).
MAX_TOKENS = 4000

#: The store's own graphs: FROM, USING and WITH may name these without allow_service.
OWN_GRAPHS = ID + "graph/"

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")

# Every keyword of SPARQL 1.1 and 1.2 and of Oxigraph's extensions: what a word can
# be split into by a parser that matches keywords without word boundaries.
_KEYWORDS = tuple(sorted(set("""
    BASE PREFIX VERSION SELECT CONSTRUCT DESCRIBE ASK DISTINCT REDUCED AS FROM NAMED WHERE
    ORDER BY ASC DESC GROUP HAVING LIMIT OFFSET VALUES UNDEF LOAD SILENT INTO CLEAR DROP
    CREATE ADD MOVE COPY TO INSERT DELETE DATA WITH USING DEFAULT ALL GRAPH OPTIONAL SERVICE
    BIND MINUS UNION FILTER NOT IN EXISTS LATERAL TRUE FALSE STR LANG LANGMATCHES DATATYPE
    BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI
    CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS
    TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT
    SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE COUNT SUM MIN MAX
    AVG SAMPLE GROUP_CONCAT SEPARATOR TRIPLE ISTRIPLE SUBJECT PREDICATE OBJECT LANGDIR
    HASLANG HASLANGDIR STRLANGDIR ADJUST
""".split())))

# ------------------------------------------------------------------ terminals
# As Oxigraph's grammar has them (spargebra 0.5, parser.rs); quantifiers are
# possessive (*+) because a PEG never gives back what a repetition took.
_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
         "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ESCAPE = r"\\[tbnrf\"'\\]|" + _UCHAR
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = f"[{_BASE}][{_CHARS}]*+(?:\\.++[{_CHARS}]++)*+"
# One run of dots only, as Oxigraph reads a local name (the W3C grammar allows any number).
_LOCAL = f"(?:[{_CHARS_U}:0-9]|{_PLX})(?:[{_CHARS}:]|{_PLX})*+(?:\\.++(?:[{_CHARS}:]|{_PLX})++)?+"

_SPACE = re.compile(r"(?:[ \t\r\n]++|#[^\r\n]*+)++")
_STRING = re.compile(  # long forms first, as the grammar tries them
    f"'''(?:(?:''|')?(?:[^'\\\\]|{_ESCAPE}))*+'''"
    f'|"""(?:(?:""|")?(?:[^"\\\\]|{_ESCAPE}))*+"""'
    f"|'(?:[^'\\\\\\n\\r]|{_ESCAPE})*+'"
    f'|"(?:[^"\\\\\\n\\r]|{_ESCAPE})*+"'
)
_IRI = re.compile(f"<(?:[^<>\"{{}}|^`\\\\\\x00-\\x20]|{_UCHAR})*+>")
_PNAME = re.compile(f"(?:{_PREFIX})?:(?:{_LOCAL})?")
_WORD = re.compile(f"[{_BASE}][{_CHARS}]*+")
_VAR = re.compile(f"[?$][{_CHARS_U}0-9][{_CHARS_U}0-9\\u00b7\\u0300-\\u036f\\u203f-\\u2040]*+")
_BNODE = re.compile(f"_:[{_CHARS_U}0-9][{_CHARS}]*+(?:\\.++[{_CHARS}]++)*+")
_NUMBER = re.compile(r"[0-9]++\.[0-9]*+[eE][+-]?[0-9]++|\.[0-9]++[eE][+-]?[0-9]++|[0-9]++[eE][+-]?[0-9]++"
                     r"|[0-9]*+\.[0-9]++|[0-9]++")
_LANGTAG = re.compile(r"@[a-zA-Z]++(?:-[a-zA-Z0-9]++)*+(?:--[a-zA-Z]++)?")
_PUNCT = re.compile(r"\^\^|&&|\|\||!=|<=|>=|[.,;*/|^!=+\-?~<>]")
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")

# What ends an operand: after one of these, inside an expression, `<` is less-than.
_OPERAND_KINDS = frozenset({"var", "iri", "pname", "string", "number", "bnode", "langtag", "close"})
# Words after which `(` opens a list of terms (a collection, a VALUES row), not an expression.
_LIST_WORDS = frozenset({"VALUES", "A", "TRUE", "FALSE", "UNDEF"})
# Words after which, until the next { }, a `(` opens an expression whatever precedes it:
# `SELECT ?a (?b < 1 AS ?c)`, `GROUP BY ?a (STR(?b))`.
_EXPRESSION_CLAUSES = frozenset({"SELECT", "GROUP", "ORDER", "HAVING"})
_KEYWORDS_BY_INITIAL = {
    initial: tuple(k for k in _KEYWORDS if k[0] == initial) for initial in {k[0] for k in _KEYWORDS}
}


class _Unreadable(QueryError):
    """No SPARQL parser can read the text (an unclosed string): nothing of it can run."""


@dataclass(frozen=True, slots=True)
class Token:
    """One token: kind (word, pname, iri, var, string, number, bnode, langtag, open, close, punct, other)."""

    kind: str
    text: str
    start: int  # offset in the text
    depth: int  # brackets open before it


def tokenize(text: str) -> list[Token]:
    """The tokens of a SPARQL text in order, without comments and white space.

    Raises QueryError for an unclosed string, brackets nested deeper than
    MAX_NESTING, or more than MAX_TOKENS tokens outside data blocks.

    >>> [t.text for t in tokenize("SELECT * { ?s <http://x/it's> 'a # b' } # c")]
    ['SELECT', '*', '{', '?s', "<http://x/it's>", "'a # b'", '}']
    """
    return _Lexer(text).run()


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, DESCRIBE or ASK for a query, UPDATE for an update, None when neither.

    >>> query_form("PREFIX ex: <http://ex/> # SELECT\\nINSERT DATA { ex:a ex:b 'SELECT' }")
    'UPDATE'
    """
    return _form(tokenize(text))


def check_query(text: str, *, allow_service: bool = False) -> str | None:
    """Refuse what `kg query` must not run; the query's form when it can run (None: unknown).

    >>> check_query("SELECT * WHERE { ?s ?p 'SERVICE <http://x/> {}' }")
    'SELECT'
    """
    first = _Reading(text, tokenize(text))
    if not first.tokens:
        raise QueryError("the query is empty")
    form = _form(first.tokens)
    if form == "UPDATE":
        raise QueryError("this is a SPARQL update; `kg query` only reads: run it with `kg update`")
    for reading in _readings(text, first):
        reading.refuse_remote(update=False, allow_service=allow_service)
    return form


def check_update(text: str, *, allow_service: bool = False) -> None:
    """Refuse what `kg update` must not run (a query, LOAD, SERVICE, USING/WITH elsewhere, deep nesting)."""
    first = _Reading(text, tokenize(text))
    if not first.tokens:
        raise QueryError("the update is empty")
    if _form(first.tokens) in QUERY_FORMS:
        raise QueryError("this is a SPARQL query; `kg update` only changes the store: run it with `kg query`")
    for reading in _readings(text, first):
        reading.refuse_remote(update=True, allow_service=allow_service)


# ------------------------------------------------------------------ lexing
class _Lexer:
    """A sequential scan that keeps the stack of open brackets, which decides what `<` is."""

    def __init__(self, text: str):
        self.text = text
        self.tokens: list[Token] = []
        # Open brackets: "{", "[", "(e" (an expression), "(l" (a list of terms), "<<", "<<(".
        self.stack: list[str] = []
        self.data: list[bool] = []  # per open bracket: a VALUES or DATA block
        self.saved: list[bool] = []  # per open bracket: self.clause before it opened
        self.expect_data = False  # VALUES or DATA was read and its block has not opened yet
        self.clause = False  # in a SELECT clause or a GROUP BY, ORDER BY, HAVING (see _EXPRESSION_CLAUSES)
        self.counted = 0

    def run(self) -> list[Token]:
        text, at = self.text, 0
        while True:
            space = _SPACE.match(text, at)
            if space:
                at = space.end()
            if at >= len(text):
                return self.tokens
            at = self._token(at)

    def _token(self, at: int) -> int:
        text, char = self.text, self.text[at]
        if char in "'\"":
            match = _STRING.match(text, at)
            if not match:
                raise _Unreadable(f"SPARQL syntax error at {_where(text, at)}: a string is not closed "
                                 "(or holds a line break or a backslash that is not an escape)")
            return self._add("string", match.group(), at)
        if char == "<":
            return self._angle(at)
        if char in "{[(":
            return self._open(char, at)
        if char in "}])":
            return self._close(char, at)
        if char == ">" and self.stack and self.stack[-1] == "<<" and text.startswith(">>", at):
            return self._pop("<<", ">>", at)
        if char in "?$" and (match := _VAR.match(text, at)):
            return self._add("var", match.group(), at)
        if char == "_" and (match := _BNODE.match(text, at)):
            return self._add("bnode", match.group(), at)
        if char == "@" and (match := _LANGTAG.match(text, at)):
            return self._add("langtag", match.group(), at)
        if (char.isdigit() or char == ".") and (match := _NUMBER.match(text, at)):
            return self._add("number", match.group(), at)
        if match := _PNAME.match(text, at):
            return self._add("pname", match.group(), at)
        if match := _WORD.match(text, at):
            return self._add("word", match.group(), at)
        if match := _PUNCT.match(text, at):
            return self._add("punct", match.group(), at)
        return self._add("other", char, at)

    def _angle(self, at: int) -> int:
        text = self.text
        if self._operator_position():
            # Oxigraph reads less-than here. Were the rest an IRI to some other reader,
            # the two readings of a quote or a `#` inside it would differ: refuse those.
            iri = _IRI.match(text, at)
            if iri and any(c in iri.group() for c in "'#"):
                raise QueryError(f"`{iri.group()[:40]}` at {_where(text, at)} reads both as an IRI and as "
                                 "less-than: put a space after `<` when it compares")
            return self._add("punct", "<=" if text.startswith("<=", at) else "<", at)
        if text.startswith("<<(", at):
            return self._push("<<(", "<<(", at)
        if text.startswith("<<", at):
            return self._push("<<", "<<", at)
        if match := _IRI.match(text, at):
            return self._add("iri", match.group(), at)
        return self._add("punct", "<=" if text.startswith("<=", at) else "<", at)

    def _operator_position(self) -> bool:
        return bool(self.stack) and self.stack[-1] == "(e" and bool(self.tokens) and _ends_operand(self.tokens[-1])

    def _open(self, char: str, at: int) -> int:
        if char == "(":
            kind = self._paren_kind()
        else:
            kind = char
        return self._push(kind, char, at)

    def _paren_kind(self) -> str:
        """Whether a `(` opens an expression or a list of terms, from what holds it and what precedes it."""
        inner = self.stack[-1] if self.stack else None
        previous = self.tokens[-1] if self.tokens else None
        word = previous.text.translate(_ASCII_UPPER) if previous and previous.kind == "word" else None
        if inner == "(e":
            return "(e"
        if inner in ("(l", "<<", "<<(") or word == "VALUES":
            return "(l"
        if self.clause or inner is None:
            return "(e"
        # Inside { } or [ ]: FILTER(…), BIND(…), FILTER regex(…), FILTER ex:f(…) are expressions;
        # after a subject, a predicate or an object, `(` opens a collection.
        if word is not None:
            return "(l" if word in _LIST_WORDS else "(e"
        if previous is not None and previous.kind in ("iri", "pname") and len(self.tokens) > 1:
            before = self.tokens[-2]
            if before.kind == "word" and before.text.translate(_ASCII_UPPER) == "FILTER":
                return "(e"
        return "(l"

    def _push(self, kind: str, text: str, at: int) -> int:
        end = self._add("open", text, at)
        self.data.append(self.expect_data and kind == "{")
        self.saved.append(self.clause)
        if kind == "{":
            self.expect_data = self.clause = False
        self.stack.append(kind)
        if len(self.stack) > MAX_NESTING:
            raise QueryError(
                f"brackets nest more than {MAX_NESTING} deep at {_where(self.text, at)}; kg stops there because "
                "deeper nesting crashes the SPARQL engine: flatten nested { } groups and sub-selects, "
                "or split nested ( ) expressions with BIND"
            )
        return end

    def _close(self, char: str, at: int) -> int:
        if char == ")" and self.stack and self.stack[-1] == "<<(" and self.text.startswith(")>>", at):
            return self._pop("<<(", ")>>", at)
        opener = {"}": ("{",), "]": ("[",), ")": ("(e", "(l", "<<(")}[char]
        return self._pop(opener, char, at)

    def _pop(self, opener: str | tuple[str, ...], text: str, at: int) -> int:
        # An unmatched bracket is the engine's syntax error to report; the stack only
        # drops back to the innermost bracket this one can close.
        openers = (opener,) if isinstance(opener, str) else opener
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index] in openers:
                self.clause = self.saved[index]  # the clause the bracket opened in goes on
                del self.stack[index:], self.data[index:], self.saved[index:]
                break
        return self._add("close", text, at)

    def _add(self, kind: str, text: str, at: int) -> int:
        token = Token(kind, text, at, len(self.stack))
        self.tokens.append(token)
        word = text.translate(_ASCII_UPPER) if kind == "word" else None
        if word in ("VALUES", "DATA"):
            self.expect_data = True
        elif kind != "var" and text not in ("(", ")", "{"):  # VALUES (?a ?b) {, DATA {: _push takes the {
            self.expect_data = False
        if word in _EXPRESSION_CLAUSES:
            self.clause = True
        if not any(self.data):
            self.counted += 1
            if self.counted > MAX_TOKENS:
                raise QueryError(
                    f"the text holds more than {MAX_TOKENS} tokens outside VALUES and DATA blocks (at "
                    f"{_where(self.text, at)}); kg stops there because long chains of UNION, MINUS, BIND or "
                    "operators crash the SPARQL engine: put long lists in a VALUES block, or split the text"
                )
        return at + len(text)


def _ends_operand(token: Token) -> bool:
    if token.kind in _OPERAND_KINDS:
        return token.kind != "close" or token.text in (")", "]", ">>", ")>>")
    return token.kind == "word" and token.text.translate(_ASCII_UPPER) in ("TRUE", "FALSE")


# ------------------------------------------------------------------ reading the tokens
def _form(tokens: list[Token]) -> str | None:
    """The first keyword after the prologue (BASE, PREFIX, VERSION declarations)."""
    at = 0
    while at < len(tokens) and tokens[at].kind == "word":
        word = tokens[at].text.translate(_ASCII_UPPER)
        if word == "PREFIX":
            at += 3
        elif word in ("BASE", "VERSION"):
            at += 2
        else:
            break
    if at >= len(tokens) or tokens[at].kind != "word":
        return None
    name = tokens[at].text.translate(_ASCII_UPPER)
    for keyword in QUERY_FORMS + UPDATE_KEYWORDS:
        if name.startswith(keyword):  # Oxigraph reads `INSERT DATA` and `INSERTDATA` alike
            return keyword if keyword in QUERY_FORMS else "UPDATE"
    return None


def _hidden(name: str, guarded: tuple[str, ...]) -> str | None:
    """A guarded keyword Oxigraph can read in `name`, a word or the prefix of a prefixed name.

    Oxigraph matches keywords without word boundaries, so `SERVICESILENT` is SERVICE
    SILENT and, after an object, `true.SERVICE` is true . SERVICE: a keyword can start
    wherever the name reads as keywords (or dots) up to there.

    >>> _hidden("trueSERVICE", ("SERVICE",)), _hidden("myservice", ("SERVICE",))
    ('SERVICE', None)
    """
    upper = name.translate(_ASCII_UPPER)
    seen, todo = {0}, [0]
    while todo:
        at = todo.pop()
        for keyword in guarded:
            if upper.startswith(keyword, at):
                return keyword
        steps = [at + len(k) for k in _KEYWORDS_BY_INITIAL.get(upper[at:at + 1], ()) if upper.startswith(k, at)]
        if at and upper.startswith(".", at):
            steps.append(at + 1)
        for step in steps:
            if step not in seen:
                seen.add(step)
                todo.append(step)
    return None


@dataclass
class _Reading:
    """One reading of a text: its tokens and the prefixes and base they declare as they go."""

    text: str
    tokens: list[Token]
    note: str = ""  # said after each refusal, for the \\u reading

    def refuse_remote(self, *, update: bool, allow_service: bool) -> None:
        """Refuse SERVICE, LOAD, and FROM/USING/WITH naming other graphs, unless allow_service."""
        prefixes: dict[str, str | None] = dict(PREFIXES)
        base = None
        dataset = ("USING", "WITH") if update else ("FROM",)
        top_level = ("LOAD", *dataset) if update else dataset
        tokens = self.tokens
        for index, token in enumerate(tokens):
            if token.kind not in ("word", "pname"):
                continue
            word = token.text.translate(_ASCII_UPPER)
            if word == "PREFIX" and index + 2 < len(tokens) and tokens[index + 1].kind == "pname":
                declared, iri = tokens[index + 1], tokens[index + 2]
                if declared.text.endswith(":") and iri.kind == "iri":
                    prefixes[declared.text[:-1]] = _resolve(_iri_value(iri.text), base)
                continue
            if word == "BASE" and index + 1 < len(tokens) and tokens[index + 1].kind == "iri":
                base = _resolve(_iri_value(tokens[index + 1].text), base)
                continue
            if allow_service or (index and tokens[index - 1].text.translate(_ASCII_UPPER) == "PREFIX"):
                continue
            if word == "SERVICE":
                self._refuse_service(token)
            if update and word == "LOAD":
                self._refuse_load(token)
            if word in dataset:
                self._check_graph(word, index, prefixes, base)
                continue
            if word not in ("SERVICE", "LOAD"):
                name = token.text.split(":", 1)[0] if token.kind == "pname" else token.text
                hidden = _hidden(name, ("SERVICE",)) if token.depth else _hidden(name, top_level)
                if hidden:
                    self._refuse_hidden(hidden, token)

    def _refuse_service(self, token: Token) -> None:
        raise QueryError(f"SERVICE (federated) queries reach other servers (at {self._where(token)}); "
                         f"pass --allow-service to allow them{self.note}")

    def _refuse_load(self, token: Token) -> None:
        raise QueryError(f"LOAD reads data from other servers (at {self._where(token)}); "
                         f"pass --allow-service to allow it{self.note}")

    def _refuse_hidden(self, keyword: str, token: Token) -> None:
        raise QueryError(
            f"`{token.text[:40]}` at {self._where(token)} reads as {keyword} (the SPARQL engine finds keywords "
            f"inside longer words), which reaches other servers: put spaces between keywords and rename such "
            f"prefixes, or pass --allow-service{self.note}"
        )

    def _check_graph(self, keyword: str, index: int, prefixes: dict[str, str | None], base: str | None) -> None:
        """FROM [NAMED] g, USING [NAMED] g, WITH g: g must be one of the store's graphs."""
        tokens = self.tokens
        at = index + 1
        if keyword != "WITH" and at < len(tokens) and tokens[at].text.translate(_ASCII_UPPER) == "NAMED":
            at += 1
        target = tokens[at] if at < len(tokens) else None
        iri = None
        if target is not None and target.kind == "iri":
            iri = _resolve(_iri_value(target.text), base)
        elif target is not None and target.kind == "pname":
            prefix, local = target.text.split(":", 1)
            if prefixes.get(prefix) is not None:  # undeclared, or declared relative with no BASE: unknown
                iri = prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
        if iri is not None and _is_own_graph(iri):
            return
        shown = target.text[:60] if target is not None else "nothing"
        clause = " ".join(t.text for t in tokens[index:at]).upper()
        raise QueryError(
            f"{clause} {shown} (at {self._where(tokens[index])}) names a graph outside this store; kg's graphs "
            f"are <{OWN_GRAPHS}…>: name one of them, or pass --allow-service{self.note}"
        )

    def _where(self, token: Token) -> str:
        return _where(self.text, token.start)


def _readings(text: str, first: _Reading) -> list[_Reading]:
    """The text as Oxigraph reads it and, when it holds \\u escapes, as SPARQL 1.1 endpoints read it."""
    if not _CODEPOINT.search(text):
        return [first]
    unescaped = _CODEPOINT.sub(_codepoint, text)
    note = " (reading \\u escapes first, as SPARQL 1.1 endpoints do)"
    try:
        tokens = tokenize(unescaped)
    except _Unreadable:  # no endpoint could parse that reading: nothing of it runs
        return [first]
    except QueryError as e:
        raise QueryError(f"{e}{note}") from e
    return [first, _Reading(unescaped, tokens, note)]


def _codepoint(match: re.Match) -> str:
    value = int(match.group(1) or match.group(2), 16)
    if value > 0x10FFFF or 0xD800 <= value <= 0xDFFF:
        return match.group()
    return chr(value)


def _iri_value(token_text: str) -> str:
    return _CODEPOINT.sub(_codepoint, token_text[1:-1])


def _resolve(iri: str, base: str | None) -> str | None:
    """An absolute IRI, resolving a relative one against BASE; None when there is no BASE to resolve against."""
    if _SCHEME.match(iri):
        return iri
    if base is None:
        return None
    resolved = urljoin(base, iri)
    return resolved if _SCHEME.match(resolved) else None


def _is_own_graph(iri: str) -> bool:
    """Under kgr:graph/, and with no `.` or `..` segment that could lead out of it."""
    if not iri.startswith(OWN_GRAPHS):
        return False
    path = unquote(re.split(r"[?#]", iri, maxsplit=1)[0])
    return not any(segment in (".", "..") for segment in path.split("/"))


def _where(text: str, at: int) -> str:
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return f"line {line}, column {column}"
