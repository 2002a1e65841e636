"""Guide pages as Markdown for MkDocs: layout lives in the Jinja templates, every number is computed here.

Contributor text reaches the templates only through `markup` (rendered, inert HTML) or Jinja's autoescape,
and the output is never rendered as a template again.
"""

from __future__ import annotations

from decimal import Decimal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import markup
from .project import Guide, Project


def _markdown(text: str | None) -> Markup:
    return markup.render(text)[0] if text else Markup("")


def _markdown_inline(text: str) -> Markup:
    """A one-paragraph text without its <p>, for list items and table cells."""
    html = str(_markdown(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


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
    env.filters.update(markdown=_markdown, markdown_inline=_markdown_inline, inline=markup.inline, rel=_rel)
    return env


_ENV = _environment()


def units(guide: Guide) -> int:
    return sum(item.item.quantity for item in guide.loaded.items)


def guide_page(guide: Guide) -> str:
    pricing = guide.pricing
    return _ENV.get_template("guide.md.j2").render(
        g=guide,
        b=guide.loaded.build,
        pricing=pricing,
        money=pricing.money,
        units=units(guide),
        zero=Decimal(0),
    )


def builds_index(project: Project) -> str:
    guides = sorted(project.guides.values(), key=lambda g: (g.loaded.build.date, g.slug), reverse=True)
    return _ENV.get_template("index.md.j2").render(guides=guides)
