"""An index page of a catalogue of many procedures: copies of the long national record (55
documents, 30 fee rows, sub-cases) in two fields and none, with the site's static files. The
browser tests open it; bench/site_index.py times it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import motcua
import motcua.render.site
from motcua.engine.spec.model import Text
from motcua.render.site.html import render_page
from motcua.render.site.indexpage import index_page

LONG = Path(__file__).parent / "catalogs" / "long-record"


def big_index(root: Path, count: int) -> Path:
    """Write the Vietnamese index page alone of ``count`` procedures under ``root``: what a
    reader's browser opens. Returns the page's path."""
    long = motcua.load_catalog(LONG)
    base = long.procedures[0]
    fields = ("dat-dai", "ho-tich", None)
    procedures = tuple(
        dataclasses.replace(
            base, id=f"thu-tuc-{n:04d}", code=f"9.{n:06d}", field=fields[n % 3],
            title=Text((("vi", f"{base.title.get('vi')} số {n}"), ("en", f"{base.title.get('en')} no. {n}"))),
        )
        for n in range(count)
    )
    catalog = dataclasses.replace(long, procedures=procedures)
    entries = [(p, long.agencies[0]) for p in procedures]
    view = index_page(catalog, entries, lang="vi", footer="", day=dt.date(2026, 1, 5))
    (root / "vi").mkdir(parents=True)
    (root / "vi" / "index.html").write_text(render_page("index.html", "vi", c=view.chrome, p=view), encoding="utf-8")
    shutil.copytree(Path(motcua.render.site.__file__).parent / "static", root / "static")
    return root / "vi" / "index.html"
