"""Typed errors for input gongkai cannot use.

Every error names the file and says why in one line; the CLI prints ``str(error)`` and
exits with code 2, batch mode writes it to ``errors.csv`` and goes on.
"""

from __future__ import annotations

import errno


class GongkaiError(Exception):
    """Base class of the errors gongkai raises on purpose."""


class UnreadableInput(GongkaiError):
    """A file that cannot be turned into a document.

    ``kind`` is a stable short code for datasets (the ``kind`` column of ``errors.csv``);
    ``reason`` is the sentence shown to people. The kinds:

    - ``missing``: the file does not exist;
    - ``unreadable``: it exists but could not be read (permissions, I/O error);
    - ``empty``: it has no bytes;
    - ``too_large``: it is larger than the ``max_bytes`` limit;
    - ``not_pdf``: named ``.pdf`` but holds something else (an HTML error page …);
    - ``unsupported``: a format gongkai does not read (image, archive, directory);
    - ``binary``: binary data that is neither text nor a known document format;
    - ``garbled``: text that decodes as none of UTF-8, GB18030 and Big5 (another encoding, damage);
    - ``encrypted``: the PDF needs a password;
    - ``truncated``: the file is incomplete (an interrupted download);
    - ``corrupt``: the file is damaged and cannot be parsed;
    - ``no_text``: a PDF without a text layer (a scan) that OCR (the ``ocr`` extra) did not read;
    - ``too_many_pages``: more pages than the ``max_pages`` limit;
    - ``needs_libreoffice``: a legacy Word document (``.doc``) on a machine without LibreOffice;
    - ``timeout``: reading or checking it took longer than ``timeout_seconds``.

    Batch mode adds two kinds of its own, never raised as this exception: ``crashed``
    (the worker process died on the file: a parser bug or out of memory) and
    ``internal`` (an unexpected error inside gongkai, a bug). ``timeout``, ``crashed``,
    ``internal`` and ``unreadable`` depend on the moment, so a rerun tries those files
    again. ``gongkai.schemas.datapackage.ERROR_KINDS`` lists them all for the dataset.
    """

    def __init__(self, path: str, kind: str, reason: str) -> None:
        self.path = str(path)
        self.kind = kind
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class OutputBusy(GongkaiError):
    """An output directory another run is writing (``gongkai extract`` holds a lock on it)."""

    def __init__(self, path: str, holder: str) -> None:
        self.path = str(path)
        self.holder = holder
        super().__init__(f"{self.path}: 另一个 gongkai extract（进程 {holder}）正在写入这个目录，请等它结束或换一个输出目录")


_IO_REASONS = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "只读文件系统",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.ENOENT: "目录不存在",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EISDIR: "这是一个目录",
}


def io_problem(exc: OSError) -> str:
    """One line for a failed read or write: the path and the reason in words."""
    where = exc.filename if exc.filename is not None else "输出"
    reason = _IO_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
    return f"{where}: 无法写入（{reason}）；已写入的部分已删除，腾出空间或换一个位置后重新运行即可接着处理"
