"""PolNeAR (Political News Attribution Relations) evaluation of the quotes layer.

Data: ``<split>/text/<article>.txt`` and ``<split>/attributions/<article>_<annotator>.ann``
(brat standoff; relations ``E<n> Attribution:T<a> Content:T<c> Cue:T<k> Source:T<s>``, a
Content may be discontinuous, ``T3 Content 315 448;463 553``). Articles annotated by several
annotators have several ``.ann`` files: the one whose file name sorts first is used, always,
so that every article counts once and with one consistent set of decisions.

Each article's raw text goes through :class:`unspun.nlp.LanguageLayer` (no extraction: the
offsets must stay those of the ``.txt``) and :func:`unspun.quotes.find_quotes`.

**Gold set.** Attributions whose cue is a speech or statement verb or phrase: the cue text,
lower-cased and split on whitespace (punctuation stripped), contains one of the inflected
forms of the verbs in :data:`SPEECH_CUE_VERBS` (say, says, said, saying; tell, tells, told,
telling; …), or a noun of :data:`SPEECH_CUE_NOUNS`, or the phrase "according to". Cues that
are punctuation only (":", "―"), and verbs of perception, belief or evidence ("found",
"shows", "believes", "called for") are out of scope and not counted in recall.

**Matching.** Spans are sets of character offsets (a discontinuous gold Content is the union
of its pieces). A predicted quote *p* and a gold content *g* match when they share at least
half of the shorter of the two: ``|p ∩ g| >= 0.5 * min(|p|, |g|)``.

**Attribution precision / recall / F1.** Precision = predicted quotes that match *any* gold
attribution of the article (whatever its cue: an attribution with an out-of-scope cue is still
a true attribution) / predicted quotes. Recall = gold attributions in scope matched by at least
one predicted quote / gold attributions in scope. F1 is their harmonic mean. Several
predictions may match one gold attribution (a quote split around its cue gives two).

**Speaker accuracy.** Over the gold attributions in scope that were matched and whose gold
Source is a named entity or a pronoun:

* named entity: the Source span overlaps a PERSON entity of the language layer, or begins
  (after at most a determiner: 4 characters) with an ORG, GPE or NORP entity; entities
  followed by a possessive "'s" do not count ("Obama's former strategist" is not Obama). The
  reference is the first PERSON entity in the Source, else that leading entity ("Patrick
  McGinley, a law professor at West Virginia University" → Patrick McGinley), expanded to the
  fullest name in the article of the same label containing all its words (titles such as
  "Mr", "President" ignored), e.g. "Trump" → "Donald Trump".
* pronoun (he, she, him, her, they, them, it, we, i): the reference name is the nearest
  preceding gold Source in the same annotation that is itself a named entity (for he/she/him/
  her a PERSON one); failing that, for he/she/him/her, the nearest preceding PERSON entity.
  A pronoun with no reference is left out.

The predicted speaker is the one of the best-overlapping matched prediction; it is right when
its resolved name (``speaker.name``, else ``speaker.text``) shares at least one word with the
reference name, comparing lower-cased words outside :data:`_IGNORED_WORDS` (titles,
determiners, possessive endings). A prediction with no speaker is wrong.

Result: ``{"attribution": {"precision", "recall", "f1"}, "speaker_accuracy": float, "n":
<articles>, "gold": <gold attributions in scope>, "predicted": <predicted quotes>,
"speaker_n": <attributions scored for speaker>}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from unspun.report import Entity, Quote

if TYPE_CHECKING:
    from unspun.nlp.pipeline import LanguageLayer

__all__ = [
    "SPEECH_CUE_NOUNS",
    "SPEECH_CUE_VERBS",
    "Article",
    "GoldAttribution",
    "evaluate_polnear",
    "is_speech_cue",
    "read_ann",
    "read_split",
    "score",
]

SPEECH_CUE_VERBS: dict[str, tuple[str, ...]] = {
    # lemma: its inflected forms (regular ones written out so the list is greppable)
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "claim": ("claim", "claims", "claimed", "claiming"),
    "report": ("report", "reports", "reported", "reporting"),
    "state": ("state", "states", "stated", "stating"),
    "warn": ("warn", "warns", "warned", "warning"),
    "add": ("add", "adds", "added", "adding"),
    "note": ("note", "notes", "noted", "noting"),
    "explain": ("explain", "explains", "explained", "explaining"),
    "argue": ("argue", "argues", "argued", "arguing"),
    "insist": ("insist", "insists", "insisted", "insisting"),
    "announce": ("announce", "announces", "announced", "announcing"),
    "declare": ("declare", "declares", "declared", "declaring"),
    "suggest": ("suggest", "suggests", "suggested", "suggesting"),
    "acknowledge": ("acknowledge", "acknowledges", "acknowledged", "acknowledging"),
    "admit": ("admit", "admits", "admitted", "admitting"),
    "deny": ("deny", "denies", "denied", "denying"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "tweet": ("tweet", "tweets", "tweeted", "tweeting"),
    "reply": ("reply", "replies", "replied", "replying"),
    "respond": ("respond", "responds", "responded", "responding"),
    "comment": ("comment", "comments", "commented", "commenting"),
    "remark": ("remark", "remarks", "remarked", "remarking"),
    "stress": ("stress", "stresses", "stressed", "stressing"),
    "emphasize": ("emphasize", "emphasizes", "emphasized", "emphasizing"),
    "predict": ("predict", "predicts", "predicted", "predicting"),
    "promise": ("promise", "promises", "promised", "promising"),
    "vow": ("vow", "vows", "vowed", "vowing"),
    "pledge": ("pledge", "pledges", "pledged", "pledging"),
    "assert": ("assert", "asserts", "asserted", "asserting"),
    "allege": ("allege", "alleges", "alleged", "alleging"),
    "contend": ("contend", "contends", "contended", "contending"),
    "recall": ("recall", "recalls", "recalled", "recalling"),
    "reveal": ("reveal", "reveals", "revealed", "revealing"),
    "confirm": ("confirm", "confirms", "confirmed", "confirming"),
    "concede": ("concede", "concedes", "conceded", "conceding"),
    "complain": ("complain", "complains", "complained", "complaining"),
    "testify": ("testify", "testifies", "testified", "testifying"),
    "maintain": ("maintain", "maintains", "maintained", "maintaining"),
    "ask": ("ask", "asks", "asked", "asking"),
    "answer": ("answer", "answers", "answered", "answering"),
    "boast": ("boast", "boasts", "boasted", "boasting"),
    "joke": ("joke", "jokes", "joked", "joking"),
    "conclude": ("conclude", "concludes", "concluded", "concluding"),
    "mention": ("mention", "mentions", "mentioned", "mentioning"),
    "quote": ("quote", "quotes", "quoted", "quoting"),
}
"""Speech and statement verbs whose attributions are in scope."""

SPEECH_CUE_NOUNS: tuple[str, ...] = (
    "statement", "statements", "announcement", "release", "interview", "testimony",
)
"""Speech nouns whose attributions are in scope ("in a statement", "a press release")."""

_CUE_WORDS = frozenset(f for forms in SPEECH_CUE_VERBS.values() for f in forms) | frozenset(
    SPEECH_CUE_NOUNS
)
_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "it", "we", "i"})
_PERSONAL = frozenset({"he", "she", "him", "her"})
_NE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_IGNORED_WORDS = frozenset(
    {
        "the", "a", "an", "of", "s", "mr", "mrs", "ms", "miss", "dr", "president", "senator",
        "sen", "rep", "gov", "governor", "mayor", "former", "secretary", "minister", "and",
        "candidate", "nominee", "democratic", "republican", "vice", "chief", "general",
    }
)
_WORD = re.compile(r"[^\W\d_]+")
_ANN_T = re.compile(r"^(T\d+)\t(\S+) ([\d; ]+)\t")
_ANN_E = re.compile(r"^(E\d+)\t(.*)$")
_MATCH_SHARE = 0.5
_POSSESSIVE_ENDINGS = frozenset({"'s", "’s"})
_LEADING_SLACK = 4  # "the " before an organisation's name


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: its content (character ranges), cue text and source range."""

    content: tuple[tuple[int, int], ...]
    cue: str
    source: tuple[int, int] | None


@dataclass
class Article:
    """What scoring needs from one article: text, gold, predictions and entities."""

    name: str
    text: str
    gold: list[GoldAttribution]
    predicted: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


def is_speech_cue(cue: str) -> bool:
    """True when a gold cue is a speech or statement verb or phrase (see module docstring)."""
    lowered = cue.lower()
    if re.search(r"\baccording\s+to\b", lowered):
        return True
    return any(w in _CUE_WORDS for w in _WORD.findall(lowered))


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one brat ``.ann`` file (text lines spanning newlines tolerated)."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    texts: dict[str, str] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := _ANN_T.match(line):
            ranges = tuple(
                (int(a), int(b))
                for a, b in (piece.split() for piece in m.group(3).split(";") if piece.strip())
            )
            spans[m.group(1)] = (m.group(2), ranges)
            texts[m.group(1)] = line[m.end():]
        elif m := _ANN_E.match(line):
            roles: dict[str, str] = {}
            for arg in m.group(2).split():
                role, _, ref = arg.partition(":")
                role = role.rstrip("0123456789")  # "Content2" is more of the Content
                roles[role] = f"{roles[role]} {ref}" if role in roles else ref
            events.append(roles)
    out: list[GoldAttribution] = []
    for roles in events:
        content = tuple(
            r for ref in roles.get("Content", "").split() if ref in spans for r in spans[ref][1]
        )
        if not content:
            continue
        cue_ref = roles.get("Cue", "").split()
        cue = cue_ref[0] if cue_ref else ""
        source_ref = roles.get("Source", "").split()
        source = spans[source_ref[0]][1] if source_ref and source_ref[0] in spans else None
        out.append(
            GoldAttribution(
                content=content,
                cue=texts.get(cue, ""),
                source=(source[0][0], source[-1][1]) if source else None,
            )
        )
    return out


def read_split(split_dir: Path, limit: int | None = None) -> list[Article]:
    """The articles of one split, each with the first annotator's attributions."""
    articles: list[Article] = []
    ann_dir = split_dir / "attributions"
    for text_path in sorted((split_dir / "text").glob("*.txt"))[:limit]:
        anns = sorted(ann_dir.glob(f"{text_path.stem}_*.ann"))
        anns = [a for a in anns if a.name.rsplit("_", 1)[0] == text_path.stem]
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append(Article(text_path.stem, text, read_ann(anns[0])))
    return articles


def _chars(ranges: Iterable[tuple[int, int]]) -> set[int]:
    return {i for a, b in ranges for i in range(a, b)}


def _matches(pred: set[int], gold: set[int]) -> int:
    """Overlap size when the two spans match (see module docstring), else 0."""
    shared = len(pred & gold)
    if shared and shared >= _MATCH_SHARE * min(len(pred), len(gold)):
        return shared
    return 0


def _words(name: str) -> set[str]:
    return {w for w in _WORD.findall(name.lower()) if w not in _IGNORED_WORDS}


def _fullest(name: str, label: str, entities: Sequence[Entity]) -> str:
    wanted = _words(name)
    best = name
    for e in entities:
        if e.label == label and wanted and wanted <= _words(e.text) and len(e.text) > len(best):
            best = e.text
    return best


def _entity_reference(
    source: tuple[int, int], entities: Sequence[Entity], text: str
) -> tuple[str, str] | None:
    inside = [
        e for e in entities
        if e.label in _NE_LABELS and e.start < source[1] and source[0] < e.end
        and text[e.end:e.end + 2] not in _POSSESSIVE_ENDINGS
    ]
    persons = [e for e in inside if e.label == "PERSON"]
    leading = [e for e in inside if e.start <= source[0] + _LEADING_SLACK]
    chosen = persons or leading
    if not chosen:
        return None
    best = min(chosen, key=lambda e: e.start)
    return _fullest(best.text, best.label, entities), best.label


def _reference(
    gold: GoldAttribution, article: Article, sources: list[tuple[int, str, str]]
) -> str | None:
    """The name a gold Source refers to (module docstring), or None when out of scope."""
    if gold.source is None:
        return None
    found = _entity_reference(gold.source, article.entities, article.text)
    if found is not None:
        return found[0]
    written = article.text[gold.source[0]:gold.source[1]].strip().lower()
    if written not in _PRONOUNS:
        return None
    personal = written in _PERSONAL
    earlier = [
        (offset, name) for offset, name, label in sources
        if offset < gold.source[0] and (label == "PERSON" or not personal)
    ]
    if earlier:
        return max(earlier)[1]
    if personal:
        persons = [
            e for e in article.entities if e.label == "PERSON" and e.end <= gold.source[0]
        ]
        if persons:
            last = max(persons, key=lambda e: e.start)
            return _fullest(last.text, "PERSON", article.entities)
    return None


def score(articles: Sequence[Article]) -> dict:
    """Attribution P/R/F1 and speaker accuracy over scored articles (module docstring)."""
    predicted = matched_pred = gold_n = matched_gold = speaker_n = speaker_ok = 0
    for article in articles:
        all_gold = [_chars(g.content) for g in article.gold]
        preds = [(q, set(range(q.start, q.end))) for q in article.predicted]
        predicted += len(preds)
        matched_pred += sum(1 for _, p in preds if any(_matches(p, g) for g in all_gold))
        sources: list[tuple[int, str, str]] = []
        for g in article.gold:
            if g.source is None:
                continue
            if ref := _entity_reference(g.source, article.entities, article.text):
                sources.append((g.source[0], ref[0], ref[1]))
        for g, chars in zip(article.gold, all_gold, strict=True):
            if not is_speech_cue(g.cue):
                continue
            gold_n += 1
            overlaps = [(_matches(p, chars), q) for q, p in preds]
            overlaps = [(o, q) for o, q in overlaps if o]
            if not overlaps:
                continue
            matched_gold += 1
            reference = _reference(g, article, sources)
            if reference is None:
                continue
            speaker_n += 1
            best = max(overlaps, key=lambda oq: oq[0])[1]
            if best.speaker is None:
                continue
            said = best.speaker.name or best.speaker.text or ""
            if _words(said) & _words(reference):
                speaker_ok += 1
    precision = matched_pred / predicted if predicted else 0.0
    recall = matched_gold / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "attribution": {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        },
        "speaker_accuracy": round(speaker_ok / speaker_n, 4) if speaker_n else 0.0,
        "n": len(articles),
        "gold": gold_n,
        "predicted": predicted,
        "speaker_n": speaker_n,
    }


def evaluate_polnear(
    data_dir: Path,
    *,
    limit: int | None = None,
    layer: LanguageLayer | None = None,
    articles_out: list[Article] | None = None,
) -> dict:
    """Score the quotes layer on a PolNeAR split (module docstring for the metric).

    ``data_dir`` is a split directory (holding ``text/`` and ``attributions/``) or the corpus
    root, in which case its ``dev`` split is used. ``limit`` scores the first articles only;
    ``articles_out``, when given, receives the scored articles for error analysis.
    """
    from unspun.nlp import LanguageLayer
    from unspun.quotes import find_quotes

    data_dir = Path(data_dir)
    split_dir = data_dir if (data_dir / "text").is_dir() else data_dir / "dev"
    if not (split_dir / "text").is_dir():
        raise FileNotFoundError(f"no PolNeAR split (text/ and attributions/) in {data_dir}")
    language = layer or LanguageLayer()
    articles = read_split(split_dir, limit)
    for article in articles:
        analysis = language.analyze(article.text, None)
        article.entities = analysis.entities
        article.predicted = find_quotes(analysis, article.text)
    if articles_out is not None:
        articles_out.extend(articles)
    return score(articles)
