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

**Speaker by type.** The same matched in-scope attributions, by the type of their gold
Source: ``named`` (a named entity, as above), ``pronoun`` (a pronoun with a reference, as
above: ``named`` and ``pronoun`` together are exactly what speaker accuracy scores) and
``nominal`` (any other Source: "the campaign", "a senior official", "Obama's former
strategist"). A nominal Source has no reference name: its prediction is right when the
predicted speaker's written span (``speaker.start``/``speaker.end``) shares at least one
character with the gold Source span; a speaker with no written span is wrong. Attributions
without a Source, and pronouns without a reference, are in no type.

**Mention accuracy.** Over the attributions scored for speaker accuracy (named and pronoun),
the share whose predicted speaker span shares at least one character with the gold Source
span: whether the right mention was chosen, whatever it was then resolved to.

**Strict content match.** Two stricter views of the content spans, over the same gold set:

* Token overlap. The article's text is split on whitespace; each piece loses its leading and
  trailing punctuation (Unicode category P*: quotation marks, commas, periods, dashes,
  brackets...), and pieces left empty are no tokens. Tokens are positions in the text, not
  strings. A span holds a token when it covers at least one of the token's (stripped)
  characters; a discontinuous gold Content holds the tokens of all its pieces. Recall: each
  gold attribution in scope is paired with the predicted quote sharing the most tokens with
  it (none: nothing shared); recall = shared tokens summed over gold / gold tokens summed
  over gold. Precision: each predicted quote is paired with the gold attribution of its
  article sharing the most tokens with it, whatever that attribution's cue (as for
  attribution precision); precision = shared tokens summed over predictions / predicted
  tokens summed over predictions. Both are micro-averages over tokens and neither pairing
  is one-to-one: two predictions may pair with one gold and the other way round; a quote
  split around its cue into two predictions recalls only its larger piece's tokens. F1 is
  the harmonic mean.
* Exact boundaries. Every span is trimmed of surrounding whitespace and punctuation
  (category P*, so quotation marks and trailing commas and periods); gold pieces separated
  only by whitespace are joined first. A predicted quote and a gold content match exactly
  when the trimmed spans are equal (a gold content still in several pieces matches no
  single prediction; a span that trims to nothing matches nothing). Precision, recall and
  F1 are then counted as for attribution P/R/F1.

**Adjudicated speaker accuracy.** A second figure, never the headline: speaker accuracy over
the same attributions after two written rules replace references that the official
definition gets wrong in a way a reader can check. Its result (:func:`adjudicated_score`)
counts, per rule, the attributions it applied to and how many it turned from wrong to right,
from right to wrong, or left out.

* Modifier. A named Source whose head (the root of the Source span's parse) is not a word of
  the reference: the reference entity modifies the Source ("Democratic strategists" →
  Democratic, "Clinton campaign spokesman Nick Merrill" → Clinton, "Dunwoody, who worked for
  Barack Obama" → Barack Obama). When the head lies in a PERSON entity, that person (expanded
  to the fullest name as above) is the reference ("Nick Merrill"); otherwise the Source is
  scored as a nominal one, on the mention ("the Democratic nominee").
* Pronoun. A pronoun whose reference cannot be what it stands for: he/she/him/her and a
  person the article gives the other gender (:func:`stated_genders`: honorifics, and he/she
  in sentences naming that person alone, as the pronoun resolver reads them; never a first
  name), or they/them/it and a single person. The reference becomes the nearest earlier gold
  Source that is a named entity and agrees (a person not given the other gender for he/she,
  anything but a single person for they/it); with none, the attribution is left out.

Result: ``{"attribution": {"precision", "recall", "f1"}, "speaker_accuracy": float, "n":
<articles>, "gold": <gold attributions in scope>, "predicted": <predicted quotes>,
"speaker_n": <attributions scored for speaker>, "speaker_by_type": {"named" | "pronoun" |
"nominal": {"accuracy", "n"}}, "mention_accuracy": float, "strict": {"token": {"precision",
"recall", "f1"}, "exact": {"precision", "recall", "f1"}}}``. :func:`score` takes any subset
of articles (folds, publishers): every figure is counted over the articles given.
:func:`evaluate_polnear` (``unspun evaluate polnear``) adds ``"adjudicated"``, the result of
:func:`adjudicated_score`. :func:`error_table` counts the wrong speakers by
:func:`error_category` (the error analysis of the speakers' model card).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from unspun.report import Entity, Quote

if TYPE_CHECKING:
    from spacy.tokens import Token

    from unspun.nlp.pipeline import LanguageAnalysis, LanguageLayer

__all__ = [
    "ADJUDICATION_RULES",
    "ERROR_CATEGORIES",
    "SPEECH_CUE_NOUNS",
    "SPEECH_CUE_VERBS",
    "Article",
    "GoldAttribution",
    "SpeakerItem",
    "adjudicated_score",
    "error_category",
    "error_markdown",
    "error_table",
    "evaluate_polnear",
    "is_speech_cue",
    "read_ann",
    "read_split",
    "score",
    "source_references",
    "speaker_items",
    "stated_genders",
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


def _is_punct(char: str) -> bool:
    return unicodedata.category(char).startswith("P")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start, end`` without surrounding whitespace and punctuation (may become empty)."""
    while start < end and (text[start].isspace() or _is_punct(text[start])):
        start += 1
    while end > start and (text[end - 1].isspace() or _is_punct(text[end - 1])):
        end -= 1
    return start, end


def _token_index(text: str) -> list[int]:
    """For each character of ``text``, the index of the token it belongs to, or -1."""
    index = [-1] * len(text)
    for number, m in enumerate(re.finditer(r"\S+", text)):
        start, end = _trim(text, m.start(), m.end())
        index[start:end] = [number] * (end - start)
    return index


def _tokens(chars: set[int], index: list[int]) -> set[int]:
    return {index[c] for c in chars if 0 <= c < len(index) and index[c] >= 0}


def _exact_span(text: str, ranges: Sequence[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The trimmed pieces of a span, pieces separated by whitespace only joined (docstring)."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if joined and not text[joined[-1][1]:start].strip():
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    trimmed = (_trim(text, a, b) for a, b in joined)
    return tuple((a, b) for a, b in trimmed if a < b)


def _overlaps(span: tuple[int, int], start: int | None, end: int | None) -> bool:
    return start is not None and end is not None and start < span[1] and span[0] < end


def _prf(true_pred: int, pred: int, true_gold: int, gold: int) -> dict[str, float]:
    precision = true_pred / pred if pred else 0.0
    recall = true_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _share(right: int, n: int) -> float:
    return round(right / n, 4) if n else 0.0


_SPEAKER_TYPES = ("named", "pronoun", "nominal")


@dataclass(frozen=True)
class SpeakerItem:
    """One matched in-scope gold attribution with a Source, as speaker accuracy scores it.

    ``kind`` is the Source's type (``named``, ``pronoun``, ``nominal``; module docstring),
    ``reference`` the name it refers to (None for a nominal Source), ``predicted`` the
    best-overlapping matched prediction, ``mention`` whether its speaker's span overlaps the
    gold Source, and ``right`` whether the speaker counts as right.
    """

    gold: GoldAttribution
    kind: str
    reference: str | None
    predicted: Quote
    mention: bool
    right: bool


def source_references(article: Article) -> list[tuple[int, str, str]]:
    """The article's gold Sources that are named entities: (offset, reference, label)."""
    out: list[tuple[int, str, str]] = []
    for g in article.gold:
        if g.source is not None and (
            ref := _entity_reference(g.source, article.entities, article.text)
        ):
            out.append((g.source[0], ref[0], ref[1]))
    return out


def speaker_items(article: Article) -> Iterator[SpeakerItem]:
    """The article's attributions that speaker accuracy (named, pronoun) or the nominal
    mention score looks at, in gold order (module docstring)."""
    text = article.text
    sources = source_references(article)
    preds = [(q, set(range(q.start, q.end))) for q in article.predicted]
    for g in article.gold:
        if g.source is None or not is_speech_cue(g.cue):
            continue
        chars = _chars(g.content)
        overlaps = [(o, q) for q, p in preds if (o := _matches(p, chars))]
        if not overlaps:
            continue
        best = max(overlaps, key=lambda oq: oq[0])[1]
        mention = best.speaker is not None and _overlaps(
            g.source, best.speaker.start, best.speaker.end
        )
        reference = _reference(g, article, sources)
        if reference is None:
            written = text[g.source[0]:g.source[1]].strip().lower()
            if written not in _PRONOUNS:  # nominal: scored on the mention
                yield SpeakerItem(g, "nominal", None, best, mention, mention)
            continue
        kind = "named" if _entity_reference(g.source, article.entities, text) else "pronoun"
        said = (best.speaker.name or best.speaker.text or "") if best.speaker else ""
        yield SpeakerItem(g, kind, reference, best, mention,
                          bool(_words(said) & _words(reference)))


def score(articles: Sequence[Article]) -> dict:
    """Attribution P/R/F1, speaker accuracy and the strict content match over the articles
    given, any subset of a split (module docstring)."""
    predicted = matched_pred = gold_n = matched_gold = 0
    exact_pred = exact_gold = 0
    token_pred_shared = token_pred = token_gold_shared = token_gold = 0
    by_type = {t: [0, 0] for t in _SPEAKER_TYPES}  # per type: [right, n]
    mention_ok = 0
    for article in articles:
        text = article.text
        index = _token_index(text)
        all_gold = [_chars(g.content) for g in article.gold]
        gold_tokens = [_tokens(chars, index) for chars in all_gold]
        gold_exact = {_exact_span(text, g.content) for g in article.gold}
        preds = [(q, set(range(q.start, q.end))) for q in article.predicted]
        pred_tokens = [_tokens(p, index) for _, p in preds]
        pred_exact = [_exact_span(text, [(q.start, q.end)]) for q, _ in preds]
        predicted += len(preds)
        matched_pred += sum(1 for _, p in preds if any(_matches(p, g) for g in all_gold))
        exact_pred += sum(1 for span in pred_exact if span and span in gold_exact)
        for tokens in pred_tokens:
            token_pred += len(tokens)
            token_pred_shared += max((len(tokens & g) for g in gold_tokens), default=0)
        for g, chars, tokens in zip(article.gold, all_gold, gold_tokens, strict=True):
            if not is_speech_cue(g.cue):
                continue
            gold_n += 1
            token_gold += len(tokens)
            token_gold_shared += max((len(tokens & p) for p in pred_tokens), default=0)
            trimmed = _exact_span(text, g.content)
            exact_gold += bool(trimmed) and trimmed in pred_exact
            matched_gold += any(_matches(p, chars) for _, p in preds)
        for item in speaker_items(article):
            by_type[item.kind][1] += 1
            by_type[item.kind][0] += item.right
            if item.kind != "nominal":
                mention_ok += item.mention
    attribution = _prf(matched_pred, predicted, matched_gold, gold_n)
    speaker_ok = by_type["named"][0] + by_type["pronoun"][0]
    speaker_n = by_type["named"][1] + by_type["pronoun"][1]
    return {
        "attribution": attribution,
        "speaker_accuracy": _share(speaker_ok, speaker_n),
        "n": len(articles),
        "gold": gold_n,
        "predicted": predicted,
        "speaker_n": speaker_n,
        "speaker_by_type": {
            t: {"accuracy": _share(right, n), "n": n} for t, (right, n) in by_type.items()
        },
        "mention_accuracy": _share(mention_ok, speaker_n),
        "strict": {
            "token": _prf(token_pred_shared, token_pred, token_gold_shared, token_gold),
            "exact": _prf(exact_pred, predicted, exact_gold, gold_n),
        },
    }


ERROR_CATEGORIES: tuple[str, ...] = (
    "missing speaker",
    "reference artefact: source's name is a modifier",
    "reference artefact: reference has no name words",
    "reference artefact: pronoun's reference clashes",
    "pronoun resolution",
    "boundary",
    "organisation vs person",
    "nominal/role speaker",
    "wrong candidate in sentence",
    "speaker from another sentence",
)
"""Why a named or pronoun speaker is wrong, first that applies (:func:`error_category`)."""

_GENDERED = {"he": "m", "him": "m", "she": "f", "her": "f"}


def stated_genders(article: Article, analysis: LanguageAnalysis) -> dict[str, str]:
    """The gender the article states for each person it names, as the pronoun resolver
    reads it (:attr:`unspun.quotes.coref.Coreference.genders`)."""
    from unspun.quotes.coref import Coreference
    from unspun.quotes.segments import Context, find_segments, split_paragraphs
    from unspun.quotes.speakers import fullest_name

    paragraphs = split_paragraphs(article.text)
    segments = find_segments(article.text, paragraphs)
    ctx = Context(article.text, analysis.doc, analysis, paragraphs, segments,
                  [s.start for s in segments])
    persons = [e for e in analysis.entities if e.label == "PERSON"]
    names = [e.text for e in persons]
    fullest = {e.text: fullest_name(e.text.split(), names) or e.text for e in persons}
    return Coreference(ctx, persons, [], fullest, {}).genders


def _source_head(item: SpeakerItem, analysis: LanguageAnalysis) -> Token | None:
    """The head of the gold Source's phrase: the root of its parse."""
    assert item.gold.source is not None
    span = analysis.doc.char_span(*item.gold.source, alignment_mode="expand")
    return span.root if span is not None else None


def _modifier_reference(item: SpeakerItem, analysis: LanguageAnalysis) -> bool:
    """Whether a named Source's reference is a modifier, not the Source's head ("Clinton
    campaign spokesman Nick Merrill" -> Clinton, "Democratic strategists" -> Democratic)."""
    if item.kind != "named" or item.reference is None:
        return False
    head = _source_head(item, analysis)
    return head is not None and head.lower_ not in _words(item.reference)


def _labels(article: Article, reference: str) -> set[str]:
    return {label for _, name, label in source_references(article) if name == reference}


def _pronoun(item: SpeakerItem, article: Article) -> str:
    assert item.gold.source is not None
    return article.text[item.gold.source[0]:item.gold.source[1]].strip().lower()


def _agrees(pronoun: str, name: str, label: str, genders: dict[str, str]) -> bool:
    """Whether a named source may be what ``pronoun`` stands for: a single person for
    he/she whom the article does not give the other gender; no single person for they/it."""
    if pronoun in _GENDERED:
        stated = {g for person, g in genders.items() if _words(person) & _words(name)}
        return label == "PERSON" and not (len(stated) == 1 and _GENDERED[pronoun] not in stated)
    return label != "PERSON" or pronoun in ("i", "we")


def _reference_clashes(item: SpeakerItem, article: Article, genders: dict[str, str]) -> bool:
    """Whether a pronoun's reference cannot be what the pronoun stands for (:func:`_agrees`):
    a person the article gives the other gender, or one person for "they"/"it"."""
    if item.kind != "pronoun" or item.reference is None:
        return False
    return _clashes(_pronoun(item, article), item.reference, article, genders)


def _clashes(pronoun: str, reference: str, article: Article, genders: dict[str, str]) -> bool:
    # a he/she reference that is no gold source is the nearest person named before it
    labels = _labels(article, reference) or {"PERSON"}
    return not any(_agrees(pronoun, reference, label, genders) for label in labels)


def _agreeing_source(
    pronoun: str, before: int, article: Article, genders: dict[str, str]
) -> str | None:
    """The nearest named gold Source before offset ``before`` that ``pronoun`` may stand for."""
    earlier = [(offset, name) for offset, name, label in source_references(article)
               if offset < before and _agrees(pronoun, name, label, genders)]
    return max(earlier)[1] if earlier else None


def agreeing_reference(
    gold: GoldAttribution, article: Article, genders: dict[str, str]
) -> str | None:
    """The reference of ``gold``'s Source under the adjudicated pronoun rule (module
    docstring): the official reference (:func:`speaker_items`), except that a pronoun whose
    reference clashes with it takes the nearest earlier named gold Source that agrees, or
    None when none does. ``genders`` is the article's :func:`stated_genders`."""
    reference = _reference(gold, article, source_references(article))
    if reference is None or gold.source is None or _entity_reference(
            gold.source, article.entities, article.text) is not None:
        return reference
    pronoun = article.text[gold.source[0]:gold.source[1]].strip().lower()
    if not _clashes(pronoun, reference, article, genders):
        return reference
    return _agreeing_source(pronoun, gold.source[0], article, genders)


def error_category(
    item: SpeakerItem, article: Article, analysis: LanguageAnalysis, genders: dict[str, str]
) -> str:
    """Why the wrong named or pronoun speaker of ``item`` is wrong (:data:`ERROR_CATEGORIES`).

    ``analysis`` is the article's language analysis and ``genders`` its
    :func:`stated_genders`. Reference artefacts are cases where the metric's reference, not
    the prediction, is in doubt: the reference is a modifier in the gold Source, not its head
    (the root of its parse), and the predicted speaker is that mention ("former Obama
    adviser David Axelrod" -> Obama, "Democratic strategists" -> Democratic); the
    reference has no word the comparison keeps; a pronoun's reference (the nearest earlier
    named gold Source) is a person the article calls by the other gender, or a single person
    for "they"/"it". Then: the pronoun's own mention resolved to another name (pronoun
    resolution); a named Source's mention with another phrase of it as the speaker
    (boundary); another mention, a person for an organisation or the other way round, a
    role, group or document, another phrase of the Source's sentence, or a speaker from
    another sentence.
    """
    speaker = item.predicted.speaker
    source = item.gold.source
    if speaker is None or source is None or item.reference is None:
        return ERROR_CATEGORIES[0]
    if item.mention and _modifier_reference(item, analysis):
        return ERROR_CATEGORIES[1]
    if not _words(item.reference):
        return ERROR_CATEGORIES[2]
    if _reference_clashes(item, article, genders):
        return ERROR_CATEGORIES[3]
    if item.kind == "pronoun" and item.mention:
        return ERROR_CATEGORIES[4]
    if item.mention:
        return ERROR_CATEGORIES[5]
    labels = _labels(article, item.reference)
    named = item.kind == "named"
    if (named and labels == {"PERSON"} and speaker.kind == "organisation") or (
            named and "PERSON" not in labels and speaker.kind == "person"):
        return ERROR_CATEGORIES[6]
    if speaker.kind in ("role", "vague", "document", "anonymous"):
        return ERROR_CATEGORIES[7]
    sentence_of = analysis.sentence_index
    if speaker.start is not None and sentence_of(speaker.start) == sentence_of(source[0]):
        return ERROR_CATEGORIES[8]
    return ERROR_CATEGORIES[9]


def error_table(
    articles: Sequence[Article], analyses: Sequence[LanguageAnalysis]
) -> dict[str, Any]:
    """Wrong named and pronoun speakers counted by :func:`error_category` and Source type."""
    counts = {c: {"named": 0, "pronoun": 0} for c in ERROR_CATEGORIES}
    scored = 0
    for article, analysis in zip(articles, analyses, strict=True):
        genders: dict[str, str] | None = None
        for item in speaker_items(article):
            if item.kind == "nominal":
                continue
            scored += 1
            if item.right:
                continue
            genders = genders if genders is not None else stated_genders(article, analysis)
            counts[error_category(item, article, analysis, genders)][item.kind] += 1
    return {"scored": scored, "errors": counts}


def error_markdown(table: dict[str, Any]) -> str:
    """The :func:`error_table` as a Markdown table."""
    errors = table["errors"]
    total = sum(sum(c.values()) for c in errors.values()) or 1
    lines = ["| category | named | pronoun | all | share of errors |", "|---|---|---|---|---|"]
    for category, c in errors.items():
        n = c["named"] + c["pronoun"]
        lines.append(f"| {category} | {c['named']} | {c['pronoun']} | {n} | {n / total:.1%} |")
    named = sum(c["named"] for c in errors.values())
    pronoun = sum(c["pronoun"] for c in errors.values())
    lines.append(f"| all errors | {named} | {pronoun} | {named + pronoun} | "
                 f"of {table['scored']} scored |")
    return "\n".join(lines)


ADJUDICATION_RULES: tuple[str, ...] = ("modifier: the named head", "modifier: the mention",
                                       "pronoun: an agreeing source", "pronoun: none agrees")
"""The rules of the adjudicated speaker accuracy (:func:`adjudicated_score`)."""


def _adjudicate(
    item: SpeakerItem, article: Article, analysis: LanguageAnalysis, genders: dict[str, str]
) -> tuple[str, bool | None] | None:
    """The adjudication rule that applies to ``item`` and its verdict (None: left out), or
    None when the official reference stands (module docstring, "Adjudicated")."""
    speaker = item.predicted.speaker
    said = _words((speaker.name or speaker.text or "") if speaker else "")
    if _modifier_reference(item, analysis):
        head = _source_head(item, analysis)
        assert head is not None
        person = next((e for e in article.entities if e.label == "PERSON"
                       and e.start <= head.idx < e.end), None)
        if person is not None:
            return ADJUDICATION_RULES[0], bool(
                said & _words(_fullest(person.text, "PERSON", article.entities)))
        return ADJUDICATION_RULES[1], item.mention
    if _reference_clashes(item, article, genders):
        assert item.gold.source is not None
        agreeing = _agreeing_source(_pronoun(item, article), item.gold.source[0], article,
                                    genders)
        if agreeing is not None:
            return ADJUDICATION_RULES[2], bool(said & _words(agreeing))
        return ADJUDICATION_RULES[3], None
    return None


def adjudicated_score(
    articles: Sequence[Article], analyses: Sequence[LanguageAnalysis]
) -> dict[str, Any]:
    """Speaker accuracy with the reference artefacts adjudicated by written rules (module
    docstring, "Adjudicated"), beside the official figure, with what each rule changed."""
    right = n = official_right = 0
    changed = {rule: {"cases": 0, "wrong_to_right": 0, "right_to_wrong": 0, "left_out": 0}
               for rule in ADJUDICATION_RULES}
    for article, analysis in zip(articles, analyses, strict=True):
        genders: dict[str, str] | None = None
        for item in speaker_items(article):
            if item.kind == "nominal":
                continue
            official_right += item.right
            genders = genders if genders is not None else stated_genders(article, analysis)
            verdict = _adjudicate(item, article, analysis, genders)
            if verdict is None:
                n += 1
                right += item.right
                continue
            rule, ok = verdict
            counts = changed[rule]
            counts["cases"] += 1
            if ok is None:
                counts["left_out"] += 1
                continue
            n += 1
            right += ok
            counts["wrong_to_right"] += ok and not item.right
            counts["right_to_wrong"] += item.right and not ok
    official_n = n + sum(c["left_out"] for c in changed.values())
    return {"speaker_accuracy": _share(right, n), "n": n,
            "official": _share(official_right, official_n), "official_n": official_n,
            "changed": changed}


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
    ``articles_out``, when given, receives the scored articles for error analysis. The
    result is :func:`score`'s, with :func:`adjudicated_score` under ``adjudicated``.
    """
    from unspun.nlp import LanguageLayer
    from unspun.quotes import find_quotes

    data_dir = Path(data_dir)
    split_dir = data_dir if (data_dir / "text").is_dir() else data_dir / "dev"
    if not (split_dir / "text").is_dir():
        raise FileNotFoundError(f"no PolNeAR split (text/ and attributions/) in {data_dir}")
    language = layer or LanguageLayer()
    articles = read_split(split_dir, limit)
    analyses = []
    for article in articles:
        analysis = language.analyze(article.text, None)
        article.entities = analysis.entities
        article.predicted = find_quotes(analysis, article.text)
        analyses.append(analysis)
    if articles_out is not None:
        articles_out.extend(articles)
    return {**score(articles), "adjudicated": adjudicated_score(articles, analyses)}
