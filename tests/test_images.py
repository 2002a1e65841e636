"""Photos as a reader gets them: a build's hero and gallery, every copy at its stated size in srcset, credits,
card thumbnails, nothing of a phone's metadata, and a cache that is reused and pruned."""

from __future__ import annotations

import io
import subprocess
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageOps

from buildguide import photos
from buildguide.errors import DataError
from buildguide.project import load_project
from buildguide.render import render

from .conftest import SEED
from .htmltree import Element, page_tree, parse

PHOTO = f"images/{SEED}/desk.jpg"


def _phone_photo(repo: Path) -> None:
    """A 4032 × 3024 phone JPEG held upright (EXIF orientation 6), with a camera make and a GPS position."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 6
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0)}
    out = io.BytesIO()
    Image.new("RGB", (4032, 3024), "teal").save(out, "JPEG", exif=exif, quality=50)
    (repo / "builds" / PHOTO).write_bytes(out.getvalue())


def _set_photos(repo: Path, block: str) -> None:
    seed = repo / "builds" / f"{SEED}.yaml"
    text = seed.read_text()
    start, end = text.index("photos:\n"), text.index("sections:\n")
    seed.write_text(text[:start] + block + text[end:])


PHONE_FIRST = f"""photos:
  - path: {PHOTO}
    alt: The finished machine on the desk
    caption: Finished, side panel on
  - path: images/{SEED}/parts.png
    alt: The parts laid out
"""


def _page(repo: Path) -> Element:
    return page_tree((repo / "docs" / "builds" / SEED / "index.md").read_text())


def _size(file: Path) -> tuple[int, int]:
    with Image.open(file) as image:
        return image.size


def test_a_phone_photo_is_published_upright_in_every_size_its_page_states(repo: Path) -> None:
    _phone_photo(repo)
    _set_photos(repo, PHONE_FIRST)
    render(repo)
    hero = _page(repo).find("figure", "bg-hero")
    img = hero.find("img")
    assets = repo / "docs" / "builds" / SEED
    # Upright (3024 × 4032), scaled so the long side is 2,400: the copy a click opens.
    assert hero.find("a", "bg-photo").get("href") == f"../../assets/builds/{PHOTO}"
    assert (img.get("width"), img.get("height")) == ("1800", "2400")
    assert img.get("fetchpriority") == "high" and img.get("loading") is None  # the first thing a reader sees
    candidates = [candidate.split() for candidate in (img.get("srcset") or "").split(", ")]
    assert [width for _, width in candidates] == ["480w", "960w", "1600w", "1800w"]
    for url, width in candidates:
        file = (assets / url).resolve()
        with Image.open(file) as copy:
            assert copy.width == int(width[:-1]) and copy.height == round(4032 * copy.width / 3024)
            assert not copy.getexif() and "exif" not in copy.info
        assert b"PhoneMaker" not in file.read_bytes()
    assert _size((assets / f"../../assets/builds/{PHOTO}").resolve()) == (1800, 2400)


def test_the_hero_the_gallery_and_every_part_photo_carry_caption_and_credit(repo: Path) -> None:
    _phone_photo(repo)
    _set_photos(repo, PHONE_FIRST.replace("    alt: The parts laid out\n", "    alt: The parts\n    credit: Ana Li\n"))
    render(repo)
    page = _page(repo)
    hero = page.find("figure", "bg-hero")
    author = "Rahul Agarwal (MLWhiz)"  # the build's author: whose photo it is unless `credit` says otherwise
    assert hero.find("figcaption").text == f"Finished, side panel on Image: {author}"
    assert hero.find("span", "bg-credit").text == f"Image: {author}"
    gallery = page.find("div", "bg-gallery").find_all("figure")
    assert [f.find("img").get("alt") for f in gallery] == ["The parts"]  # the hero is not repeated
    assert gallery[0].find("span", "bg-credit").text == "Image: Ana Li"
    assert gallery[0].find("img").get("loading") == "lazy"
    part = page.find("div", "bg-part", data_role="fan").find("figure")
    assert part.find("span", "bg-credit").text == "Image: PC Build Guides"
    assert page.find(id_="photos").text.startswith("Photos")


def test_a_build_with_one_photo_has_a_hero_and_no_gallery_and_one_without_has_neither(repo: Path) -> None:
    _set_photos(repo, f"photos:\n  - path: images/{SEED}/parts.png\n    alt: The parts\n")
    render(repo)
    page = _page(repo)
    assert page.find("figure", "bg-hero").find("img").get("alt") == "The parts"
    assert page.find_all("div", "bg-gallery") == [] and page.find_all(id_="photos") == []
    _set_photos(repo, "")
    render(repo)
    assert _page(repo).find_all("figure", "bg-hero") == []


def test_a_card_shows_the_hero_as_a_thumbnail_or_else_a_part_photo(repo: Path) -> None:
    _phone_photo(repo)
    _set_photos(repo, PHONE_FIRST)
    render(repo)
    cards = parse((repo / ".buildguide" / "cards.html").read_text())
    thumb = next(img for img in cards.find_all("img", "bg-card-image") if SEED in (img.get("src") or ""))
    assert thumb.get("src") == f"assets/builds/w480/{PHOTO}"
    assert (thumb.get("width"), thumb.get("height")) == ("480", "640")
    assert _size(repo / "docs" / thumb.get("src")) == (480, 640)  # type: ignore[operator]
    _set_photos(repo, "")
    render(repo)
    cards = parse((repo / ".buildguide" / "cards.html").read_text())
    thumb = next(img for img in cards.find_all("img", "bg-card-image") if SEED in (img.get("src") or ""))
    assert thumb.get("src") == f"assets/builds/w480/images/{SEED}/airflow.png"


def test_photos_are_read_from_the_cache_and_a_photo_no_build_shows_leaves_it(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _phone_photo(repo)
    _set_photos(repo, PHONE_FIRST)
    render(repo)
    published = repo / "docs" / "assets" / "builds" / PHOTO
    first = published.read_bytes()
    cache = repo / photos.CACHE
    folders = {folder.name for folder in cache.iterdir()}

    def no_decoding(*args: object) -> dict[str, bytes]:
        raise AssertionError("a cached photo was decoded again")

    monkeypatch.setattr(photos, "_encode", no_decoding)
    published.unlink()
    render(repo)
    assert published.read_bytes() == first
    monkeypatch.undo()
    _set_photos(repo, "")
    render(repo)
    left = {folder.name for folder in cache.iterdir()}
    assert len(left) == len(folders) - 2 and left < folders  # the phone photo's and parts.png's copies went
    assert not published.exists()


def test_builds_showing_one_photo_share_its_copies_and_a_same_bytes_file_keeps_its_own_address(repo: Path) -> None:
    seed = repo / "builds" / f"{SEED}.yaml"
    images = repo / "builds" / "images" / SEED
    (images / "twin.png").write_bytes((images / "parts.png").read_bytes())
    twin = seed.read_text().replace(f"images/{SEED}/parts.png", f"images/{SEED}/twin.png")
    (repo / "builds" / "zz-copy.yaml").write_text(seed.read_text())
    (repo / "builds" / "zz-twin.yaml").write_text(twin)
    site = render(repo)
    shown, copy, other = (site.outputs[slug] for slug in (SEED, "zz-copy", "zz-twin"))
    url = f"docs/assets/builds/w480/images/{SEED}/parts.png"
    assert copy[url] is shown[url]  # one copy in memory, however many builds show it
    assert url not in other and other[url.replace("parts.png", "twin.png")] == shown[url]
    assert (repo / url.replace("parts.png", "twin.png")).read_bytes() == (repo / url).read_bytes()


def test_photo_mistakes_are_located_lines(repo: Path) -> None:
    many = "".join(f"  - path: images/{SEED}/parts.png\n    alt: The parts, again\n" for _ in range(25))
    _set_photos(repo, f"photos:\n  - path: images/{SEED}/gone.png\n    alt: Gone\n" + many)
    with pytest.raises(DataError) as caught:
        load_project(repo)
    lines = (repo / "builds" / f"{SEED}.yaml").read_text().splitlines()
    at = lines.index("photos:") + 1
    assert [str(p) for p in caught.value.problems] == [
        f"builds/{SEED}.yaml:{at + 1}:3: photos: a list of at most 24, not 26",
    ]
    _set_photos(repo, f"photos:\n  - path: images/{SEED}/gone.png\n    alt: Gone\n")
    with pytest.raises(DataError) as caught:
        load_project(repo)
    assert [str(p) for p in caught.value.problems] == [
        f"builds/{SEED}.yaml:{at + 1}:11: photos.0.path: image file not found: builds/images/{SEED}/gone.png",
    ]


@pytest.mark.parametrize("mode", ["P", "I;16", "LA", "CMYK"])
def test_every_image_mode_is_published_at_the_sizes_stated(repo: Path, mode: str) -> None:
    kind, suffix = ("JPEG", "jpg") if mode == "CMYK" else ("PNG", "png")
    out = io.BytesIO()
    Image.new(mode, (1000, 500)).save(out, kind)
    (repo / "builds" / "images" / SEED / f"mode.{suffix}").write_bytes(out.getvalue())
    _set_photos(repo, f"photos:\n  - path: images/{SEED}/mode.{suffix}\n    alt: A flat picture\n")
    render(repo)
    base = repo / "docs" / "assets" / "builds"
    assert _size(base / f"images/{SEED}/mode.{suffix}") == (1000, 500)
    assert _size(base / f"w960/images/{SEED}/mode.{suffix}") == (960, 480)
    assert _size(base / f"w480/images/{SEED}/mode.{suffix}") == (480, 240)


def _publish_one(repo: Path, name: str, data: bytes) -> Path:
    """Show `data` as the build's only photo, render, and return the full copy's path."""
    (repo / "builds" / "images" / SEED / name).write_bytes(data)
    _set_photos(repo, f"photos:\n  - path: images/{SEED}/{name}\n    alt: A photo\n")
    render(repo)
    return repo / "docs" / "assets" / "builds" / "images" / SEED / name


@pytest.mark.parametrize("orientation", range(1, 9))
def test_each_exif_orientation_is_turned_the_way_a_browser_shows_the_original(repo: Path, orientation: int) -> None:
    source = Image.new("RGB", (60, 40), "white")
    source.paste((255, 0, 0), (0, 0, 20, 10))  # a red corner: every turn and flip moves it somewhere else
    source.paste((0, 0, 255), (50, 30, 60, 40))
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    source.save(out, "PNG", exif=exif)
    published = _publish_one(repo, "turned.png", out.getvalue())
    with Image.open(io.BytesIO(out.getvalue())) as original, Image.open(published) as copy:
        upright = ImageOps.exif_transpose(original)
        assert copy.size == upright.size
        assert list(copy.convert("RGB").getdata()) == list(upright.convert("RGB").getdata())


def test_a_mangled_exif_block_is_published_without_a_traceback(repo: Path) -> None:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "red").save(out, "JPEG", exif=b"Exif\0\0MM\0*\0")  # a TIFF header and nothing more
    with Image.open(_publish_one(repo, "mangled.jpg", out.getvalue())) as copy:
        assert copy.size == (30, 20) and not copy.getexif()


def test_a_phone_jpeg_with_a_second_picture_is_a_jpeg(repo: Path) -> None:
    """Phones append a depth or gain map after the photo; Pillow reads such a file as MPO."""
    out = io.BytesIO()
    first, second = Image.new("RGB", (40, 30), "green"), Image.new("RGB", (40, 30), "black")
    first.save(out, "MPO", save_all=True, append_images=[second])
    with Image.open(_publish_one(repo, "depth.jpg", out.getvalue())) as copy:
        assert copy.format == "JPEG" and copy.size == (40, 30) and getattr(copy, "n_frames", 1) == 1


def test_a_16_bit_grey_photo_keeps_its_tones(repo: Path) -> None:
    ramp = Image.new("I;16", (3, 1))
    for x, value in enumerate((0, 32_896, 65_535)):
        ramp.putpixel((x, 0), value)
    out = io.BytesIO()
    ramp.save(out, "PNG")
    with Image.open(_publish_one(repo, "ramp.png", out.getvalue())) as copy:
        assert [copy.convert("L").getpixel((x, 0)) for x in range(3)] == [0, 128, 255]


def test_a_linked_image_cache_is_refused_and_nothing_outside_is_touched(repo: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "notes.txt").write_text("mine")
    (repo / ".buildguide").mkdir()
    (repo / photos.CACHE).symlink_to(victim)
    with pytest.raises(DataError) as caught:
        render(repo)
    assert [str(p) for p in caught.value.problems] == [
        ".buildguide/images:1:1: (file): is a symbolic link; the image cache must be a plain folder inside the project"
    ]
    assert [p.name for p in victim.iterdir()] == ["notes.txt"]


def test_a_committed_cache_entry_is_refused(repo: Path) -> None:
    """A pull request could commit a poisoned copy under the name the cache would look up: it is refused."""
    poisoned = repo / photos.CACHE / ("0" * 64) / "480x352.png"
    poisoned.parent.mkdir(parents=True)
    poisoned.write_bytes(b"not re-encoded")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-f", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "poison"], check=True)
    with pytest.raises(DataError) as caught:
        render(repo)
    assert [str(p) for p in caught.value.problems] == [
        f".buildguide/images/{'0' * 64}/480x352.png:1:1: (file): is committed to git, but the render step makes "
        "this file: remove it with `git rm --cached`"
    ]


def test_a_cut_off_photo_passes_its_header_check_and_fails_the_render_at_its_line(repo: Path) -> None:
    out = io.BytesIO()
    Image.effect_noise((300, 200), 60).convert("RGB").save(out, "JPEG")
    (repo / "builds" / "images" / SEED / "cut.jpg").write_bytes(out.getvalue()[: len(out.getvalue()) // 2])
    _set_photos(repo, f"photos:\n  - path: images/{SEED}/cut.jpg\n    alt: Half a photo\n")
    load_project(repo)  # `check` reads headers only: this one is sound
    with pytest.raises(DataError) as caught:
        render(repo)
    lines = (repo / "builds" / f"{SEED}.yaml").read_text().splitlines()
    at = lines.index("photos:") + 2
    assert [str(p) for p in caught.value.problems] == [
        f"builds/{SEED}.yaml:{at}:11: photos.0.path: image data is damaged or cut off: save the photo again"
    ]


def test_a_colour_profile_is_applied_and_never_published(repo: Path) -> None:
    """A profile is up to 16 MB of anything; the pixels are converted to sRGB and the profile left behind."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 40, 40)).save(out, "JPEG", icc_profile=profile + b"HIDDEN" * 100_000)
    published = _publish_one(repo, "tagged.jpg", out.getvalue())
    for copy in (published, published.parents[2] / "w480" / published.relative_to(published.parents[2])):
        assert b"HIDDEN" not in copy.read_bytes() and copy.stat().st_size < 50_000
        with Image.open(copy) as image:
            assert "icc_profile" not in image.info
            red, green, blue = image.convert("RGB").getpixel((320, 240))
            assert abs(red - 200) < 8 and green < 50 and blue < 50  # sRGB to sRGB: the colour is kept


def _encoded(kind: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, kind)
    return out.getvalue()


def _after_header(data: bytes, at: int, inserted: bytes) -> bytes:
    return data[:at] + inserted + data[at:]


JPEG, PNG = _encoded("JPEG"), _encoded("PNG")
EMPTY_PNG_CHUNK = b"\0\0\0\0prVt" + zlib.crc32(b"prVt").to_bytes(4, "big")  # length 0, a private type


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "big.gif",
            b"GIF89a" + b"\0" * 1_000_000,
            "a GIF may be at most 1,000,000 bytes (only its first frame is shown): save it as PNG or JPEG",
        ),
        (
            "scans.jpg",
            JPEG + b"\xff\xda" * (101 - JPEG.count(b"\xff\xda")),
            "this JPEG is saved in 101 scans, more than 100: save it again as a plain JPEG",
        ),
        (
            "markers.jpg",
            _after_header(JPEG, 2, b"\xff\xef\x00\x02" * 1_001),  # empty APP15 segments
            "this JPEG has more than 1,000 markers before its picture: save it again",
        ),
        (
            "stray.jpg",
            _after_header(JPEG, 2, b"\0" * 1_001),
            "this JPEG has more than 1,000 markers before its picture: save it again",
        ),
        (
            "fill.jpg",
            _after_header(JPEG, 2, b"\xff" * 1_001),
            "this JPEG has more than 1,000 markers before its picture: save it again",
        ),
        (
            "chunks.png",
            _after_header(PNG, 33, EMPTY_PNG_CHUNK * 10_000),  # after the signature and the header chunk
            "this PNG is stored in more than 10,000 chunks: save it again",
        ),
        (
            "named.png",  # read by its content, as Pillow reads it
            _after_header(JPEG, 2, b"\xff\xef\x00\x02" * 1_001),
            "this JPEG has more than 1,000 markers before its picture: save it again",
        ),
    ],
    ids=[
        "gif-over-1-mb",
        "jpeg-with-many-scans",
        "jpeg-markers",
        "jpeg-stray-bytes",
        "jpeg-fill",
        "png-chunks",
        "by-content",
    ],
)
def test_files_that_would_take_seconds_to_read_are_refused_from_their_size_or_structure(
    repo: Path, name: str, data: bytes, message: str
) -> None:
    (repo / "builds" / "images" / SEED / name).write_bytes(data)
    _set_photos(repo, f"photos:\n  - path: images/{SEED}/{name}\n    alt: Slow\n")
    with pytest.raises(DataError) as caught:
        load_project(repo)
    assert [p.message for p in caught.value.problems] == [message]


def _segments_before_scan(jpeg: bytes) -> int:
    """How many marker segments Pillow's own JPEG has before its picture: each states its length."""
    pos, count = 2, 0
    while jpeg[pos + 1] != 0xDA:
        pos, count = pos + 2 + int.from_bytes(jpeg[pos + 2 : pos + 4], "big"), count + 1
    return count


JPEG_ROOM = 1_000 - _segments_before_scan(JPEG)  # empty segments a JPEG can take and stay at the limit
PNG_ROOM = 10_000 - 3  # beside IHDR, IDAT and IEND


@pytest.mark.parametrize(
    ("name", "data", "refused"),
    [
        ("at.jpg", _after_header(JPEG, 2, b"\xff\xef\x00\x02" * JPEG_ROOM), False),
        ("over.jpg", _after_header(JPEG, 2, b"\xff\xef\x00\x02" * (JPEG_ROOM + 1)), True),
        # Markers Pillow reads without a length, hidden from a walk that skips one: JPG0, then its two bytes.
        ("lengthless.jpg", _after_header(JPEG, 2, (b"\xff\xf0\xff\xff" + b"\xff\xf0" * 300) * 4), True),
        ("escaped.jpg", _after_header(JPEG, 2, b"\xff\x00" * 1_001), True),
        ("zero-length.jpg", _after_header(JPEG, 2, b"\xff\xe0\x00\x00" * JPEG_ROOM), False),  # skips its 2 bytes
        ("at.png", _after_header(PNG, 33, EMPTY_PNG_CHUNK * PNG_ROOM), False),
        ("over.png", _after_header(PNG, 33, EMPTY_PNG_CHUNK * (PNG_ROOM + 1)), True),
    ],
)
def test_the_marker_and_chunk_limits_fall_exactly_where_they_say(
    repo: Path, name: str, data: bytes, refused: bool
) -> None:
    (repo / "builds" / "images" / SEED / name).write_bytes(data)
    _set_photos(repo, f"photos:\n  - path: images/{SEED}/{name}\n    alt: Many pieces\n")
    if refused:
        with pytest.raises(DataError) as caught:
            load_project(repo)
        (problem,) = caught.value.problems
        assert "more than 1,000 markers" in problem.message or "more than 10,000 chunks" in problem.message
    else:
        render(repo)
        assert list((repo / "docs" / "assets" / "builds").rglob(f"{Path(name).stem}*"))
