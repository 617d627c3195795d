"""The command line: argument parsing and output only; the work happens in the core."""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from unspun import __version__
from unspun.errors import InputError, UnspunError, UnsupportedError

if TYPE_CHECKING:
    from unspun.analyzer import Analyzer
    from unspun.bounded import JobLimits
    from unspun.ingest import Page
    from unspun.techniques.model import TechniqueModel

_T = TypeVar("_T")

FORMATS = ("json", "html", "md")
_FORMAT_BY_SUFFIX = {".json": "json", ".jsonl": "json", ".html": "html", ".htm": "html",
                     ".md": "md", ".markdown": "md", ".txt": "md"}


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unspun",
        description="Show how a news or opinion article is built to persuade.",
    )
    parser.add_argument("--version", action="version", version=f"unspun {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    analyze = commands.add_parser(
        "analyze",
        help="analyse one article (URL, saved page, text file, WARC, or - for stdin)",
        description="Analyse an article and write its report.",
    )
    analyze.add_argument("--format", "-f", choices=FORMATS,
                         help="output format (default: from --output's extension, else json)")
    _page_options(analyze)
    _job_limit_options(analyze)
    _layer_options(analyze)

    extract = commands.add_parser(
        "extract",
        help="the article text and metadata of a page, in any language (no analysis)",
        description="Extract the article (url, title, author, date, site, language, text) of"
        " a page in any language: the first stage of `analyze`, with the same inputs and"
        " errors. JSON Lines for a WARC.",
    )
    extract.add_argument("--format", "-f", choices=("json", "text"), default="json",
                         help="json: the document; text: its text alone (default: json)")
    _page_options(extract)
    _job_limit_options(extract)

    evaluate = commands.add_parser(
        "evaluate", help="score unspun on a labelled data set with the official metrics"
    )
    tasks = evaluate.add_subparsers(dest="task", metavar="TASK", required=True)
    ptc = tasks.add_parser("ptc", help="SemEval-2020 Task 11: SI and TC scores")
    ptc.add_argument("--articles", required=True, metavar="DIR", help="article<ID>.txt files")
    ptc.add_argument("--labels", required=True, metavar="FILE",
                     help="gold labels: TC format (ID, technique, start, end) or SI format")
    ptc.add_argument("--model", metavar="DIR", help="technique model directory (default: shipped)")
    checkworthiness = tasks.add_parser(
        "checkworthiness", help="CLEF CheckThat! 2024 Task 1: positive-class F1, AP"
    )
    checkworthiness.add_argument("--data", required=True, metavar="FILE",
                                 help="CT24 TSV: Sentence_id, Text, class_label")
    checkworthiness.add_argument("--model", metavar="DIR",
                                 help="technique model directory (default: shipped)")
    checkworthiness.add_argument("--claims-model", metavar="DIR",
                                 help="claims head directory (default: shipped)")
    checkworthiness.add_argument("--threshold", type=float,
                                 help="default: the head's cross-validated threshold")
    polnear = tasks.add_parser("polnear", help="PolNeAR: attribution F1 and speaker accuracy")
    polnear.add_argument("--data", required=True, metavar="DIR",
                         help="a split folder (text/, attributions/) or the corpus root (= dev)")
    polnear.add_argument("--limit", type=int, metavar="N", help="score the first N articles")

    predict = commands.add_parser("predict", help="write predictions in a task's official format")
    predict_tasks = predict.add_subparsers(dest="task", metavar="TASK", required=True)
    predict_ptc = predict_tasks.add_parser("ptc", help="SemEval-2020 Task 11 submission files")
    predict_ptc.add_argument("--articles", required=True, metavar="DIR")
    predict_ptc.add_argument("--task", dest="subtask", required=True, choices=["si", "tc"])
    predict_ptc.add_argument("--template", metavar="FILE",
                             help="for tc: the span lines to label (TC format, technique ignored)")
    predict_ptc.add_argument("--output", "-o", required=True, metavar="FILE")
    predict_ptc.add_argument("--model", metavar="DIR")

    batch = commands.add_parser(
        "batch", help="analyse many articles into Parquet tables (resumable)"
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="folder, .jsonl(.gz), .warc(.gz), .txt list of URLs, file or URL")
    batch.add_argument("--out", required=True, type=Path, metavar="DIR", help="output folder")
    batch.add_argument("--workers", type=int, metavar="N", help="worker processes (default: cores)")
    batch.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local: processes on this machine; dask: a Dask cluster")
    batch.add_argument("--scheduler", metavar="ADDRESS",
                       help="Dask scheduler address (dask engine; default: a LocalCluster)")
    batch.add_argument("--worker-wait", type=float, default=120.0, metavar="SECONDS",
                       help="dask engine: stop the run (resumable) once the cluster has had"
                            " no worker this long (default: 120)")
    batch.add_argument("--chunk-size", type=int, default=200, metavar="N",
                       help="articles per committed Parquet part")
    batch.add_argument("--delay", type=float, default=1.0, metavar="SECONDS",
                       help="pause between two requests to the same host")
    batch.add_argument("--allow-private-network", action="store_true")
    batch.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                       help="publication date of the articles that state none (a page's own"
                            " date is kept); part of the run's configuration, like --layers")
    batch.add_argument("--site", metavar="NAME",
                       help="site of the articles that name none (a page's own site name or"
                            " host is kept), for `unspun corpus --by site`")
    _job_limit_options(batch)
    _layer_options(batch)

    corpus = commands.add_parser(
        "corpus", help="corpus report (HTML plots + CSV) over the output of `unspun batch`"
    )
    corpus.add_argument("out", type=Path, metavar="DIR", help="an `unspun batch` output folder")
    corpus.add_argument("--by", choices=("site", "author", "week", "month", "quarter"),
                        default="site",
                        help="what to compare: outlets, authors, or periods on a date axis"
                             " (weeks are ISO weeks from Monday; default: site)")
    corpus.add_argument("--output", "-o", type=Path, metavar="FILE",
                        help="the HTML report (default: DIR/corpus.html)")
    corpus.add_argument("--csv", type=Path, metavar="FOLDER",
                        help="where the CSV files go (default: DIR/corpus_csv)")
    corpus.add_argument("--top", type=int, default=20, metavar="N",
                        help="loaded terms and speakers to list (default: 20)")
    corpus.add_argument("--min-n", type=int, default=5, metavar="N",
                        help="groups with fewer articles are greyed and flagged (default: 5)")
    corpus.add_argument("--dedupe", action=argparse.BooleanOptionalAction, default=True,
                        help="count syndicated and lightly edited copies once (default: on)")
    corpus.add_argument("--article-pages", action=argparse.BooleanOptionalAction, default=True,
                        help="write each article's own HTML report beside the corpus report,"
                             " linked from its articles table (default: on)")

    serve = commands.add_parser("serve", help="run the web app and JSON API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--db", metavar="PATH",
                       help="SQLite file or SQLAlchemy URL"
                       " (default: $XDG_DATA_HOME/unspun/analyses.db)")
    serve.add_argument("--workers", type=int, default=1, help="analysis worker processes")
    serve.add_argument("--allow-private-network", action="store_true",
                       help="let the server fetch URLs on loopback and private addresses")
    serve.add_argument("--trusted-proxy", metavar="CIDR", action="append", default=[],
                       type=_cidr,
                       help="a reverse proxy's network (repeatable): its X-Forwarded-For "
                            "names the client for the rate limit; turns access control on")
    serve.add_argument("--auth-header", metavar="NAME",
                       help="header by which a trusted proxy names the user it authenticated "
                            "(e.g. X-Remote-User): an analyst unless a token of that name "
                            "says otherwise; needs --trusted-proxy")
    _job_limit_options(serve)
    serve.add_argument("--max-queued-per-client", metavar="N", type=_count,
                       help="analyses one client (a token's user, else an address) may have "
                            "waiting or running; more are refused with 429 "
                            "(default: 20; 0: no limit)")
    _layer_options(serve)

    _token_options(commands)

    commands.add_parser("layers", help="list the layers that can run (built-in and installed)")

    schema = commands.add_parser("schema", help="print the JSON Schema of the report")
    schema.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    return parser


def _cidr(value: str) -> str:
    import ipaddress

    try:
        ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an address or network: {value!r}") from None
    return value.strip()


def _token_options(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tokens = commands.add_parser(
        "tokens", help="API tokens of the web app: create, list, revoke; the audit log"
    )
    actions = tokens.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="create a token and print its secret (once)")
    create.add_argument("name", help="who the token is for (owner of what it submits)")
    create.add_argument("--role", choices=("reader", "analyst", "admin"), default="analyst",
                        help="reader: reads its own analyses; analyst: also submits; "
                             "admin: reads and deletes any (default analyst)")
    listing = actions.add_parser("list", help="list the tokens (names and roles, no secrets)")
    revoke = actions.add_parser("revoke", help="revoke a token: it stops working at once")
    revoke.add_argument("name")
    audit = actions.add_parser(
        "audit", help="print the log of deleted analyses and sharing changes")
    for action in (create, listing, revoke, audit):
        action.add_argument("--db", metavar="PATH",
                            help="SQLite file or database URL, as given to serve "
                                 "(default: the user's data directory)")


def _tokens(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from unspun.web.app import db_url_for
    from unspun.web.store import Store

    def when(stamp: float) -> str:
        return dt.datetime.fromtimestamp(stamp, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    store = Store(db_url_for(args.db))
    try:
        if args.action == "create":
            try:
                secret = store.create_token(args.name, args.role)
            except ValueError as error:
                stderr.write(f"unspun: error: {error}\n")
                return 2
            stdout.write(f"{secret}\n")
            stderr.write(f"token {args.name!r} ({args.role}) created: the secret above is "
                         "shown only now\n")
            return 0
        if args.action == "list":
            for token in store.list_tokens():
                state = f"revoked {when(token.revoked)}" if token.revoked else "active"
                stdout.write(f"{token.name}\t{token.role}\t{when(token.created)}\t{state}\n")
            return 0
        if args.action == "revoke":
            if not store.revoke_token(args.name):
                stderr.write(f"unspun: error: no active token named {args.name!r}\n")
                return 1
            stderr.write(f"token {args.name!r} revoked\n")
            return 0
        for entry in store.audit_log():
            stdout.write(f"{when(entry.at)}\t{entry.actor or '-'}\t{entry.action}\t"
                         f"{entry.analysis_id}\t{entry.title or ''}\t{entry.detail or ''}\n")
        return 0
    finally:
        store.close()


def _page_options(command: argparse.ArgumentParser) -> None:
    """INPUT and the options of reading one source: what analyze and extract share."""
    command.add_argument("input", metavar="INPUT",
                         help="http(s) URL, .html/.htm/.txt file, .warc/.warc.gz, or - for stdin")
    command.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    command.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                         help="publication date to use when the page states none")
    command.add_argument("--allow-private-network", action="store_true",
                         help="allow fetching URLs on loopback and private addresses")


def _layer_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--layers", metavar="NAMES",
                         help="comma-separated layers to run, e.g. quotes,entities"
                              " (default: all; `unspun layers` lists them)")
    command.add_argument("--models", metavar="DIR",
                         help="model directory laid out like the shipped one"
                              " (techniques/, claims/; default: the shipped models)")


def _write(text: str, output: str | None, stdout: TextIO) -> None:
    if output is None:
        stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror or error}") from None


def _job_limit_options(command: argparse.ArgumentParser) -> None:
    from unspun.bounded import DEFAULT_DEADLINE_S, DEFAULT_MAX_RSS_MB

    command.add_argument("--deadline", metavar="SECONDS", type=_seconds_or_none,
                         default=DEFAULT_DEADLINE_S,
                         help="stop an analysis that runs longer and record it failed "
                              f"(default: {DEFAULT_DEADLINE_S:g}; 0 or none: no deadline)")
    command.add_argument("--max-memory", metavar="MB", type=_megabytes_or_none,
                         default=DEFAULT_MAX_RSS_MB,
                         help="stop an analysis whose process passes this resident memory, "
                              f"models included (default: {DEFAULT_MAX_RSS_MB}; 0 or none: "
                              "no cap)")


def _job_limits(args: argparse.Namespace) -> JobLimits:
    from unspun.bounded import JobLimits

    return JobLimits(deadline_s=args.deadline, max_rss_mb=args.max_memory)


def _positive_or_none(value: str, unit: str, kind: Callable[[str], float]) -> float | None:
    text = value.strip().lower()
    if text == "none":
        return None
    try:
        number = kind(text)
    except ValueError:
        number = float("nan")
    if not (number >= 0 and math.isfinite(number)):
        raise argparse.ArgumentTypeError(
            f"not a number of {unit}: {value!r} (0 or none: no limit)")
    return number or None


def _seconds_or_none(value: str) -> float | None:
    return _positive_or_none(value, "seconds", float)


def _megabytes_or_none(value: str) -> int | None:
    number = _positive_or_none(value, "megabytes", int)
    return None if number is None else int(number)


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"not a whole number, 0 or more: {value!r}")
    return number


def _each_page(analyzer: Analyzer, name: str, work: Callable[[Page], _T],
               stderr: TextIO, limits: JobLimits, *,
               ready: Callable[[], object] | None = None) -> list[_T]:
    """``work`` over every article of INPUT ``name``: one article's error is the command's
    error; in a source of several (a WARC), a bad record is reported and skipped.

    Each article's ``work`` runs under ``limits``: past one, the process ends at once with
    ``unspun: <INPUT, or the record>: <reason>`` and exit code 2 (the work cannot be
    stopped safely, so neither can the records after it be done). ``ready``, called before
    the first article's clock starts, loads what every article needs (the models)."""
    from unspun.bounded import SelfWatch

    def bounded(page: Page, label: str) -> _T:
        if ready is not None:
            ready()
        with SelfWatch(limits, label=label):
            return work(page)

    source: str | Path = name
    # INPUT is never article content: anything that is not "-" or a URL (of any scheme, so
    # that file: or ftp: are refused by ingestion rather than read as a path) is a file.
    if name != "-" and "://" not in name:
        source = Path(name)
    pages = analyzer.pages(source)
    first = next(pages, None)
    second = next(pages, None)
    if first is None:
        raise InputError(f"no article found in {name}")
    if second is None:
        return [bounded(first, name)]
    done: list[_T] = []
    for page in itertools.chain((first, second), pages):
        try:
            done.append(bounded(page, page.source))
        except UnspunError as error:
            # One bad record of a WARC must not sink the others.
            stderr.write(f"unspun: skipped {page.source}: {error}\n")
    if not done:
        raise InputError(f"none of the articles in {name} could be read")
    return done


def _analyze(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from unspun.analyzer import Analyzer
    from unspun.render import render

    fmt = args.format or _FORMAT_BY_SUFFIX.get(Path(args.output or "").suffix.lower(), "json")
    analyzer = Analyzer(args.layers, models=args.models,
                        allow_private_network=args.allow_private_network)
    reports = _each_page(analyzer, args.input,
                         lambda page: analyzer.analyze_page(page, published=args.date), stderr,
                         _job_limits(args), ready=analyzer.load)
    _write(render(reports if len(reports) > 1 else reports[0], fmt), args.output, stdout)
    return 0


def _extract(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from unspun.analyzer import Analyzer

    # Extraction only: no layer's models or plugins are needed (sentences need none).
    analyzer = Analyzer(["sentences"], allow_private_network=args.allow_private_network)
    documents = _each_page(analyzer, args.input,
                           lambda page: analyzer.extract_page(page, published=args.date), stderr,
                           _job_limits(args))
    if args.format == "text":
        text = "\n\n".join(d.text for d in documents)
    elif len(documents) == 1:
        text = json.dumps(documents[0].model_dump(mode="json"), indent=2, ensure_ascii=False)
    else:
        text = "".join(json.dumps(d.model_dump(mode="json"), ensure_ascii=False,
                                  separators=(",", ":")) + "\n" for d in documents)
    _write(text, args.output, stdout)
    return 0


def _batch(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    # Imported here: the batch runner pulls in pyarrow, which no other command needs.
    from unspun.analyzer import analyzer_factory
    from unspun.batch import Politeness, run_batch
    from unspun.ingest import IngestOptions

    factory = analyzer_factory(args.layers, models=args.models)
    try:
        summary = run_batch(
            args.inputs, args.out, workers=args.workers, engine=args.engine,
            scheduler=args.scheduler, worker_wait_s=args.worker_wait,
            chunk_size=args.chunk_size,
            politeness=Politeness(delay=args.delay),
            ingest_options=IngestOptions(allow_private_network=args.allow_private_network),
            analyzer_factory=factory, published=args.date, site=args.site, progress=stderr,
            limits=_job_limits(args),
        )
    except KeyboardInterrupt:
        stderr.write("unspun: interrupted; run the same command again to continue\n")
        return 130
    stdout.write(f"{summary.articles} articles, {summary.errors} errors,"
                 f" {summary.skipped} already done -> {summary.out}\n")
    shares = summary.stage_shares()
    if shares:
        # Stages under half a percent (the layers read straight off the parse) are noise here.
        stdout.write("time per stage: " + ", ".join(
            f"{stage} {share:.0%}" for stage, share in shares.items() if share >= 0.005) + "\n")
    return 0


def _layers(stdout: TextIO) -> int:
    from unspun.pipeline import available_layers, create_layer
    from unspun.settings import Settings

    settings = Settings()
    for name, reference in available_layers().items():
        needs = ", ".join(sorted(create_layer(name, settings).needs)) or "-"
        stdout.write(f"{name:<12} needs: {needs:<18} {reference}\n")
    return 0


def _corpus(args: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from unspun.corpus import build_corpus_report

    if args.top < 1:
        raise InputError("--top must be at least 1")
    if args.min_n < 1:
        raise InputError("--min-n must be at least 1")

    def damaged(line: str) -> None:
        # One line per damaged part, and the report goes on with the others.
        stderr.write(f"unspun corpus: {line}\n")

    report = build_corpus_report(args.out, by=args.by, output=args.output, csv_dir=args.csv,
                                 top=args.top, min_n=args.min_n, dedupe=args.dedupe,
                                 article_pages=args.article_pages, on_damaged=damaged)
    stdout.write(f"{report.html}\n")
    for path in report.csv_files:
        stdout.write(f"{path}\n")
    if report.pages is not None:
        stdout.write(f"{report.pages}\n")
    return 0


def _technique_model(model_dir: str | None) -> TechniqueModel:
    from unspun.techniques.model import DEFAULT_MODEL_DIR, TechniqueModel

    try:
        return TechniqueModel.load(model_dir or DEFAULT_MODEL_DIR)
    except FileNotFoundError as error:
        raise UnsupportedError(str(error)) from None


def _evaluate(args: argparse.Namespace, stdout: TextIO) -> int:
    if args.task == "ptc":
        from unspun.techniques.ptc_task import evaluate_ptc

        result = evaluate_ptc(_technique_model(args.model), args.articles, args.labels)
    elif args.task == "checkworthiness":
        from unspun.claims import DEFAULT_CLAIMS_DIR, load_claims_head, make_sentence_scorer
        from unspun.evaluate.checkworthiness import evaluate_checkworthiness

        if not Path(args.data).is_file():
            raise InputError(f"not a file: {args.data}")
        try:
            head = load_claims_head(args.claims_model or DEFAULT_CLAIMS_DIR)
        except FileNotFoundError as error:
            raise UnsupportedError(str(error)) from None
        threshold = head.threshold if args.threshold is None else args.threshold
        scorer = make_sentence_scorer(_technique_model(args.model), head)
        try:
            result = evaluate_checkworthiness(args.data, scorer, threshold)
        except ValueError as error:  # a malformed CT24 file
            raise InputError(str(error)) from None
    else:
        from unspun.evaluate.polnear import evaluate_polnear

        if not Path(args.data).is_dir():
            raise InputError(f"not a PolNeAR directory: {args.data}")
        result = evaluate_polnear(Path(args.data), limit=args.limit)
        # one top-level figure per line, each on one line: the README's layout
        lines = (f"{json.dumps(k)}: {json.dumps(v)}" for k, v in result.items())
        _write("{" + ",\n ".join(lines) + "}", None, stdout)
        return 0
    _write(json.dumps(result, indent=2), None, stdout)
    return 0


def _predict(args: argparse.Namespace) -> int:
    from unspun.evaluate.ptc import write_si_labels, write_tc_labels
    from unspun.techniques.ptc_task import load_articles, predict_si, predict_tc, read_labels

    articles = load_articles(args.articles)
    model = _technique_model(args.model)
    if args.subtask == "si":
        write_si_labels(args.output, predict_si(model, articles))
        return 0
    if not args.template:
        raise InputError("predict ptc --task tc needs --template FILE (the spans to label)")
    _, template = read_labels(args.template)
    if template is None:
        raise InputError(f"{args.template} is not in the TC format (ID, technique, start, end)")
    write_tc_labels(args.output, predict_tc(model, articles, template))
    return 0


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "batch" and args.scheduler and args.engine != "dask":
        parser.error("--scheduler needs --engine dask")
    if args.command == "batch" and args.worker_wait <= 0:
        parser.error("--worker-wait must be positive")
    try:
        if args.command == "analyze":
            return _analyze(args, stdout, stderr)
        if args.command == "extract":
            return _extract(args, stdout, stderr)
        if args.command == "evaluate":
            return _evaluate(args, stdout)
        if args.command == "predict":
            return _predict(args)
        if args.command == "batch":
            return _batch(args, stdout, stderr)
        if args.command == "corpus":
            return _corpus(args, stdout, stderr)
        if args.command == "serve":
            from unspun.web import serve

            if args.auth_header and not args.trusted_proxy:
                parser.error("--auth-header needs --trusted-proxy")
            serve(args.host, args.port, args.db, workers=args.workers,
                  allow_private_network=args.allow_private_network, layers=args.layers,
                  models=args.models, trusted_proxies=args.trusted_proxy,
                  auth_header=args.auth_header, job_limits=_job_limits(args),
                  max_queued_per_client=args.max_queued_per_client)
            return 0
        if args.command == "tokens":
            return _tokens(args, stdout, stderr)
        if args.command == "layers":
            return _layers(stdout)
        if args.command == "schema":
            from unspun.report import json_schema

            _write(json.dumps(json_schema(), indent=2), args.output, stdout)
            return 0
        parser.print_help(stderr)
        return 2
    except UnspunError as error:
        stderr.write(f"unspun: error: {error}\n")
        return error.exit_code
    except KeyboardInterrupt:
        stderr.write("unspun: interrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
