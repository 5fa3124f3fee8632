"""The ``gongkai`` command: a thin layer over the library.

Exit codes: 0 done; 1 findings reached ``--fail-on``; 2 unreadable input or bad usage;
3 an internal error (run with ``--debug`` for the traceback). A part of the pipeline that
fails on one document (a table reader, a text matcher, a rule) is not an internal error of
the command: it is reported as an ``internal`` finding and the exit code follows the
findings; ``--debug`` raises it instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from gongkai import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3
FAIL_LEVELS = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info"), "never": ()}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="gongkai",
        description="读取预决算公开文件（部门决算、部门预算、绩效自评），提取带出处的数字，核对文中的算术。",
    )
    parser.add_argument("--version", action="version", version=f"gongkai {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--pdf-backend", choices=("pdfium", "plumber"), help="PDF reader (default: pdfium)")
        sub.add_argument(
            "--debug",
            action="store_true",
            help="show tracebacks of internal errors (a failing table reader, matcher or rule raises instead of becoming an internal finding)",
        )

    def rule_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--fail-on",
            choices=tuple(FAIL_LEVELS),
            default="never",
            help="exit with code 1 when a finding of this severity or worse is reported (default: never)",
        )
        sub.add_argument("--rules", nargs="*", default=(), metavar="ID", help="run only these rules (id or prefix)")
        sub.add_argument("--skip-rules", nargs="*", default=(), metavar="ID", help="skip these rules (id or prefix)")

    check = commands.add_parser("check", help="check one document and report what does not add up")
    check.add_argument("file", help="PDF, DOCX, XLSX, HTML or text file")
    check.add_argument("--format", choices=("text", "json", "csv", "md", "html"), default="text", help="output format (default: text)")
    rule_options(check)
    check.add_argument("--no-colour", "--no-color", dest="colour", action="store_false", help="plain text output")
    check.add_argument(
        "--explain", action="store_true", help="under each finding, how each of its figures was bound and whether that is certain"
    )
    common(check)

    annotate = commands.add_parser("annotate", help="write a copy of a PDF with each finding highlighted where it is")
    annotate.add_argument("file", help="the PDF to check")
    annotate.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="where the annotated copy goes")
    rule_options(annotate)
    common(annotate)

    text = commands.add_parser("text", help="print the normalised text the matchers read")
    text.add_argument("file")
    common(text)

    extract = commands.add_parser("extract", help="extract many documents into a dataset (CSV, Parquet, datapackage.json)")
    extract.add_argument("inputs", nargs="*", metavar="INPUT", help="files, directories or glob patterns")
    extract.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="where the dataset goes")
    extract.add_argument("--from-list", metavar="FILE", help="read input paths from FILE, one per line")
    extract.add_argument("-j", "--jobs", type=int, default=None, help="worker processes (default: number of cores)")
    extract.add_argument("--timeout", type=float, default=None, help="seconds allowed per file")
    extract.add_argument("--max-pages", type=int, default=None, help="pages allowed per file")
    extract.add_argument("--no-cache", action="store_true", help="ignore and do not write the result cache")
    extract.add_argument("--cache-dir", default=None, help="result cache directory (default: OUTDIR/.cache)")
    extract.add_argument("--executor", choices=("local", "dask"), default="local", help="where files are processed")
    extract.add_argument("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler address (with --executor dask)")
    extract.add_argument("--duckdb", default=None, metavar="FILE", help="also load the tables into this DuckDB database")
    extract.add_argument("--no-parquet", action="store_true", help="write CSV only")
    extract.add_argument("--quiet", action="store_true", help="no progress output")
    common(extract)

    rules = commands.add_parser("rules", help="list the validation rules")
    rules.add_argument("--format", choices=("text", "md"), default="text")

    commands.add_parser("schema", help="print the JSON Schema of check --format json (the fields of the dataset too)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gongkai`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_UNREADABLE
    handler = {"check": _check, "annotate": _annotate, "text": _text, "extract": _extract, "rules": _rules, "schema": _schema}[
        args.command
    ]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("gongkai: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `gongkai check … | head`): stop quietly
        sys.stdout = None  # type: ignore[assignment]
        return EXIT_OK
    except Exception as exc:
        return _fail(exc, getattr(args, "debug", False))


def _fail(exc: Exception, debug: bool) -> int:
    from gongkai.errors import UnreadableInput

    if isinstance(exc, UnreadableInput):
        print(f"gongkai: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if debug:
        raise exc
    print(f"gongkai: 内部错误：{type(exc).__name__}: {exc}（加 --debug 查看详细信息）", file=sys.stderr)
    return EXIT_INTERNAL


def _settings(args: argparse.Namespace, **extra: Any):  # type: ignore[no-untyped-def]
    from gongkai.settings import Settings

    return Settings.resolve(
        None,
        pdf_backend=getattr(args, "pdf_backend", None),
        rules=tuple(getattr(args, "rules", ()) or ()) or None,
        skip_rules=tuple(getattr(args, "skip_rules", ()) or ()) or None,
        debug=getattr(args, "debug", None),
        **extra,
    )


def _check(args: argparse.Namespace) -> int:
    from gongkai.api import check

    report = check(args.file, _settings(args))
    out = sys.stdout
    if args.format == "json":
        from gongkai.export.json_report import report_json

        out.write(report_json(report, explain=args.explain) + "\n")
    elif args.format == "csv":
        from gongkai.export.csv_report import write_findings_csv

        write_findings_csv(report, out)
    elif args.format == "md":
        from gongkai.export.markdown import report_markdown

        out.write(report_markdown(report))
    elif args.format == "html":
        from gongkai.export.html_report import report_html

        out.write(report_html(report))
    else:
        from gongkai.export.terminal import write_report

        write_report(report, out, colour=None if args.colour else False, explain=args.explain)
    failing = FAIL_LEVELS[args.fail_on]
    return EXIT_FINDINGS if any(f.severity in failing for f in report.findings) else EXIT_OK


def _annotate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from gongkai.api import check
    from gongkai.export.annotate_pdf import CannotAnnotate, annotate_pdf

    report = check(args.file, _settings(args))
    try:
        written = annotate_pdf(Path(args.file), report, Path(args.output))
    except CannotAnnotate as exc:
        print(f"gongkai: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"已写入 {args.output}：{written} 处标注，{len(report.findings)} 条发现")
    failing = FAIL_LEVELS[args.fail_on]
    return EXIT_FINDINGS if any(f.severity in failing for f in report.findings) else EXIT_OK


def _text(args: argparse.Namespace) -> int:
    from gongkai.extract import extract
    from gongkai.normalize import normalize

    document = normalize(extract(args.file, _settings(args)))
    sys.stdout.write(document.text)
    return EXIT_OK


def _extract(args: argparse.Namespace) -> int:
    from gongkai.batch import run_batch

    settings = _settings(args, timeout_seconds=args.timeout, max_pages=args.max_pages)
    summary = run_batch(
        inputs=args.inputs,
        outdir=args.output,
        settings=settings,
        from_list=args.from_list,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        cache_dir=args.cache_dir,
        executor=args.executor,
        scheduler=args.scheduler,
        duckdb_path=args.duckdb,
        parquet=not args.no_parquet,
        quiet=args.quiet,
    )
    return EXIT_OK if summary.files_total else EXIT_UNREADABLE


def _rules(args: argparse.Namespace) -> int:
    from gongkai.crossdoc import CROSS_RULES
    from gongkai.validate import REGISTRY
    from gongkai.validate.rules import load_rules

    load_rules()
    for rule in (*REGISTRY.values(), *CROSS_RULES):  # the cross_document rules run in extract, between files
        doc = " ".join(rule.doc.split())
        if args.format == "md":
            print(f"- `{rule.id}` ({rule.category}, {rule.severity}): {doc}")
        else:
            print(f"{rule.id:32} {rule.category:18} {rule.severity:8} {doc}")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from gongkai.schemas.json_schema import report_schema

    print(json.dumps(report_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

