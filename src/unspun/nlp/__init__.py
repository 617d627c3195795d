"""The language layer: language identification, the spaCy pipeline, and date resolution."""

from unspun.nlp.language_id import detect_language, require_english
from unspun.nlp.pipeline import LanguageLayer, load_spacy

__all__ = ["LanguageLayer", "detect_language", "load_spacy", "require_english"]
