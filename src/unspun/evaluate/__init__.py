"""Evaluation metrics and data readers for the corpora unspun is measured on."""
