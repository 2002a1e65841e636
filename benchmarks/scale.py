"""Benchmark at scale: the project against plain MkDocs Material on the same pages, at N synthetic builds.

    .venv/bin/python benchmarks/scale.py            # N = 100 and 1,000 (about 15 minutes on 2 cores)
    .venv/bin/python benchmarks/scale.py --long     # adds N = 5,000 (about 15 minutes more)

For each N it measures `buildguide check`, the project's site build, the same pages as static Markdown with every
page in the nav ("naive") and kept out of it ("tuned"), and the `mkdocs serve` edit loop; every figure is the
median of --repeat runs, interleaved so that a change in the machine's load hits all variants alike. It prints
Markdown tables (the performance page holds the last ones) and exits 1 if a target of issue 7 is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from measure import Run, repeated, run, tree_bytes
from serve import rebuild_seconds
from sites import project_tree

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = ("project", "tuned", "naive")


@dataclass
class Result:
    n: int
    check: Run
    builds: dict[str, Run] = field(default_factory=dict)
    page_kb: dict[str, float] = field(default_factory=dict)  # the largest build page, in KB
    site_mb: dict[str, float] = field(default_factory=dict)
    serve: float | None = None


def _sizes(site: Path, slugs: list[str]) -> tuple[float, float]:
    pages = [(site / "builds" / slug / "index.html").stat().st_size for slug in slugs]
    return max(pages) / 1000, tree_bytes(site) / 1_000_000


def measure(n: int, args: argparse.Namespace, work: Path) -> Result:
    print(f"N = {n}: generating the builds and the static sites …", file=sys.stderr)
    project = work / "project"
    slugs = project_tree(ROOT, project, n)
    variants = [v for v in VARIANTS if v != "naive" or n <= args.naive_max]
    for variant in variants[1:]:
        command = [sys.executable, str(Path(__file__).with_name("sites.py")), str(project), str(work / variant)]
        run([*command, *(["--nav"] if variant == "naive" else [])], project)
    check = [sys.executable, "-m", "buildguide.cli", "check"]
    result = Result(n, repeated(check, project, args.repeat))
    runs: dict[str, list[Run]] = {v: [] for v in variants}
    for attempt in range(args.repeat):
        for variant in variants:  # interleaved, so a busy moment on the machine hits every variant alike
            print(f"N = {n}: {variant} build {attempt + 1}/{args.repeat} …", file=sys.stderr)
            out = work / f"{variant}-site"
            runs[variant].append(run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], work / variant))
    for variant in variants:
        result.builds[variant] = Run.median(runs[variant])
        result.page_kb[variant], result.site_mb[variant] = _sizes(work / f"{variant}-site", slugs)
    if n <= args.serve_max:
        print(f"N = {n}: mkdocs serve edit loop …", file=sys.stderr)
        result.serve = rebuild_seconds(project, slugs[0], args.repeat)
    return result


def _ratio(result: Result, other: str) -> str:
    if other not in result.builds:
        return "–"
    mine, theirs = result.builds["project"], result.builds[other]
    return f"{mine.wall / theirs.wall:.2f} ({mine.cpu / theirs.cpu:.2f})"


def _cell(run: Run | None) -> str:
    return f"{run.wall:.2f} ({run.cpu:.2f})" if run else "skipped"


def tables(results: list[Result]) -> str:
    lines = [
        "| N | `buildguide check` s | project build s | tuned static s | naive s | project / naive | project / tuned"
        " | serve: save to page s |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        serve = f"{r.serve:.2f}" if r.serve is not None else "–"
        builds = [_cell(r.builds.get(v)) for v in VARIANTS]
        lines.append(
            f"| {r.n:,} | {_cell(r.check)} | {' | '.join(builds)} | {_ratio(r, 'naive')} | {_ratio(r, 'tuned')}"
            f" | {serve} |"
        )
    lines += ["", "| N | peak MB: check / project / tuned / naive | build page KB: project / tuned / naive |"]
    lines += ["| ---: | ---: | ---: |"]
    for r in results:
        peaks = " / ".join(f"{r.builds[v].peak_mb:.0f}" if v in r.builds else "–" for v in VARIANTS)
        pages = " / ".join(f"{r.page_kb[v]:.1f}" if v in r.page_kb else "–" for v in VARIANTS)
        sites = " / ".join(f"{r.site_mb[v]:.0f}" if v in r.site_mb else "–" for v in VARIANTS)
        lines.append(f"| {r.n:,} | {r.check.peak_mb:.0f} / {peaks} | {pages} (site MB: {sites}) |")
    return "\n".join(lines)


def targets(results: list[Result]) -> list[tuple[str, str, bool]]:
    """Issue 7's targets: (what, measured against the limit, met)."""
    by_n = {r.n: r for r in results}
    found: list[tuple[str, str, bool]] = []
    if (r := by_n.get(1000)) is not None:
        project = r.builds["project"]
        if "naive" in r.builds:
            ratio = project.wall / r.builds["naive"].wall
            found.append(("N=1,000: project ≤ 0.35 × naive", f"{ratio:.2f} ×", ratio <= 0.35))
        ratio = project.wall / r.builds["tuned"].wall
        found.append(("N=1,000: project ≤ 1.05 × tuned static", f"{ratio:.2f} ×", ratio <= 1.05))
        found.append(("N=1,000: `buildguide check` ≤ 1.5 s", f"{r.check.wall:.2f} s", r.check.wall <= 1.5))
        found.append(("N=1,000: build page ≤ 40 KB", f"{r.page_kb['project']:.1f} KB", r.page_kb["project"] <= 40))
        peak = max(project.peak_mb, r.check.peak_mb)
        found.append(("N=1,000: peak memory ≤ 400 MB", f"{peak:.0f} MB", peak <= 400))
        if (big := by_n.get(5000)) is not None:
            ratio = big.builds["project"].wall / project.wall
            found.append(("build at 5,000 ≤ 5.5 × build at 1,000", f"{ratio:.2f} ×", ratio <= 5.5))
    return found


def machine() -> str:
    info = Path("/proc/cpuinfo").read_text("utf-8").splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    packages = ", ".join(f"{p} {version(p)}" for p in ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin"))
    return (
        f"{os.cpu_count()} cores ({cpu or platform.machine()}), {memory:.0f} GiB RAM, {platform.system()}, "
        f"Python {platform.python_version()}, {packages}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", nargs="*", type=int, help="numbers of builds (default: 100 1000)")
    parser.add_argument("--long", action="store_true", help="also N = 5,000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is reported (default 3)")
    parser.add_argument("--naive-max", type=int, default=1000, help="largest N for the naive site, which is quadratic")
    parser.add_argument("--serve-max", type=int, default=1000, help="largest N for the serve loop (default 1000)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites and print where they are")
    args = parser.parse_args(argv)
    counts = sorted(set(args.counts or [100, 1000]) | ({5000} if args.long else set()))
    results, load = [], [os.getloadavg()[0]]
    for n in counts:
        work = Path(tempfile.mkdtemp(prefix=f"buildguide-scale-{n}-"))
        try:
            results.append(measure(n, args, work))
        finally:
            if args.keep:
                print(f"kept {work}", file=sys.stderr)
            else:
                shutil.rmtree(work)
        load.append(os.getloadavg()[0])
    print(f"Machine: {machine()}; load average {statistics.median(load):.1f} during the run.")
    print("Seconds are wall time, with CPU time (user + system) in brackets; medians of", args.repeat, "runs.\n")
    print(tables(results), end="\n\n")
    found = targets(results)
    print("| Target | Measured | Met |\n| --- | ---: | :---: |")
    for what, measured, met in found:
        print(f"| {what} | {measured} | {'yes' if met else '**no**'} |")
    return 0 if all(met for _, _, met in found) else 1


if __name__ == "__main__":
    sys.exit(main())
