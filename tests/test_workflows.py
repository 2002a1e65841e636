"""The GitHub workflows, the dependency locks and the scripts CI runs keep the properties the maintainer relies on.

actionlint and zizmor (`.ci/lint-workflows`) judge the YAML itself; these tests pin down this project's own
choices, so that a later edit cannot quietly widen a token, drop a pin, deploy what was not checked, install an
unlocked package where the site is built, or let contributor text reach the reviewers' summary as Markdown.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
NAMES = ("ci.yml", "pages.yml")
LOCKS = ROOT / "requirements"

# `uses: owner/repo@<40 hex> # v1.2.3`: the SHA is what runs, the comment is what Dependabot and people read.
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
# `uses: $/path`: this repository at the commit that is running.
SELF = re.compile(r"^\s*(?:- )?uses: \$/\.github/workflows/[\w.-]+\.yml$")


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean true.
    return workflow[True]


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses(step: dict[str, Any]) -> str:
    return step.get("uses", "").split("@")[0]


def commands(script: str) -> list[list[str]]:
    """The simple commands of a shell script, split into words (comments, line continuations and `&&` gone)."""
    found: list[list[str]] = []
    for line in re.sub(r"\\\n", " ", script).splitlines():
        words: list[str] = []
        for word in [*shlex.split(line, comments=True), "&&"]:
            if word in ("&&", "||", ";", "|"):
                found += [words] if words else []
                words = []
            else:
                words.append(word)
    return found


QUIET = {"-q", "--quiet", "--disable-pip-version-check"}


def pip_installs(script: str) -> list[list[str]]:
    """The arguments of each `pip install` (or `python -m pip install`) in a script, less the output options."""
    found = []
    for words in commands(script):
        for i, word in enumerate(words[:-1]):
            if (word == "pip" or word.endswith("/pip")) and words[i + 1] == "install":
                found.append([arg for arg in words[i + 2 :] if arg not in QUIET])
    return found


def needs(job: dict[str, Any]) -> set[str]:
    value = job.get("needs", [])
    return {value} if isinstance(value, str) else set(value)


def upstream(jobs: dict[str, Any], name: str) -> set[str]:
    """Every job that must finish before `name` starts."""
    seen: set[str] = set()
    todo = list(needs(jobs[name]))
    while todo:
        job = todo.pop()
        if job not in seen:
            seen.add(job)
            todo += needs(jobs[job])
    return seen


# The workflows


def test_the_workflow_files_are_the_expected_ones() -> None:
    assert sorted(path.name for path in WORKFLOWS.iterdir()) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_token_only_reads_by_default(name: str) -> None:
    assert load(name)["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("name", NAMES)
def test_every_job_states_the_permissions_it_needs(name: str) -> None:
    """Least privilege per job: none inherits the workflow's default, so widening one job widens no other."""
    assert [job_id for job_id, job in load(name)["jobs"].items() if "permissions" not in job] == []


def test_only_the_deploy_job_can_write() -> None:
    writers = {
        (name, job_id): permissions
        for name in NAMES
        for job_id, job in load(name)["jobs"].items()
        if "write" in (permissions := job.get("permissions", {})).values()
    }
    assert writers == {("pages.yml", "deploy"): {"pages": "write", "id-token": "write"}}


def test_the_deploy_job_runs_no_project_code() -> None:
    deploy = load("pages.yml")["jobs"]["deploy"]
    assert [uses(step) for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert not any("run" in step for step in deploy["steps"])


@pytest.mark.parametrize("name", NAMES)
def test_every_checkout_leaves_no_credentials_behind(name: str) -> None:
    checkouts = [step for step in steps(load(name)) if uses(step) == "actions/checkout"]
    assert checkouts
    assert all(step["with"]["persist-credentials"] is False for step in checkouts)


@pytest.mark.parametrize("name", NAMES)
def test_every_action_is_pinned_to_a_commit_with_its_version(name: str) -> None:
    lines = [line for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines() if "uses:" in line]
    workflow = load(name)
    assert len(lines) == sum("uses" in step for step in steps(workflow)) + sum(
        "uses" in job for job in workflow["jobs"].values()
    )
    assert [line for line in lines if not (PINNED.match(line) or SELF.match(line))] == []


def test_an_action_has_the_same_pin_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for name in NAMES:
        for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines():
            if PINNED.match(line):
                action, pin = line.split("uses: ")[1].split("@")
                pins.setdefault(action, set()).add(pin)
    assert {action: len(found) for action, found in pins.items() if len(found) > 1} == {}


@pytest.mark.parametrize("name", NAMES)
def test_no_workflow_runs_with_the_base_repository_token_on_forks(name: str) -> None:
    assert "pull_request_target" not in triggers(load(name))
    assert "workflow_run" not in triggers(load(name))


@pytest.mark.parametrize("name", NAMES)
def test_no_expression_is_pasted_into_a_script(name: str) -> None:
    """Values reach run: scripts through env: variables, never as text spliced into the shell source."""
    assert [step["run"] for step in steps(load(name)) if "${{" in step.get("run", "")] == []


def test_pull_requests_run_the_whole_of_ci_run() -> None:
    workflow = load("ci.yml")
    assert {"pull_request", "push", "workflow_call"} <= set(triggers(workflow))
    (job,) = workflow["jobs"].values()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    # the data check with annotations first, then everything local CI runs
    assert runs.index(".venv/bin/buildguide check --format github") < runs.index("bash .ci/run")
    upload = job["steps"][-1]
    assert uses(upload) == "actions/upload-artifact"
    assert upload["with"]["path"] == "site/"
    assert ".venv/bin/buildguide build -d site" in runs


def test_ci_run_lints_checks_builds_both_engines_and_tests() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in (
        "bash .ci/setup",
        ".venv/bin/ruff check .",
        ".venv/bin/mypy",
        "bash .ci/lint-workflows",
        ".venv/bin/buildguide check",
        "--engine mkdocs",
        "--engine zensical",
        ".venv/bin/python -m pytest",
    ):
        assert command in script


def test_pull_requests_get_a_summary_of_their_builds_from_the_base_diff() -> None:
    (job,) = load("ci.yml")["jobs"].values()
    assert next(s for s in job["steps"] if uses(s) == "actions/checkout")["with"]["fetch-depth"] == 0
    (summary,) = [step for step in job["steps"] if ".ci/pr-summary.py" in step.get("run", "")]
    assert "github.event_name == 'pull_request'" in summary["if"]
    assert summary["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}
    assert '"$BASE_SHA"' in summary["run"] and '>> "$GITHUB_STEP_SUMMARY"' in summary["run"]


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_sites_are_built_from_the_whole_history(name: str) -> None:
    """Each build page's "Last changed" comes from git; a shallow clone would leave it out (see history.py)."""
    checkouts = [step for step in steps(load(name)) if uses(step) == "actions/checkout"]
    assert [step["with"].get("fetch-depth") for step in checkouts] == [0]


def test_pages_deploys_only_after_the_checks_passed_on_the_same_commit() -> None:
    jobs = load("pages.yml")["jobs"]
    (checks,) = [name for name, job in jobs.items() if job.get("uses") == "$/.github/workflows/ci.yml"]
    assert jobs[checks]["permissions"] == {"contents": "read"}
    assert checks in upstream(jobs, "build")
    assert {checks, "build"} <= upstream(jobs, "deploy")
    # No condition lets a job run after a failed or skipped predecessor.
    assert [name for name, job in jobs.items() if "if" in job] == []


def test_pages_publishes_main_weekly_and_can_be_started_by_hand() -> None:
    assert triggers(load("pages.yml")) == {
        "push": {"branches": ["main"]},
        "schedule": [{"cron": "17 5 * * 1"}],  # Mondays, after source-date.py's week has begun
        "workflow_dispatch": None,
    }


def test_two_deployments_never_race() -> None:
    concurrency = load("pages.yml")["concurrency"]
    assert concurrency["group"] == "pages"
    # A running deployment is left to finish; the next one waits for it.
    assert concurrency["cancel-in-progress"] is False


def test_pages_installs_only_the_site_lock_with_hashes() -> None:
    build = load("pages.yml")["jobs"]["build"]
    scripts = "\n".join(step.get("run", "") for step in build["steps"])
    installs = pip_installs(scripts)
    assert installs == [
        ["--require-hashes", "-r", "requirements/site.txt"],
        ["--no-index", "--no-deps", "--no-build-isolation", "-e", "."],
    ]
    for absent in ("requirements/test.txt", ".ci/setup", "playwright", "hypothesis", "chromium", "apt"):
        assert absent not in scripts
    # Published bytes come from a fresh install: no dependency cache.
    assert not any("cache" in step.get("with", {}) for step in build["steps"])


def test_the_test_setup_installs_the_test_lock_with_hashes() -> None:
    assert pip_installs((ROOT / ".ci" / "setup").read_text(encoding="utf-8")) == [
        ["--require-hashes", "-r", "requirements/test.txt"],
        ["--no-index", "--no-deps", "--no-build-isolation", "-e", "."],
    ]


def test_the_readme_setup_installs_the_site_lock_with_hashes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    assert first
    assert pip_installs(first.group(1)) == [
        ["--require-hashes", "-r", "requirements/site.txt"],
        ["--no-index", "--no-deps", "--no-build-isolation", "-e", "."],
    ]


def test_pages_builds_from_the_commit_with_its_real_address() -> None:
    build = load("pages.yml")["jobs"]["build"]
    order = [step.get("id") or step.get("run") or uses(step) for step in build["steps"]]
    configure = order.index("pages")
    assert uses(build["steps"][configure]) == "actions/configure-pages"
    set_url, built, verify = (
        next(i for i, step in enumerate(build["steps"]) if needle in step.get("run", ""))
        for needle in (".ci/site-url.py set", "buildguide build -d site", ".ci/site-url.py verify")
    )
    assert configure < set_url < built < verify < len(order) - 1
    for i in (set_url, verify):
        assert build["steps"][i]["env"] == {"PAGES_URL": "${{ steps.pages.outputs.base_url }}"}
    # dated by the commit or this week (see test_the_pages_build_is_dated_by_the_commit_or_this_week)
    assert build["steps"][built]["run"].startswith('SOURCE_DATE_EPOCH="$(.venv/bin/python .ci/source-date.py ')
    assert uses(build["steps"][-1]) == "actions/upload-pages-artifact"
    assert build["steps"][-1]["with"]["path"] == "site/"


def test_the_deploy_job_uses_the_github_pages_environment() -> None:
    deploy = load("pages.yml")["jobs"]["deploy"]
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert deploy["steps"][0]["id"] == "deployment"


def test_dependabot_updates_actions_and_python_after_a_cooldown() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    assert all(update["cooldown"]["default-days"] >= 7 for update in updates.values())
    # The root holds pyproject.toml, and Dependabot reads the requirement files of its sub-folders from there.
    assert updates["pip"]["directory"] == "/"


# The locks


def lock(name: str) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of a pip-compile lock."""
    text = (LOCKS / name).read_text(encoding="utf-8")
    entries: dict[str, tuple[str, list[str]]] = {}
    for block in re.split(r"\n(?=\S)", re.sub(r"(?m)^\s*#.*\n?", "", text)):
        if block.strip():
            head, *rest = block.split("\\\n")
            match = re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)\s*", head)
            assert match, f"{name}: not an exact pin: {head!r}"
            hashes = [line.strip() for line in rest]
            entries[match.group(1).lower()] = (match.group(2), hashes)
    return entries


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["site.txt", "test.txt"])
def test_every_locked_package_is_pinned_with_hashes(name: str) -> None:
    text = (LOCKS / name).read_text(encoding="utf-8")
    # pip-compile's header, which Dependabot recognises, names the command that regenerates the file.
    assert "autogenerated by pip-compile with Python 3.11" in text
    assert f"--generate-hashes --output-file=requirements/{name}" in text
    entries = lock(name)
    assert entries
    assert [package for package, (_, hashes) in entries.items() if not hashes] == []
    assert all(re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", h) for _, hashes in entries.values() for h in hashes)


def test_the_tests_run_on_exactly_what_the_site_is_built_with() -> None:
    site, test = lock("site.txt"), lock("test.txt")
    assert {package: test.get(package) for package in site} == site


def test_the_locks_satisfy_pyproject() -> None:
    """The locks are compiled from pyproject's ranges: a range edited without `bash .ci/lock` fails here."""
    project = pyproject()
    site, test = lock("site.txt"), lock("test.txt")
    wanted = {
        "site.txt": project["project"]["dependencies"] + project["build-system"]["requires"],
        "test.txt": [dep for extra in ("test", "lint") for dep in project["project"]["optional-dependencies"][extra]],
    }
    for name, entries in (("site.txt", site), ("test.txt", test)):
        for spec in wanted[name]:
            requirement = Requirement(spec)
            package = requirement.name.lower().replace("_", "-")
            assert package in entries, f"{name} lacks {package}"
            assert requirement.specifier.contains(entries[package][0], prereleases=True), (name, spec)


def test_the_site_lock_has_no_test_tools() -> None:
    assert {"pytest", "playwright", "hypothesis", "ruff", "mypy", "zizmor", "jactionlint"}.isdisjoint(lock("site.txt"))


# The scripts CI runs


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), ROOT / ".ci" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


pr_summary = script("pr-summary")
site_url = script("site-url")
source_date = script("source-date")


def test_the_pages_build_is_dated_by_the_commit_or_this_week() -> None:
    """What the Pages build step hands `buildguide build`, run here with the build swapped for an echo."""
    step = next(s["run"] for s in load("pages.yml")["jobs"]["build"]["steps"] if "buildguide build" in s.get("run", ""))
    assert step.count(".venv/bin/buildguide build -d site") == 1
    script = step.replace(".venv/bin/python", shlex.quote(sys.executable))
    script = script.replace(".venv/bin/buildguide build -d site", 'echo "$SOURCE_DATE_EPOCH"')
    before = source_date.source_date(0, dt.datetime.now(dt.UTC))  # this week's Monday, either side of the run
    ran = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=ROOT, capture_output=True, text=True)
    after = source_date.source_date(0, dt.datetime.now(dt.UTC))
    commit = int(subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True).stdout)
    assert ran.returncode == 0, ran.stderr
    assert int(ran.stdout) in {max(commit, before), max(commit, after)}


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("commit", "now", "dated"),
    [
        ("2026-12-09 14:00", "2026-12-10 08:00", "2026-12-09 14:00"),  # a commit made this week: its own time
        ("2026-11-20 14:00", "2026-12-10 08:00", "2026-12-07 00:00"),  # older: this week's Monday, midnight UTC
        ("2026-11-20 14:00", "2026-12-07 00:00", "2026-12-07 00:00"),  # on the Monday itself
        ("2026-11-20 14:00", "2026-12-06 23:59", "2026-11-30 00:00"),  # a Sunday still counts with its week
    ],
)
def test_the_pages_date_is_the_commit_or_the_start_of_the_week(commit: str, now: str, dated: str) -> None:
    assert source_date.source_date(int(utc(commit).timestamp()), utc(now)) == int(utc(dated).timestamp())


def test_the_week_starts_on_monday_in_utc_wherever_the_runner_is() -> None:
    sunday_in_utc = dt.datetime.fromisoformat("2026-12-07 01:00+05:00")  # 20:00 UTC on Sunday the 6th
    assert source_date.source_date(0, sunday_in_utc) == int(utc("2026-11-30 00:00").timestamp())


@pytest.mark.parametrize("argv", [[], ["-5"], ["1.5"], ["١٢"], ["1", "2"]])
def test_source_date_refuses_anything_but_seconds(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert source_date.main(argv) == 2
    assert capsys.readouterr().err == "usage: source-date.py COMMIT_TIME (whole seconds since 1970)\n"


def download(slug: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": slug,
        "title": "Quiet office tower (2024)",
        "currency": "EUR",
        "totals": {"core": "1234.50", "core_display": "€1,234.50"},
        "compatibility": {
            "verdict": "compatible with warnings",
            "findings": [
                {"rule": "gpu-airflow", "severity": "warning", "message": "Two open-air cards.", "acknowledged": None}
            ],
            "not_checked": [
                {"rule": "cooler-ram-clearance", "missing": "IS-55 has no 'ram_clearance_mm' in the catalog"}
            ],
        },
    }
    data.update(overrides)
    return data


def project(tmp_path: Path, builds: dict[str, dict[str, Any] | None]) -> Path:
    """A checkout with these build files, and the download of each that rendered (None: did not render)."""
    (tmp_path / "builds").mkdir()
    (tmp_path / "docs" / "downloads").mkdir(parents=True)
    for slug, data in builds.items():
        (tmp_path / "builds" / f"{slug}.yaml").write_text("title: x\n", encoding="utf-8")
        if data is not None:
            (tmp_path / "docs" / "downloads" / f"{slug}.json").write_text(json.dumps(data), encoding="utf-8")
    return tmp_path


def test_the_summary_shows_each_changed_build(tmp_path: Path) -> None:
    root = project(tmp_path, {"office": download("office"), "broken": None, "untouched": download("untouched")})
    changed = ["builds/office.yaml", "builds/broken.yaml", "builds/gone.yaml", "builds/parts/gpu.yaml"]
    changed += ["README.md", "builds/images/office/front.png", "builds/sub/x.yaml"]
    assert pr_summary.summary(changed, root) == "\n".join(
        [
            "## Build files in this pull request",
            "",
            "### builds\\/broken\\.yaml",
            "",
            "**Not rendered**: `buildguide check` found problems, marked on the diff where they are.",
            "",
            "### builds\\/gone\\.yaml",
            "",
            "Removed by this pull request.",
            "",
            "### builds\\/office\\.yaml",
            "",
            "**Quiet office tower \\(2024\\)**",
            "",
            "- Verdict: **compatible with warnings**",
            "- Core total: €1\\,234\\.50 (EUR)",
            "- Findings: 1",
            "  - warning · gpu\\-airflow: Two open\\-air cards\\.",
            "- Not checked, figures missing from the catalog: 1",
            "  - cooler\\-ram\\-clearance: IS\\-55 has no \\'ram\\_clearance\\_mm\\' in the catalog",
            "",
            "Catalog files changed: builds\\/parts\\/gpu\\.yaml. `buildguide check` checked every build against them.",
            "",
        ]
    )


def test_the_summary_says_when_no_build_changed(tmp_path: Path) -> None:
    assert "No build file (`builds/<slug>.yaml`) changed." in pr_summary.summary(["README.md"], project(tmp_path, {}))


HOSTILE = "</details><img src=x onerror=alert(1)> [click](https://evil.example) `code` | cell\n## Approved *ok* $x$"


def test_contributor_text_cannot_add_markdown_or_html_to_the_summary(tmp_path: Path) -> None:
    data = download("evil", title=HOSTILE, currency=HOSTILE)
    data["totals"]["core_display"] = HOSTILE
    data["compatibility"] = {
        "verdict": HOSTILE,
        "findings": [{"rule": HOSTILE, "severity": HOSTILE, "message": HOSTILE, "acknowledged": None}],
        "not_checked": [{"rule": HOSTILE, "missing": HOSTILE}],
    }
    out = pr_summary.summary(["builds/evil.yaml"], project(tmp_path, {"evil": data}))
    escaped = (
        "&lt;\\/details&gt;&lt;img src\\=x onerror\\=alert\\(1\\)&gt; \\[click\\]\\(https\\:\\/\\/evil\\.example\\) "
        "\\`code\\` \\| cell \\#\\# Approved \\*ok\\* \\$x\\$"
    )
    assert pr_summary.escape(HOSTILE) == escaped
    assert out.count(escaped) == 9  # title, verdict, total, currency, finding (3), not checked (2)
    assert "<" not in out and ">" not in out
    assert not re.search(r"(?m)^#+ Approved", out)  # the line break did not start a heading


def test_every_markdown_character_is_escaped() -> None:
    punctuation = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum())
    escaped = pr_summary.escape(punctuation)
    unescaped = re.sub(r"\\.|&(?:amp|lt|gt);", "", escaped)
    assert unescaped == ""


@pytest.mark.parametrize("text", ["a\nb", "a\r\nb", "a\u2028b", "a\x1bb", "a\u202eb", "a\x00b"])
def test_line_breaks_and_controls_become_spaces(text: str) -> None:
    assert re.fullmatch(r"a +b", pr_summary.escape(text))


def test_the_summary_command_reads_the_diff(tmp_path: Path) -> None:
    root = project(tmp_path, {"office": download("office")})
    command = [sys.executable, str(ROOT / ".ci" / "pr-summary.py"), "-z", "--root", str(root)]
    done = subprocess.run(command, input=b"README.md\0builds/office.yaml\0", capture_output=True, check=True)
    assert "**Quiet office tower \\(2024\\)**" in done.stdout.decode()


def test_pages_gets_its_real_address(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    shipped = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"(?m)^site_url: https://example\.invalid/$", shipped)
    config.write_text(shipped, encoding="utf-8")
    site_url.set_url(config, "https://octocat.github.io/pc-builds")
    assert yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)["site_url"] == (
        "https://octocat.github.io/pc-builds/"
    )


ODD = ["", "https://example.invalid/", "http://octocat.github.io/", 'https://octocat.github.io/x"\nsite_name: x']
ODD += ["https://user:pw@octocat.github.io/", "https://octocat.github.io/?q", "javascript:alert(1)"]


@pytest.mark.parametrize("url", ODD)
def test_a_placeholder_or_odd_address_is_refused(tmp_path: Path, url: str) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://example.invalid/\n", encoding="utf-8")
    assert site_url.main(["set", url, "--config", str(config)]) == 1
    assert config.read_text(encoding="utf-8") == "site_name: x\nsite_url: https://example.invalid/\n"


def test_a_site_built_with_the_placeholder_is_not_deployed(tmp_path: Path) -> None:
    real = "https://octocat.github.io/pc-builds/"
    for base, verdict in ((real, 0), ("https://example.invalid/", 1)):
        site = tmp_path / base.split("/")[2]
        site.mkdir()
        urls = "".join(f"<url><loc>{base}{path}</loc></url>" for path in ("", "builds/"))
        (site / "sitemap.xml").write_text(f"<urlset>{urls}</urlset>", encoding="utf-8")
        assert site_url.main(["verify", str(site), real.rstrip("/")]) == verdict
