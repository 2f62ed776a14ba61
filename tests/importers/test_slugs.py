"""Slugs made from Vietnamese names: the fast path over a long text's head gives the same slug."""

from __future__ import annotations

import random

import pytest

from motcua.importers.slugs import IdPool, _fold, slugify


def full(text: str, max_length: int) -> str:
    """The slug folded from the whole text, cut as slugify cuts it (the reference)."""
    slug = _fold(text)
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    cut = cut[: cut.rfind("-")] if "-" in cut else cut[:max_length]
    return cut.strip("-")


@pytest.mark.parametrize("seed", range(200))
def test_a_long_text_gives_the_slug_of_the_whole(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặ ,.;-–/()\t\n" + "ĐỨỪ" + "\u0301"
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 600)))
    for max_length in (10, 40, 60):
        assert slugify(text, max_length=max_length) == full(text, max_length)


def test_vietnamese_folds_and_ids_stay_unique() -> None:
    assert slugify("Đăng ký khai tử lưu động") == "dang-ky-khai-tu-luu-dong"
    assert slugify("  -- ") == ""
    pool = IdPool({"ho-so"})
    assert [pool.take("ho-so", fallback="x"), pool.take("", fallback="x"), pool.take("", fallback="x")] == \
        ["ho-so-2", "x", "x-2"]
