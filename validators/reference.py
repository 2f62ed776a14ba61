"""The spec-language reference: renders the JSON Schemas of spec language v1 as one Markdown page.

``docs/spec-reference.md`` is this module's output, and a test compares the two, so the page can
never drift from the schemas that ``motcua validate`` and the editors read.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from motcua.engine.spec.i18n import tr

__all__ = ["SCHEMA_NAMES", "DEFAULT_OUTPUT", "load_schema", "render_reference", "main"]

#: The schema files under ``validators/schemas/``, in the order the reference shows them.
SCHEMA_NAMES = ("agency", "procedure")

#: Where ``main`` writes the page in a source checkout.
DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "spec-reference.md"

_Node = Mapping[str, Any]

_INTRO = """\
Trang này liệt kê mọi khóa của ngôn ngữ đặc tả phiên bản 1 (`motcua: 1`), lấy từ các JSON Schema
`validators/schemas/agency.schema.json` và `validators/schemas/procedure.schema.json` mà `motcua validate`
và trình soạn thảo (VS Code với tiện ích YAML) cùng dùng. Đừng sửa tay trang này: hãy sửa schema rồi chạy
`python -m motcua.validators.reference`. Các quy tắc về ý nghĩa (mã trỏ tới đâu, mỗi bước có đúng một trong
`next` hoặc `outcomes`, tên hướng xử lý dành riêng, thời gian) do các bộ kiểm tra khác báo; `motcua explain CODE`
giải thích từng mã lỗi.

Trình soạn thảo tìm schema ở dòng đầu của tệp: `# yaml-language-server: $schema=<đường dẫn>`. Nó đọc chữ số là số
(`version: 2013`, `code: 1.010827`), nên ở các khóa văn bản schema nhận cả số đó, như `motcua validate` nhận văn
bản. `motcua schema procedure --catalog DIR [--agency ID]` viết schema riêng cho một cơ quan: `unit` và `field`
chỉ nhận đơn vị, lĩnh vực của cơ quan, và trình soạn thảo gợi ý chúng kèm tên; `motcua new procedure` viết schema
này cạnh tệp mới và ghi tên nó ở dòng đầu. Các mã bước, thành phần hồ sơ và điểm kết thúc (`next`, `to`, `checks`)
là của từng tệp, không schema dùng chung nào liệt kê được; `motcua validate` kiểm tra chúng. Thứ tự giữa các khung
giờ làm việc cũng vậy (mỗi khung phải kết thúc sau khi bắt đầu thì schema kiểm tra được). `motcua new agency ID`
viết một tệp cơ quan có chú thích, cùng `agency.schema.json` mà dòng đầu của nó ghi tên. Các mẫu ghi `...` ở chỗ
cần viết; `motcua validate` cảnh báo (TPL001) mỗi chỗ còn để nguyên.

This page lists every key of spec language version 1 (`motcua: 1`), taken from the JSON Schemas
`validators/schemas/agency.schema.json` and `validators/schemas/procedure.schema.json` that `motcua validate`
and editors (VS Code with the YAML extension) both use. Do not edit this page by hand: change the schemas and run
`python -m motcua.validators.reference`. Rules about meaning (what an id refers to, exactly one of `next` or
`outcomes` per step, reserved outcome names, times) are reported by the other checks; `motcua explain CODE`
explains each diagnostic code.

Editors find the schema on the file's first line: `# yaml-language-server: $schema=<path>`. They read digits as
numbers (`version: 2013`, `code: 1.010827`), so where a key holds text the schema takes that number too, as
`motcua validate` takes the text. `motcua schema procedure --catalog DIR [--agency ID]` writes a schema made for
one agency: `unit` and `field` take only the agency's units and fields, which the editor offers with their names;
`motcua new procedure` writes it beside the new file and names it on its first line. The ids of steps, records
and ends (`next`, `to`, `checks`) belong to each file, which no shared schema can list; `motcua validate` checks
them. So is the order of office-hour blocks (that each block ends after it starts, the schema checks).
`motcua new agency ID` writes a commented agency file, with the `agency.schema.json` its first line names. The
templates write `...` where a text goes; `motcua validate` warns (TPL001) of each one left as it is.
"""


@dataclass(frozen=True, slots=True)
class _Key:
    """One key of a spec file: its dotted path (``steps[].timeout.after``) and its schema."""

    path: str
    node: _Node
    required: bool


def load_schema(name: str) -> dict[str, Any]:
    """The parsed JSON Schema ``validators/schemas/<name>.schema.json``."""
    text = resources.files("motcua.validators").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def render_reference() -> str:
    """The Markdown reference of every key of both schemas; the same schemas always give the same text."""
    schemas = [load_schema(name) for name in SCHEMA_NAMES]
    parts = ["# Tham chiếu ngôn ngữ đặc tả v1 / Spec language v1 reference\n", _INTRO]
    shared = schemas[0]["definitions"]
    parts.append(_render_definitions(shared))
    own = {name: node for name, node in schemas[1]["definitions"].items() if name not in shared}
    parts.append(_render_procedure_types(own))
    parts.extend(_render_schema(schema) for schema in schemas)
    return "\n".join(parts).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write the reference page, or with ``--check`` only say whether it is up to date (exit 1 if not)."""
    parser = argparse.ArgumentParser(
        prog="python -m motcua.validators.reference",
        description=str(tr("Viết trang tham chiếu ngôn ngữ đặc tả từ các JSON Schema.",
                           "Write the spec-language reference page from the JSON Schemas.")),
    )
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_OUTPUT,
                        help=str(tr("trang cần viết", "page to write")))
    parser.add_argument("--check", action="store_true",
                        help=str(tr("thoát với mã 1 nếu trang khác đi; không viết gì",
                                    "exit 1 if the page differs; write nothing")))
    args = parser.parse_args(argv)
    output: Path = args.output
    text = render_reference()
    if args.check:
        current = output.read_text("utf-8") if output.exists() else None
        if current != text:
            print(f"{output}: " + str(tr("đã cũ; hãy chạy python -m motcua.validators.reference",
                                         "out of date; run python -m motcua.validators.reference")), file=sys.stderr)
            return 1
        return 0
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8", newline="\n")
    print(str(tr(f"đã viết {output}", f"wrote {output}")), file=sys.stderr)
    return 0


# --- walking the schemas -------------------------------------------------------------------------


def _keys(node: _Node, prefix: str = "") -> Iterator[_Key]:
    """Every key below ``node`` in document order, depth first."""
    required = set(node.get("required", ()))
    for name, sub in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield _Key(path, sub, name in required)
        yield from _inner_keys(sub, path)


def _inner_keys(node: _Node, path: str) -> Iterator[_Key]:
    if "properties" in node:
        yield from _keys(node, path)
    items = node.get("items")
    if isinstance(items, Mapping):
        yield from _inner_keys(items, f"{path}[]")
    extra = node.get("additionalProperties")
    if isinstance(extra, Mapping):
        # A map whose keys are chosen by the author (``outcomes``): one entry stands for all.
        entry = f"{path}.<name>"
        yield _Key(entry, extra, False)
        yield from _inner_keys(extra, entry)
    for branch in node.get("anyOf", ()):
        yield from _inner_keys(branch, path)


# --- rendering -----------------------------------------------------------------------------------


def _render_definitions(definitions: _Node) -> str:
    lines = [
        "## Kiểu dùng chung / Shared types\n",
        "Các kiểu giá trị mà nhiều khóa dùng chung. / Value types that many keys share.\n",
    ]
    for name, node in definitions.items():
        lines.append(f"### {name}\n")
        lines.append(f"**{node['title']}**\n")
        lines.append(f"- Kiểu / Type: {_type(node)}")
        lines.extend(_facts(node))
        lines.append("")
        lines.append(node.get("markdownDescription", node["description"]) + "\n")
    return "\n".join(lines)


def _render_procedure_types(definitions: _Node) -> str:
    """The value types only procedure files use (a level, a channel, a fee, a record, a group of
    records, a body), each with the keys it has, as ``fee.amount``."""
    lines = [
        "## Kiểu của thủ tục / Procedure types\n",
        "Các kiểu giá trị mà nhiều khóa của tệp thủ tục dùng chung: khoản phí, thành phần hồ sơ, nhóm hồ sơ, "
        "cách nộp, cơ quan. / Value types that several keys of procedure files share: a fee, a record, a group "
        "of records, a channel, a body.\n",
    ]
    for name, node in definitions.items():
        lines.append(f"### {name}\n")
        lines.append(f"**{node['title']}**\n")
        lines.append(f"- Kiểu / Type: {_type(node)}")
        lines.extend(_facts(node))
        lines.append("")
        lines.append(node.get("markdownDescription", node["description"]) + "\n")
        for key in _inner_keys(node, name):
            lines.append(f"#### `{key.path}`\n")
            lines.append(f"**{key.node['title']}**\n")
            lines.append(f"- Kiểu / Type: {_type(key.node)}")
            lines.append(f"- Bắt buộc / Required: {_yes_no(key.required)}")
            lines.extend(_facts(key.node))
            lines.append("")
            lines.append(key.node.get("markdownDescription", key.node["description"]) + "\n")
    return "\n".join(lines)


def _render_schema(schema: _Node) -> str:
    keys = list(_keys(schema))
    lines = [f"## {schema['title']}\n", schema.get("markdownDescription", schema["description"]) + "\n"]
    lines.append("| Khóa / Key | Kiểu / Type | Bắt buộc / Required | Tiêu đề / Title |")
    lines.append("|---|---|---|---|")
    for key in keys:
        cells = (f"`{key.path}`", _type(key.node), _yes_no(key.required), key.node["title"])
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines.append("")
    for key in keys:
        lines.append(f"### `{key.path}`\n")
        lines.append(f"**{key.node['title']}**\n")
        lines.append(f"- Kiểu / Type: {_type(key.node)}")
        lines.append(f"- Bắt buộc / Required: {_yes_no(key.required)}")
        lines.extend(_facts(key.node))
        lines.append("")
        lines.append(key.node.get("markdownDescription", key.node["description"]) + "\n")
    return "\n".join(lines)


def _type(node: _Node) -> str:
    """A short type notation: ``string``, ``[duration](#duration)``, ``list of [slug](#slug)``, ``date or null``."""
    if "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        return f"[{name}](#{name})"
    if "anyOf" in node:
        return " or ".join(_type(branch) for branch in node["anyOf"])
    kind = node.get("type")
    if isinstance(kind, list):
        return " or ".join(str(k) for k in kind)
    if kind == "array":
        items = node.get("items")
        if not isinstance(items, Mapping):
            return "list"
        inner = _type(items)
        return f"list of ({inner})" if " or " in inner else f"list of {inner}"
    if kind == "object":
        extra = node.get("additionalProperties")
        if "properties" in node or not isinstance(extra, Mapping):
            return "mapping"
        names = node.get("propertyNames")
        key = _type(names) if isinstance(names, Mapping) else "string"
        value = _type(extra)
        return f"map of {key} to ({value})" if " or " in value else f"map of {key} to {value}"
    return str(kind) if kind else "any"


def _facts(node: _Node, *, each: bool = False) -> list[str]:
    """Bulleted constraints of one schema node; for a list, those of its items too."""
    lead = "Mỗi mục / Each item: " if each else ""
    out: list[str] = []
    if "const" in node:
        out.append(f"- {lead}Giá trị / Value: `{_json(node['const'])}`")
    if "pattern" in node:
        out.append(f"- {lead}Mẫu / Pattern: `{node['pattern']}`")
    if "patternErrorMessage" in node:
        out.append(f"- {lead}Thông báo khi sai mẫu / Pattern message: {node['patternErrorMessage']}")
    limits = _limits(node)
    if limits:
        out.append(f"- {lead}Giới hạn / Limits: " + "; ".join(limits))
    if "default" in node:
        out.append(f"- {lead}Mặc định / Default: `{_json(node['default'])}`")
    if "examples" in node:
        out.append(f"- {lead}Ví dụ / Examples: " + ", ".join(f"`{_json(x)}`" for x in node["examples"]))
    if "enum" in node:
        out.append(f"- {lead}Giá trị cho phép / Allowed values:")
        texts = node.get("markdownEnumDescriptions", [])
        for i, value in enumerate(node["enum"]):
            text = texts[i] if i < len(texts) else ""
            out.append(f"  - `{value}`" + (f": {text}" if text else ""))
    items = node.get("items")
    if isinstance(items, Mapping) and "properties" not in items:
        out.extend(_facts(items, each=True))
    return out


def _limits(node: _Node) -> list[str]:
    out: list[str] = []
    if "minLength" in node:
        out.append(f"độ dài ít nhất {node['minLength']} / at least {node['minLength']} character(s)")
    if "minimum" in node:
        out.append(f"≥ {node['minimum']}")
    if "minItems" in node:
        out.append(f"ít nhất {node['minItems']} mục / at least {node['minItems']} item(s)")
    if node.get("uniqueItems"):
        out.append("không trùng nhau / no duplicates")
    if "minProperties" in node:
        out.append(f"ít nhất {node['minProperties']} khóa / at least {node['minProperties']} key(s)")
    if node.get("additionalProperties") is False:
        out.append("không có khóa lạ / no other keys")
    return out


def _yes_no(flag: bool) -> str:
    return "có / yes" if flag else "không / no"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _cell(text: str) -> str:
    """Table cell text: a ``|`` would end the cell."""
    return text.replace("|", "\\|").replace("\n", " ")


if __name__ == "__main__":
    sys.exit(main())
