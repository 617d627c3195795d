"""Build the first-name gender list the pronoun resolver reads (``first_names.json``).

    python -m training.first_names --out src/unspun/models/speakers/first_names.json

An article states a person's gender only sometimes (a title, "the chairwoman", a "she" in a
sentence about that person alone: :attr:`unspun.quotes.coref.Coreference.genders`). Where it
states none, a reader still takes "Hillary Clinton" for a woman and "Donald Trump" for a man.
This script writes that knowledge down from the US Census Bureau's 1990 first-name lists
(public domain; shipped on PyPI in the ``names`` package, 0.3.0, MIT, part of the ``train``
extra): each name with its frequency among men and among women, in percent. A name is
written as male when its share among men is at least :data:`RATIO` times its share among
women, and the other way round; names common to both ("Kelly", "Jordan", "Pat") are left
out, and so are names the lists lack (most outside the United States) and names mostly
women's there but men's in Europe (:data:`ELSEWHERE_MEN`).

Writes one JSON object: ``source``, ``ratio``, and ``male`` and ``female`` as sorted lists of
capitalised names. :func:`unspun.quotes.names.first_name_gender` reads it.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

RATIO = 4.0
"""How much more frequent among one sex a name must be to be taken as that sex's."""

ELSEWHERE_MEN = frozenset(
    "Andrea Nicola Simone Michele Gabriele Daniele Jean Valery Sasha Toni".split())
"""Names mostly women's in the United States but men's in the European news that quotes
them (Andrea Orlando, Jean Castex, Valery Gerasimov): left out."""


def read_census(kind: str) -> dict[str, float]:
    """One census list (``male`` or ``female``): capitalised name -> percent of people of
    that sex who bear it."""
    text = (resources.files("names") / f"dist.{kind}.first").read_text("utf-8")
    shares: dict[str, float] = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) == 4:
            shares[fields[0].capitalize()] = float(fields[1])
    return shares


def split_by_gender(
    male: dict[str, float], female: dict[str, float], ratio: float = RATIO
) -> tuple[list[str], list[str]]:
    """The names clearly male and clearly female (``ratio`` times as frequent)."""
    men, women = [], []
    for name in (set(male) | set(female)) - ELSEWHERE_MEN:
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m > 0 and m >= ratio * f:
            men.append(name)
        elif f > 0 and f >= ratio * m:
            women.append(name)
    return sorted(men), sorted(women)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    men, women = split_by_gender(read_census("male"), read_census("female"))
    args.out.write_text(json.dumps({
        "source": "US Census Bureau, 1990 first names (public domain), via PyPI names 0.3.0",
        "ratio": RATIO,
        "male": men,
        "female": women,
    }) + "\n", "utf-8")
    print(f"{len(men)} male and {len(women)} female first names -> {args.out}")


if __name__ == "__main__":
    main()
