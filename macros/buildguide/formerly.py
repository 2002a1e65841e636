"""Former names (`formerly:`), of builds and of catalog parts alike: which each may claim. Each old address can
send readers to one page only, and must never hide a page that exists."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    """How the messages name things: a build's 'name' and file, or a part's 'id' and entry."""

    noun: str  # "name" or "id"
    own: str  # "this build's own name"
    taken_by: Callable[[str], str]  # what holds a name now, from `taken`'s value: "the name of builds/x.yaml"
    claimed_by: Callable[[str], str]  # the owner that claimed a former name first


def claims(
    owners: Iterable[tuple[str, Sequence[str]]], taken: dict[str, str], words: Words
) -> tuple[dict[str, str], list[tuple[str, int, str]]]:
    """Former name -> its owner, for each owner (in order) and its former names; and (owner, index, message) for
    each name it may not claim: one in use now (`taken`: name -> where), listed twice, or claimed before."""
    claimed: dict[str, str] = {}
    refused = []
    for owner, former in owners:
        for n, old in enumerate(former):
            if old in taken:
                whose = words.own if old == owner else words.taken_by(taken[old])
                message = f"'{old}' is {whose}: a former {words.noun} must be free"
            elif claimed.get(old) == owner:
                message = f"'{old}' is listed twice"
            elif old in claimed:
                message = f"'{old}' is already a former {words.noun} of {words.claimed_by(claimed[old])}"
            else:
                claimed[old] = owner
                continue
            refused.append((owner, n, message))
    return claimed, refused
