"""The earlier versions of each published procedure, and where their pages and comparisons live.

A procedure's versions are linked by ``supersedes`` (the path of the previous version's file,
relative to the file that names it). The site publishes, beside the page of the version it
shows, a page for each version that one replaced, down the chain, and lists them all on each of
these pages; each version but the oldest is linked to the page comparing it with the one it
replaced. That page is made by the reform room (``motcua diff``), which the site may not import:
``motcua publish`` hands it over among the pages made elsewhere, at ``SiteVersions.diff_path``,
and the site links to a comparison only when it was handed over.

Paths, relative to the site root: the shown version at ``{lang}/{agency}/{id}.html`` as ever, an
earlier one at ``{lang}/{agency}/{id}.{version}.html``, a comparison at
``{lang}/{agency}/{id}.{old}.{new}.html``; ``{version}`` is the version's label folded to
``[a-z0-9-]`` (no dot, so no name can be read two ways).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Iterator, Sequence

from motcua.engine.spec.model import Agency, Catalog, Procedure
from motcua.engine.spec.vocabulary import Lang, word
from motcua.render.site.folding import fold
from motcua.render.site.pageparts import link_to
from motcua.render.site.vocabulary import format_date

__all__ = ["SiteLinks", "SiteVersions", "VersionRow", "site_versions", "validity", "version_rows", "version_slug"]

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def version_slug(label: str) -> str:
    """A version's label as a file name part: folded, lower case, runs of anything else as ``-``."""
    return _NOT_SLUG.sub("-", fold(label)).strip("-") or "v"


def _key(procedure: Procedure) -> tuple[str, str, str]:
    return procedure.agency, procedure.id, procedure.version


@dataclass(frozen=True, slots=True)
class SiteVersions:
    """The chain of each published procedure, oldest first and ending with the version shown,
    by ``(agency, id)``; the slug of every version in a chain, by ``(agency, id, version)``."""

    chains: dict[tuple[str, str], tuple[Procedure, ...]] = field(default_factory=dict)
    slugs: dict[tuple[str, str, str], str] = field(default_factory=dict)
    shown: frozenset[tuple[str, str, str]] = frozenset()

    def chain(self, procedure: Procedure) -> tuple[Procedure, ...]:
        """The versions of ``procedure``'s chain, oldest first; just itself when it has none."""
        return self.chains.get((procedure.agency, procedure.id), (procedure,))

    def path(self, procedure: Procedure, lang: Lang) -> str:
        """Where the page of this version lives, relative to the site root."""
        base = f"{lang}/{procedure.agency}/{procedure.id}"
        if _key(procedure) in self.shown or _key(procedure) not in self.slugs:
            return f"{base}.html"
        return f"{base}.{self.slugs[_key(procedure)]}.html"

    def diff_path(self, old: Procedure, new: Procedure, lang: Lang) -> str:
        """Where the page comparing ``old`` with ``new`` (two versions of one chain) lives."""
        return f"{lang}/{new.agency}/{new.id}.{self._slug(old)}.{self._slug(new)}.html"

    def _slug(self, procedure: Procedure) -> str:
        return self.slugs.get(_key(procedure)) or version_slug(procedure.version)

    def earlier(self, agency_of: dict[str, Agency]) -> list[tuple[Procedure, Agency]]:
        """Every version with a page of its own besides those shown, with its agency, newest first
        within a chain, chains in the order of the versions shown."""
        return [(p, agency_of[p.agency]) for chain in self.chains.values() for p in reversed(chain[:-1])]

    def pairs(self) -> Iterator[tuple[Procedure, Procedure]]:
        """Each version and the one it replaced, as ``(old, new)``, every chain."""
        for chain in self.chains.values():
            yield from zip(chain, chain[1:])


def _previous(catalog: Catalog) -> dict[tuple[str, str, str], Procedure]:
    """The version each version supersedes, when ``supersedes`` names a version of the same
    procedure (the check ``REF007`` refuses any other)."""
    by_file = {os.path.normpath(p.file): p for p in catalog.procedures if p.file}
    out: dict[tuple[str, str, str], Procedure] = {}
    for p in catalog.procedures:
        if not (p.supersedes and p.file):
            continue
        target = by_file.get(os.path.normpath(os.path.join(os.path.dirname(p.file), p.supersedes)))
        if target is not None and (target.agency, target.id) == (p.agency, p.id) and target is not p:
            out[_key(p)] = target
    return out


def site_versions(catalog: Catalog, shown: Sequence[Procedure]) -> SiteVersions:
    """The chains of the ``shown`` versions (``published_procedures``): each walked down its
    ``supersedes`` links, a loop walked once."""
    previous = _previous(catalog)
    chains: dict[tuple[str, str], tuple[Procedure, ...]] = {}
    slugs: dict[tuple[str, str, str], str] = {}
    for procedure in shown:
        walk = [procedure]
        while (before := previous.get(_key(walk[-1]))) is not None and all(before is not p for p in walk):
            walk.append(before)
        if len(walk) < 2:
            continue
        chain = chains[(procedure.agency, procedure.id)] = tuple(reversed(walk))
        taken: set[str] = set()
        for version in chain:  # oldest first: a version's address stays when newer ones come
            slug = version_slug(version.version)
            while slug in taken:
                slug += "-2"
            taken.add(slug)
            slugs[_key(version)] = slug
    return SiteVersions(chains, slugs, frozenset(_key(p) for p in shown))


@dataclass(frozen=True, slots=True)
class SiteLinks:
    """What a page of the site may link to beyond its procedures: the versions above, and the
    pages made elsewhere that were handed over (their paths): the comparisons, the oversight page."""

    versions: SiteVersions = field(default_factory=SiteVersions)
    elsewhere: frozenset[str] = frozenset()

    def oversight(self, lang: Lang) -> bool:
        return f"{lang}/oversight.html" in self.elsewhere

    def diff(self, old: Procedure, new: Procedure, lang: Lang) -> str | None:
        """The comparison's path, when it was handed over."""
        path = self.versions.diff_path(old, new, lang)
        return path if path in self.elsewhere else None


@dataclass(frozen=True, slots=True)
class VersionRow:
    """One version in the list on each page of its chain, newest first."""

    version: str
    validity: str
    href: str  # "" on the version's own page
    diff_href: str  # "" for the oldest, or when no comparison was handed over
    diff_label: str


def version_rows(procedure: Procedure, links: SiteLinks, lang: Lang) -> tuple[VersionRow, ...]:
    """The versions of ``procedure``'s chain as the page of ``procedure`` lists them; none when
    it has no other version on the site."""
    chain = links.versions.chain(procedure)
    if len(chain) < 2:
        return ()
    here = links.versions.path(procedure, lang)
    rows = []
    for n in range(len(chain) - 1, -1, -1):
        version = chain[n]
        path = links.versions.path(version, lang)
        diff = links.diff(chain[n - 1], version, lang) if n else None
        rows.append(VersionRow(
            version=version.version,
            validity=validity(version, lang),
            href="" if path == here else link_to(path, start=here),
            diff_href=link_to(diff, start=here) if diff else "",
            diff_label=word("site.version_changes", lang, old=chain[n - 1].version) if n else "",
        ))
    return tuple(rows)


def validity(procedure: Procedure, lang: Lang) -> str:
    """``Hiệu lực từ 01/01/2021 đến 28/02/2025``; ``""`` when the version states no first day."""
    if procedure.valid_from is None:
        return ""
    line = f"{word('site.valid_from', lang)} {format_date(procedure.valid_from, lang)}"
    if procedure.valid_to is not None:
        line += f" {word('site.valid_to', lang)} {format_date(procedure.valid_to, lang)}"
    return line
