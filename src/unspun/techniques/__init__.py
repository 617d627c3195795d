"""Persuasion techniques (SemEval-2020 Task 11): the catalogue, and later the model I/O."""

from unspun.techniques.catalog import (
    BY_ID,
    TECHNIQUE_IDS,
    TECHNIQUES,
    UNKNOWN_COLOUR,
    Technique,
    get_technique,
)

__all__ = ["BY_ID", "TECHNIQUES", "TECHNIQUE_IDS", "UNKNOWN_COLOUR", "Technique", "get_technique"]
