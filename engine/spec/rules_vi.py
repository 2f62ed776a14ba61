"""The rules' explanations in Vietnamese: ``code -> (summary, why, fix)``, beside the English of
``engine.spec.rules.RULES``; ``motcua explain --lang vi`` prints them."""

from __future__ import annotations

from typing import Final

__all__ = ["RULES_VI"]

RULES_VI: Final[dict[str, tuple[str, str, str]]] = {
}
