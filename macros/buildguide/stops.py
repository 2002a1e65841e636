"""The signals that stop `buildguide serve`: Ctrl+C, `kill` and a closed terminal alike raise `Stopped` where the
preview happens to be, so it removes its temporary site on the way out; from then on, more of them are ignored.
"""

from __future__ import annotations

import signal

# Windows has no SIGHUP.
STOPS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)


class Stopped(KeyboardInterrupt):
    """A stop signal, and which one: the preview exits with 128 + its number, as shells expect (0 for Ctrl+C)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def exit_status(signum: int) -> int:
    """0 for Ctrl+C (how a preview ends, as with `mkdocs serve`), 128 + the signal's number for a kill or
    hangup, as shells expect."""
    return 0 if signum == signal.SIGINT else 128 + signum


def status(stop: KeyboardInterrupt) -> int:
    """The exit status for a stop that reached Python (a plain KeyboardInterrupt is a Ctrl+C)."""
    return exit_status(stop.signum) if isinstance(stop, Stopped) else 0


def catch() -> None:
    for stop in STOPS:
        signal.signal(stop, _interrupt)


def ignore() -> None:
    # A handler that does nothing, not SIG_IGN: Python reports a signal already on its way to an ignored one
    # as an error ("ignored due to race condition").
    for stop in STOPS:
        signal.signal(stop, _ignore)


def _interrupt(signum: int, frame: object) -> None:
    ignore()  # from the first: a second one must not interrupt the way out
    raise Stopped(signum)


def _ignore(signum: int, frame: object) -> None:
    pass
