"""Photos: which image paths a build may name, and the copy of each that is published.

A published image is decoded and written anew by Pillow, so nothing of the file but its pixels (and colour
profile) reaches the site: no GPS position, camera serial or editing history from a phone's EXIF or XMP, and no
bytes that only pretend to be an image. Re-encoding takes time, so the results are kept in `.buildguide/images/`
by the source's content hash.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path, PurePosixPath

from PIL import Image, ImageOps, UnidentifiedImageError
from PIL import __version__ as PILLOW

from . import tree

MAX_SIDE = 8_000  # pixels; a phone photo is about 4,000 wide
MAX_PIXELS = 40_000_000
MAX_BYTES = 25_000_000  # a 40-megapixel JPEG is well under this
SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")  # within every file system's name limit
RECIPE = "2"  # bump when `publish` changes what it writes, so cached copies are made again
CACHE = ".buildguide/images"

ESCAPES = f"image path must stay inside {tree.IMAGES}/ (paths are relative to {tree.BUILDS}/)"
NAMES = (
    "image path may use only letters, digits, '.', '_' and '-' in its folder and file names, and must end in "
    ".png, .jpg, .jpeg, .webp or .gif"
)
NOT_IMAGE = "not a PNG, JPEG, WebP or GIF image"
LIMIT = f"the limit is {MAX_SIDE:,} pixels a side and {MAX_PIXELS // 1_000_000} megapixels: scale it down"


def problem(root: Path, path: str) -> str | None:
    """Why a build may not show `builds/<path>`, or None."""
    parts = path.split("/")  # not PurePosixPath: it would quietly drop a "." part
    if path.startswith("/") or ".." in parts or parts[0] != "images":
        return ESCAPES
    suffix = PurePosixPath(path).suffix.lower()
    if "\\" in path or not all(_NAME.fullmatch(part) for part in parts) or suffix not in SUFFIXES:
        return NAMES
    file = root / tree.BUILDS / path
    if not file.exists() and not file.is_symlink():
        return f"image file not found: {tree.BUILDS}/{path}"
    if (why := tree.plain_file(root, f"{tree.BUILDS}/{path}")) is not None:
        return f"{why}; only plain files and folders are read under {tree.BUILDS}/"
    if file.stat().st_size > MAX_BYTES:
        return f"image file is larger than {MAX_BYTES:,} bytes: scale it down or save it compressed"
    try:
        with Image.open(file) as image:  # reads the header only: the size is known before any pixel is
            width, height, kind = image.width, image.height, image.format
    except Image.DecompressionBombError:  # Pillow's own ceiling, far above ours
        return f"image is over {Image.MAX_IMAGE_PIXELS * 2 // 1_000_000} megapixels; {LIMIT}"
    except (UnidentifiedImageError, OSError, ValueError):
        return NOT_IMAGE
    if kind not in SUFFIXES.values():
        return NOT_IMAGE
    if kind != SUFFIXES[suffix]:
        return f"this is a {kind} image: its name should end in .{kind.lower().replace('jpeg', 'jpg')}"
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        return f"image is {width:,} × {height:,} pixels; {LIMIT}"
    return None


def _encode(data: bytes) -> bytes:
    """One frame, written anew: an animation is published as its first frame, so the work is one picture's
    whatever the file claims (sixty 3,000-pixel frames took 51 s)."""
    with Image.open(io.BytesIO(data)) as source:
        kind = source.format
        icc = source.info.get("icc_profile")
        image = ImageOps.exif_transpose(source)  # keep the way the camera was held, then drop the EXIF
        image.info = {}  # no EXIF, XMP, text chunks or comments are carried over
        options: dict[str, object] = {"icc_profile": icc} if icc and kind != "GIF" else {}
        if kind in ("JPEG", "WEBP"):
            options["quality"] = 90
        out = io.BytesIO()
        image.save(out, kind, **options)
        return out.getvalue()


def publish(root: Path, path: str) -> bytes:
    """The published bytes of `builds/<path>` (checked by `problem` first): re-encoded, from the cache if there."""
    data = (root / tree.BUILDS / path).read_bytes()
    key = hashlib.sha256(data + f"\0{PILLOW}\0{RECIPE}".encode()).hexdigest()
    cached = root / CACHE / f"{key}{PurePosixPath(path).suffix.lower()}"
    try:
        return cached.read_bytes()
    except FileNotFoundError:
        pass
    encoded = _encode(data)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(encoded)
    return encoded
