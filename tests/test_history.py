"""Each build page says when its file last changed, from the repository's history, and says nothing where the
history cannot tell: no git checkout, a shallow clone, no git at all, a file never committed."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import buildguide.history
from buildguide import history
from buildguide.cli import main
from buildguide.render import render
from buildguide.session import Session

from .conftest import SEED
from .htmltree import page_tree

OTHER = "rtx-4090-fractal-terra-sff-2023"
ATOM = "{http://www.w3.org/2005/Atom}"
LATER = dt.date(2100, 1, 1)  # a reference date after every commit here


def git(root: Path, *args: str, date: str = "2024-03-01T12:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    command = ["git", "-C", str(root), "-c", "user.name=T", "-c", "user.email=t@example.invalid", *args]
    subprocess.run(command, env=env, check=True, capture_output=True)


def facts(root: Path, slug: str) -> dict[str, str]:
    """The build page's facts list, term -> description, as a reader sees it."""
    page = page_tree((root / "docs" / "builds" / slug / "index.md").read_text())
    dl = page.find("dl", cls="bg-facts")
    return {div.find("dt").text: div.find("dd").text for div in dl.find_all("div")}


@pytest.fixture
def history_repo(repo: Path) -> Path:
    """The project as a git repository: every file committed on 2024-03-01, then one build edited on 2025-06-15."""
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    other = repo / "builds" / f"{OTHER}.yaml"
    other.write_text(other.read_text().replace("\ntitle: ", "\ntitle: Renamed ", 1))
    git(repo, "commit", "-q", "-am", "second", date="2025-06-15T23:30:00+00:00")
    return repo


def test_each_build_shows_the_date_of_the_last_commit_that_changed_its_file(history_repo: Path) -> None:
    render(history_repo)
    assert facts(history_repo, SEED)["Last changed"] == "2024-03-01"
    assert facts(history_repo, OTHER)["Last changed"] == "2025-06-15"
    download = json.loads((history_repo / "docs" / "downloads" / f"{OTHER}.json").read_text())
    assert download["last_changed"] == "2025-06-15"


def test_the_feed_puts_the_build_changed_last_first_dated_by_its_commit(history_repo: Path) -> None:
    """A feed reader sees an edited build as new, however old its machine: the seed (2020) heads the feed."""
    seed = history_repo / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text().replace("\ntitle: ", "\ntitle: Edited ", 1))
    git(history_repo, "commit", "-q", "-am", "third", date="2026-01-10T08:00:00+00:00")
    render(history_repo)
    feed = ET.fromstring((history_repo / "docs" / "feed.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert entries[0].find(f"{ATOM}link").get("href").endswith(f"/builds/{SEED}/")
    assert entries[0].findtext(f"{ATOM}updated") == "2026-01-10T00:00:00Z" == feed.findtext(f"{ATOM}updated")
    assert entries[0].findtext(f"{ATOM}published") == "2020-08-09T00:00:00Z"  # the build's own date
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert len(updated) == len(list((history_repo / "builds").glob("*.yaml")))


def test_git_is_asked_once_for_the_whole_folder(history_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, ...]] = []
    real = history._git

    def counted(root: Path, *args: str) -> str | None:
        calls.append(args)
        return real(root, *args)

    monkeypatch.setattr(buildguide.history, "_git", counted)
    assert history.last_changed(history_repo, LATER)[f"builds/{SEED}.yaml"].isoformat() == "2024-03-01"
    assert [args[0] for args in calls] == ["rev-parse", "log"]


def test_a_file_never_committed_has_no_date(history_repo: Path) -> None:
    shutil.copy(history_repo / "builds" / f"{SEED}.yaml", history_repo / "builds" / "new-build.yaml")
    render(history_repo)
    assert "Last changed" not in facts(history_repo, "new-build")
    assert json.loads((history_repo / "docs" / "downloads" / "new-build.json").read_text())["last_changed"] is None
    assert facts(history_repo, SEED)["Last changed"] == "2024-03-01"


def test_a_shallow_clone_gives_no_dates(history_repo: Path, tmp_path: Path) -> None:
    """Its one commit would seem to have changed every file on the day it was made."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", history_repo.as_uri(), str(clone)], check=True)
    assert history.last_changed(clone, LATER) == {}
    render(clone)
    assert "Last changed" not in facts(clone, SEED)
    assert "Prices as of" in facts(clone, SEED)  # the rest of the list is there


def test_the_render_step_says_when_a_shallow_clone_leaves_the_dates_out(
    history_repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = (
        "buildguide render: note: this clone's history is shallow, so no build page says when it last changed: "
        "`git fetch --unshallow`\n"
    )
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", history_repo.as_uri(), str(clone)], check=True)
    assert main(["render", "--root", str(clone)]) == 0
    assert capsys.readouterr().err == note
    assert main(["render", "--root", str(history_repo)]) == 0  # the whole history: nothing to say
    assert capsys.readouterr().err == ""


def test_a_project_that_is_no_git_checkout_gives_no_dates(repo: Path) -> None:
    assert history.last_changed(repo, LATER) == {}
    render(repo)
    assert "Last changed" not in facts(repo, SEED)


def test_without_git_installed_there_are_no_dates(history_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(history_repo / "no-such-folder"))
    assert history.last_changed(history_repo, LATER) == {}


def test_the_preview_keeps_the_dates_without_running_git_again(
    history_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = Session(history_repo)

    def refuse(root: Path, *args: str) -> str | None:
        raise AssertionError(f"git ran again: {args}")

    monkeypatch.setattr(buildguide.history, "_git", refuse)
    seed = history_repo / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text().replace("\ntitle: ", "\ntitle: Edited ", 1))
    assert f"docs/builds/{SEED}/index.md" in session.update({seed})
    assert facts(history_repo, SEED)["Last changed"] == "2024-03-01"  # edited, not committed: the commit's date


def test_a_merged_change_is_dated_by_its_merge_not_by_the_branch_commit(history_repo: Path) -> None:
    """A contributor sets their own commit dates, even years ahead; the branch the site is built from dates it."""
    git(history_repo, "checkout", "-q", "-b", "pr")
    seed = history_repo / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text().replace("\ntitle: ", "\ntitle: Edited ", 1))
    git(history_repo, "commit", "-q", "-am", "from the future", date="2099-01-01T00:00:00+00:00")
    git(history_repo, "checkout", "-q", "main")
    git(history_repo, "merge", "-q", "--no-ff", "-m", "merge", "pr", date="2025-09-01T10:00:00+00:00")
    assert history.last_changed(history_repo, LATER)[f"builds/{SEED}.yaml"].isoformat() == "2025-09-01"


def test_a_commit_dated_after_the_reference_date_or_past_9999_gives_no_date(history_repo: Path) -> None:
    other = history_repo / "builds" / f"{OTHER}.yaml"
    other.write_text(other.read_text() + "\n")
    git(history_repo, "commit", "-q", "-am", "far ahead", date="@300000000000 +0000")  # the year 11476
    seed = history_repo / "builds" / f"{SEED}.yaml"
    seed.write_text(seed.read_text() + "\n")
    git(history_repo, "commit", "-q", "-am", "ahead", date="2030-01-01T00:00:00+00:00")
    dates = history.last_changed(history_repo, dt.date(2026, 1, 1))
    assert dates[f"builds/{SEED}.yaml"].isoformat() == "2024-03-01"  # the commit of 2030 is not believed
    assert dates[f"builds/{OTHER}.yaml"].isoformat() == "2025-06-15"


def test_a_file_name_that_is_not_utf8_in_the_history_does_not_stop_the_site(history_repo: Path) -> None:
    odd = os.fsencode(history_repo / "builds") + b"/\xff.yaml"
    with open(odd, "w") as file:
        file.write("x: 1\n")
    git(history_repo, "add", "-A")
    git(history_repo, "commit", "-q", "-m", "odd name")
    os.remove(odd)
    git(history_repo, "commit", "-q", "-am", "gone")
    render(history_repo)
    assert facts(history_repo, SEED)["Last changed"] == "2024-03-01"
