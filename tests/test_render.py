"""What the reader's pages say: cost shares, slot usage, cards and index order, social meta, local-only assets."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest
from material.plugins.tags.config import TagsConfig

from buildguide import markup, pages, slots
from buildguide.costshare import shares
from buildguide.fields import tag_anchor
from buildguide.project import load_project
from buildguide.view import BuildView, newest_first, view

from .conftest import ROOT, SEED, copy_project
from .htmltree import page_tree, parse
from .test_site_build import mkdocs_build

PROJECT = load_project(ROOT)
VIEWS = {slug: view(guide) for slug, guide in PROJECT.guides.items()}


def test_cost_shares_are_the_core_total_split_by_role_largest_first() -> None:
    pricing = PROJECT.guides[SEED].pricing
    got = shares(pricing)
    assert [(s.label, s.amount, str(s.percent)) for s in got[:3]] == [
        ("GPU", Decimal("4998.00"), "62.6"),
        ("CPU", Decimal("1189.00"), "14.9"),
        ("Memory", Decimal("599.99"), "7.5"),
    ]
    assert sum(s.amount for s in got) == pricing.core_total  # peripherals (optional) are not in the picture
    assert "peripheral" not in {s.role for s in got}
    assert got[-1].x + got[-1].width == 100  # the segments fill the bar exactly


def test_slot_usage_says_what_the_catalog_knows_and_what_it_does_not() -> None:
    seed = slots.usage(PROJECT.guides[SEED].loaded)
    assert seed is not None
    assert seed.lines == [
        "Memory: 8 of 8 DIMM slots used.",
        "Graphics cards: NVIDIA TITAN RTX, 2 slots wide, slot not known; NVIDIA TITAN RTX, 2 slots wide, "
        "slot not known. (MSI X299 SLI PLUS has no x16 slot positions in the catalog.)",
        "M.2: 1 of 2 sockets used.",
    ]
    assert [r.kind for r in seed.rects].count("dimm-used") == 8
    assert [r.kind for r in seed.rects].count("gpu-loose") == 2  # drawn apart from the board, not guessed into a slot


def test_cards_seat_in_the_slots_the_placement_rule_chooses() -> None:
    quad = slots.usage(PROJECT.guides["quad-rtx-3090-blower-workstation-2020"].loaded)
    assert quad is not None
    assert [(pos, width) for _, pos, width in quad.gpus] == [(1, 2), (3, 2), (5, 2), (7, 2)]
    assert quad.lines[0] == (
        "Memory: the module count is not in the catalog, so how many of 8 DIMM slots are used is unknown."
    )
    assert quad.lines[2] == "M.2: 1 of 1 socket used."


def test_guide_page_has_the_pictures_with_their_text_and_the_load() -> None:
    page = page_tree(pages.guide_source(VIEWS[SEED]))
    bar = page.find("svg", "bg-costbar")
    assert bar.get("role") == "img" and bar.get("aria-labelledby") == "bg-costshare-caption"
    got = shares(PROJECT.guides[SEED].pricing)
    assert [r.find("title").text for r in bar.find_all("rect")] == [f"{s.label}: {s.percent} %" for s in got]
    caption = page.find(id_="bg-costshare-caption")
    assert caption.text.startswith("Share of the $7,981.34 build total by role: GPU 62.6 %, CPU 14.9 %, ")
    table = page.find("table", "bg-costshare-table")
    first = table.find("tbody").find_all("tr")[0]
    assert first.find("th", scope="row").find_all("span", "bg-swatch")
    assert first.cells == ["GPU", "$4,998.00", "62.6 %"]

    diagram = page.find("svg", "bg-slot-diagram")
    assert diagram.get("aria-describedby") == "bg-slots-text"
    assert "Memory: 8 of 8 DIMM slots used." in [li.text for li in page.find("ul", id_="bg-slots-text").find_all("li")]

    load = next(div for div in page.find("dl", "bg-facts").find_all("div") if div.find("dt").text == "Estimated load")
    assert load.find("dd").text == "872 W of 1,200 W" and load.find("a").get("href") == "#headroom"
    assert page.find("span", "bg-asof").text == "Prices as of 2020-08-09"
    downloads = {a.text: a for a in page.find("p", "bg-downloads").find_all("a")}
    for label, suffix in (("JSON", "json"), ("CSV part list", "csv"), ("Markdown part list for forums", "forum.txt")):
        assert downloads[label].get("href") == f"../../downloads/{SEED}.{suffix}"
        assert "download" in downloads[label].attrs


def test_cards_and_index_list_builds_newest_first() -> None:
    dates = sorted(((g.loaded.build.date, g.slug) for g in PROJECT.guides.values()), reverse=True)
    newest = [slug for _, slug in dates]
    assert [v.slug for v in newest_first(VIEWS)] == newest
    cards = parse(pages.build_cards(newest_first(VIEWS)))
    titles = cards.find_all("p", "bg-card-title")
    assert [p.find("a").get("href") for p in titles] == [f"builds/{slug}/" for slug in newest]
    index = parse(pages.builds_index(newest_first(VIEWS)))
    rows = index.find("tbody").find_all("tr")
    assert [row.find_all("td")[0].find("a").get("href") for row in rows] == [f"{slug}/" for slug in newest]
    seed_row = rows[newest.index(SEED)]
    cells = {cell.get("data-sort"): cell.text for cell in seed_row.find_all("td", "bg-num")}
    assert cells["USD 000000000000007981.340"] == "$7,981.34 USD"  # sorted by currency, then amount
    assert cells["872"] == "872 W of 1,200 W"


def test_the_tags_page_lists_each_tag_s_builds_newest_first_with_date_and_total() -> None:
    ordered = newest_first(VIEWS)
    source = pages.tags_page(ordered)
    sections = ("\n" + source).split("\n## ")[1:]
    tags = sorted({tag for v in ordered for tag in v.build.tags})
    assert len(tags) > 5 and len(sections) == len(tags)
    for tag, section in zip(tags, sections, strict=True):
        heading, body = section.split("\n", 1)
        # A Markdown heading (the table of contents lists it) with its text escaped, at the anchor builds link to.
        assert heading == f"{markup.inline(tag)} {{: #tag:{tag.replace(' ', '-')} }}"
        listed = parse(body)
        tagged = [v for v in ordered if tag in v.build.tags]
        rows = listed.find("ul", "bg-tag-builds").find_all("li")
        assert [li.find("a").get("href") for li in rows] == [f"../builds/{v.slug}/" for v in tagged]
        assert [li.find("a").text for li in rows] == [v.build.title for v in tagged]
        filtered = listed.find("p", "bg-tag-filter").find("a")
        assert filtered.get("href") == f"../builds/?tag={tag.replace(' ', '%20')}"
    seed = parse(sections[tags.index("multi-gpu")]).find("a", href=f"../builds/{SEED}/")
    assert seed.text == "Dual Titan RTX deep-learning workstation (2020)"
    assert "2020-08-09 · $7,981.34 USD" in source


@pytest.mark.parametrize("tag", ["deep learning", "multi-gpu", "12v-2x6", "c++", "a - b", "a--b", "a  b", "ab -", "0"])
def test_a_tag_keeps_the_anchor_material_s_tags_plugin_gave_it(tag: str) -> None:
    # The plugin's own defaults, as it applied them: links made while it wrote the tags page still land.
    plugin = TagsConfig()
    plugin.load_dict({})
    assert plugin.validate() == ([], [])
    expected = plugin.tags_slugify_format.format(slug=plugin.tags_slugify(tag, plugin.tags_slugify_separator))
    assert tag_anchor(tag) == expected
    assert f"{{: #{expected} }}" in pages.tags_page([_tagged(VIEWS[SEED], [tag])])


def _tagged(v: BuildView, tags: list[str]) -> BuildView:
    """The view with other tags (a copy: the module's views stay as the files say)."""
    build = v.build.model_copy(update={"tags": tags})
    loaded = dataclasses.replace(v.guide.loaded, build=build)
    return dataclasses.replace(v, guide=dataclasses.replace(v.guide, loaded=loaded))


def test_the_tags_page_says_so_when_no_build_has_a_tag() -> None:
    untagged = [_tagged(v, []) for v in newest_first(VIEWS)]
    assert pages.tags_page(untagged).strip() == "No build has a tag yet."


def test_a_build_page_links_each_of_its_tags_to_its_section_of_the_tags_page() -> None:
    v = VIEWS[SEED]
    source = pages.guide_source(v)
    nav = parse(source).find("nav", "bg-tags")
    assert nav.get("aria-label") == "Tags"
    links = [(a.text, a.get("href")) for a in nav.find_all("a", "md-tag")]
    assert links == [(tag, f"../../tags/#tag:{tag.replace(' ', '-')}") for tag in v.build.tags]
    assert [tag for tag, _ in links] == ["deep learning", "multi-gpu", "workstation", "air cooled"]
    # In the front matter for search; the theme's own tag list is hidden, as the page has its own.
    assert '\ntags: ["deep learning", "multi-gpu", "workstation", "air cooled"]\nhide: ["tags"]\n' in source


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built with one more build whose title tries to break out of HTML attributes and templates."""
    repo = copy_project(tmp_path_factory.mktemp("render") / "repo")
    text = (repo / "builds" / f"{SEED}.yaml").read_text()
    title = "title: 'Quote\" </title><script>alert(1)</script> {{ 7 * 7 }} build'"
    text = re.sub(r"^title: .*$", title, text, count=1, flags=re.M)
    text = text.replace("purpose: Deep learning and data science", "purpose: '{% raw %} Deep learning'")
    (repo / "builds" / "hostile-title.yaml").write_text(text)
    result = mkdocs_build(repo)
    assert result.returncode == 0, result.stderr
    return repo / "site"


def test_social_meta_describes_the_build_and_escapes_its_text(hostile: Path) -> None:
    seed = (hostile / "builds" / SEED / "index.html").read_text()
    description = "Deep learning and data science: $7,981.34 USD; 2 × NVIDIA TITAN RTX (48 GB GPU memory)."
    assert f'<meta name="description" content="{description}">' in seed
    assert f'<meta property="og:description" content="{description}">' in seed
    assert '<meta property="og:title" content="Dual Titan RTX deep-learning workstation (2020)">' in seed
    page = (hostile / "builds" / "hostile-title" / "index.html").read_text()
    assert "<script>alert(1)" not in page
    assert "{{ 7 * 7 }}" in page and ">49<" not in page
    # The quote is escaped once, so a browser shows it as a quote (not as the text "&#34;").
    assert "<title>Quote&#34; &lt;/title&gt;&lt;script&gt;alert(1)" in page
    assert '<meta property="og:title" content="Quote&#34; &lt;/title&gt;&lt;script&gt;alert(1)' in page


def test_downloads_and_tags_are_published(hostile: Path) -> None:
    for slug in (SEED, "hostile-title"):
        for suffix in ("json", "csv", "forum.txt"):
            assert (hostile / "downloads" / f"{slug}.{suffix}").is_file()
    assert [p.name for p in (hostile / "downloads").rglob("*.html")] == []  # no download became a page
    forum = (hostile / "downloads" / f"{SEED}.forum.txt").read_text()
    assert forum.startswith("**Dual Titan RTX deep-learning workstation (2020)**\n")  # published as written
    tags = (hostile / "tags" / "index.html").read_text()
    assert re.search(rf'href="\.\./builds/{SEED}/"', tags) and "deep learning" in tags


def test_no_page_loads_anything_from_another_host(hostile: Path) -> None:
    loads = re.compile(r'<(?:script|img|iframe|source|video|audio)\b[^>]*\bsrc="([^"]*)"|<link\b([^>]*)>')
    for page in hostile.rglob("*.html"):
        for src, link in loads.findall(page.read_text()):
            if link:
                rel = re.search(r'rel="([^"]*)"', link)
                href = re.search(r'href="([^"]*)"', link)
                if (rel and rel.group(1) in ("canonical", "prev", "next", "alternate")) or not href:
                    continue  # a link relation, not something the browser fetches
                src = href.group(1)
            assert not re.match(r"(?i)(https?:)?//", src), f"{page}: {src}"


def test_index_rows_carry_what_the_filters_test_and_the_form_offers_each_value() -> None:
    index = parse(pages.builds_index(newest_first(VIEWS)))
    row = next(r for r in index.find("tbody").find_all("tr") if r.find("a").get("href") == f"{SEED}/")
    assert {name: value for name, value in row.attrs.items() if name.startswith("data-")} == {
        "data-total": "7981.34",
        "data-currency": "USD",
        "data-gpus": "2",
        "data-gpu-memory": "48",
        "data-use": "machine learning",
        "data-tags": "deep learning|multi-gpu|workstation|air cooled",
        "data-cpu-maker": "Intel",
        "data-socket": "LGA2066",
        "data-case": "Full tower",
        "data-year": "2020",
        "data-verdict": "compatible with warnings",
    }
    form = index.find("form", id_="bg-filters")
    assert "hidden" in form.attrs  # shown by filters.js: without it the form would do nothing
    assert form.find_all("select", name="currency") == []  # one currency: no choice to make
    rows = index.find("tbody").find_all("tr")
    for name, attribute in (("socket", "data-socket"), ("case", "data-case"), ("verdict", "data-verdict")):
        offered = [o.get("value") for o in form.find("select", name=name).find_all("option")]
        assert offered[0] == ""  # "any"
        assert set(offered[1:]) == {r.get(attribute) for r in rows} - {""}
    boxes = {box.get("value") for box in form.find_all("input", type="checkbox", name="use")}
    assert boxes == {use for r in rows for use in (r.get("data-use") or "").split("|")}
    status = index.find("p", id_="bg-filter-status")
    assert status.get("role") == "status" and status.text == f"{len(rows)} of {len(rows)} builds shown"
