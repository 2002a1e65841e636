"""Photos: which image paths a build may name, and the size of every copy the site will publish of each.

Everything here reads a file's header only (its kind, size and EXIF orientation), so `check` is quick and a
page can state each copy's width and height before any pixel is decoded. A photo is published (see `photos`) at
most `FULL_SIDE` pixels on its long side, which a click opens, and at the `WIDTHS` narrower than that, for
`srcset`, so a card or a phone never downloads a 4,000-pixel original.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, JpegImagePlugin, UnidentifiedImageError

from . import tree

MAX_SIDE = 8_000  # pixels; a phone photo is about 4,000 wide
MAX_PIXELS = 40_000_000
MAX_BYTES = 25_000_000  # a 40-megapixel JPEG is well under this
MAX_GIF_BYTES = 1_000_000
MAX_SCANS = 100  # a progressive JPEG has about ten; a marker can only start a scan (entropy data escapes 0xFF)
# Pillow reads a JPEG's markers before its first scan, and a PNG's chunks, one by one in Python: millions of
# empty ones in 25 MB take seconds and a gigabyte. A phone JPEG has a few dozen markers; a PNG's image data
# comes in chunks of 8 KB or more, so a 25 MB file has a few thousand.
MAX_MARKERS = 1_000
MAX_CHUNKS = 10_000
FULL_SIDE = 2_400  # the long side of the copy a click opens: sharp on a 4K screen, a tenth of a phone original
WIDTHS = (480, 960, 1_600)  # srcset candidates: a card, a page column, a wide screen at twice the density
SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
# Phones save a second picture (a depth map, an HDR gain map) after the first in a JPEG; Pillow calls such a file
# MPO. It is a JPEG to everyone else, and only its first picture is published.
SAME_AS = {"MPO": "JPEG"}
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")  # within every file system's name limit
ORIENTATION = 0x0112  # the EXIF tag a phone sets instead of turning the pixels
# What each EXIF orientation needs to stand upright (orientations 5 to 8 swap width and height).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}

ESCAPES = f"image path must stay inside {tree.IMAGES}/ (paths are relative to {tree.BUILDS}/)"
NAMES = (
    "image path may use only letters, digits, '.', '_' and '-' in its folder and file names, and must end in "
    ".png, .jpg, .jpeg, .webp or .gif"
)
NOT_IMAGE = "not a PNG, JPEG, WebP or GIF image"
LIMIT = f"the limit is {MAX_SIDE:,} pixels a side and {MAX_PIXELS // 1_000_000} megapixels: scale it down"


@dataclass(frozen=True)
class Rendition:
    url: str  # relative to the site's assets/builds/
    width: int
    height: int


@dataclass(frozen=True)
class Photo:
    """One checked image and the copies of it the site publishes."""

    path: str  # as the build names it, relative to builds/
    orientation: int
    sizes: tuple[Rendition, ...]  # narrowest first; the last is the full copy

    @property
    def full(self) -> Rendition:
        return self.sizes[-1]

    @property
    def thumbnail(self) -> Rendition:
        return self.sizes[0]

    def srcset(self, base: str) -> str:
        """Every copy for `srcset`, each URL led by `base` (the way from the page to assets/builds/)."""
        return ", ".join(f"{base}{size.url} {size.width}w" for size in self.sizes)


def _renditions(path: str, width: int, height: int) -> tuple[Rendition, ...]:
    scale = min(1.0, FULL_SIDE / max(width, height))
    full = Rendition(path, max(1, round(width * scale)), max(1, round(height * scale)))
    smaller = (Rendition(f"w{w}/{path}", w, max(1, round(height * w / width))) for w in WIDTHS if w < full.width)
    return (*smaller, full)


def check(root: Path, path: str) -> Photo | str:
    """The photo `builds/<path>` names, or why a build may not show it. Reads the file's header only."""
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
    size = file.stat().st_size
    if size > MAX_BYTES:
        return f"image file is larger than {MAX_BYTES:,} bytes: scale it down or save it compressed"
    if suffix == ".gif" and size > MAX_GIF_BYTES:  # Pillow reads a GIF's comments in time that grows as their square
        return f"a GIF may be at most {MAX_GIF_BYTES:,} bytes (only its first frame is shown): save it as PNG or JPEG"
    if why := _too_many_pieces(file.read_bytes()):  # by its content, as Pillow reads it, whatever its name
        return why
    try:
        with Image.open(file) as image:  # reads the header only: the size is known before any pixel is
            width, height, orientation = image.width, image.height, _orientation(image)
            kind = SAME_AS.get(str(image.format), image.format)
    except Image.DecompressionBombError:  # Pillow's own ceiling, far above ours
        return f"image is over {(Image.MAX_IMAGE_PIXELS or 0) * 2 // 1_000_000} megapixels; {LIMIT}"
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return NOT_IMAGE
    if kind not in SUFFIXES.values():
        return NOT_IMAGE
    if kind != SUFFIXES[suffix]:
        return f"this is a {kind} image: its name should end in .{kind.lower().replace('jpeg', 'jpg')}"
    if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
        return f"image is {width:,} × {height:,} pixels; {LIMIT}"
    if orientation >= 5:
        width, height = height, width
    return Photo(path, orientation, _renditions(path, width, height))


def _too_many_pieces(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        pos, chunks = 8, 0  # after the signature: each chunk is its length, type, data and checksum
        while pos + 8 <= len(data) and chunks <= MAX_CHUNKS:
            chunks += 1
            pos += 12 + int.from_bytes(data[pos : pos + 4], "big")
        return f"this PNG is stored in more than {MAX_CHUNKS:,} chunks: save it again" if chunks > MAX_CHUNKS else None
    if not data.startswith(b"\xff\xd8"):
        return None
    if (scans := data.count(b"\xff\xda")) > MAX_SCANS:
        # Each scan of a progressive JPEG is decoded over the whole picture: thousands of them take minutes.
        return f"this JPEG is saved in {scans:,} scans, more than {MAX_SCANS}: save it again as a plain JPEG"
    # Pillow's own reading, step for step (JpegImageFile._open): a byte that starts no marker, a fill byte and an
    # escaped 0xFF each cost a step; a marker its table names has a length to skip only if it has a handler.
    pos, markers = 2, 0  # after the start-of-image marker, up to the first scan
    while pos + 1 < len(data) and markers <= MAX_MARKERS:
        markers += 1
        if data[pos] != 0xFF or data[pos + 1] == 0xFF:
            pos += 1
            continue
        code = 0xFF00 | data[pos + 1]
        if code == 0xFFDA:
            return None
        known = JpegImagePlugin.MARKER.get(code)
        if known is None and code != 0xFF00:
            return None  # Pillow stops here too, and the check says it is not an image
        if known is None or known[2] is None:
            pos += 2
        else:  # a length below 2 still moves Pillow past the two bytes that state it
            pos += 2 + max(2, int.from_bytes(data[pos + 2 : pos + 4], "big"))
    if markers > MAX_MARKERS:
        return f"this JPEG has more than {MAX_MARKERS:,} markers before its picture: save it again"
    return None


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation the header states (1 when none). Read from the header alone, so `check` and
    `publish` agree on it: Pillow's own lookup decodes a whole PNG to find an EXIF chunk after the pixels."""
    exif = image.info.get("exif")
    if not isinstance(exif, bytes):
        return 1
    value = Image.Exif()
    try:
        with warnings.catch_warnings():  # Pillow warns of each broken entry; a broken block only loses its tags
            warnings.simplefilter("ignore")
            value.load(exif)
            found = value.get(ORIENTATION, 1)
    except Exception:  # a mangled block raises whatever its bytes trip on; it states no turn to make
        return 1
    return found if isinstance(found, int) and found in UPRIGHT else 1
