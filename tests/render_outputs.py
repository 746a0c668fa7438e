"""Render the fixture year's workbook and reports to PNG, for a person to look at (not collected by pytest).

Run by hand:  .venv/bin/python tests/render_outputs.py [OUTPUT_FOLDER]

Builds the fixture year of tests/support/fixture_year.py in a temporary
database, writes the inspection workbook, the annual report (DOCX and
Markdown) and one person's 述责述廉 draft with the real commands, then, when
LibreOffice and poppler are installed (Debian: libreoffice-calc,
libreoffice-writer, poppler-utils; fonts-noto-cjk for the Chinese glyphs),
converts each file to PDF (`libreoffice --headless --convert-to pdf`) and the
pages to PNG (`pdftoppm`). Without them it writes the files and says what is
missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.fixture_year import TODAY, YEAR, build_year  # noqa: E402

MAX_PAGES = 60  # per file: the whole fixture year, not an endless one


def cli(db: Path, *args: str) -> None:
    env = {**os.environ, "DUTY_TUI_TODAY": TODAY}
    subprocess.run([sys.executable, "-m", "tui", "--db", str(db), *args], check=True, env=env, cwd=ROOT)


def render(path: Path, out: Path) -> list[Path]:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None or shutil.which("pdftoppm") is None:
        return []
    with tempfile.TemporaryDirectory() as profile:
        # A profile of its own: a running LibreOffice of the user's would otherwise take the job over.
        subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=300)
    pdf = out / (path.stem + ".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-l", str(MAX_PAGES), str(pdf), str(out / path.stem)], check=True)
    return sorted(out.glob(f"{path.stem}*.png"))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "renders"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "duty.json"
        build_year(db)
        files = [out / "台账.xlsx", out / "报告.docx", out / "报告.md", out / "述责述廉-张三.docx"]
        cli(db, "export", "--year", str(YEAR), "--out", str(files[0]))
        cli(db, "report", "--year", str(YEAR), "--out", str(files[1]))
        cli(db, "report", "--year", str(YEAR), "--format", "markdown", "--out", str(files[2]))
        cli(db, "report", "--year", str(YEAR), "--person", "张三", "--out", str(files[3]))
    pngs = [png for f in files if f.suffix != ".md" for png in render(f, out)]
    if not pngs:
        print("LibreOffice or pdftoppm is not installed: wrote the files only "
              "(apt-get install libreoffice-calc libreoffice-writer poppler-utils fonts-noto-cjk)")
    for path in [*files, *pngs]:
        print(path)


if __name__ == "__main__":
    main()
