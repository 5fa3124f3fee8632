"""DOC (Word 97–2003): converted to DOCX by LibreOffice headless, then read as a DOCX.

The conversion runs in a temporary directory (removed afterwards) holding the input,
the output and a LibreOffice profile of its own, so a LibreOffice the user has open does
not swallow the request. The converter runs in its own process group and is killed with
it when it takes longer than the settings' ``timeout_seconds`` (``DEFAULT_TIMEOUT_SECONDS``
when that is 0). Without LibreOffice the file is refused in one line that says what to
install.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from gongkai.errors import UnreadableInput
from gongkai.extract.docx import extract_docx
from gongkai.extract.model import RawPage
from gongkai.limits import timeout_reason
from gongkai.settings import Settings

DEFAULT_TIMEOUT_SECONDS = 300.0  # for one conversion when the settings set no time limit
CONVERTERS = ("soffice", "libreoffice")  # the names LibreOffice is installed under
NEEDS_LIBREOFFICE = (
    "这是旧版 Word 文档（.doc），需要 LibreOffice 才能读取：请安装 LibreOffice"
    "（Debian: apt-get install libreoffice-writer-nogui），或另存为 .docx/PDF"
)


def find_converter() -> str | None:
    """The path of LibreOffice's ``soffice`` (or ``libreoffice``) on ``PATH``, or ``None``."""
    for name in CONVERTERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def extract_doc(data: bytes, source: str, settings: Settings | None = None) -> list[RawPage]:
    """Pages of text lines and tables from the bytes of a DOC file, through a DOCX made by LibreOffice.

    Raises ``UnreadableInput``: kind ``needs_libreoffice`` when LibreOffice is not
    installed (or cannot be started), ``timeout`` when the conversion takes too long,
    ``corrupt`` when LibreOffice makes no DOCX of it (or the DOCX cannot be read).
    """
    converter = find_converter()
    if converter is None:
        raise UnreadableInput(source, "needs_libreoffice", NEEDS_LIBREOFFICE)
    seconds = Settings.resolve(settings).timeout_seconds or DEFAULT_TIMEOUT_SECONDS
    with tempfile.TemporaryDirectory(prefix="gongkai-doc-", ignore_cleanup_errors=True) as folder:
        converted = _convert(converter, data, Path(folder), source, seconds)
        return extract_docx(converted, source)


def _convert(converter: str, data: bytes, folder: Path, source: str, seconds: float) -> bytes:
    """The DOCX bytes LibreOffice makes of ``data``, working in ``folder``."""
    document = folder / "input.doc"
    document.write_bytes(data)
    command = [
        converter,
        "--headless",
        "--norestore",
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--convert-to",
        "docx",
        "--outdir",
        str(folder),
        str(document),
    ]
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=folder,
            start_new_session=True,  # its own process group: soffice starts soffice.bin under it
        )
    except OSError as exc:
        reason = f"无法启动 LibreOffice（{converter}：{exc.strerror or exc}），无法读取旧版 Word 文档（.doc）"
        raise UnreadableInput(source, "needs_libreoffice", reason) from exc
    try:
        code = process.wait(timeout=seconds)
    except BaseException as exc:  # the time limit, or an interrupt: leave nothing running
        _kill(process)
        if isinstance(exc, subprocess.TimeoutExpired):
            raise UnreadableInput(source, "timeout", timeout_reason(seconds, "用 LibreOffice 转换 .doc ")) from exc
        raise
    output = folder / "input.docx"
    if code != 0 or not output.is_file():
        reason = f"LibreOffice 无法把这个 .doc 文件转换为 DOCX（退出码 {code}），文件可能已损坏或有密码保护"
        raise UnreadableInput(source, "corrupt", reason)
    return output.read_bytes()


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the converter's process group (ours: it was started in a new session) and reap it."""
    killpg = getattr(os, "killpg", None)  # POSIX; elsewhere only the process itself
    try:
        if killpg is None:
            raise ProcessLookupError
        killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()
