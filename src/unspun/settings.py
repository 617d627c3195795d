"""Typed settings in one place: model directories, the layers' thresholds, the text limit.

The values a user may want to change for a run live here, with the reason for each, so that
a run can be reconfigured (``Analyzer(models=..., settings=...)``) without editing a module.
The decoding of the technique model and the claims head's threshold ship with the models
(their ``config.json`` / ``claims.json``); the rules' own constants (the confidences the
quotes rules give, the date rules) stay with the rules they are part of. Ingestion limits are
:class:`unspun.ingest.IngestOptions`, carried in :attr:`Settings.ingest`.

Settings are frozen dataclasses: change one with :func:`dataclasses.replace`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from unspun.ingest import IngestOptions

SHIPPED_MODELS = Path(__file__).resolve().parent / "models"
"""The models that ship with the package: ``techniques/`` (encoder + heads), ``claims/`` and
``speakers/``."""


@dataclass(frozen=True)
class ModelPaths:
    """Where each model's files are.

    ``encoder`` holds the shared ONNX encoder, its ``tokenizer.json`` and the ``config.json``
    that sets its windows. It is the technique model's directory, because the encoder was
    fine-tuned together with the span-identification head that is part of its graph.
    """

    encoder: Path = SHIPPED_MODELS / "techniques"
    techniques: Path = SHIPPED_MODELS / "techniques"
    claims: Path = SHIPPED_MODELS / "claims"
    speakers: Path = SHIPPED_MODELS / "speakers"
    """The quotes layer's pronoun-speaker resolver (:mod:`unspun.quotes.coref`)."""

    @classmethod
    def from_root(cls, root: str | os.PathLike[str]) -> ModelPaths:
        """The paths of a directory laid out like the shipped one (``techniques/``,
        ``claims/``, and ``speakers/``, which falls back to the shipped one when the
        directory has none: a directory of retrained encoder models need not copy it)."""
        base = Path(root).expanduser()
        speakers = base / "speakers"
        return cls(encoder=base / "techniques", techniques=base / "techniques",
                   claims=base / "claims",
                   speakers=speakers if speakers.is_dir() else cls.speakers)


@dataclass(frozen=True)
class ExtractSettings:
    """Limits on an HTML page, checked after parsing and before the text passes.

    A page past either is refused at once (:class:`~unspun.errors.InputError`) rather than
    tying a worker up: trafilatura's passes take about 4 s per 100,000 elements (an 8 MB page
    of ``<br>`` tags, two million elements, took minutes and 2.4 GB). The 990 real pages of
    the extraction corpus have at most 10,106 elements (median 696) and nest at most 42 deep.
    """

    max_elements: int = 200_000
    """Most elements a page may have (20 times the largest real page seen; about 8 s and
    300 MB of extraction at the limit)."""
    max_depth: int = 200
    """Deepest nesting of elements accepted. The HTML parser itself stops nesting at 256
    levels, and what lies deeper is lost: a page nested past this is refused instead."""


@dataclass(frozen=True)
class LanguageSettings:
    max_text_chars: int = 1_000_000
    """Longest article text parsed; spaCy needs about 1 GB of memory per 100,000 characters
    of parser input at worst, and no news article comes near a million."""
    max_words: int = 20_000
    """Most words (runs of non-space characters) in an article analysed. The longest
    articles of PTC and PolNeAR have about 8,000 words; 21,000 words took 29 s and 760 MB in
    all (spaCy's parse most of it), and the time and memory grow faster than the length
    (990 KB of text took 2 minutes and 3.7 GB)."""


@dataclass(frozen=True)
class EncoderSettings:
    threads: int = 1
    """onnxruntime threads per encoder: one, so that one article's analysis does not compete
    with the rest of the pipeline (or other requests and workers) for every core."""


@dataclass(frozen=True)
class TechniqueSettings:
    second_technique_min: float = 0.35
    """A span gets a second technique when the technique head gives that one at least this
    probability (about one gold fragment in ten carries two techniques)."""


@dataclass(frozen=True)
class ClaimSettings:
    """The rules over the check-worthiness head (see :mod:`unspun.claims`).

    The factors are downweights, not vetoes: a sentence the head is sure of (0.95) survives a
    marker and stays above the ~0.63 threshold, a borderline one (0.7) drops. A quoted
    forecast with a number in it ("will cut emissions by 30%") is still worth checking; "it
    will be great" is not.
    """

    opinion_factor: float = 0.6
    """Multiplies the check-worthiness of a sentence with an opinion marker ("I think",
    "should", ...): an opinion is not a checkable statement of fact."""
    prediction_factor: float = 0.75
    """Multiplies the score of a prediction ("will", "could", ...): it cannot be checked yet."""
    no_figure_factor: float = 1.0
    """Multiplies the score of a sentence with no figure in it (no number, amount or
    percentage; a date is not a figure). Off (1.0): a news decision measured and not shipped
    (issue 30). The head, trained on debate transcripts, flags about twice the labelled share
    of news sentences, mostly routine reporting without a figure; 0.7 (such a sentence needs
    about 0.9 from the head) was chosen on the PolNeAR train tuning set (F1 0.542 -> 0.614,
    flagged 0.47 -> 0.26 against 0.22 labelled) but lowered F1 on the dev news set measured
    once with it (0.465 -> 0.450, flagged 0.48 -> 0.27 against 0.24), whose check-worthy
    sentences carry a figure less often; the claims model card's News section has it all."""
    threshold: float | None = None
    """Overrides the head's cross-validated threshold (``claims.json``) when set."""


@dataclass(frozen=True)
class Settings:
    """Everything an :class:`~unspun.Analyzer` is configured with."""

    models: ModelPaths = field(default_factory=ModelPaths)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    extract: ExtractSettings = field(default_factory=ExtractSettings)
    language: LanguageSettings = field(default_factory=LanguageSettings)
    encoder: EncoderSettings = field(default_factory=EncoderSettings)
    techniques: TechniqueSettings = field(default_factory=TechniqueSettings)
    claims: ClaimSettings = field(default_factory=ClaimSettings)


DEFAULTS = Settings()
