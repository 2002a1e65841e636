"""The GitHub workflows keep the security properties the maintainer relies on.

actionlint and zizmor (`.ci/lint-workflows`) catch generic mistakes; these tests pin down this project's own
choices, so that a later edit cannot quietly widen a token, drop a pin or let two deployments race.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
NAMES = ("ci.yml", "pages.yml")

# `uses: owner/repo@<40 hex> # v1.2.3`: the SHA is what runs, the comment is what Dependabot and people read.
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def load(name: str) -> dict[str, Any]:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean true.
    return workflow[True]


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def uses(step: dict[str, Any]) -> str:
    return step.get("uses", "").split("@")[0]


def test_the_workflow_files_are_the_expected_ones() -> None:
    assert sorted(path.name for path in WORKFLOWS.iterdir()) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_the_token_only_reads_by_default(name: str) -> None:
    assert load(name)["permissions"] == {"contents": "read"}


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
    assert len(lines) == sum("uses" in step for step in steps(load(name)))
    assert [line for line in lines if not PINNED.match(line)] == []


def test_an_action_has_the_same_pin_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for name in NAMES:
        for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                action, pin = line.split("uses: ")[1].split("@")
                pins.setdefault(action, set()).add(pin)
    assert {action: len(found) for action, found in pins.items() if len(found) > 1} == {}


@pytest.mark.parametrize("name", NAMES)
def test_no_workflow_runs_with_the_base_repository_token_on_forks(name: str) -> None:
    assert "pull_request_target" not in triggers(load(name))
    assert "workflow_run" not in triggers(load(name))


def test_ci_runs_on_pull_requests_and_pushes() -> None:
    assert set(triggers(load("ci.yml"))) == {"pull_request", "push"}


def test_ci_checks_tests_builds_and_keeps_the_site() -> None:
    job = load("ci.yml")["jobs"]["check"]
    setup_python = next(step for step in job["steps"] if uses(step) == "actions/setup-python")
    assert setup_python["with"]["cache"] == "pip"
    assert [step["run"] for step in job["steps"] if "run" in step] == [
        "bash .ci/setup",
        ".venv/bin/buildguide check --format github",
        ".venv/bin/python -m pytest",
        ".venv/bin/mkdocs build --strict",
    ]
    upload = job["steps"][-1]
    assert uses(upload) == "actions/upload-artifact"
    assert upload["with"]["path"] == "site/"


def test_pages_publishes_main_and_can_be_started_by_hand() -> None:
    assert triggers(load("pages.yml")) == {"push": {"branches": ["main"]}, "workflow_dispatch": None}


def test_two_deployments_never_race() -> None:
    concurrency = load("pages.yml")["concurrency"]
    assert concurrency["group"] == "pages"
    # A running deployment is left to finish; the next one waits for it.
    assert concurrency["cancel-in-progress"] is False


def test_pages_builds_strictly_then_uploads_the_site() -> None:
    build = load("pages.yml")["jobs"]["build"]
    assert [step.get("run") or uses(step) for step in build["steps"]][-4:] == [
        ".venv/bin/buildguide check --format github",
        # dated by the commit, so a commit always publishes the same bytes (see test_reproducible.py)
        'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)" .venv/bin/mkdocs build --strict',
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    assert build["steps"][-1]["with"]["path"] == "site/"


def test_the_deploy_job_uses_the_github_pages_environment() -> None:
    deploy = load("pages.yml")["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert deploy["steps"][0]["id"] == "deployment"


def test_dependabot_updates_actions_and_python_after_a_cooldown() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    assert all(update["cooldown"]["default-days"] >= 7 for update in updates.values())
