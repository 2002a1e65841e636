"""What stands under builds/: links, devices and skipped files are refused with one located line each, and only
checked images are published, without their metadata."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from buildguide.errors import DataError
from buildguide.project import load_project
from buildguide.render import render

from .conftest import SEED

LINK = "only plain files and folders are read under builds/"


def problems(repo: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_project(repo)
    return [str(p) for p in caught.value.problems]


def test_a_symlinked_images_folder_is_refused_and_nothing_outside_is_published(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    (repo / "builds" / "images").rename(outside)
    (outside / "private-notes.jpg").write_text("not an image, and not the site's")
    (repo / "builds" / "images").symlink_to(outside)
    refused = f"builds/images is a symbolic link; {LINK}"
    lines = (repo / "builds" / f"{SEED}.yaml").read_text().splitlines()
    photos = [n for n, line in enumerate(lines, 1) if line.startswith("  - path: images/")]
    assert problems(repo) == [
        *(f"builds/{SEED}.yaml:{line}:11: photos.{m}.path: {refused}" for m, line in enumerate(photos)),
        f"builds/{SEED}.yaml:{_image_line(repo)}:19: sections.0.items.9.images.0.path: {refused}",
        f"builds/images:1:1: (file): is a symbolic link; {LINK}",
    ]
    with pytest.raises(DataError):
        render(repo)
    assert not (repo / "docs" / "assets" / "builds").exists()


PART_IMAGE = "          - path: images/"  # the seed's one part photo (its build photos sit at the top level)


def _image_line(repo: Path) -> int:
    lines = (repo / "builds" / f"{SEED}.yaml").read_text().splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(PART_IMAGE))


@pytest.mark.parametrize("folder", ["builds", "builds/parts", "builds/images"])
def test_a_symlink_loop_is_one_line_not_a_traceback(repo: Path, folder: str) -> None:
    (repo / folder / "loop.yaml").symlink_to(repo / folder / "loop.yaml")
    assert problems(repo) == [f"{folder}/loop.yaml:1:1: (file): is a symbolic link; {LINK}"]


def test_a_build_linked_to_a_device_is_never_opened(repo: Path) -> None:
    (repo / "builds" / "z.yaml").symlink_to("/dev/zero")
    assert problems(repo) == [f"builds/z.yaml:1:1: (file): is a symbolic link; {LINK}"]


def test_a_pipe_is_refused(repo: Path) -> None:
    os.mkfifo(repo / "builds" / "waiting.yaml")
    assert problems(repo) == [f"builds/waiting.yaml:1:1: (file): is not a regular file; {LINK}"]


def test_files_that_would_be_skipped_are_reported(repo: Path) -> None:
    seed = (repo / "builds" / f"{SEED}.yaml").read_text()
    (repo / "builds" / "x.yml").write_text(seed)
    (repo / "builds" / "sub").mkdir()
    (repo / "builds" / "sub" / "x.yaml").write_text(seed)
    (repo / "builds" / "parts" / "x.yml").write_text("{}")
    (repo / "builds" / "notes.txt").write_text("hello")
    (repo / "builds" / ".yaml").write_text(seed)  # a build with no name
    (repo / "builds" / "parts" / ".gpu.yaml").write_text("{}")
    (repo / "builds" / ".DS_Store").write_bytes(b"\0Bud1")  # a system's file: skipped, unread and unreported
    (repo / "builds" / "parts" / ".gitkeep").write_text("")
    assert problems(repo) == [
        "builds/.yaml:1:1: (file): is not read: a hidden file (its name starts with a dot)",
        "builds/notes.txt:1:1: (file): is not read: builds/ holds build files (.yaml) only",
        "builds/parts/.gpu.yaml:1:1: (file): is not read: a hidden file (its name starts with a dot)",
        "builds/parts/x.yml:1:1: (file): is not read: builds/parts/ holds catalog files (.yaml) only",
        "builds/sub:1:1: (file): folders in builds/ are not read: move the build up a level",
        "builds/x.yml:1:1: (file): is not read: build files end in .yaml, rename it",
    ]


def _with_image(repo: Path, path: str) -> list[str]:
    seed = repo / "builds" / f"{SEED}.yaml"
    text = seed.read_text()
    old = next(line for line in text.splitlines() if line.startswith(PART_IMAGE))
    seed.write_text(text.replace(old, f"          - path: '{path}'"))
    return [p for p in problems(repo) if ".images.0.path" in p]


NAMES = (
    "image path may use only letters, digits, '.', '_' and '-' in its folder and file names, and must end in "
    ".png, .jpg, .jpeg, .webp or .gif"
)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (f"images/{SEED}/airflow.png/.", NAMES),
        (f"images/{SEED}/airflow.png#x", NAMES),
        ("images/" + "a" * 290 + ".png", "string should have at most 300 characters"),
        ("images/" + "a" * 200 + ".png", NAMES),
        (f"images/{SEED}/AIRFLOW.PNG ", "image file not found: builds/images/" + SEED + "/AIRFLOW.PNG"),
    ],
    ids=["dot-part", "fragment", "long-path", "long-name", "trailing-space-stripped"],
)
def test_image_paths_name_exactly_one_checked_file(repo: Path, path: str, message: str) -> None:
    line = _image_line(repo)
    assert _with_image(repo, path) == [f"builds/{SEED}.yaml:{line}:19: sections.0.items.9.images.0.path: {message}"]


def _png_claiming(width: int, height: int) -> bytes:
    """A valid PNG whose header claims a huge size: 875 KB of such a file is 900 megapixels to a browser."""
    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


LIMIT = "the limit is 8,000 pixels a side and 40 megapixels: scale it down"


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ((9_000, 100), f"image is 9,000 × 100 pixels; {LIMIT}"),
        ((30_000, 30_000), f"image is over 178 megapixels; {LIMIT}"),
    ],
    ids=["too-wide", "bomb"],
)
def test_images_past_the_size_limit_are_refused(repo: Path, size: tuple[int, int], message: str) -> None:
    (repo / "builds" / "images" / SEED / "huge.png").write_bytes(_png_claiming(*size))
    line = _image_line(repo)
    assert _with_image(repo, f"images/{SEED}/huge.png") == [
        f"builds/{SEED}.yaml:{line}:19: sections.0.items.9.images.0.path: {message}"
    ]


def test_a_jpeg_named_png_is_refused(repo: Path) -> None:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "JPEG")
    (repo / "builds" / "images" / SEED / "photo.png").write_bytes(out.getvalue())
    line = _image_line(repo)
    assert _with_image(repo, f"images/{SEED}/photo.png") == [
        f"builds/{SEED}.yaml:{line}:19: sections.0.items.9.images.0.path: this is a JPEG image: its name should "
        "end in .jpg"
    ]


def test_published_photos_lose_their_metadata_but_keep_their_orientation(repo: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0112] = 6  # orientation: rotate 90° to display
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0)}  # a GPS position
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "blue").save(out, "JPEG", exif=exif, comment=b"holiday")
    photo = repo / "builds" / "images" / SEED / "phone.jpg"
    photo.write_bytes(out.getvalue())
    seed = repo / "builds" / f"{SEED}.yaml"
    old = next(line for line in seed.read_text().splitlines() if line.startswith(PART_IMAGE))
    seed.write_text(seed.read_text().replace(old, f"          - path: images/{SEED}/phone.jpg"))
    (repo / "builds" / "images" / SEED / "unused.png").write_bytes(photo.read_bytes())
    render(repo)
    published = repo / "docs" / "assets" / "builds" / "images" / SEED / "phone.jpg"
    with Image.open(published) as image:
        assert image.size == (20, 40)  # turned upright
        assert not image.getexif() and "comment" not in image.info and "exif" not in image.info
    assert b"PhoneMaker" not in published.read_bytes() and b"holiday" not in published.read_bytes()
    assert not (published.parent / "unused.png").exists()  # only images a build shows are published
    assert not (published.parent / "airflow.png").exists()


def test_an_animation_is_published_as_its_first_frame_whatever_its_length(repo: Path) -> None:
    """Sixty large frames once took 51 s to re-encode; only the first is published, so the work is one frame's."""
    frames = [Image.new("P", (2000, 2000), n) for n in range(60)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    (repo / "builds" / "images" / SEED / "spin.gif").write_bytes(out.getvalue())
    seed = repo / "builds" / f"{SEED}.yaml"
    old = next(line for line in seed.read_text().splitlines() if line.startswith(PART_IMAGE))
    seed.write_text(seed.read_text().replace(old, f"          - path: images/{SEED}/spin.gif"))
    render(repo)
    with Image.open(repo / "docs" / "assets" / "builds" / "images" / SEED / "spin.gif") as image:
        assert getattr(image, "n_frames", 1) == 1 and image.size == (2000, 2000)


def test_a_build_file_name_too_long_for_its_page_folder_is_refused(repo: Path) -> None:
    name = "a" * 81
    (repo / "builds" / f"{name}.yaml").write_text((repo / "builds" / f"{SEED}.yaml").read_text())
    assert f"builds/{name}.yaml:1:1: (file): file name must be at most 80 characters before .yaml" in problems(repo)
