"""Small inputs that once cost minutes: each must check in under 5 s and build in under 30 s, or be refused fast.

    .venv/bin/python benchmarks/pathological.py        # about a minute on 2 cores

Each case is a copy of the project with one hostile build added (or one file changed). The script runs
`buildguide check` and `buildguide build` on it, prints a table of times and outcomes, and exits 1 if any case
goes over its budget, raises a traceback, or gets through when it should have been refused.
"""

from __future__ import annotations

import io
import itertools
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SEED = "dual-titan-rtx-deep-learning-2020"
CHECK_S, BUILD_S = 5.0, 30.0
COPY = ("builds", "docs", "overrides", "macros", "mkdocs.yml")


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], None]
    refused: bool  # whether `check` must refuse it (exit 1 with located problems)


def _seed(root: Path) -> str:
    return (root / "builds" / f"{SEED}.yaml").read_text("utf-8")


def _add(root: Path, text: str) -> None:
    (root / "builds" / "hostile.yaml").write_text(text, "utf-8")


def _mouse_rationale(root: Path, text: str) -> None:
    """A copy of the seed whose mouse has this (quoted) rationale."""
    _add(root, _seed(root).replace("A wired mouse to match the keyboard.", "'" + text + "'", 1))


def _with_section(root: Path, items: str) -> None:
    section = f"  - id: many\n    title: Many\n    items:\n{items}"
    _add(root, _seed(root).replace("  - id: peripherals\n", section + "  - id: peripherals\n", 1))


def brackets(root: Path) -> None:
    _mouse_rationale(root, "[" * 20_000)


def brackets_at_limit(root: Path) -> None:
    _mouse_rationale(root, "[x" * 100 + "y" * 19_000)


def modules(root: Path) -> None:
    memory = root / "builds" / "parts" / "memory.yaml"
    memory.write_text(memory.read_text("utf-8").replace("  modules: 8\n", "  modules: 100000\n", 1), "utf-8")
    rules = ("memory-board-max", "memory-cpu-max", "memory-slots", "psu-capacity")
    acks = "".join(f"  - rule: {rule}\n    reason: A hostile count.\n" for rule in rules)
    seed = root / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text("utf-8") + f"acknowledge:\n{acks}", "utf-8")


def unknown_ids(root: Path) -> None:
    item = "      - role: gpu\n        part: nvidia-titan-rtx-{n}\n        unit_price: 1\n        retailer: Shop\n"
    _with_section(root, "".join(item.format(n=n) for n in range(2_000)))


def megabyte(root: Path) -> None:
    """Fifty rationales of 19,000 characters, each with 50 links: just under the 1,000,000-byte limit."""
    linked = "A sentence with a [link](https://example.com/a) and *emphasis* in it. " * 50
    text = (linked + "Plain words follow the links here. " * 500)[:19_000].rstrip()
    item = "      - role: accessory\n        name: Item {n}\n        unit_price: 1\n        retailer: Shop\n"
    item += f"        rationale: '{text}'\n"
    _with_section(root, "".join(item.format(n=n) for n in range(50)))


def dev_zero(root: Path) -> None:
    (root / "builds" / "z.yaml").symlink_to("/dev/zero")


def image_bomb(root: Path) -> None:
    """A real PNG whose header claims 900 megapixels."""
    out = io.BytesIO()
    Image.new("L", (1, 1)).save(out, "PNG")
    data = bytearray(out.getvalue())
    data[16:24] = struct.pack(">II", 30_000, 30_000)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    (root / "builds" / "images" / SEED / "bomb.png").write_bytes(bytes(data))
    seed = root / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text("utf-8").replace("airflow.png", "bomb.png", 1), "utf-8")


def aliases(root: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{c}: &{c} [" + ", ".join([f"*{p}"] * 9) + "]" for p, c in itertools.pairwise("abcdefghi")]
    _add(root, "\n".join(lines) + "\n")


def nesting(root: Path) -> None:
    _add(root, "title: " + "[" * 10_000 + "]" * 10_000 + "\n")


def _fan(root: Path, extra: str) -> None:
    """A catalog fan with `extra` YAML lines under it: checked like every entry, used by no build."""
    fans = root / "builds" / "parts" / "fan.yaml"
    entry = "\nhostile-fan:\n  category: fan\n  maker: M\n  model: X\n  size_mm: 140\n"
    entry += "  sources:\n    - url: https://maker.example/x\n      kind: maker\n"
    fans.write_text(fans.read_text("utf-8") + entry + extra, "utf-8")


def note_brackets(root: Path) -> None:
    _fan(root, "      note: '" + "[" * 20_000 + "'\n")


def note_lists(root: Path) -> None:
    _fan(root, "      note: '" + "- " * 700 + "x'\n")


def readings(root: Path) -> None:
    lines = "".join(
        f"      - {{value: {100 + n}, url: 'https://r.example/', kind: review, read: 2024-01-01}}\n"
        for n in range(5_000)
    )
    _fan(root, f"  disputed:\n    size_mm:\n{lines}")


CASES = [
    Case("20,000 '[' in one rationale", brackets, True),
    Case("100 '[' and 19,000 more characters in a rationale", brackets_at_limit, False),
    Case("a memory kit of 100,000 modules", modules, False),
    Case("2,000 unknown part ids", unknown_ids, True),
    Case("a build file near 1,000,000 bytes of linked prose", megabyte, False),
    Case("builds/z.yaml linked to /dev/zero", dev_zero, True),
    Case("a PNG claiming 30,000 × 30,000 pixels", image_bomb, True),
    Case("aliases that would expand a billion times", aliases, True),
    Case("10,000 nested brackets in YAML", nesting, True),
    Case("20,000 '[' in a catalog source's note", note_brackets, True),
    Case("700 list markers in a catalog source's note", note_lists, True),
    Case("5,000 readings of one disputed figure", readings, True),
]


def _run(command: list[str], cwd: Path, budget: float) -> tuple[float, int, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=budget * 4)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, -1, "timed out"
    return time.perf_counter() - start, done.returncode, done.stdout + done.stderr


def main() -> int:
    rows, failed = [], False
    for case in CASES:
        with tempfile.TemporaryDirectory(prefix="buildguide-pathological-") as tmp:
            root = Path(tmp)
            for name in COPY:
                (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, root / name)
            for generated in ("docs/downloads", "docs/assets/builds", "docs/catalog", "docs/parts"):
                shutil.rmtree(root / generated, ignore_errors=True)
            (root / "docs" / "feed.xml").unlink(missing_ok=True)
            case.make(root)
            check_s, check_rc, check_out = _run([sys.executable, "-m", "buildguide.cli", "check"], root, CHECK_S)
            build = [sys.executable, "-m", "buildguide.cli", "build", "-d", str(root / "out")]
            build_s, build_rc, build_out = _run(build, root, BUILD_S)
        ok = (
            check_s <= CHECK_S
            and build_s <= BUILD_S
            and "Traceback" not in check_out + build_out
            and check_rc == (1 if case.refused else 0)
            and (build_rc != 0) == case.refused
        )
        failed |= not ok
        outcome = "refused" if check_rc == 1 else "built" if build_rc == 0 else f"exit {check_rc}/{build_rc}"
        first = next((line for line in check_out.splitlines() if ": " in line), "")[:90]
        rows.append(
            f"| {case.name} | {check_s:.2f} | {build_s:.2f} | {outcome} | {'yes' if ok else '**no**'} | {first} |"
        )
    print(f"| Case | check s (≤ {CHECK_S:.0f}) | build s (≤ {BUILD_S:.0f}) | Outcome | Within budget | First line |")
    print("| --- | ---: | ---: | --- | :---: | --- |")
    print("\n".join(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
