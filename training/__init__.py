"""Training scripts (need the `train` extra: torch, transformers)."""
