"""Which language an article is in, so that non-English text is refused, not mis-analysed.

py3langid does the identification. It is easily swayed on short texts made mostly of names
("Putin met Lukashenko in Minsk" scores as Hausa), so a share of common English function
words also counts as evidence for English.

It is swayed by what is not language too: stray bytes decoded into odd letters, symbols,
markup or code punctuation, links and numbers pushed English prose to Frisian or Korean. So
identification reads the text's *words* only (:func:`letters_view`): links and e-mail
addresses dropped, symbols, control characters and the letters of a minority script (the
Hangul of a mis-decoded byte) deleted, punctuation and digits turned into spaces. And a text
is refused as another language only when the identifier is confident and English is not a
close second; otherwise the refusal says why it cannot tell: too short, too little
alphabetic text, or several languages mixed.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any, NamedTuple

from unspun.errors import InputError, UnsupportedLanguageError

# Identification reads the opening of the article; more text changes nothing but the cost.
_SAMPLE_CHARS = 5000
# Below this many words langid's guess is noise ("Danke schön" or "Breaking news" can come
# out as anything); such a text is refused as too short, not as a wrong language.
MIN_WORDS_TO_IDENTIFY = 8
# Share of English function words above which a text is English whatever langid says.
# Running English prose sits around 0.4-0.5; other Latin-script languages stay below 0.05.
_ENGLISH_FUNCTION_WORD_SHARE = 0.2
_MIN_FUNCTION_WORD_TYPES = 3
# A text is refused as language X only if X scores at least this (norm_probs: 0-1)...
_MIN_CONFIDENCE = 0.5
# ...and English scores more than this much below it (or below half of it); closer, it is
# taken as English, if it scores at least _MIN_CLOSE_SECOND itself.
_ENGLISH_MARGIN = 0.25
_MIN_CLOSE_SECOND = 0.2
# Below this share of letters among the non-space characters, what langid reads is mostly
# numbers, symbols, links or garbage: no language is named.
_MIN_LETTER_SHARE = 0.5
# Mixed languages: the text is cut into paragraphs (windows of this many words in a long
# one), each identified alone; English in at least _MIN_MIXED_SHARE of the words is "mixed",
# in _ENGLISH_MAJORITY of them English (a German article quoting English tweets is German).
_WINDOW_WORDS = 25
_MIN_MIXED_SHARE = 1 / 3
_ENGLISH_MAJORITY = 2 / 3
# The ASCII letters of a Latin-script text are read alone too (a mis-decoded page puts "Ã",
# "Ð" or "Ý" inside English words) when no more than this share of its letters is non-ASCII.
# Vietnamese has about 0.3, Turkish and Czech 0.1-0.2, and their ASCII letters stay theirs.
_MAX_NON_ASCII_FOR_ASCII_VIEW = 0.25

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_UNSPACED_SCRIPT = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f]")
# Links, e-mail addresses and bare domains: their letters are not the article's language.
_LINKISH = re.compile(
    r"\S*://\S*|\bwww\.\S+|\S+@\S+\.\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|io)\b\S*",
    re.IGNORECASE,
)
# Scripts that write one language together (Japanese mixes kana and kanji).
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK"}
# Scripts whose every character is a syllable: each counts this many letters when finding
# the script most of a text is in (Chinese lyrics with their pinyin are Chinese).
_SYLLABIC_SCRIPTS = frozenset({"CJK", "HANGUL", "YI"})
_SYLLABIC_WEIGHT = 4
_ENGLISH_FUNCTION_WORDS = frozenset(
    """a about after all also an and are as at be been but by can could did do does for from
    had has have he her his how i if in into is it its more my no not of on or our out said
    says she so than that the their them there these they this those to up was we were what
    when which who will with would you your""".split()
)


class LanguageGuess(NamedTuple):
    language: str
    probability: float
    english_function_word_share: float


class LettersView(NamedTuple):
    """What identification reads of a text: its words, and how much of the text they are."""

    words: list[str]
    letter_share: float
    """Letters kept, as a share of the text's characters other than spaces (0 for none)."""
    script: str
    """The script most letters are in ("LATIN", "CYRILLIC", "CJK"...), "" for none."""
    non_ascii_share: float
    """Share of the kept letters that are not ASCII."""

    @property
    def text(self) -> str:
        return " ".join(self.words)


@lru_cache(maxsize=1)
def language_identifier() -> Any:
    """py3langid's identifier, loaded once per process (about a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    first = unicodedata.name(char, "").split(" ", 1)[0]
    return _SCRIPT_GROUPS.get(first, first)


def letters_view(text: str) -> LettersView:
    """The words of *text* as identification should read them (see the module's doc)."""
    unlinked = _LINKISH.sub(" ", text)
    scripts: Counter[str] = Counter()
    for char in unlinked:
        if char.isalpha():
            script = _script(char)
            # One Chinese character or Hangul syllable says about as much as a few letters.
            scripts[script] += _SYLLABIC_WEIGHT if script in _SYLLABIC_SCRIPTS else 1
    main = scripts.most_common(1)[0][0] if scripts else ""
    out: list[str] = []
    for char in unlinked:
        if char.isalpha():
            if _script(char) == main:
                out.append(char)
            continue  # a letter of another script: deleted, so a word it split is whole
        category = unicodedata.category(char)
        if char in "'\u2019":
            out.append("'")
        elif category[0] == "M":
            out.append(char)  # combining marks belong to the letter before them
        elif category[0] in "PZ" or category == "Nd" or char.isspace():
            out.append(" ")
        # Symbols, control and format characters, other numbers: deleted.
    words = [w.strip("'") for w in "".join(out).split()]
    words = [w for w in words if w]
    letters = sum(len(w) - w.count("'") for w in words)
    non_space = sum(not c.isspace() for c in text)
    non_ascii = sum(not c.isascii() for w in words for c in w if c.isalpha())
    return LettersView(
        words,
        letters / non_space if non_space else 0.0,
        main,
        non_ascii / letters if letters else 0.0,
    )


def _function_word_share(words: list[str]) -> float:
    """Share of English function words among *words*; 0 unless at least
    :data:`_MIN_FUNCTION_WORD_TYPES` different ones of two letters or more occur (Hungarian's
    article "a" alone makes a fifth of some sentences, Romanian has "a", "i" and "at")."""
    found = [w for w in (w.lower() for w in words) if w in _ENGLISH_FUNCTION_WORDS]
    if len(set(found) - {"a", "i"}) < _MIN_FUNCTION_WORD_TYPES:
        return 0.0
    return len(found) / len(words)


def _scores(text: str) -> dict[str, float]:
    return {str(code): float(p) for code, p in language_identifier().rank(text)}


def detect_language(text: str) -> LanguageGuess:
    """Guess the language of ``text`` (ISO 639-1 code and probability), from its words."""
    view = letters_view(text[:_SAMPLE_CHARS])
    language, probability = language_identifier().classify(view.text)
    return LanguageGuess(str(language), float(probability), _function_word_share(view.words))


@lru_cache(maxsize=256)
def language_name(code: str) -> str | None:
    """The English name of an ISO 639-1 code ("ru" → "Russian"), from CLDR via Babel."""
    from babel import Locale

    name = Locale("en").languages.get(code)
    return str(name) if name else None


def _named(code: str) -> str:
    name = language_name(code)
    return f"{name} ({code})" if name else code


def _reads_as_english(scores: dict[str, float]) -> bool:
    """English is the best guess, or so close to it that refusing would be a guess."""
    best = max(scores.values(), default=0.0)
    english = scores.get("en", 0.0)
    if english >= best:
        return english > 0.0
    return english >= max(_MIN_CLOSE_SECOND, best - _ENGLISH_MARGIN, best / 2)


def _segments(sample: str) -> list[list[str]]:
    """The words of *sample* in pieces to identify one by one: its paragraphs (lines), short
    ones joined to the next, long ones cut into windows of :data:`_WINDOW_WORDS` words."""
    pieces: list[list[str]] = []
    pending: list[str] = []
    for line in sample.splitlines():
        pending += letters_view(line).words
        if len(pending) < MIN_WORDS_TO_IDENTIFY:
            continue
        for start in range(0, len(pending), _WINDOW_WORDS):
            window = pending[start : start + _WINDOW_WORDS]
            if len(window) < MIN_WORDS_TO_IDENTIFY and pieces:
                pieces[-1] = pieces[-1] + window  # a short tail joins the window before it
            else:
                pieces.append(window)
        pending = []
    if pending and pieces:
        pieces[-1] = pieces[-1] + pending
    return pieces


def _language_shares(sample: str) -> dict[str, float]:
    """Share of the words of *sample* in each language, piece by piece ("en" where English
    wins on function words or comes close enough)."""
    shares: dict[str, float] = {}
    pieces = _segments(sample)
    total = sum(len(piece) for piece in pieces)
    for piece in pieces:
        if _function_word_share(piece) >= _ENGLISH_FUNCTION_WORD_SHARE:
            language = "en"
        else:
            scores = _scores(" ".join(piece))
            language = "en" if _reads_as_english(scores) else max(scores, key=scores.__getitem__)
        shares[language] = shares.get(language, 0.0) + len(piece) / total
    return shares


def require_english(text: str, source: str = "input") -> str:
    """Return ``"en"`` or raise: InputError if there is no text or too little to tell its
    language, UnsupportedLanguageError if it is in another language, in several mixed, or in
    one that cannot be told with confidence."""
    if not _WORD.search(text):
        raise InputError(f"no readable text in {source}")
    sample = text[:_SAMPLE_CHARS]
    view = letters_view(sample)
    if _function_word_share(view.words) >= _ENGLISH_FUNCTION_WORD_SHARE:
        return "en"
    scores = _scores(view.text)
    if _reads_as_english(scores):
        return "en"
    if view.script == "LATIN" and view.non_ascii_share <= _MAX_NON_ASCII_FOR_ASCII_VIEW:
        ascii_words = ["".join(c for c in w if c.isascii()) for w in view.words]
        if _reads_as_english(_scores(" ".join(w for w in ascii_words if w))):
            return "en"

    unspaced = bool(_UNSPACED_SCRIPT.search(sample))
    words = len(_WORD.findall(sample))
    mostly_not_words = view.letter_share < _MIN_LETTER_SHARE
    # Scripts written without spaces (Chinese, Japanese) have few "words" however long the
    # text: langid reads them well from a few characters.
    if words < MIN_WORDS_TO_IDENTIFY and not unspaced:
        if mostly_not_words and len(sample.split()) >= MIN_WORDS_TO_IDENTIFY:
            raise _too_little_alphabetic(view, source)
        raise InputError(
            f"too short to analyse: {words} word{'s' if words != 1 else ''}; at least"
            f" {MIN_WORDS_TO_IDENTIFY} are needed to tell its language ({source})"
        )
    shares = _language_shares(sample)
    english = shares.pop("en", 0.0)
    if english >= _ENGLISH_MAJORITY:
        return "en"
    if english >= _MIN_MIXED_SHARE and shares:
        other = max(shares, key=shares.__getitem__)
        raise UnsupportedLanguageError(
            None,
            "unsupported language: the article mixes languages (about"
            f" {english:.0%} English, {shares[other]:.0%} {_named(other)}; unspun analyses"
            " English only)",
        )
    best = max(scores, key=scores.__getitem__)
    if scores[best] >= _MIN_CONFIDENCE and not (
        mostly_not_words and len(view.words) < MIN_WORDS_TO_IDENTIFY
    ):
        raise UnsupportedLanguageError(best, name=language_name(best))
    if mostly_not_words:
        raise _too_little_alphabetic(view, source)
    raise UnsupportedLanguageError(
        None,
        "unsupported language: cannot tell which language the article is in (no language"
        f" scores {_MIN_CONFIDENCE:.0%} or more; unspun analyses English only)",
    )


def _too_little_alphabetic(view: LettersView, source: str) -> InputError:
    words_part = f"only {view.letter_share:.0%}" if view.words else "none"
    return InputError(
        f"too little alphabetic text to tell its language ({source}): {words_part} of it is"
        " words, the rest numbers, symbols, links or unreadable characters"
    )
