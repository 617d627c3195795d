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
class LanguageSettings:
    max_text_chars: int = 1_000_000
    """Longest article text parsed; spaCy needs about 1 GB of memory per 100,000 characters
    of parser input at worst, and no news article comes near a million."""


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
    marker and stays above the ~0.62 threshold, a borderline one (0.7) drops. A quoted
    forecast with a number in it ("will cut emissions by 30%") is still worth checking; "it
    will be great" is not.
    """

    opinion_factor: float = 0.6
    """Multiplies the check-worthiness of a sentence with an opinion marker ("I think",
    "should", ...): an opinion is not a checkable statement of fact."""
    prediction_factor: float = 0.75
    """Multiplies the score of a prediction ("will", "could", ...): it cannot be checked yet."""
    threshold: float | None = None
    """Overrides the head's cross-validated threshold (``claims.json``) when set."""


@dataclass(frozen=True)
class Settings:
    """Everything an :class:`~unspun.Analyzer` is configured with."""

    models: ModelPaths = field(default_factory=ModelPaths)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    language: LanguageSettings = field(default_factory=LanguageSettings)
    encoder: EncoderSettings = field(default_factory=EncoderSettings)
    techniques: TechniqueSettings = field(default_factory=TechniqueSettings)
    claims: ClaimSettings = field(default_factory=ClaimSettings)


DEFAULTS = Settings()
