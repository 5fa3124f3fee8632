"""The web application of ``gongkai serve`` (Starlette): upload, report, page images, downloads.

Uploads are bounded by the settings (bytes, pages), written under a temporary directory that is
removed once the file is read, and never addressed by a name the client chose; results are kept
in memory under an unguessable token (the few most recent only). Nothing is fetched from
elsewhere: the page carries its own CSS and script.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from gongkai.errors import UnreadableInput
from gongkai.serve.page import PAGE_HTML
from gongkai.serve.results import Result, Results
from gongkai.settings import Settings

RENDER_SCALE = 1.5  # pixels per PDF point of a page image
_SUFFIXES = {".pdf", ".docx", ".xlsx", ".doc", ".xls", ".html", ".htm", ".txt"}


def create_app(settings: Settings | None = None, *, keep: int = 8) -> Starlette:
    """The application; ``settings`` bound what one upload may cost (``max_bytes``, ``max_pages``, ``timeout_seconds``)."""
    settings = Settings.resolve(settings)
    results = Results(keep)

    async def index(request: Request) -> HTMLResponse:
        return HTMLResponse(PAGE_HTML)

    async def upload(request: Request) -> Response:
        form = await request.form(max_files=1, max_fields=4)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            return _error("请选择一个文件", 400)
        data = await upload.read(settings.max_bytes + 1)
        if len(data) > settings.max_bytes:
            return _error(f"文件超过 {settings.max_bytes // (1024 * 1024)} MB 的上限", 413)
        name = Path(upload.filename or "upload").name
        try:
            report = _check(data, name, settings)
        except UnreadableInput as exc:
            return _error(f"{name}：{exc.reason}", 422)
        token = results.add(Result(report, data, name, data[:5] == b"%PDF-"))
        return JSONResponse(_payload(token, results.get(token)))  # type: ignore[arg-type]

    async def page_image(request: Request) -> Response:
        result = results.get(request.path_params["token"])
        number = int(request.path_params["page"])
        if result is None or not result.is_pdf or not 1 <= number <= result.report.document.pages:
            return _error("没有这一页", 404)
        if number not in result.pages:
            result.pages[number] = _render(result.data, number)
        return Response(result.pages[number], media_type="image/png", headers={"Cache-Control": "private, max-age=600"})

    async def download(request: Request) -> Response:
        result = results.get(request.path_params["token"])
        kind = request.path_params["kind"]
        if result is None:
            return _error("结果已过期，请重新上传", 404)
        stem = Path(result.name).stem
        if kind == "findings.csv":
            from gongkai.export.render import render

            body = render(result.report, "csv").encode("utf-8")
            return _attachment(body, "text/csv; charset=utf-8", f"{stem}.findings.csv")
        if kind == "report.json":
            from gongkai.export.json_report import report_json

            return _attachment(report_json(result.report).encode("utf-8"), "application/json", f"{stem}.report.json")
        if kind == "annotated.pdf" and result.is_pdf:
            return _attachment(_annotated(result), "application/pdf", f"{stem}.annotated.pdf")
        return _error("没有这种下载", 404)

    routes = [
        Route("/", index),
        Route("/api/check", upload, methods=["POST"]),
        Route("/api/{token}/page/{page:int}.png", page_image),
        Route("/api/{token}/{kind}", download),
    ]
    return Starlette(routes=routes)


def _error(message: str, status: int) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _attachment(body: bytes, media_type: str, filename: str) -> Response:
    from urllib.parse import quote

    return Response(body, media_type=media_type, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


def _check(data: bytes, name: str, settings: Settings) -> Any:
    """The report of an upload, read from a temporary file whose name is ours (only its suffix is the client's)."""
    from gongkai.api import check

    suffix = Path(name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="gongkai-serve-") as folder:
        path = Path(folder) / f"upload{suffix if suffix in _SUFFIXES else ''}"
        path.write_bytes(data)
        report = check(path, settings)
    from dataclasses import replace

    return replace(report, document=replace(report.document, source=name))


def _render(data: bytes, number: int) -> bytes:
    """One page of a PDF as a PNG at ``RENDER_SCALE``."""
    import io

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        image = document[number - 1].render(scale=RENDER_SCALE).to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()


def _annotated(result: Result) -> bytes:
    from gongkai.export.annotate_pdf import annotate_pdf

    with tempfile.TemporaryDirectory(prefix="gongkai-serve-") as folder:
        source, target = Path(folder) / "in.pdf", Path(folder) / "out.pdf"
        source.write_bytes(result.data)
        report = result.report
        from dataclasses import replace

        annotate_pdf(source, replace(report, document=replace(report.document, source=str(source))), target)
        return target.read_bytes()


def _payload(token: str, result: Result) -> dict[str, Any]:
    """What the page shows: the document, its coverage line, the findings with their boxes."""
    from gongkai.export.annotate_pdf import placements
    from gongkai.validate import REGISTRY

    report = result.report
    boxes: dict[int, list[dict[str, Any]]] = {}
    for placement in placements(report):
        index = report.findings.index(placement.finding)
        x0, top, x1, bottom = placement.bbox
        boxes.setdefault(index, []).append({"page": placement.page, "box": [x0, top, x1, bottom]})
    sizes = _page_sizes(result.data) if result.is_pdf else {}
    findings = []
    for i, finding in enumerate(report.findings):
        rule = REGISTRY.get(finding.rule)
        findings.append(
            {
                "index": i,
                "severity": finding.severity,
                "rule": finding.rule,
                "category": finding.category,
                "message": finding.message,
                "stated": finding.stated,
                "expected": finding.expected,
                "figures": list(finding.figures),
                "page": finding.page,
                "quotes": [{"page": e.page, "quote": e.quote} for e in finding.evidence],
                "boxes": boxes.get(i, []),
                "doc": " ".join(rule.doc.split()) if rule else "",
            }
        )
    return {
        "token": token,
        "name": result.name,
        "document": json.loads(json.dumps(report.document.to_dict(), ensure_ascii=False)),
        "coverage": report.coverage.line() if report.coverage is not None else "",
        "counts": report.counts(),
        "pdf": result.is_pdf,
        "scale": RENDER_SCALE,
        "page_sizes": sizes,
        "findings": findings,
    }


def _page_sizes(data: bytes) -> dict[int, list[float]]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return {i + 1: list(document[i].get_size()) for i in range(len(document))}
    finally:
        document.close()
