"""``python -m motcua.engine.store upgrade LOCATION``: bring a case store up to this code's schema.

Opening a store for writing runs its pending migrations; this does only that, for a store that is
then to be read read-only (a PostgreSQL store of an older schema is not read as it is). The
location is an SQLite file's path or a PostgreSQL URL, as ``--db`` takes. It prints one line and
exits 0, or prints the error on one line and exits with its code (2 or 3).
"""

from __future__ import annotations

import sys

from motcua.engine.spec import i18n
from motcua.engine.spec.errors import MotcuaError
from motcua.engine.store import open_store
from motcua.engine.store.schema import SCHEMA_VERSION

__all__ = ["main"]

_USAGE = "usage: python -m motcua.engine.store upgrade LOCATION"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "upgrade":
        print(_USAGE, file=sys.stderr)
        return 2
    try:
        with open_store(argv[1], create=False) as store:
            done = i18n.tr(f"{store.location}: kho hồ sơ ở lược đồ {SCHEMA_VERSION}",
                           f"{store.location}: case store at schema {SCHEMA_VERSION}")  # fmt: skip
            print(i18n.pick(done))
    except MotcuaError as err:
        print(f"motcua: {err.code}: {' '.join(err.text().split())}", file=sys.stderr)
        return err.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
