"""Photo intake: sniff the content (never trust the extension), enforce byte and pixel limits,
drop all metadata (EXIF GPS included) by re-encoding, store under a content-hash name, thumbnail.
"""
from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}
THUMB_SIZE = (360, 360)


class PhotoError(ValueError):
    """A photo that cannot be accepted; the message (zh-CN) is shown to the user as is."""


@dataclass
class StoredPhoto:
    sha256: str
    path: str          # relative to media root
    thumb_path: str
    mime: str
    width: int
    height: int
    size_bytes: int


def read_limited(stream, max_bytes: int, label: str = "照片") -> bytes:
    """Read at most max_bytes+1 so a 50 MB upload is refused without holding it all."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise PhotoError(f"{label}超过 {max_bytes // (1024 * 1024)} MB 上限")
    return data


def check_photo(data: bytes, *, max_bytes: int, max_pixels: int, label: str = "照片") -> tuple[str, int, int]:
    """Content sniffed (never the extension), JPEG/PNG/WebP only, byte and pixel limits checked from the
    header before any decoding. Returns (format, width, height); raises PhotoError (zh-CN)."""
    if not data:
        raise PhotoError(f"{label}是空文件")
    if len(data) > max_bytes:
        raise PhotoError(f"{label}超过 {max_bytes // (1024 * 1024)} MB 上限")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt, (width, height) = probe.format, probe.size
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise PhotoError(f"{label}不是可识别的图片（仅支持 JPEG/PNG/WebP）") from exc
    if fmt not in ALLOWED_FORMATS:
        raise PhotoError(f"{label}格式 {fmt} 不支持（仅支持 JPEG/PNG/WebP）")
    if width * height > max_pixels:
        raise PhotoError(f"{label}像素过大（{width}×{height}），可能是解压炸弹，已拒绝")
    return fmt, width, height


def store_photo(data: bytes, media_root: str | Path, *, max_bytes: int, max_pixels: int, label: str = "照片") -> StoredPhoto:
    fmt, _, _ = check_photo(data, max_bytes=max_bytes, max_pixels=max_pixels, label=label)
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            img = ImageOps.exif_transpose(img)
            clean = _strip(img, fmt)
    except Image.DecompressionBombError as exc:
        raise PhotoError(f"{label}像素过大，已拒绝") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise PhotoError(f"{label}文件已损坏：{exc}") from exc
    mime, ext = ALLOWED_FORMATS[fmt]
    digest = hashlib.sha256(clean).hexdigest()
    root = Path(media_root)
    rel = Path("photos") / digest[:2] / f"{digest}{ext}"
    thumb_rel = Path("thumbs") / digest[:2] / f"{digest}.jpg"
    _write_once(root / rel, clean)
    if not (root / thumb_rel).exists():
        with Image.open(io.BytesIO(clean)) as img:
            img = img.convert("RGB")
            img.thumbnail(THUMB_SIZE)
            buf = io.BytesIO()
            img.save(buf, "JPEG", quality=85)
        _write_once(root / thumb_rel, buf.getvalue())
    with Image.open(io.BytesIO(clean)) as img:
        w, h = img.size
    return StoredPhoto(digest, str(rel), str(thumb_rel), mime, w, h, len(clean))


def _strip(img: Image.Image, fmt: str) -> bytes:
    """Re-encode without any metadata: location, camera and owner data never reach the store."""
    buf = io.BytesIO()
    if fmt == "JPEG":
        img.convert("RGB").save(buf, "JPEG", quality=92)
    elif fmt == "PNG":
        img.save(buf, "PNG", optimize=False)
    else:
        img.save(buf, "WEBP", quality=90)
    return buf.getvalue()


def _write_once(path: Path, data: bytes) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + f".tmp{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
