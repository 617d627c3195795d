"""Which language an article is in, so that non-English text is refused, not mis-analysed.

py3langid does the identification. It is easily swayed on short texts made mostly of names
("Putin met Lukashenko in Minsk" scores as Hausa), so a share of common English function
words also counts as evidence for English.
"""

from __future__ import annotations

import re
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

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_UNSPACED_SCRIPT = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f]")
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


@lru_cache(maxsize=1)
def language_identifier() -> Any:
    """py3langid's identifier, loaded once per process (about a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """Guess the language of ``text`` (ISO 639-1 code and probability)."""
    sample = text[:_SAMPLE_CHARS]
    language, probability = language_identifier().classify(sample)
    words = [w.lower() for w in _WORD.findall(sample)]
    share = sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words) if words else 0.0
    return LanguageGuess(str(language), float(probability), share)


@lru_cache(maxsize=256)
def language_name(code: str) -> str | None:
    """The English name of an ISO 639-1 code ("ru" → "Russian"), from CLDR via Babel."""
    from babel import Locale

    name = Locale("en").languages.get(code)
    return str(name) if name else None


def require_english(text: str, source: str = "input") -> str:
    """Return ``"en"`` or raise: InputError if there is no text, UnsupportedLanguageError if
    the text is in another language."""
    if not _WORD.search(text):
        raise InputError(f"no readable text in {source}")
    guess = detect_language(text)
    if guess.language == "en" or guess.english_function_word_share >= _ENGLISH_FUNCTION_WORD_SHARE:
        return "en"
    words = len(_WORD.findall(text[:_SAMPLE_CHARS]))
    # Scripts written without spaces (Chinese, Japanese) have few "words" however long the
    # text: langid reads them well from a few characters.
    if words < MIN_WORDS_TO_IDENTIFY and not _UNSPACED_SCRIPT.search(text):
        raise InputError(
            f"too short to analyse: {words} word{'s' if words != 1 else ''}; at least"
            f" {MIN_WORDS_TO_IDENTIFY} are needed to tell its language ({source})"
        )
    raise UnsupportedLanguageError(guess.language, name=language_name(guess.language))
