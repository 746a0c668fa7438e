"""Workbooks for import tests: made by openpyxl, then edited by hand as other programs or damage leave them."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

HEADER = ["事项", "责任人", "责任科室", "时限"]
ROW = ["招商引资一号工程", "王五", "财务科", "2024-03-31"]
SHEET = "xl/worksheets/sheet1.xml"


def workbook(path: Path, *rows: list[object]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def rewrite(path: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """The workbook with one part edited by hand, as another program (or damage) might leave it."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info, change(data) if info.filename == part else data)
    return path


def damaged_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """One file for each way a workbook can fail to be one, with what the refusal says about it."""
    good = workbook(tmp_path / "good.xlsx", HEADER, ROW)
    raw = good.read_bytes()
    files: dict[str, tuple[Path, str]] = {}

    def add(name: str, data: bytes, said: str) -> None:
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(data)
        files[name] = (path, said)

    # An escape as a character reference: XML 1.0 forbids it, and expat raised a ParseError traceback.
    add("bad-xml", raw, "Excel 工作簿已损坏（内部的 XML 无效）")
    rewrite(files["bad-xml"][0], SHEET, lambda xml: xml.replace(b"&#29579;", b"&#27;"))
    add("not-zip", "事项,责任人\n".encode(), "不是 Excel 工作簿（.xlsx）")
    add("empty", b"", "不是 Excel 工作簿（.xlsx）")
    add("truncated", raw[: len(raw) // 2], "文件不完整（可能没有下载或复制完）")
    # The sheet's compressed bytes flipped in the middle: the zip's directory is intact, its data not.
    with zipfile.ZipFile(good) as z:
        info = z.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    add("bad-crc", raw[:middle] + bytes(b ^ 0xFF for b in raw[middle:middle + 8]) + raw[middle + 8:],
        "Excel 工作簿已损坏（压缩数据有误）")
    # What Office writes for a password to open: an OLE2 file holding the zip as "EncryptedPackage".
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    add("encrypted", cfb + "EncryptedPackage".encode("utf-16-le") + bytes(512), "工作簿设有打开密码")
    add("xls", cfb + "Workbook".encode("utf-16-le") + bytes(512), "是旧版 Excel（.xls）或其他 Office 格式")
    docx = tmp_path / "word.zip"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    add("docx", docx.read_bytes(), "不是 Excel 工作簿（缺少工作簿的组成部分）")
    return files
