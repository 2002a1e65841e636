"""A build and a catalog entry full of XSS payloads that still pass `buildguide check`, and ones that must not.

Every Text field (Markdown) gets `TEXT`: blank lines, indented and fenced code, attr_list lines, raw HTML
blocks, entity-encoded schemes, forged block markers, template syntax. Every one-line field gets `LINE`, which
holds no line break. The site is built from a copy of the project with both engines (see `sites.py`).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from .sites import Built, built_site

FLAG = "window.__pwned=1"
SLUG = "xss-everywhere"
PART = "evil-cpu"

# Markdown a contributor could write in any Text field; `check` accepts all of it (nothing here is a link to a
# scheme other than http(s) or an image), so it reaches the page and must arrive there inert.
TEXT = f"""\
Opening <script>{FLAG}</script> <img src=x onerror="{FLAG}"> <svg onload="{FLAG}"></svg> "><script>{FLAG}</script>

{{: tabindex=1 autofocus onfocus={FLAG} }}

    <script>{FLAG}</script>
    indented code, then a fence line inside it:
    ```
    <img src=x onerror={FLAG}>

<script>{FLAG}</script>

<img src=x onerror="{FLAG}">

<iframe src="https://evil.example/frame" onload="{FLAG}"></iframe>

<style>body{{display:none}}</style>
<link rel=stylesheet href=https://evil.example/x.css>

<div onmouseover="{FLAG}" markdown="1">

*Markdown inside an HTML block*

</div>

<form action="https://evil.example/"><button formaction="https://evil.example/">go</button></form>
<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">
<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">

<!-- buildguide:html -->
<img src=x onerror="{FLAG}">
<!-- /buildguide:html -->

[docs](https://x.example/ "a\\" onmouseover=\\"{FLAG}\\" x=\\"") and [ref][evil] and <https://x.example/"onmouseover="{FLAG}>

[evil]: https://x.example/#"onclick="{FLAG} "t' onfocus='{FLAG}"

&#106;avascript:alert(1) &lt;script&gt;{FLAG}&lt;/script&gt;
&#60;img src=x onerror={FLAG}&#62; &#x3C;svg onload={FLAG}&#x3E; &amp;lt;b&amp;gt;

{{{{ ''.__class__.__mro__ }}}} {{% if true %}}{FLAG}{{% endif %}} {{# comment #}}

# Heading {{: onclick="{FLAG}" }}

Setext heading {{: #x onmouseover={FLAG} }}
===

- item {{: onmouseover="{FLAG}" }}
- <b onclick="{FLAG}">bold</b>

> quote {{: onmouseover={FLAG} }}

```html
<script>{FLAG}</script>
```

<![CDATA[ <script>{FLAG}</script> ]]> <?php echo 1; ?> <!-- <script>{FLAG}</script> -->

    ```
    the fence line above and this one close nothing
"""

# One line, no break: what a title, name, caption or retailer may hold.
LINE = (
    f"\"'><script>{FLAG}</script><img src=x onerror={FLAG}> {{{{ 7 * 191 }}}} {{% raw %}}"
    f" [x](javascript:{FLAG}) <!-- buildguide:html --> {{: onclick={FLAG} }}"
)


def catalog() -> dict:
    return {
        PART: {
            "category": "cpu",
            "maker": LINE,
            "model": LINE,
            "socket": "AM4",  # not the board's socket: gives the cpu-socket error the build acknowledges
            "tdp_w": 100,
            "notes": TEXT,
            # Raw quotes and angle brackets are refused in links (tests/corpus: url-pipe); what is allowed is tried.
            "sources": [{"url": f"https://x.example/'onmouseover='{FLAG}';(x)", "kind": "review"}],
        }
    }


def build() -> dict:
    return {
        "title": LINE,
        "summary": TEXT,
        "author": LINE,
        "date": dt.date(2024, 1, 1),
        "purpose": LINE,
        "tags": ["xss"],
        "currency": "USD",
        "prices_as_of": dt.date(2024, 1, 1),
        "part_list_url": f"https://x.example/?q=%22%3E%3Cscript%3E{FLAG}%3C/script%3E'onfocus='{FLAG}",
        "intro": TEXT,
        "photos": [  # the hero and a gallery of one
            {"path": f"images/{SLUG}/evil.png", "alt": LINE, "caption": LINE, "credit": LINE},
            {"path": f"images/{SLUG}/evil.png", "alt": LINE, "caption": LINE},
        ],
        "sections": [
            {
                "id": "core",
                "title": LINE,
                "items": [
                    {
                        "role": "cpu",
                        "part": PART,
                        "unit_price": 1.0,
                        "retailer": LINE,
                        "url": f"https://x.example/'onmouseover='{FLAG}'(",
                        "affiliate": True,
                        "rationale": TEXT,
                        "alternatives": [{"name": LINE, "why_not": TEXT}, {"part": PART, "why_not": TEXT}],
                        "images": [{"path": f"images/{SLUG}/evil.png", "alt": LINE, "caption": LINE, "credit": LINE}],
                    },
                    {"role": "motherboard", "part": "msi-x299-sli-plus", "unit_price": 2.0, "retailer": LINE},
                ],
            },
            {
                "id": "extras",
                "title": LINE,
                "optional": True,
                "items": [{"role": "peripheral", "name": LINE, "unit_price": 3.0, "retailer": LINE, "rationale": TEXT}],
            },
        ],
        "acknowledge": [{"rule": "cpu-socket", "reason": TEXT}],
    }


def dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000)


def write_hostile(root: Path, build_data: dict | None = None, catalog_data: dict | None = None) -> None:
    """Add the hostile catalog entry, build and image to a project copy."""
    (root / "builds" / "parts" / "zz-evil.yaml").write_text(dump(catalog_data or catalog()), encoding="utf-8")
    (root / "builds" / f"{SLUG}.yaml").write_text(dump(build_data or build()), encoding="utf-8")
    images = root / "builds" / "images" / SLUG
    images.mkdir(parents=True)
    seed_image = next((root / "builds" / "images").glob("*/*.png"))
    shutil.copy(seed_image, images / "evil.png")


def hostile_site(factory: pytest.TempPathFactory, engine: str) -> Built:
    return built_site(factory, "hostile", engine, write_hostile)
