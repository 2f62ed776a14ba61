"""The rule registry: every diagnostic code with its name, severity and documentation.

``motcua explain CODE`` prints an entry; ``docs/rules.md`` is generated from this table, and a
test checks that every code the checks emit is registered here.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.engine.spec.diagnostics import Diagnostic, Severity
from motcua.engine.spec.i18n import Lang, Tr, current, pick
from motcua.engine.spec.model import Pos

__all__ = ["Rule", "RULES", "rule", "rule_text", "diag", "explain", "render_rules_markdown"]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    why: str
    example: str
    fix: str


E, W = Severity.ERROR, Severity.WARNING

RULES: tuple[Rule, ...] = (
    # Reading the file
    Rule("YML001", "duplicate-key", E, "A key appears twice in the same mapping.",
         "YAML readers silently keep the last value, so half of what was written would be lost.",
         "title: Cấp giấy\ntitle: Cấp lại giấy", "Remove one of the two keys or merge their values."),
    Rule("YML002", "anchor-alias", E, "An anchor (&name) or alias (*name) is used.",
         "Aliases make one part of a spec silently follow another, and a few hundred bytes of aliases "
         "can expand to gigabytes (the 'billion laughs' attack).",
         "steps:\n  - &buoc {id: a, unit: mot-cua, time: 1 session}\n  - *buoc", "Write every value out in full."),
    Rule("YML003", "merge-key", E, "A merge key ('<<') is used.",
         "Merge keys are a YAML 1.1 extension other tools read differently; values would appear from elsewhere.",
         "<<: {unit: mot-cua}", "Write the keys out in full."),
    Rule("YML004", "custom-tag", E, "A YAML tag such as !!int or !include is used.",
         "Tags change how a value is read or run code in some readers; specs are plain data.",
         "time: !!str 5 working days", "Remove the tag and write the value plainly (quote it if needed)."),
    Rule("YML005", "syntax-error", E, "The file is not valid YAML.",
         "Nothing after the error can be read reliably.",
         "title: Bước 1: tiếp nhận", "Fix the syntax at the location given; quote text that contains ': ' or '#'."),
    Rule("YML006", "file-too-large", E, "The file is larger than the 2 MiB a spec may have.",
         "A procedure spec is a few kilobytes; a huge file is a mistake or an attack, and reading it would be slow.",
         "(a 50 MB file)", "Split the catalogue into one file per procedure."),
    Rule("YML007", "too-deep", E, "Mappings and lists are nested deeper than 64 levels.",
         "No spec needs that depth; deep nesting is used to crash parsers.",
         "[[[[[[ ... ]]]]]]", "Flatten the structure."),
    Rule("YML008", "scalar-too-long", E, "One value is longer than 64 KiB.",
         "Titles and notes are short; a huge value is a mistake or an attack.",
         "description: <a 100,000-character text>", "Shorten the value or link to a document instead."),
    Rule("YML009", "invalid-text", E, "The file is not UTF-8 text (bad bytes, NUL or control characters), or a "
         "text holds a control character written as an escape (\\x01, \\e, \\0, \\uFFFE, \\L).",
         "Vietnamese text must survive exactly; a file in a legacy encoding (TCVN3, VNI) would be garbled. A "
         "control character in a text forges lines on a printed receipt, moves a terminal's cursor and is "
         "forbidden in HTML.",
         'title: "Cty B\\nMã hồ sơ: 0001"', "Save the file as UTF-8; remove the control character (a text "
         "may span lines only in block style, |)."),
    Rule("YML010", "unreadable-file", E, "The path cannot be read as a spec file (missing, a folder, no "
         "permission, a device or pipe, or a link to a file outside the folder given).",
         "Validation cannot say anything about a file it cannot read, and reads nothing outside the "
         "catalogue: a link to /proc/self/environ would print the environment.",
         "motcua validate procedures/thieu.yaml", "Check the path and the file's permissions; copy a linked "
         "file into the catalogue."),
    Rule("YML011", "comma-split-text", E, "An unquoted comma inside {...} split a text into a new key.",
         "Vietnamese titles are full of commas; in flow style '{vi: Sửa đổi, bổ sung}' reads as the text "
         "'Sửa đổi' plus a key 'bổ sung', silently cutting the title.",
         "title: {vi: Sửa đổi, bổ sung, en: Amend}",
         "Quote the text ({vi: \"Sửa đổi, bổ sung\"}) or write the map in block style."),
    Rule("YML012", "not-a-mapping", E, "The file is empty or is not a mapping of keys to values.",
         "Every spec file is a mapping that starts with 'motcua: 1' and 'kind'.",
         "- a\n- b", "Start the file with 'motcua: 1' and 'kind: procedure' (or agency)."),
    Rule("YML013", "several-documents", E, "The file holds more than one YAML document ('---').",
         "One file is one spec; a second document would be ignored by other tools.",
         "motcua: 1\n---\nmotcua: 1", "Remove the '---' separator or split the file."),
    Rule("YML014", "complex-key", E, "A key is a list or mapping instead of text.",
         "Spec keys are fixed names.", "? [a, b]\n: value", "Use a plain key."),
    # Schema
    Rule("SCH001", "unknown-key", E, "A key that the spec language does not have.",
         "A misspelt key is otherwise ignored, and what the author meant never takes effect.",
         "steps:\n  - id: a\n    nxt: b", "Use one of the keys listed in the message (did-you-mean is suggested)."),
    Rule("SCH002", "missing-key", E, "A required key is missing.",
         "Without it the procedure cannot be run or published (e.g. a step without a unit).",
         "steps:\n  - id: a\n    time: 1 session", "Add the key named in the message."),
    Rule("SCH003", "wrong-type", E, "A value has the wrong type (text where a list is expected...).",
         "The engine and renderer rely on the types of the spec language.",
         "checks: don-de-nghi", "Write the value with the type named in the message (e.g. [don-de-nghi])."),
    Rule("SCH004", "bad-choice", E, "A value is not one of the allowed choices.",
         "Closed sets (unit roles, end outcomes, levels) drive the engine's rules.",
         "outcome: approved", "Use one of the allowed values (did-you-mean is suggested)."),
    Rule("SCH005", "bad-value", E, "A value has the wrong form: an id that is not a slug, a duration, a date...",
         "Ids appear in links and case data; durations and dates are counted by the engine.",
         "time: 15 ngay", "Follow the form given in the hint, e.g. \"15 ngày làm việc\" or 2013-07-01."),
    Rule("SCH006", "out-of-range", E, "A number, duration or list is out of range (negative count, empty "
         "list, repeats, a duration over 9999 of its unit).",
         "A procedure needs at least one step and one end; counts cannot be negative; a time no procedure "
         "can take is a typo that would overflow every deadline.",
         "copies: -1", "Change the value to fit the range in the message."),
    Rule("SCH007", "unknown-kind", E, "'kind' is missing or is neither 'agency' nor 'procedure'.",
         "The kind decides which rules a file follows.", "kind: thu-tuc", "Write 'kind: procedure' or 'kind: agency'."),
    Rule("SCH008", "unsupported-version", E, "'motcua' is missing or is not a version this tool reads (1).",
         "The key pins the spec language version so that old specs keep their meaning.",
         "motcua: 2", "Write 'motcua: 1' as the first line."),
    # References
    Rule("REF001", "unknown-unit", E, "A step or consultation names a unit the agency does not have.",
         "Every step must be done by a real unit of the agency; the engine checks officers against it.",
         "unit: phong-nguoi-co-cong-x", "Use a unit id from the agency's agency.yaml, or add the unit there."),
    Rule("REF002", "unknown-record", E, "A step's 'checks' or a variant's 'records' name a record or group of "
         "records that the procedure does not list.",
         "The dossier table and the receipt list only the records and groups declared in 'records' (at any "
         "depth of its groups); a variant's dossier is chosen from them.",
         "checks: [don-de-ngi]\nvariants:\n  - {id: cap-lai, title: Cấp lại, records: [to-khai-x]}",
         "Use a record or group id from 'records' (did-you-mean is suggested)."),
    Rule("REF003", "unknown-result", E, "An end ('result' or 'results') or a variant ('results') names a result "
         "that the procedure does not list.",
         "The result document is what the applicant receives; it must be declared in 'results'.",
         "result: giay-chung-nhan-x\nresults: [giay-chung-nhan, ban-sao-x]", "Use a result id from 'results'."),
    Rule("REF004", "unknown-target", E, "'next', an outcome or a timeout goes to a step or end that does not exist.",
         "The case would have nowhere to go.", "next: trinh-ki", "Use the id of a step or end of this procedure."),
    Rule("REF005", "unknown-agency", E, "The procedure's 'agency' matches no agency.yaml in the catalogue.",
         "Units, languages and the working calendar come from the agency.",
         "agency: ldtbxh-nghean", "Use the id of an agency in the catalogue, or add its agency.yaml."),
    Rule("REF006", "duplicate-id", E, "Two steps, ends, records or groups of records (at any depth), results, "
         "variants (by id or by code), extensions, clock stops or units share an id, or a channel is listed twice.",
         "Ids name things in cases and links; a repeated id makes references ambiguous (a step and an end may "
         "not share an id either, nor a record and a group). A case opens on a variant named by id or code, "
         "and on a channel by its name, so each must name one.",
         "steps:\n  - id: tiep-nhan\n  - id: tiep-nhan\nchannels: [online, {channel: online, time_limit: 5 days}]",
         "Rename one of them; list a channel once, as a map when it has its own terms."),
    Rule("REF007", "bad-supersedes", E, "'supersedes' does not name a version of the same procedure.",
         "Reform comparisons pair a version with the one it replaced.",
         "supersedes: ../cu/khong-co.yaml", "Give the relative path of the previous version's file."),
    Rule("REF008", "duplicate-agency", E, "Two agency files declare the same agency id.",
         "Procedures name their agency by id; two agencies with one id are ambiguous.",
         "id: ldtbxh-nghe-an (in two agency.yaml files)", "Give each agency its own id."),
    Rule("REF009", "unknown-field", E, "The procedure's 'field' is not one of the fields its agency declares.",
         "When an agency declares its fields (lĩnh vực), the catalogue groups and titles procedures by them; a "
         "field it does not declare would stand alone, shown as a bare slug.",
         "field: ho-tich-x  # agency fields: [ho-tich, chung-thuc]",
         "Use a field id from the agency's 'fields' (did-you-mean is suggested), or declare the field there."),
    # Graph
    Rule("GRF001", "unreachable-step", E, "A step cannot be reached from the first step.",
         "No case can ever get there: the step is dead text, and usually a link is missing.",
         "steps: [a -> c], b is never a target", "Point a 'next' or outcome of an earlier step at it, or remove it."),
    Rule("GRF002", "no-way-to-end", E, "No end can be reached from a step (a dead end or a closed loop).",
         "A case reaching it could never finish, so it would always end overdue.",
         "a -> b, b -> a", "Give the step a way out: a 'next' or outcome towards an end."),
    Rule("GRF003", "unreachable-end", E, "An end cannot be reached from the first step.",
         "The end and its result would be published but could never happen.",
         "ends: [da-cap, tu-choi] with no path to tu-choi", "Lead an outcome to it, or remove it."),
    Rule("GRF004", "next-or-outcomes", E, "A step has both 'next' and 'outcomes', or neither (without a timeout).",
         "The engine must know how the step completes: one successor ('next') or a decision ('outcomes').",
         "- id: a\n  unit: mot-cua\n  time: 1 session", "Give the step exactly one of 'next' or 'outcomes'."),
    Rule("GRF005", "reserved-outcome", E, "An outcome is named like an engine event (complete, answer, timeout, "
         "receive, request_supplement, supplement, refuse, withdraw, apologize, correct).",
         "Outcome names become case events; these names already belong to the engine and the one-stop frame.",
         "outcomes: {refuse: tu-choi}", "Choose another name, e.g. 'reject' or 'khong-dat'."),
    # Time
    Rule("TIM001", "over-time-limit", E, "Step times along the slowest path exceed a time_limit: the "
         "procedure's, or one a variant or a channel states.",
         "Internal budgets must fit in the legal time counted from receipt of a complete dossier "
         "(Decree 63/2010 Art. 8); otherwise every case is late by design. Times of different units compare "
         "in working days: a session is one office block, a calendar day 5/7 of a working day, a month 22 "
         "working days, calendar hours as working time up to one office day, 'same day' the whole office day.",
         "time_limit: 10 working days; steps 5 + 4 + 3 working days", "Shorten step times or correct time_limit."),
    Rule("TIM002", "over-committed-time", E, "Step times along the slowest path exceed a committed_time (the "
         "procedure's, a variant's or a channel's).",
         "The agency publicly promises the shorter time; its internal budget must be able to keep it.",
         "committed_time: 1 session; steps 1 session + 1 working day", "Shorten step times or the commitment."),
    Rule("TIM003", "consult-over-step-time", E, "A consultation takes longer than its step's time.",
         "A step's time is its whole budget, consultations included.",
         "time: 5 working days; consult: [{unit: ubnd-xa, time: 7 working days}]",
         "Give the consulted unit less time or the step more."),
    Rule("TIM004", "timeout-over-step-time", E, "A timeout fires later than its step's time.",
         "The step's time is the budget; a timeout after it means the case is overdue before it moves.",
         "time: 5 working days; timeout: {after: 7 working days, to: co-hieu-luc}",
         "Make the timeout at most the step's time."),
    Rule("TIM005", "committed-over-limit", E, "committed_time is longer than time_limit (of the procedure, a "
         "variant or a channel).",
         "The commitment is a shorter time than the legal maximum, never a longer one.",
         "time_limit: 10 working days; committed_time: 12 working days", "Make committed_time shorter."),
    Rule("TIM006", "no-time-limit", W, "No time limit is stated: the procedure has no time_limit, and not every "
         "variant, nor every channel, has one.",
         "The legal time limit sets each case's deadline; the engine refuses to open a case without one. Records "
         "of the national database sometimes give the time only in prose ('Theo mô tả').",
         "time_note: Theo mô tả  # and no time_limit anywhere",
         "Write 'time_limit:' for the procedure, or for each variant or channel; keep the prose in 'time_note:'."),
    # Imported specs
    Rule("IMP001", "imported-skeleton", W, "A step is marked 'skeleton: true': a step chain the importer made "
         "from the record's prose.",
         "The national record describes the steps in prose only; the importer turns it into a chain (desk, "
         "executing unit, return) that holds the prose but is not the agency's real process, units or times.",
         "- id: xu-ly\n  unit: phong-chuyen-mon\n  time: 5 working days\n  skeleton: true",
         "Write the real steps, units and times, then remove 'skeleton: true'."),
    # One-stop
    Rule("ONE001", "first-step-not-one-stop", E, "The first step is not at the agency's one-stop unit.",
         "Dossiers are received only at the one-stop section (Decree 61/2018; Decision 93/2007 in 2013).",
         "steps:\n  - id: tham-dinh\n    unit: phong-nguoi-co-cong", "Start with a receiving step at the one-stop unit."),
    Rule("ONE002", "return-not-one-stop", E, "A step leading to a 'granted' end is not at the one-stop unit.",
         "Results are returned to the applicant at the one-stop section, which records the hand-back.",
         "- id: ky\n  unit: giam-doc\n  next: da-cap", "Add a returning step at the one-stop unit before the end."),
    Rule("REC001", "unchecked-record", E, "A record of the dossier is checked by no step (neither the record nor a "
         "group that holds it is in a step's 'checks').",
         "Every document asked from the applicant must be verified somewhere; otherwise it should not be asked "
         "(Decree 63/2010 Art. 8: dossier components must be necessary).",
         "records: [don, anh]; checks: [don]", "Add the record to a step's 'checks' or remove it."),
    Rule("RES001", "end-without-result", E, "An end with outcome 'granted' or 'refused' names no result "
         "('result' or 'results').",
         "The applicant receives a document either way: the certificate or a written refusal with reasons.",
         "- {id: tu-choi, outcome: refused}", "Add 'result: <id of a result>'."),
    # Language
    Rule("LNG001", "missing-language", W, "A text lacks a language the agency declares.",
         "Published pages and receipts appear in every declared language.",
         "title: {vi: Cấp giấy}  # agency languages [vi, en]", "Add the missing translation."),
    Rule("LNG002", "undeclared-language", W, "A text has a language the agency does not declare.",
         "It will never be shown; it is often a typo in the language code.",
         "title: {vi: ..., eng: ...}", "Use a language of the agency or add it to 'languages'."),
    # Templates
    Rule("TPL001", "placeholder-left", W, "A text still holds a placeholder of the 'motcua new' template "
         "('...' where the text goes).",
         "The template validates as written so that an author can check it step by step; a placeholder left in "
         "would be published as the procedure's title, a record or the legal basis.",
         "title: {vi: \"Tên thủ tục ...\", en: \"Procedure name ...\"}",
         "Write the real text in place of the '...'."),
    # Versions
    Rule("VER001", "overlapping-versions", E, "Two versions of one procedure are in force on the same day.",
         "The engine opens a case under the version in force on the day of receipt; there must be one.",
         "v2013: 2013-07-01..; v2021: 2021-01-01..", "Give the older version a valid_to before the newer one starts."),
    Rule("VER002", "bad-period", E, "valid_from is after valid_to.", "The version would never be in force.",
         "valid_from: 2021-01-01\nvalid_to: 2020-12-31", "Swap or correct the dates."),
    Rule("VER003", "duplicate-version", E, "Two files give the same procedure the same version label.",
         "Cases pin a version by its label; two files with one label are ambiguous.",
         "version: \"2013\" in two files of one procedure", "Give each version its own label."),
)

_BY_CODE = {r.code: r for r in RULES}


def rule(code: str) -> Rule:
    return _BY_CODE[code.upper()]


def diag(
    code: str,
    message: str | Tr,
    *,
    file: str,
    pos: Pos | None = None,
    line: int = 1,
    column: int = 1,
    hint: str | Tr | None = None,
    path: str = "",
) -> Diagnostic:
    """A diagnostic for a registered rule, with the rule's name and severity; ``message`` and
    ``hint`` in both languages (``tr(vi, en)``)."""
    r = _BY_CODE[code]
    if pos is not None and pos.line:
        line, column = pos.line, pos.column
    return Diagnostic(code=code, name=r.name, severity=r.severity, message=pick(message, "en"), file=file,
                      line=line, column=column, hint=None if hint is None else pick(hint, "en"), path=path,
                      message_vi=message.vi if isinstance(message, Tr) else None,
                      hint_vi=hint.vi if isinstance(hint, Tr) else None)


def explain(code: str, lang: Lang | None = None) -> str:
    """The rule's entry as ``motcua explain`` prints it, in ``lang`` (default: the run's)."""
    r = rule(code)
    lang = lang or current()
    example = "\n".join("    " + line for line in r.example.splitlines())
    summary, why, fix = rule_text(r, lang)
    if lang == "vi":
        severity = {"error": "lỗi", "warning": "cảnh báo"}[r.severity.value]
        return (f"{r.code} {r.name} ({severity})\n\n{summary}\n\n"
                f"Vì sao: {why}\n\nVí dụ:\n{example}\n\nCách sửa: {fix}\n")
    return (
        f"{r.code} {r.name} ({r.severity.value})\n\n{summary}\n\n"
        f"Why: {why}\n\nExample:\n{example}\n\nFix: {fix}\n"
    )


def rule_text(r: Rule, lang: Lang) -> tuple[str, str, str]:
    """The rule's summary, why and fix in ``lang`` (Vietnamese from ``rules_vi``, English here)."""
    if lang == "vi":
        from motcua.engine.spec.rules_vi import RULES_VI

        if r.code in RULES_VI:
            return RULES_VI[r.code]
    return r.summary, r.why, r.fix


def render_rules_markdown() -> str:
    """``docs/rules.md``: every rule in English, then its summary, why and fix in Vietnamese."""
    lines = [
        "# Rules · Quy tắc",
        "",
        "Every diagnostic `motcua validate` reports has a code. `motcua explain CODE` prints the entry.",
        "This page is generated from `engine/spec/rules.py` by `python -m motcua.engine.spec.rules`.",
        "",
        "Mỗi chẩn đoán mà `motcua validate` báo đều có mã. `motcua explain CODE` in mục giải thích của mã đó",
        "(`--lang vi` bằng tiếng Việt, `--lang en` bằng tiếng Anh). Mỗi quy tắc dưới đây có phần \"Tiếng Việt\".",
        "Trang này được sinh từ `engine/spec/rules.py` bằng lệnh `python -m motcua.engine.spec.rules`.",
        "",
        "| code | name | severity | what | nội dung |",
        "|---|---|---|---|---|",
    ]
    for r in RULES:
        lines.append(f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity.value} | {r.summary} "
                     f"| {rule_text(r, 'vi')[0]} |")
    for r in RULES:
        summary_vi, why_vi, fix_vi = rule_text(r, "vi")
        severity_vi = {"error": "lỗi", "warning": "cảnh báo"}[r.severity.value]
        lines += ["", f"## {r.code}", "", f"**{r.name}** ({r.severity.value}). {r.summary}", "",
                  f"Why: {r.why}", "", "Example:", "", "```yaml", r.example, "```", "", f"Fix: {r.fix}",
                  "", f"**Tiếng Việt** ({severity_vi}). {summary_vi}", "", f"Vì sao: {why_vi}", "",
                  f"Cách sửa: {fix_vi}"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    import pathlib
    import sys

    target = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules.md")
    target.write_text(render_rules_markdown(), encoding="utf-8")
