"""Find a CJK font on this machine for PDF and image output.

ReportLab can only embed TrueType-outline fonts, so the Noto Sans CJK files
(OpenType/CFF) are no good for PDF; WenQuanYi (fonts-wqy-microhei /
fonts-wqy-zenhei), AR PL (fonts-arphic-*) or Droid Sans Fallback are. Pillow
(FreeType) reads either kind, so images prefer Noto Sans CJK SC, which has a
real bold, and fall back to the PDF font.

Set TRACING_CJK_FONT=/path/to/font.ttf[:index] to force a PDF font.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

INSTALL_HINT = "apt-get install -y fonts-wqy-microhei (or fonts-wqy-zenhei)"


class FontNotFound(RuntimeError):
    pass


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int = 0


# Known TrueType-outline CJK fonts, best looking first.
_PDF_CANDIDATES = [
    FontFile("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    FontFile("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    FontFile("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    FontFile("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    FontFile("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
]

# Noto Sans CJK: index 2 of the TTC is the Simplified Chinese face.
_IMAGE_REGULAR = [FontFile("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2)]
_IMAGE_BOLD = [FontFile("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2)]


def _from_env() -> FontFile | None:
    raw = os.environ.get("TRACING_CJK_FONT", "").strip()
    if not raw:
        return None
    path, idx = raw, 0
    head, sep, tail = raw.rpartition(":")
    if sep and tail.isdigit():
        path, idx = head, int(tail)
    if not os.path.isfile(path):
        raise FontNotFound(f"TRACING_CJK_FONT points to a missing file: {path}")
    return FontFile(path, idx)


def _fc_list_zh() -> list[FontFile]:
    """Other Chinese fonts fontconfig knows about (any vendor path)."""
    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file", "index"], capture_output=True,
                             text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in out.splitlines():
        path, _, rest = line.partition(":")  # "/path/font.ttc: :index=2"
        m = re.search(r"index=(\d+)", rest)
        if path.lower().endswith((".ttf", ".ttc")):
            found.append(FontFile(path.strip(), int(m.group(1)) if m else 0))
    return sorted(set(found), key=lambda f: f.path)


def _reportlab_can_embed(font: FontFile) -> bool:
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        TTFont("probe", font.path, subfontIndex=font.index)
        return True
    except (TTFError, OSError, ValueError):
        return False


@lru_cache(maxsize=None)
def pdf_font() -> FontFile:
    env = _from_env()
    if env:
        if not _reportlab_can_embed(env):
            raise FontNotFound(f"TRACING_CJK_FONT {env.path} is not a TrueType-outline font "
                               "ReportLab can embed")
        return env
    for cand in _PDF_CANDIDATES + _fc_list_zh():
        if os.path.isfile(cand.path) and _reportlab_can_embed(cand):
            return cand
    raise FontNotFound("no embeddable CJK TrueType font found; " + INSTALL_HINT)


@lru_cache(maxsize=None)
def image_fonts() -> tuple[FontFile, FontFile]:
    """(regular, bold) for Pillow; bold may equal regular when no bold face exists."""
    regular = next((f for f in _IMAGE_REGULAR if os.path.isfile(f.path)), None)
    bold = next((f for f in _IMAGE_BOLD if os.path.isfile(f.path)), None)
    if regular:
        return regular, bold or regular
    base = pdf_font()
    return base, base


PDF_FONT_NAME = "TracingCJK"


def register_pdf_font() -> str:
    """Register the CJK font with ReportLab once; returns its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if PDF_FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        f = pdf_font()
        pdfmetrics.registerFont(TTFont(PDF_FONT_NAME, f.path, subfontIndex=f.index))
    return PDF_FONT_NAME
