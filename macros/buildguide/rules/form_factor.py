"""Do the motherboard and the power supply fit the case?"""

from __future__ import annotations

from collections.abc import Iterator

from ..load import LoadedBuild
from .registry import Issue, error, need, note, ok, one, rule


@rule("case-motherboard", "Motherboard form factor fits the case")
def case_motherboard(build: LoadedBuild) -> Iterator[Issue]:
    board, case = one(build, "motherboard"), one(build, "case")
    form, accepted = need(board, "form_factor"), need(case, "motherboard_form_factors")
    if form in accepted:
        yield ok(f"{board.name} is {form}, one of the form factors {case.name} takes.")
    else:
        yield error(
            f"{board.name} is {form}, but {case.name} takes {', '.join(accepted)}: "
            "the board's mounting holes and size do not match the case's standoffs.",
            board,
            case,
        )


@rule("case-psu", "Power supply form factor fits the case")
def case_psu(build: LoadedBuild) -> Iterator[Issue]:
    psu, case = one(build, "psu"), one(build, "case")
    form, accepted = need(psu, "form_factor"), need(case, "psu_form_factors")
    if form in accepted:
        yield ok(f"{psu.name} is {form}, which {case.name} takes.")
        return
    if form in ("SFX", "SFX-L") and "ATX" in accepted:
        yield note(
            f"{psu.name} is {form} and {case.name} takes {', '.join(accepted)}: an {form} unit fits an ATX "
            "mount with an SFX-to-ATX adapter bracket.",
            psu,
            case,
        )
        return
    yield error(
        f"{psu.name} is {form}, but {case.name} takes {', '.join(accepted)}: "
        "the power supply does not fit the case's mount.",
        psu,
        case,
    )
