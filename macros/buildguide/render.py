"""Guide pages as Markdown for MkDocs: layout lives in the Jinja templates, every number is computed here.

Contributor text reaches the templates only through `markup` (rendered, inert HTML) or Jinja's autoescape,
and the output is never rendered as a template again.
"""

from __future__ import annotations

from decimal import Decimal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import markup, slots
from .costshare import shares
from .facts import facts
from .project import Guide, Project


def _markdown(text: str | None) -> Markup:
    return markup.render(text)[0] if text else Markup("")


def _markdown_inline(text: str) -> Markup:
    """A one-paragraph text without its <p>, for list items and table cells."""
    html = str(_markdown(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def _svgnum(value: Decimal) -> str:
    """SVG coordinates: three decimals are finer than any screen, and keep the markup short."""
    return format(value.quantize(Decimal("0.001")).normalize(), "f")


def _rel(affiliate: bool) -> str:
    return "sponsored nofollow noopener" if affiliate else "nofollow noopener"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("buildguide", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        markdown=_markdown, markdown_inline=_markdown_inline, inline=markup.inline, rel=_rel, svgnum=_svgnum
    )
    return env


_ENV = _environment()


def units(guide: Guide) -> int:
    return sum(item.item.quantity for item in guide.loaded.items)


def newest_first(project: Project) -> list[Guide]:
    return sorted(project.guides.values(), key=lambda g: (g.loaded.build.date, g.slug), reverse=True)


def guide_page(guide: Guide) -> str:
    pricing = guide.pricing
    boards = guide.loaded.by_role("motherboard")
    return _ENV.get_template("guide.md.j2").render(
        g=guide,
        b=guide.loaded.build,
        pricing=pricing,
        money=pricing.money,
        units=units(guide),
        zero=Decimal(0),
        facts=facts(guide),
        shares=shares(pricing),
        slots=slots.usage(guide.loaded),
        board=boards[0].name if boards else "",
        board_w=slots.BOARD_W,
    )


def _rows(project: Project) -> list[dict[str, object]]:
    return [{"g": g, "f": facts(g), "shares": shares(g.pricing)} for g in newest_first(project)]


def builds_index(project: Project) -> str:
    return _ENV.get_template("index.md.j2").render(rows=_rows(project))


def build_cards(project: Project) -> str:
    return _ENV.get_template("cards.md.j2").render(rows=_rows(project))


def compare_page(project: Project) -> str:
    return _ENV.get_template("compare.md.j2").render(guides=newest_first(project))
