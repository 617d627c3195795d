"""The command line: formats, outputs, and one-line errors with exit code 2."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import SAMPLES
from unspun import __version__
from unspun.cli import main
from unspun.report import Report

SAMPLE = SAMPLES / "sample-article.html"


def run(*argv: str) -> tuple[int, str, str]:
    args = list(argv)
    if args[0] in ("analyze", "extract") and "--max-memory" not in args:
        # In this process the cap would weigh the whole test run (every model the suite has
        # loaded), not one analysis; the tests that run `unspun` as a process keep it.
        args += ["--max-memory", "0"]
    out, err = io.StringIO(), io.StringIO()
    code = main(args, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_schema_prints_json_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out)["title"] == "Report"


def test_analyze_json_is_a_valid_report() -> None:
    code, out, err = run("analyze", str(SAMPLE), "--format", "json")
    assert code == 0, err
    report = Report.model_validate_json(out)
    assert report.document.title


def test_analyze_writes_html_inferred_from_output(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, out, err = run("analyze", str(SAMPLE), "--output", str(target))
    assert code == 0, err
    html = target.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert out == ""


def test_analyze_markdown_summary() -> None:
    code, out, _ = run("analyze", str(SAMPLE), "--format", "md")
    assert code == 0
    assert "sentences" in out


def _one_line_error(code: int, err: str, expected: str) -> None:
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("unspun: error:"), err
    assert expected in err
    assert "Traceback" not in err


def test_missing_file(tmp_path: Path) -> None:
    _one_line_error(*run("analyze", str(tmp_path / "nope.html"))[::2], "no such file")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    _one_line_error(*run("analyze", str(path))[::2], "binary")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _one_line_error(*run("analyze", str(path))[::2], "empty")


def test_non_english_file(tmp_path: Path) -> None:
    path = tmp_path / "de.txt"
    path.write_text("Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen, das die "
                    "Mieten in den großen Städten begrenzen soll.", encoding="utf-8")
    _one_line_error(*run("analyze", str(path))[::2], "unsupported language")


def test_refused_url() -> None:
    _one_line_error(*run("analyze", "http://127.0.0.1:9/story")[::2], "127.0.0.1")


def test_stdin_in_a_real_process() -> None:
    text = "The ministry said on Sunday that 300 troops had returned to their bases."
    done = subprocess.run([sys.executable, "-m", "unspun", "analyze", "-", "--format", "json"],
                          input=text.encode(), capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert Report.model_validate_json(done.stdout).source == "-"


def test_evaluate_polnear_prints_scores() -> None:
    data = Path(__file__).parent / "fixtures" / "polnear" / "dev"
    code, out, err = run("evaluate", "polnear", "--data", str(data))
    assert code == 0, err
    result = json.loads(out)
    assert set(result["attribution"]) == {"precision", "recall", "f1"}
    assert result["n"] == 1 and 0 <= result["speaker_accuracy"] <= 1


def test_evaluate_polnear_missing_directory(tmp_path: Path) -> None:
    _one_line_error(*run("evaluate", "polnear", "--data", str(tmp_path / "x"))[::2], "PolNeAR")


def test_evaluate_ptc_without_articles(tmp_path: Path) -> None:
    labels = tmp_path / "labels.txt"
    labels.write_text("1\tLoaded_Language\t0\t4\n", encoding="utf-8")
    code, _, err = run("evaluate", "ptc", "--articles", str(tmp_path / "none"),
                       "--labels", str(labels))
    assert code == 2 and "unspun: error:" in err


def test_analyze_only_some_layers() -> None:
    code, out, err = run("analyze", str(SAMPLE), "--layers", "quotes,entities")
    assert code == 0, err
    report = Report.model_validate_json(out)
    assert report.quotes and report.entities and not report.techniques
    assert report.skipped_layers == ["sentences", "dates", "claims", "techniques"]
    code, out, _ = run("analyze", str(SAMPLE), "--layers", "quotes", "-f", "md")
    assert code == 0 and "_Layers not run: sentences, entities, dates, claims, techniques._" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--layers", "quotes,bogus"], "unspun: error: unknown layer(s): bogus; available: "),
        (["--models", "/nonexistent/models"], "unspun: error: model directory not found: "),
    ],
)
def test_bad_layer_or_model_options_are_one_line_errors(args: list[str], message: str) -> None:
    code, out, err = run("analyze", str(SAMPLE), *args)
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_layers_command_lists_the_layers_and_their_needs() -> None:
    code, out, _ = run("layers")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert list(lines)[:6] == ["sentences", "entities", "dates", "quotes", "claims", "techniques"]
    assert "encoder" in lines["claims"] and "encoder" not in lines["quotes"]


def test_non_english_error_names_the_language(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_text("Президент заявил, что правительство примет новые меры для поддержки"
                    " экономики в следующем году.", encoding="utf-8")
    _one_line_error(*run("analyze", str(path))[::2], "appears to be in Russian (ru)")


def test_extract_any_language_as_json_or_text(tmp_path: Path) -> None:
    page = tmp_path / "de.html"
    page.write_text(
        "<html><head><title>Mietpreisbremse beschlossen</title>"
        '<meta name="author" content="Anna Schmidt"></head><body><article>'
        "<h1>Mietpreisbremse beschlossen</h1><p>Der Bundestag hat am Donnerstag ein neues"
        " Gesetz beschlossen, das die Mieten in den großen Städten begrenzen soll.</p>"
        "<p>Die Opposition kritisierte den Entwurf scharf.</p></article></body></html>",
        encoding="utf-8")
    code, out, err = run("extract", str(page))
    assert code == 0, err
    document = json.loads(out)
    assert document["language"] == "de" and document["title"] == "Mietpreisbremse beschlossen"
    assert document["author"] == "Anna Schmidt"
    assert "Der Bundestag hat am Donnerstag" in document["text"]
    assert set(document) == {"url", "title", "author", "date", "site", "language", "text"}
    code, out, _ = run("extract", str(page), "--format", "text")
    assert code == 0 and out.rstrip("\n") == document["text"]


def test_extract_has_the_same_errors_as_analyze(tmp_path: Path) -> None:
    _one_line_error(*run("extract", str(tmp_path / "nope.html"))[::2], "no such file")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _one_line_error(*run("extract", str(empty))[::2], "empty")


def test_extract_a_warc_writes_json_lines(tmp_path: Path) -> None:
    from batch.batch_support import write_warc

    code, out, err = run("extract", str(write_warc(tmp_path / "crawl.warc", 3)))
    assert code == 0, err
    documents = [json.loads(line) for line in out.splitlines()]
    assert [d["url"] for d in documents] == [f"https://news.example/{i}" for i in range(3)]
    assert all(f"Warc story {i} is here." in d["text"] for i, d in enumerate(documents))


def test_extract_leaves_the_language_of_a_too_short_text_unknown(tmp_path: Path) -> None:
    path = tmp_path / "hello.txt"
    path.write_text("Danke schön, bis morgen", encoding="utf-8")
    code, out, err = run("extract", str(path))
    assert code == 0, err
    assert json.loads(out)["language"] is None


def _unspun(*argv: str) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "unspun", *argv], capture_output=True,
                          text=True, timeout=120, check=False)
    return done, time.monotonic() - started


def test_analyze_past_its_deadline_ends_in_one_line() -> None:
    done, _ = _unspun("analyze", str(SAMPLE), "--deadline", "0.01")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"unspun: {SAMPLE}: took longer than 0.01 s\n"


def test_a_long_analysis_is_stopped_at_its_deadline(tmp_path: Path) -> None:
    # About 12,000 words: accepted (under the length limit), and some 15 s of analysis.
    article = tmp_path / "long.txt"
    paragraph = " ".join(
        f"The minister said on day {i} that the council had approved the plan, which"
        f" critics called reckless, and officials in district {i} promised a review."
        for i in range(20))
    article.write_text("\n\n".join([paragraph] * 25), encoding="utf-8")
    done, seconds = _unspun("analyze", str(article), "--deadline", "2")
    assert done.stderr == f"unspun: {article}: took longer than 2 s\n"
    assert done.returncode == 2
    # The models load before the clock starts: a run that ends at once after loading them
    # (a cap every process is over) times that.
    _, loading = _unspun("analyze", str(article), "--max-memory", "1")
    assert seconds < loading + 2 + 3


def test_extract_past_its_deadline_ends_in_one_line(tmp_path: Path) -> None:
    page = tmp_path / "big.html"
    page.write_text("<html><body><article>" + "".join(
        f"<div><p>The council said on day {i} that it had approved the plan.</p></div>"
        for i in range(3000)) + "</article></body></html>", encoding="utf-8")
    done, _ = _unspun("extract", str(page), "--deadline", "0.2")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"unspun: {page}: took longer than 0.2 s\n"


def test_analyze_past_its_memory_cap_ends_in_one_line() -> None:
    done, _ = _unspun("analyze", str(SAMPLE), "--max-memory", "50")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"unspun: {SAMPLE}: needed more than 50 MB\n"


def test_limits_are_options_and_zero_lifts_them() -> None:
    from unspun.cli import build_parser

    parser = build_parser()
    for command in ("analyze", "extract"):
        default = parser.parse_args([command, "x"])
        assert (default.deadline, default.max_memory) == (60, 1536)
        lifted = parser.parse_args([command, "x", "--deadline", "0", "--max-memory", "0"])
        assert (lifted.deadline, lifted.max_memory) == (None, None)
        assert parser.parse_args([command, "x", "--deadline", "2.5"]).deadline == 2.5
    code, out, err = run("analyze", str(SAMPLE), "--layers", "sentences", "--deadline", "0",
                         "--max-memory", "0")
    assert code == 0 and Report.model_validate_json(out).sentences, err


@pytest.mark.parametrize("value", ["-1", "abc", "inf", "nan"])
def test_a_nonsense_limit_is_refused(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["analyze", str(SAMPLE), "--deadline", value])
    assert info.value.code == 2
    assert "argument --deadline: not a number of seconds" in capsys.readouterr().err
