"""Benchmark at scale: the project's build with either engine against plain MkDocs Material on the same pages.

    .venv/bin/python benchmarks/scale.py            # N = 100 and 1,000
    .venv/bin/python benchmarks/scale.py --long     # adds N = 5,000
    .venv/bin/python benchmarks/scale.py 20 --repeat 1 --commit HEAD   # a quick look at a commit

For each N (a copy of the project with N synthetic builds, see synth.py) it measures `buildguide check`;
`buildguide build` with MkDocs (the render step in MkDocs' hook, then MkDocs) and with Zensical (the render
step, then Zensical); the same rendered pages built by plain MkDocs Material with the build pages out of the nav
("tuned") and in it ("naive"), see static.py; the `buildguide serve` edit loop, see serve.py; and the size of
the largest build page and of the site. Every build figure is the median of --repeat runs, interleaved so that
a change in the machine's load hits all variants alike. It prints Markdown tables and exits 1 if a target is
missed or a build fails. The work tree is copied as it is, unless --commit names a commit to export instead.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from measure import CommandFailed, Run, gzipped_bytes, repeated, run, tree_bytes
from serve import PreviewFailed, PreviewResult, preview_loop
from synth import SOURCES, project_tree

ROOT = Path(__file__).resolve().parents[1]
STATIC_SCRIPT = Path(__file__).with_name("static.py")
ENGINES = ("mkdocs", "zensical")  # `buildguide build --engine …` in the project copy
STATIC = ("tuned", "naive")  # plain MkDocs Material in a separate tree
VARIANTS = ENGINES + STATIC
TITLES = {"mkdocs": "MkDocs", "zensical": "Zensical", "tuned": "tuned", "naive": "naive"}

# The targets, all at N = 1,000 but the last.
AT = 1000
NAIVE_RATIO = 0.35  # render + MkDocs build against the naive static site
TUNED_RATIO = 0.8  # … against the tuned static site
CHECK_S = 1.5
PEAK_MB = 400.0
PAGE_GZIP_KB = 15.0
SAVE_S = 1.0
LONG = 5000
LONG_RATIO = 5.5  # build time at 5,000 against 1,000: no worse than linear with a margin


@dataclass
class Page:
    raw_kb: float
    gzip_kb: float


@dataclass
class Result:
    n: int
    check: Run
    builds: dict[str, Run] = field(default_factory=dict)
    page: dict[str, Page] = field(default_factory=dict)  # the largest build page
    site_mb: dict[str, float] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # variant or "preview" -> what went wrong
    code: str = ""  # what was copied for this N (the work tree may change during a long run)
    preview: PreviewResult | None = None


# --- measuring ----------------------------------------------------------------------------------------------


def _variants(n: int, args: argparse.Namespace) -> list[str]:
    limits = {"zensical": args.zensical_max, "naive": args.naive_max}
    return [v for v in VARIANTS if n <= limits.get(v, n)]


def _build_command(variant: str, out: Path) -> list[str]:
    if variant in ENGINES:
        return [sys.executable, "-m", "buildguide.cli", "build", "--engine", variant, "-d", str(out)]
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)]


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=False)


def _source(commit: str | None, work: Path) -> tuple[Path, str]:
    """What to copy, and which code it is: the work tree as it is now, or a commit exported to `work`.

    A commit gives every N the same code even while someone edits the work tree (a half-saved module once broke
    a run here)."""
    if commit is None:
        head = _git("rev-parse", "--short", "HEAD").stdout.decode().strip() or "unknown"
        dirty = _git("status", "--porcelain", "--", *SOURCES).stdout.strip()
        return ROOT, f"the work tree at {head}{' with uncommitted changes' if dirty else ''}"
    archive = _git("archive", "--format=tar", commit, "--", *SOURCES, "builds")  # builds/*.yaml: the seeds
    if archive.returncode != 0:
        raise SystemExit(f"git archive {commit}: {archive.stderr.decode(errors='replace')}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(work / "source", filter="data")
    return work / "source", f"commit {commit[:7]}"


def _prepare(n: int, variants: list[str], work: Path, source: Path) -> list[str]:
    """The project copy and the static trees; the slugs of the builds."""
    project = work / "project"
    slugs = project_tree(source, project, n)
    # Compiled once, as pip compiles a package it installs: a machine that sets PYTHONDONTWRITEBYTECODE (this
    # one does) would otherwise compile the whole package on every command measured.
    run([sys.executable, "-m", "compileall", "-q", str(project / "macros")], project)
    for variant in (v for v in variants if v in STATIC):
        # A fresh process per tree: static.py imports the copy's buildguide (see its docstring).
        nav = ["--nav"] if variant == "naive" else []
        run([sys.executable, str(STATIC_SCRIPT), str(project), str(work / variant), *nav], project)
    return slugs


def _sizes(site: Path, slugs: list[str]) -> tuple[Page, float]:
    pages = [site / "builds" / slug / "index.html" for slug in slugs]
    raw = max(p.stat().st_size for p in pages)
    gzipped = max(gzipped_bytes(p) for p in pages)
    return Page(raw / 1000, gzipped / 1000), tree_bytes(site) / 1_000_000


def _builds(result: Result, variants: list[str], work: Path, repeat: int) -> None:
    """Time every variant `repeat` times. A variant that fails is reported and not tried again (the same input
    fails the same way), so one engine's failure still leaves the others' figures."""
    runs: dict[str, list[Run]] = {v: [] for v in variants}
    for attempt in range(repeat):
        for variant in (v for v in variants if v not in result.failed):  # interleaved: load hits all alike
            print(f"N = {result.n}: {variant} build {attempt + 1}/{repeat} …", file=sys.stderr)
            folder = work / ("project" if variant in ENGINES else variant)
            try:
                runs[variant].append(run(_build_command(variant, work / f"{variant}-site"), folder))
            except CommandFailed as failure:
                print(failure, file=sys.stderr)
                result.failed[variant] = failure.summary
    for variant in (v for v in variants if v not in result.failed):
        result.builds[variant] = Run.median(runs[variant])


def measure(n: int, args: argparse.Namespace, work: Path) -> Result:
    variants = _variants(n, args)
    print(f"N = {n}: generating the builds and the static trees …", file=sys.stderr)
    source, measured = _source(args.commit, work)
    slugs = _prepare(n, variants, work, source)
    project = work / "project"
    result = Result(n, repeated([sys.executable, "-m", "buildguide.cli", "check"], project, args.repeat))
    result.code = measured
    _builds(result, variants, work, args.repeat)
    for variant in result.builds:
        result.page[variant], result.site_mb[variant] = _sizes(work / f"{variant}-site", slugs)
    if n <= args.serve_max:
        print(f"N = {n}: buildguide serve edit loop …", file=sys.stderr)
        try:
            result.preview = preview_loop(project, slugs[0], args.repeat)
        except PreviewFailed as failure:  # reported with the tables; the build figures still stand
            result.failed["preview"] = str(failure)
    return result


# --- reporting ----------------------------------------------------------------------------------------------


def _cell(run: Run | None, failed: bool = False) -> str:
    return "failed" if failed else f"{run.wall:.2f} ({run.cpu:.2f})" if run else "–"


def _ratio(result: Result, mine: str, theirs: str) -> str:
    a, b = result.builds.get(mine), result.builds.get(theirs)
    return f"{a.wall / b.wall:.2f} ({a.cpu / b.cpu:.2f})" if a and b else "–"


def _times_table(results: list[Result]) -> list[str]:
    lines = [
        "| N | `buildguide check` s | MkDocs build s | Zensical build s | tuned static s | naive static s"
        " | MkDocs / naive | MkDocs / tuned | Zensical / MkDocs |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        builds = " | ".join(_cell(r.builds.get(v), v in r.failed) for v in VARIANTS)
        ratios = " | ".join(
            _ratio(r, a, b) for a, b in (("mkdocs", "naive"), ("mkdocs", "tuned"), ("zensical", "mkdocs"))
        )
        lines.append(f"| {r.n:,} | {_cell(r.check)} | {builds} | {ratios} |")
    return lines


def _memory_table(results: list[Result]) -> list[str]:
    lines = [
        "| N | peak MB, heaviest single process of the tree: check / MkDocs build / Zensical build / tuned / naive"
        " | preview |",
        "| ---: | ---: | ---: |",
    ]
    for r in results:
        peaks = " / ".join(f"{r.builds[v].peak_mb:.0f}" if v in r.builds else "–" for v in VARIANTS)
        preview = f"{r.preview.peak_mb:.0f}" if r.preview else "–"
        lines.append(f"| {r.n:,} | {r.check.peak_mb:.0f} / {peaks} | {preview} |")
    return lines


def _sizes_table(results: list[Result]) -> list[str]:
    titles = " / ".join(TITLES[v] for v in VARIANTS)
    lines = [
        f"| N | largest build page KB, raw (gzipped): {titles} | site MB: {titles} |",
        "| ---: | ---: | ---: |",
    ]
    for r in results:
        pages = " / ".join(f"{p.raw_kb:.1f} ({p.gzip_kb:.1f})" if (p := r.page.get(v)) else "–" for v in VARIANTS)
        sites = " / ".join(f"{r.site_mb[v]:.0f}" if v in r.site_mb else "–" for v in VARIANTS)
        lines.append(f"| {r.n:,} | {pages} | {sites} |")
    return lines


def _preview_table(results: list[Result]) -> list[str]:
    lines = [
        "| N | preview start s | save to page s (median; each) | bad save to HTTP 500 s | restore to page s |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        if (p := r.preview) is not None:
            each = ", ".join(f"{s:.2f}" for s in p.saves)
            lines.append(f"| {r.n:,} | {p.start:.2f} | {p.save:.2f} ({each}) | {p.bad:.2f} | {p.restore:.2f} |")
        else:
            lines.append(f"| {r.n:,} | {'failed' if 'preview' in r.failed else 'skipped'} | – | – | – |")
    return lines


def _failures(results: list[Result]) -> list[str]:
    def what(variant: str) -> str:
        return "preview loop" if variant == "preview" else f"{TITLES[variant]} build"

    failed = [f"- N = {r.n:,}, {what(v)}: {why}" for r in results for v, why in r.failed.items()]
    return ["Failures (the full output is on stderr):", *failed] if failed else []


def tables(results: list[Result]) -> str:
    parts = (_times_table, _memory_table, _sizes_table, _preview_table, _failures)
    return "\n\n".join("\n".join(lines) for part in parts if (lines := part(results)))


# --- targets ------------------------------------------------------------------------------------------------

Target = tuple[str, str, bool | None]  # (what, measured, met); None: not measured in this run


def _at_most(what: str, value: float | None, limit: float, unit: str, cpu: float | None = None) -> Target:
    """Judged on `value` (wall time for times); the CPU figure is shown beside it, since it is the one to trust
    when other work shares the machine."""
    if value is None:
        return (what, "not measured", None)
    measured = f"{value:.0f}{unit}" if unit == " MB" else f"{value:.2f}{unit}"
    return (what, measured + (f" (CPU: {cpu:.2f}{unit})" if cpu is not None else ""), value <= limit)


def _ratio_of(r: Result | None, mine: str, theirs: str, figure: str = "wall") -> float | None:
    if r is None or mine not in r.builds or theirs not in r.builds:
        return None
    return float(getattr(r.builds[mine], figure) / getattr(r.builds[theirs], figure))


def _growth(big: Result, r: Result | None, figure: str) -> float | None:
    """The MkDocs build at LONG builds against the one at AT."""
    if r is None or "mkdocs" not in r.builds or "mkdocs" not in big.builds:
        return None
    return float(getattr(big.builds["mkdocs"], figure) / getattr(r.builds["mkdocs"], figure))


def _peak(r: Result | None) -> float | None:
    """The larger peak of `check` and of the render + MkDocs build, which the target is set for; Zensical's is
    reported beside it in the memory table, as its times are (issue 10)."""
    if r is None:
        return None
    return max([r.check.peak_mb] + ([r.builds["mkdocs"].peak_mb] if "mkdocs" in r.builds else []))


def _page_gzip(r: Result | None) -> float | None:
    return r.page["mkdocs"].gzip_kb if r and "mkdocs" in r.page else None


def _save(r: Result | None) -> float | None:
    return r.preview.save if r and r.preview else None


def targets(results: list[Result]) -> list[Target]:
    by_n = {r.n: r for r in results}
    r, at = by_n.get(AT), f"N={AT:,}:"
    check = r.check if r else None
    naive, tuned = (_ratio_of(r, "mkdocs", v) for v in ("naive", "tuned"))
    naive_cpu, tuned_cpu = (_ratio_of(r, "mkdocs", v, "cpu") for v in ("naive", "tuned"))
    found = [
        _at_most(f"{at} render + MkDocs build ≤ {NAIVE_RATIO} × naive", naive, NAIVE_RATIO, " ×", naive_cpu),
        _at_most(f"{at} render + MkDocs build ≤ {TUNED_RATIO} × tuned", tuned, TUNED_RATIO, " ×", tuned_cpu),
        _at_most(f"{at} `buildguide check` ≤ {CHECK_S} s", check and check.wall, CHECK_S, " s", check and check.cpu),
        _at_most(f"{at} peak memory (check, render + MkDocs build) ≤ {PEAK_MB:.0f} MB", _peak(r), PEAK_MB, " MB"),
        _at_most(f"{at} build page ≤ {PAGE_GZIP_KB:.0f} KB gzipped", _page_gzip(r), PAGE_GZIP_KB, " KB"),
        _at_most(f"{at} preview save to page ≤ {SAVE_S} s", _save(r), SAVE_S, " s"),
    ]
    if LONG in by_n:
        wall, cpu = (_growth(by_n[LONG], r, figure) for figure in ("wall", "cpu"))
        found.append(_at_most(f"MkDocs build at {LONG:,} ≤ {LONG_RATIO} × at {AT:,}", wall, LONG_RATIO, " ×", cpu))
    return found


def _met(met: bool | None) -> str:
    return "–" if met is None else "yes" if met else "**no**"


# --- main ---------------------------------------------------------------------------------------------------


def machine() -> str:
    info = Path("/proc/cpuinfo").read_text("utf-8").splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    packages = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "zensical")
    return (
        f"{os.cpu_count()} cores ({cpu or platform.machine()}), {memory:.0f} GiB RAM, {platform.system()}, "
        f"Python {platform.python_version()}, {', '.join(f'{p} {version(p)}' for p in packages)}"
    )


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", nargs="*", type=int, help="numbers of builds (default: 100 1000)")
    parser.add_argument("--long", action="store_true", help=f"also N = {LONG:,}")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is reported (default 3)")
    parser.add_argument("--naive-max", type=int, default=1000, help="largest N for the naive site, which is quadratic")
    parser.add_argument("--zensical-max", type=int, default=1000, help="largest N for the Zensical build")
    parser.add_argument("--serve-max", type=int, default=1000, help="largest N for the preview loop (default 1000)")
    parser.add_argument("--commit", help="benchmark this commit instead of the work tree as it is")
    parser.add_argument("--keep", action="store_true", help="keep the generated trees and print where they are")
    return parser.parse_args(argv)


class LoadSampler:
    """The 1-minute load average every few seconds over the run. Wall times are only comparable while the load
    stays below the number of cores; other work on a shared machine shows up here (and in wall against CPU)."""

    INTERVAL_S = 5.0

    def __init__(self) -> None:
        self.samples = [os.getloadavg()[0]]
        self._done = threading.Event()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while not self._done.wait(self.INTERVAL_S):
            self.samples.append(os.getloadavg()[0])

    def summary(self) -> str:
        self._done.set()
        return f"load average {statistics.median(self.samples):.1f} (median), {max(self.samples):.1f} (highest)"


def _each(counts: list[int], args: argparse.Namespace) -> list[Result]:
    results = []
    for n in counts:
        work = Path(tempfile.mkdtemp(prefix=f"buildguide-scale-{n}-"))
        try:
            results.append(measure(n, args, work))
        finally:
            if args.keep:
                print(f"kept {work}", file=sys.stderr)
            else:
                shutil.rmtree(work)
    return results


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.commit is not None:  # resolved once: the branch may move during a long run
        resolved = _git("rev-parse", "--verify", f"{args.commit}^{{commit}}")
        if resolved.returncode != 0:
            raise SystemExit(f"--commit {args.commit}: {resolved.stderr.decode(errors='replace').strip()}")
        args.commit = resolved.stdout.decode().strip()
    started = time.perf_counter()
    counts = sorted(set(args.counts or [100, AT]) | ({LONG} if args.long else set()))
    load = LoadSampler()
    try:
        results = _each(counts, args)
    except CommandFailed as failure:  # check, or writing a static tree: nothing left to compare against
        raise SystemExit(str(failure)) from None
    print(f"Machine: {machine()}; {load.summary()} during the run.")
    print("Code:", ", ".join(f"N = {r.n:,}: {r.code}" for r in results) + ".")
    print(
        "Seconds are wall time, with CPU time (user + system, whole process tree) in brackets; builds are medians"
        f" of {args.repeat} runs.\n"
    )
    print(tables(results), end="\n\n")
    found = targets(results)
    print("| Target | Measured | Met |\n| --- | ---: | :---: |")
    for what, measured, met in found:
        print(f"| {what} | {measured} | {_met(met)} |")
    print(f"\nThe run took {(time.perf_counter() - started) / 60:.1f} minutes.")
    # A failure counts as a miss: that engine does not build the site at this size, or the preview broke.
    failed = any(r.failed for r in results)
    return 1 if failed or any(met is False for _, _, met in found) else 0


if __name__ == "__main__":
    sys.exit(main())
