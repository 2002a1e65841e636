"""Page sources from the templates: a guide page per build, and the listings the hand-written pages embed.

Layout lives in the Jinja templates; every figure comes from a `BuildView`. Contributor text reaches a template
only through `markup` (rendered, inert HTML) or Jinja's autoescape. Template-made HTML is wrapped in the
markers of `blocks`, so the engine's Markdown stores it untouched instead of parsing it again.
"""

from __future__ import annotations

import json
from decimal import Decimal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import blocks, markup, provenance, slots
from .fields import tag_anchor
from .rules.psu import CIRCUIT_W
from .view import BuildView


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


def _html(block: str) -> Markup:
    """`{% filter html %}…{% endfilter %}`: a block of template HTML, marked for the engine's Markdown to keep."""
    return Markup(blocks.mark(str(block)))


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
        markdown=_markdown,
        markdown_inline=_markdown_inline,
        inline=markup.inline,
        rel=_rel,
        svgnum=_svgnum,
        html=_html,
        source_kind=provenance.KIND_NAMES.__getitem__,
        unverified=provenance.unverified,
        tag_anchor=tag_anchor,
    )
    return env


ENV = _environment()


def front_matter(meta: dict[str, object]) -> str:
    # JSON is valid YAML whatever the text holds, so contributor text cannot end or extend the front matter.
    lines = (f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def guide_source(v: BuildView) -> str:
    """The Markdown source of a build's guide page, ready for the engine; never rendered as a template again."""
    # Tags stay in the front matter for search, which ranks them; the page shows its own tag links (guide.md.j2),
    # so the theme's are hidden (Zensical shows them even without a tags plugin).
    meta = {"description": v.meta_description, "tags": v.build.tags, "hide": ["tags"], "render_macros": False}
    body = ENV.get_template("guide.md.j2").render(
        v=v,
        b=v.build,
        g=v.guide,
        pricing=v.pricing,
        money=v.pricing.money,
        board_w=slots.BOARD_W,
        circuit_w=CIRCUIT_W,
    )
    return front_matter(meta) + body


def build_cards(views: list[BuildView]) -> str:
    return ENV.get_template("cards.md.j2").render(views=views)


def builds_index(views: list[BuildView]) -> str:
    return ENV.get_template("index.md.j2").render(views=views)


def compare_page(views: list[BuildView]) -> str:
    return ENV.get_template("compare.md.j2").render(views=views)


def tags_page(views: list[BuildView]) -> str:
    """A section per tag, alphabetical, each listing its builds in the order given (newest first)."""
    tagged: dict[str, list[BuildView]] = {}
    for v in views:
        for tag in v.build.tags:
            tagged.setdefault(tag, []).append(v)
    return ENV.get_template("tags.md.j2").render(groups=[(tag, tagged[tag]) for tag in sorted(tagged)])
