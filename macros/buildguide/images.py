"""Photos: which image paths a build may name, and the copies of each that are published.

A published image is decoded and written anew by Pillow, so nothing of the file but its pixels (and colour
profile) reaches the site: no GPS position, camera serial or editing history from a phone's EXIF or XMP, and no
bytes that only pretend to be an image. Each photo is published at most `FULL_SIDE` pixels on its long side (what
a click opens) and at the `WIDTHS` narrower than that, for `srcset`, so a card or a phone never downloads a
4,000-pixel original. Every size is worked out from the header when the file is checked, so a page states each
copy's width and height before any pixel is decoded. Re-encoding takes time, so the copies are kept in
`.buildguide/images/<hash of the source>/`; a full render removes the folders it no longer uses.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError
from PIL import __version__ as PILLOW

from . import tree
from .errors import DataError, Problem

MAX_SIDE = 8_000  # pixels; a phone photo is about 4,000 wide
MAX_PIXELS = 40_000_000
MAX_BYTES = 25_000_000  # a 40-megapixel JPEG is well under this
FULL_SIDE = 2_400  # the long side of the copy a click opens: sharp on a 4K screen, a tenth of a phone original
WIDTHS = (480, 960, 1_600)  # srcset candidates: a card, a page column, a wide screen at twice the density
SUFFIXES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
# Phones save a second picture (a depth map, an HDR gain map) after the first in a JPEG; Pillow calls such a file
# MPO. It is a JPEG to everyone else, and only its first picture is published.
_SAME_AS = {"MPO": "JPEG"}
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")  # within every file system's name limit
RECIPE = "3"  # bump when `publish` changes what it writes, so cached copies are made again
CACHE = ".buildguide/images"
_KEY = re.compile(r"[0-9a-f]{64}")  # a cache folder's name: only such names are ever removed
ORIENTATION = 0x0112  # the EXIF tag a phone sets instead of turning the pixels
# What each EXIF orientation needs to stand upright (orientations 5 to 8 swap width and height).
_UPRIGHT = {
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
    if file.stat().st_size > MAX_BYTES:
        return f"image file is larger than {MAX_BYTES:,} bytes: scale it down or save it compressed"
    try:
        with Image.open(file) as image:  # reads the header only: the size is known before any pixel is
            width, height, orientation = image.width, image.height, _orientation(image)
            kind = _SAME_AS.get(str(image.format), image.format)
    except Image.DecompressionBombError:  # Pillow's own ceiling, far above ours
        return f"image is over {Image.MAX_IMAGE_PIXELS * 2 // 1_000_000} megapixels; {LIMIT}"
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
    return found if isinstance(found, int) and found in _UPRIGHT else 1


def _encode(data: bytes, photo: Photo) -> dict[str, bytes]:
    """Every rendition, written anew from one decode: an animation is published as its first frame, so the work
    is one picture's whatever the file claims (sixty 3,000-pixel frames took 51 s)."""
    with Image.open(io.BytesIO(data)) as source:
        kind = _SAME_AS.get(str(source.format), source.format)
        icc = source.info.get("icc_profile")
        source.load()
        image: Image.Image = source
        if photo.orientation in _UPRIGHT:  # keep the way the camera was held; the EXIF is dropped below
            image = image.transpose(_UPRIGHT[photo.orientation])
        if image.mode.startswith("I"):  # 16- and 32-bit grey: scaled to 8 bits, where a plain convert clips
            image = image.convert("I").point(lambda value: value / 257).convert("L")
        elif image.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):  # palettes resample badly or not at all
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        options: dict[str, object] = {"icc_profile": icc} if icc and kind != "GIF" else {}
        if kind in ("JPEG", "WEBP"):
            options["quality"] = 85
        out: dict[str, bytes] = {}
        for size in photo.sizes:
            copy = image if image.size == (size.width, size.height) else image.resize((size.width, size.height))
            copy.info = {}  # no EXIF, XMP, text chunks or comments are carried over
            buffer = io.BytesIO()
            copy.save(buffer, kind, **options)
            out[size.url] = buffer.getvalue()
        return out


def publish(root: Path, photo: Photo) -> tuple[str, dict[str, bytes]]:
    """The cache key of `photo`'s source and its published copies (by URL under assets/builds/), re-encoded or
    read from the cache."""
    data = (root / tree.BUILDS / photo.path).read_bytes()
    key = hashlib.sha256(data + f"\0{PILLOW}\0{RECIPE}".encode()).hexdigest()
    folder = root / CACHE / key
    names = {size.url: folder / _cache_name(size) for size in photo.sizes}
    try:
        return key, {url: file.read_bytes() for url, file in names.items()}
    except FileNotFoundError:
        pass
    encoded = _encode(data, photo)
    # Filled beside the cache and renamed into place whole, so a run stopped halfway never leaves a cut-off copy
    # that later runs would take for a good one.
    partial = Path(tempfile.mkdtemp(prefix=f"{key}.", dir=_cache(root)))
    for url, file in names.items():
        (partial / file.name).write_bytes(encoded[url])
    shutil.rmtree(folder, ignore_errors=True)  # a folder with some copies missing: made again
    partial.rename(folder)
    return key, encoded


def _cache_name(size: Rendition) -> str:
    return f"{size.width}x{size.height}{PurePosixPath(size.url).suffix.lower()}"


def _cache(root: Path) -> Path:
    """The cache folder, made if need be; a link in its place (committed by a pull request, say) is refused, so
    nothing here writes or deletes outside the project."""
    cache = root / CACHE
    for place in (cache.parent, cache):
        if ((why := tree.kind(place)) is not None and place.exists()) or place.is_symlink():
            message = f"is {why or 'not a folder'}; the image cache must be a plain folder inside the project"
            raise DataError([Problem(place.relative_to(root).as_posix(), 1, 1, "(file)", message)])
    cache.mkdir(parents=True, exist_ok=True)
    return cache


def prune_cache(root: Path, keep: set[str]) -> None:
    """Remove the cached copies of sources no build shows any more, and folders a stopped run left half-filled."""
    for entry in _cache(root).iterdir():
        if _KEY.fullmatch(entry.name.split(".")[0]) and entry.name not in keep:
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
