"""Speakers: who said it, resolved from the words that name the speaker to a name.

A span holding a PERSON (or ORG) entity resolves to the fullest such name in the article,
titles ignored; he/she, they and it resolve to earlier persons, organisations or plural
speakers; any other phrase stays as written (the rules in the package docstring). The spans
themselves come from :mod:`unspun.quotes.cues`; :func:`resolve` only names them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unspun.quotes.segments import Context
    from unspun.report import Entity

_HE_SHE = frozenset({"he", "she", "him", "her"})
_THEY = frozenset({"they", "them"})
_IT = frozenset({"it"})
_PRONOUNS = _HE_SHE | _THEY | _IT | frozenset({"i", "we", "you"})
ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})
_TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
        "president", "senator", "sen", "rep", "representative", "gov", "governor", "mayor",
        "councillor", "councilman", "councilwoman", "minister", "secretary", "gen", "general",
        "col", "judge", "justice", "rev", "chairman", "chief", "prime", "vice", "former",
        "deputy", "the", "candidate", "nominee", "speaker", "leader", "ambassador", "attorney",
    }
)


def _fullest(name_tokens: list[str], candidates: list[str]) -> str | None:
    # titles differ between mentions ("Mrs Brandt", "Mayor Celia Brandt"): match on the name
    wanted = {w.lower().rstrip(".") for w in name_tokens} - _TITLES or {
        w.lower() for w in name_tokens
    }
    best: str | None = None
    for cand in candidates:
        words = {w.lower().rstrip(".") for w in cand.split()}
        if wanted <= words and (best is None or len(cand.split()) > len(best.split())):
            best = cand
    return best


def resolve(
    written: str,
    start: int,
    end: int,
    token: int | None,
    ctx: Context,
    persons: list[Entity],
    orgs: list[Entity],
    person_names: list[str],
    org_names: list[str],
    person_mentions: list[tuple[int, str]],
    speakers: list[tuple[int, str, str]],
) -> tuple[str | None, str | None]:
    """The speaker's fullest name in the article and its category, for pronoun resolution."""
    inside_person = [e for e in persons if start <= e.start and e.end <= end]
    if inside_person:
        best = max(inside_person, key=lambda e: e.end - e.start)
        return _fullest(best.text.split(), person_names) or best.text, "person"
    lower = written.lower()
    if lower in _HE_SHE:
        said = [(o, n) for o, n, c in speakers if c == "person" and o < start]
        mentioned = [(o, n) for o, n in person_mentions if o < start]
        sent_start = ctx.doc[token].sent.start_char if token is not None else start
        # a person named earlier in the same sentence ("Trump told them he ..."), else the
        # last person quoted, else the last person mentioned
        candidates = [m for m in mentioned if m[0] >= sent_start] or said or mentioned
        if not candidates:
            return None, None
        name = max(candidates)[1]
        return _fullest(name.split(), person_names) or name, "person"
    if lower in _THEY or lower in _IT:
        wanted = {"org", "plural"} if lower in _THEY else {"org"}
        candidates = [(o, n) for o, n, c in speakers if c in wanted and o < start]
        return (max(candidates)[1], None) if candidates else (None, None)
    if lower in _PRONOUNS:
        return None, None
    inside_org = [e for e in orgs if start <= e.start and e.end <= end]
    doc = ctx.doc
    head = doc[token] if token is not None else None
    if inside_org and (head is None or head.pos_ == "PROPN"):
        best = max(inside_org, key=lambda e: e.end - e.start)
        return _fullest(best.text.split(), org_names) or best.text, "org"
    if head is not None and head.pos_ == "PROPN":
        # a surname the entity recogniser missed, e.g. "Kuzmin said"
        full = _fullest([head.text], person_names)
        if full is not None:
            return full, "person"
    category = "plural" if head is not None and head.tag_ in ("NNS", "NNPS") else "org"
    return written, category
