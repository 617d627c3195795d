"""What a person's name alone says: the usual gender of its first name, and so which of the
relatives who share a surname "Mr" or "Mrs" with it means.

Read by the pronoun resolver (:mod:`unspun.quotes.coref`), the speakers' rules and the speaker
kinds (:mod:`unspun.quotes.kinds`), which is why it sits apart from all three.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from unspun.report import Entity


@lru_cache(maxsize=1)
def _first_names() -> dict[str, str]:
    """First name -> "m" or "f", as ``training.first_names`` wrote them; empty without the
    file."""
    from unspun.settings import SHIPPED_MODELS

    path = SHIPPED_MODELS / "speakers" / "first_names.json"
    if not path.is_file():
        return {}
    data = json.loads(path.read_text("utf-8"))
    genders = dict.fromkeys(data["male"], "m")
    genders.update(dict.fromkeys(data["female"], "f"))
    return genders


def first_name_gender(name: str) -> str | None:
    """The gender most people with the first name of ``name`` have ("Hillary Clinton" ->
    "f"): what a reader assumes where the article states none. None for a single word, and
    for a first name common to both or missing from the list (:mod:`training.first_names`)."""
    words = [w for w in name.split() if w.lower().rstrip(".") not in _NAME_TITLES]
    # the lists write names capitalised; "RoseAnn", "LaToya" and a name in capitals are the
    # same names (a word in lower case is no name: "will power")
    first = words[0] if words else ""
    capitalised = first[:1].upper() + first[1:].lower()
    if (len(words) < 2 or not first[:1].isupper() or first in _FAMILY_NAMES_FIRST
            or capitalised in _FAMILY_NAMES_FIRST):
        return None
    return _first_names().get(first) or _first_names().get(capitalised)


# Titles a name may keep before the first name ("Major Tom Hill", "President Joe Biden").
_NAME_TITLES = frozenset(
    """president senator sen rep governor gov mayor minister secretary general gen major
    colonel col captain capt lieutenant lt sergeant sgt judge justice dr doctor prof
    professor rev father sister brother chancellor premier ambassador""".split())
# Common East Asian family names, which open a name written family name first ("Kim Jong
# Un", "Li Qiang", "Moon Jae-in"): no first name to read.
_FAMILY_NAMES_FIRST = frozenset(
    """Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Shin Moon Song Li Wang Zhang Liu
    Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Xi Ho Nguyen Tran Le
    Pham Vu Hoang""".split())


def relative_meant(
    written: str,
    start: int,
    name: str,
    persons: Sequence[Entity],
    gender_of: Callable[[str], str | None] = first_name_gender,
    is_subject: Callable[[Entity], bool] | None = None,
) -> str:
    """Of relatives sharing a surname ("Thandi", "Lindiwe" and "Sipho Mokoena"), the one a
    surname after "Mr", "Mrs", "Ms" or "Miss" at ``start`` means, of the title's gender (by
    ``gender_of``, the article's where it states one): the last the article made the subject
    of a sentence (``is_subject``), else the last named in full ("Her mother, Lindiwe
    Mokoena, ... Mrs Mokoena said"; not a namesake an economist "often quotes"). ``name``
    where the surname is no one else's or the mention is no titled surname. (Preferring the
    last relative who spoke cost a family feud two speakers: a relative introduced since
    speaks next.)"""
    words = written.split()
    surname = name.split()[-1]
    title = words[0].lower().rstrip(".")
    if len(words) != 2 or words[1] != surname or title not in _GENDERED_TITLES:
        # (a surname alone in a profile is its subject's, however many relatives speak)
        return name
    unwanted = "f" if title in ("mr", "mister") else "m"
    relatives = [e for e in persons if e.start < start and len(e.text.split()) > 1
                 and e.text.split()[-1] == surname
                 and gender_of(e.text) != unwanted]
    if len({e.text for e in relatives}) < 2 and (
            gender_of(name) != unwanted or not relatives):
        return name
    subjects = [e for e in relatives if is_subject is not None and is_subject(e)]
    return max(subjects or relatives, key=lambda e: e.start).text


_GENDERED_TITLES = frozenset({"mr", "mister", "mrs", "ms", "miss"})
