"""The published copies of each photo, written anew: nothing of a contributor's file but its picture reaches the
site. No GPS position, camera serial or editing history from EXIF or XMP, no comments, no colour profile (the
pixels are converted to sRGB, what browsers assume, so a profile of megabytes of anything is not passed on), and
no bytes that only pretend to be an image. Copies are kept in `.buildguide/images/<hash of the source>/`, as
re-encoding takes time; a full render removes the folders no build uses any more.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import struct
import tempfile
from pathlib import Path, PurePosixPath

from PIL import Image, ImageCms
from PIL import __version__ as PILLOW

from . import tree
from .errors import DataError, Problem
from .images import SAME_AS, UPRIGHT, Photo, Rendition

RECIPE = "4"  # bump when `publish` changes what it writes, so cached copies are made again
CACHE = ".buildguide/images"
_KEY = re.compile(r"[0-9a-f]{64}")  # a cache folder's name: only such names are ever removed
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
# What a damaged file raises once its pixels are decoded (its header passed `images.check`).
_DAMAGED = (OSError, ValueError, SyntaxError, EOFError, struct.error, Image.DecompressionBombError)


class Damaged(ValueError):
    """A photo whose header is sound but whose pixels cannot be decoded: cut off, or corrupt."""


def _in_srgb(image: Image.Image, icc: object) -> Image.Image:
    """The picture in sRGB. A profile that does not parse is ignored, as a browser would."""
    if isinstance(icc, bytes) and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if image.mode == "RGBA" else "RGB"
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode) or image
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return image.convert("RGB") if image.mode == "CMYK" else image


def _encode(data: bytes, photo: Photo) -> dict[str, bytes]:
    """Every copy, written anew from one decode: an animation is published as its first frame, so the work is one
    picture's whatever the file claims (sixty 3,000-pixel frames took 51 s)."""
    with Image.open(io.BytesIO(data)) as source:
        kind = SAME_AS.get(str(source.format), str(source.format))
        source.load()
        image: Image.Image = source
        if photo.orientation in UPRIGHT:  # keep the way the camera was held; the EXIF is dropped below
            image = image.transpose(UPRIGHT[photo.orientation])
        if image.mode.startswith("I"):  # 16- and 32-bit grey: scaled to 8 bits, where a plain convert clips
            image = image.convert("I").point(lambda value: value / 257).convert("L")
        elif image.mode not in ("RGB", "RGBA", "L", "LA", "CMYK"):  # palettes resample badly or not at all
            image = image.convert("RGBA" if image.has_transparency_data else "RGB")
        image = _in_srgb(image, source.info.get("icc_profile"))
        options: dict[str, object] = {"quality": 85} if kind in ("JPEG", "WEBP") else {}
        out: dict[str, bytes] = {}
        for size in photo.sizes:
            copy = image if image.size == (size.width, size.height) else image.resize((size.width, size.height))
            copy.info = {}  # no EXIF, XMP, profile, text chunks or comments are carried over
            buffer = io.BytesIO()
            copy.save(buffer, kind, **options)
            out[size.url] = buffer.getvalue()
        return out


Published = dict[tuple[str, str], dict[str, bytes]]  # (path, cache key) -> copies, for one run's builds to share


def publish(root: Path, photo: Photo, published: Published) -> tuple[str, dict[str, bytes]]:
    """The cache key of `photo`'s source and its published copies (by URL under assets/builds/), re-encoded or
    read from the cache. Raises Damaged for a file that cannot be decoded.

    Builds that show one photo get the very same copies from `published`: 170 builds showing the seed's three
    drawings each held 0.8 MB of their own, 140 MB in all."""
    data = (root / tree.BUILDS / photo.path).read_bytes()
    key = hashlib.sha256(data + f"\0{PILLOW}\0{RECIPE}".encode()).hexdigest()
    if (found := published.get((photo.path, key))) is not None:
        return key, found
    published[photo.path, key] = copies = _copies(root, photo, data, key)
    return key, copies


def _copies(root: Path, photo: Photo, data: bytes, key: str) -> dict[str, bytes]:
    folder = _cache(root) / key
    names = {size.url: folder / _cache_name(size) for size in photo.sizes}
    try:
        return {url: file.read_bytes() for url, file in names.items()}
    except FileNotFoundError:
        pass
    try:
        encoded = _encode(data, photo)
    except _DAMAGED as exc:
        raise Damaged("image data is damaged or cut off: save the photo again") from exc
    # Filled beside the cache and renamed into place whole, so a run stopped halfway never leaves a cut-off copy
    # that later runs would take for a good one.
    partial = Path(tempfile.mkdtemp(prefix=f"{key}.", dir=folder.parent))
    for url, file in names.items():
        (partial / file.name).write_bytes(encoded[url])
    shutil.rmtree(folder, ignore_errors=True)  # a folder with some copies missing: made again
    partial.rename(folder)
    return encoded


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
