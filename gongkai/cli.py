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
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gongkai import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE, EXIT_INTERNAL = 0, 1, 2, 3
FAIL_LEVELS = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info"), "never": ()}


def rule_ids(text: str) -> tuple[str, ...]:
    """A comma-separated list of rule ids or prefixes (``rate,sum.table_row``), each known."""
    from gongkai.validate import REGISTRY
    from gongkai.validate.rules import load_rules

    load_rules()
    wanted = tuple(part.strip() for part in text.split(",") if part.strip())
    known = [*REGISTRY, "internal"]
    unknown = [w for w in wanted if not any(r == w or r.startswith(w + ".") for r in known)]
    if not wanted or unknown:
        named = "、".join(unknown) if unknown else repr(text)
        raise argparse.ArgumentTypeError(f"未知的规则：{named}；可用的规则：{', '.join(REGISTRY)}")
    return wanted


class _ChineseHelp(argparse.HelpFormatter):
    """argparse's own words in Chinese: 用法 for usage."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


def _in_chinese(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """A parser whose section titles and -h help are Chinese (the flag names stay English)."""
    parser._positionals.title = "参数"
    parser._optionals.title = "选项"
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "显示这段帮助并退出"
    return parser


class _ChineseParser(argparse.ArgumentParser):
    """A sub-command's parser, with Chinese section titles and help."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _ChineseHelp)
        super().__init__(*args, **kwargs)
        _in_chinese(self)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = _in_chinese(
        argparse.ArgumentParser(
            prog="gongkai",
            description="读取预决算公开文件（部门决算、部门预算、绩效自评），提取带出处的数字，核对文中的算术。",
            formatter_class=_ChineseHelp,
        )
    )
    parser.add_argument("--version", action="version", version=f"gongkai {__version__}", help="显示版本并退出")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="命令", parser_class=_ChineseParser)

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--pdf-backend", choices=("pdfium", "plumber"), help="PDF 读取方式（默认 pdfium）")
        sub.add_argument(
            "--debug",
            action="store_true",
            help="显示内部错误的详细信息（出错的表格读取、匹配或规则直接报错，而不是记为 internal 发现）",
        )

    def limit_options(sub: argparse.ArgumentParser, *, per: str = "每个文件") -> None:
        sub.add_argument("--timeout", type=float, default=None, help=f"{per}允许的秒数（默认 300；0 表示不限）")
        sub.add_argument("--max-pages", type=int, default=None, help=f"{per}允许的页数（默认 2000）")
        sub.add_argument("--max-mb", type=int, default=None, help=f"{per}允许的 MB 数（默认 200）")
        sub.add_argument(
            "--max-inflated-mb", type=int, default=None, help="DOCX/XLSX 解压后允许的 MB 数（默认 256）"
        )
        sub.add_argument("--max-chars", type=int, default=None, help="正文允许的字符数（默认 1000 万）")
        sub.add_argument("--max-line-chars", type=int, default=None, help="一行（一段）允许的字符数（默认 10 万）")
        sub.add_argument("--max-cells", type=int, default=None, help="表格允许的单元格数（默认 10 万）")
        sub.add_argument(
            "--max-page-items", type=int, default=None, help="PDF 一页允许的字符数或图形对象数（默认 10 万）"
        )

    def rule_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--fail-on",
            choices=tuple(FAIL_LEVELS),
            default="never",
            help="有这一严重程度或更严重的发现时以退出码 1 结束（默认 never：不因发现而改变退出码）",
        )
        sub.add_argument("--rules", type=rule_ids, default=(), metavar="ID,…", help="只运行这些规则（规则编号或前缀，逗号分隔，如 rate,sum.table_row）")
        sub.add_argument("--skip-rules", type=rule_ids, default=(), metavar="ID,…", help="跳过这些规则（规则编号或前缀，逗号分隔）")

    check = commands.add_parser("check", help="核对文件，列出对不上的数字，每个文件一份报告")
    check.add_argument("files", nargs="+", metavar="FILE", help="PDF、DOCX、XLSX、DOC、XLS、HTML 或文本文件；- 表示从标准输入读取")
    check.add_argument(
        "--format", choices=("text", "json", "csv", "md", "html"), default=None, help="输出格式（默认按 -o 文件的扩展名，否则为 text）"
    )
    check.add_argument("-o", "--output", default=None, metavar="FILE", help="把报告写入 FILE，而不是标准输出")
    check.add_argument(
        "--min-severity", choices=("info", "warning", "error"), default="info", help="只显示这一严重程度或更严重的发现"
    )
    rule_options(check)
    check.add_argument("--no-colour", "--no-color", dest="colour", action="store_false", help="不用颜色")
    check.add_argument(
        "--explain", action="store_true", help="在每条发现下说明其中每个数字是如何对应的、对应是否确定"
    )
    common(check)
    limit_options(check)

    annotate = commands.add_parser("annotate", help="生成一份 PDF 副本，在每条发现所在位置加高亮")
    annotate.add_argument("file", help="要核对的 PDF")
    annotate.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="标注后的副本写到哪里")
    rule_options(annotate)
    common(annotate)
    limit_options(annotate)

    text = commands.add_parser("text", help="打印规范化后的文本（匹配器读到的内容）")
    text.add_argument("file")
    common(text)
    limit_options(text)

    extract = commands.add_parser("extract", help="批量提取文件，生成数据集（CSV、Parquet、datapackage.json）")
    extract.add_argument("inputs", nargs="*", metavar="INPUT", help="文件、目录或通配符")
    extract.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="数据集输出目录")
    extract.add_argument("--from-list", metavar="FILE", help="从 FILE 读取输入路径，每行一个")
    extract.add_argument("-j", "--jobs", type=int, default=None, help="工作进程数（默认等于 CPU 核数）")
    limit_options(extract)
    extract.add_argument("--no-cache", action="store_true", help="不读也不写结果缓存")
    extract.add_argument("--cache-dir", default=None, help="结果缓存目录（默认 OUTDIR/.cache）")
    extract.add_argument("--executor", choices=("local", "dask"), default="local", help="在哪里处理文件")
    extract.add_argument("--scheduler", default=None, metavar="ADDRESS", help="Dask 调度器地址（配合 --executor dask）")
    extract.add_argument("--duckdb", default=None, metavar="FILE", help="同时把各表载入这个 DuckDB 数据库")
    extract.add_argument("--no-parquet", action="store_true", help="只写 CSV")
    extract.add_argument("--quiet", action="store_true", help="不显示进度")
    common(extract)

    rules = commands.add_parser("rules", help="列出全部核对规则")
    rules.add_argument("--format", choices=("text", "md"), default="text")

    commands.add_parser("schema", help="打印 check 的 JSON 报告的 JSON Schema（也是数据集的字段）")

    serve = commands.add_parser("serve", help="本机网页：拖入文件，在原页面上查看每条发现")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只对本机开放）")
    serve.add_argument("--port", type=int, default=8765, help="端口（默认 8765；0 表示任选一个空闲端口）")
    serve.add_argument("--max-pages", type=int, default=None, help="每次上传允许的页数")
    serve.add_argument("--max-mb", type=int, default=50, help="每次上传允许的 MB 数（默认 50）")
    serve.add_argument("--timeout", type=float, default=None, help="每次上传允许的秒数")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gongkai`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_UNREADABLE
    handler = {"check": _check, "annotate": _annotate, "text": _text, "extract": _extract, "rules": _rules, "schema": _schema, "serve": _serve}[
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
    from gongkai.errors import OutputBusy, UnreadableInput, io_problem

    if isinstance(exc, UnreadableInput | OutputBusy):
        print(f"gongkai: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if isinstance(exc, OSError):  # the disk, not gongkai: a full, read-only or missing place to write
        print(f"gongkai: {io_problem(exc)}", file=sys.stderr)
        return EXIT_UNREADABLE
    if debug:
        raise exc
    print(f"gongkai: 内部错误：{type(exc).__name__}: {exc}（加 --debug 查看详细信息）", file=sys.stderr)
    return EXIT_INTERNAL


_MB = 1024 * 1024


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it: all or nothing."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:  # said of the file asked for, not of our temporary one
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    finally:
        partial.unlink(missing_ok=True)


def _settings(args: argparse.Namespace, **extra: Any):  # type: ignore[no-untyped-def]
    from gongkai.settings import Settings

    def scaled(name: str, factor: int = 1) -> int | None:
        value = getattr(args, name, None)
        return None if value is None else value * factor

    limits = {
        "timeout_seconds": getattr(args, "timeout", None),
        "max_pages": scaled("max_pages"),
        "max_bytes": scaled("max_mb", _MB),
        "max_inflated_bytes": scaled("max_inflated_mb", _MB),
        "max_chars": scaled("max_chars"),
        "max_line_chars": scaled("max_line_chars"),
        "max_cells": scaled("max_cells"),
        "max_page_items": scaled("max_page_items"),
    }
    limits.update(extra)
    return Settings.resolve(
        None,
        pdf_backend=getattr(args, "pdf_backend", None),
        rules=tuple(getattr(args, "rules", ()) or ()) or None,
        skip_rules=tuple(getattr(args, "skip_rules", ()) or ()) or None,
        debug=getattr(args, "debug", None),
        **limits,
    )


def _check(args: argparse.Namespace) -> int:
    from gongkai.errors import UnreadableInput
    from gongkai.export.render import format_for, render

    fmt = args.format or (format_for(args.output) if args.output else None) or "text"
    if fmt == "html" and len(args.files) > 1:
        print("gongkai: --format html 一次只写一个文件的报告（每个文件是一张完整的网页）", file=sys.stderr)
        return EXIT_UNREADABLE
    settings = _settings(args)
    failing = FAIL_LEVELS[args.fail_on]
    worst = EXIT_OK
    parts: list[str] = []
    reports = []
    for name in args.files:
        try:
            report = _checked(name, settings)
        except UnreadableInput as exc:
            print(f"gongkai: {exc}", file=sys.stderr)
            worst = max(worst, EXIT_UNREADABLE)
            continue
        if any(f.severity in failing for f in report.findings):
            worst = max(worst, EXIT_FINDINGS)
        shown = _at_least(report, args.min_severity)
        reports.append(shown)
        if fmt != "json":
            parts.append(render(shown, fmt, colour=args.colour and not args.output and _is_terminal(), explain=args.explain))
    text = _joined(fmt, parts, reports, args.explain)
    if args.output:
        write_atomically(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return worst


def _checked(name: str, settings: Any):  # type: ignore[no-untyped-def]
    """The report of one file, ``-`` being standard input."""
    from gongkai.api import analyse, check, report

    if name != "-":
        return check(name, settings)
    from gongkai.extract import extract_bytes

    return report(analyse(extract_bytes(sys.stdin.buffer.read(), "<stdin>", settings), settings), settings)


def _at_least(report: Any, severity: str):  # type: ignore[no-untyped-def]
    """The report with only the findings of ``severity`` or worse."""
    from dataclasses import replace

    keep = FAIL_LEVELS[severity]
    return replace(report, findings=tuple(f for f in report.findings if f.severity in keep))


def _joined(fmt: str, parts: list[str], reports: list[Any], explain: bool) -> str:
    """The reports of several files as one output: a JSON array, one CSV header, texts one after another."""
    if fmt == "json":
        from gongkai.export.json_report import report_json

        if len(reports) == 1:
            return report_json(reports[0], explain=explain) + "\n"
        from gongkai.export.json_report import json_dict

        return json.dumps([json_dict(r, explain) for r in reports], ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv" and len(parts) > 1:
        return parts[0] + "".join(part.split("\n", 1)[1] for part in parts[1:])
    return "\n".join(parts)


def _is_terminal() -> bool:
    from gongkai.export.terminal import use_colour

    return use_colour(sys.stdout)


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
    from gongkai.batchrun.inputs import unmatched_inputs

    unmatched = unmatched_inputs(args.inputs)
    for name in unmatched:
        print(f"gongkai: {name}: 没有这个文件，或没有匹配的文档（其余输入照常处理）", file=sys.stderr)
    settings = _settings(args)
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
    return EXIT_OK if summary.files_total and not unmatched else EXIT_UNREADABLE


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


def _serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from gongkai.serve import create_app
    except ImportError:
        print("gongkai: serve 需要额外的依赖：pip install 'gongkai[serve]'", file=sys.stderr)
        return EXIT_UNREADABLE
    settings = _settings(args)
    where = "只在本机" if args.host in ("127.0.0.1", "localhost", "::1") else "注意：对网络上的其他机器开放"
    print(f"gongkai serve：http://{args.host}:{args.port}/ （{where}；Ctrl+C 停止）", file=sys.stderr)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

