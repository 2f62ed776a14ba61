"""BPMN export: valid against the OMG XSD, every path runs to its end in SpiffWorkflow, stable bytes, the CLI.

The one browser test opens the files in bpmn-js (the library of bpmn.io and Camunda Modeler) in
Debian's Chromium; it needs ``node_modules/bpmn-js`` from ``npm ci`` (or ``BPMN_JS_DIST`` naming
a ``bpmn-js/dist`` folder elsewhere).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.resources
import os
import shutil
import subprocess
import sys
import unicodedata
from collections import defaultdict, deque
from pathlib import Path
from typing import Iterator

import pytest
from click.testing import CliRunner
from lxml import etree
from SpiffWorkflow.bpmn.parser.BpmnParser import BpmnParser, BpmnValidator  # type: ignore[import-untyped]
from SpiffWorkflow.bpmn.specs.event_definitions.timer import TimerEventDefinition  # type: ignore[import-untyped]
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow  # type: ignore[import-untyped]
from SpiffWorkflow.task import Task  # type: ignore[import-untyped]
from SpiffWorkflow.util.task import TaskState  # type: ignore[import-untyped]

import motcua
from motcua.cli.export import export
from motcua.engine.spec.durations import parse_duration
from motcua.engine.spec.model import (
    Agency,
    Calendar,
    Consult,
    End,
    EndOutcome,
    Outcome,
    Procedure,
    Record,
    Result,
    Step,
    Text,
    Timeout,
    Unit,
    UnitRole,
)
from motcua.render.bpmn import export_bpmn, outcome_variable
from motcua.render.bpmn_graph import iso_duration

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = Path(os.environ["MOTCUA_TEST_SHIPPED_ROOT"]) / "procedures"  # the shipped catalogue, copied (tests/conftest.py)
NS = {
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
    "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "di": "http://www.omg.org/spec/DD/20100524/DI",
}
HAND_BUILT = ["labour_rules", "war_invalid", "awkward", "silence"]

Path_ = tuple[tuple[str, str], ...]  # (step id, choice): "next", an outcome name or "timeout"


# --- fixtures: names that XML and Python must both survive, and a step only time can end ---------

def t(vi: str, en: str) -> Text:
    return Text((("vi", vi), ("en", en)))


AWKWARD_AGENCY = t('Sở "Thử nghiệm" & Cải cách <hành chính>', 'Test & Reform "Department" <x>')
AWKWARD_STEP = t('Tiếp nhận & kiểm tra "hồ sơ" <đủ>\x0b', 'Receive & check the "dossier" <all>')


@pytest.fixture
def awkward_agency() -> Agency:
    return Agency(
        id="so-thu-nghiem",
        title=AWKWARD_AGENCY,
        languages=("vi", "en"),
        units=(
            Unit("mot-cua", t("Bộ phận Một cửa", "One-stop desk"), UnitRole.ONE_STOP),
            # Written decomposed (NFD), as some keyboards type it: the file must carry NFC.
            Unit("phong-a", t(unicodedata.normalize("NFD", "Phòng Người có công & <Xã hội>"), "Division A"),
                 UnitRole.DIVISION),
            Unit("ubnd-xa", t("Ủy ban nhân dân xã", "Commune"), UnitRole.EXTERNAL),
            Unit("cong-an", t("Công an tỉnh", "Police"), UnitRole.EXTERNAL),
            Unit("giam-doc", t("Giám đốc Sở", "Director"), UnitRole.LEADERSHIP),
        ),
    )


@pytest.fixture
def awkward() -> Procedure:
    """A loop back into a consultation, a decision with a timer, and names full of XML syntax."""
    d = parse_duration
    return Procedure(
        id="cap-giay", agency="so-thu-nghiem", title=t("Cấp giấy chứng nhận", "Issuing a certificate"),
        version="2024 sửa đổi", time_limit=d("30 ngày làm việc"),
        records=(Record("don", t('Đơn "đề nghị" & <bản sao>', "Application")),),
        results=(Result("giay", t("Giấy chứng nhận", "Certificate")),
                 Result("tu-choi", t("Văn bản từ chối", "Refusal"))),
        steps=(
            Step("tiep-nhan", "mot-cua", d("1 buổi"), AWKWARD_STEP, checks=("don",), next="tham-dinh"),
            Step("tham-dinh", "phong-a", d("15 ngày làm việc"), t("Thẩm định", "Appraise"),
                 consult=(Consult("ubnd-xa", d("5 ngày làm việc")), Consult("cong-an", d("5 ngày làm việc"))),
                 outcomes=(Outcome("approve", "trinh-ky"),
                           Outcome("reject", "tu-choi", t('Không đủ "điều kiện" & <lý do>', "Not eligible")))),
            Step("trinh-ky", "giam-doc", d("3 ngày làm việc"), t("Trình ký", "Sign"), next="cho-y-kien"),
            Step("cho-y-kien", "phong-a", d("7 ngày làm việc"), t("Chờ ý kiến", "Await objections"),
                 timeout=Timeout(d("7 ngày làm việc"), "co-hieu-luc"),
                 outcomes=(Outcome("object", "tham-dinh"), Outcome("ok", "tra-ket-qua"))),
            Step("tra-ket-qua", "mot-cua", d("1 buổi"), t("Trả kết quả", "Return the result"), next="da-cap"),
        ),
        ends=(
            End("da-cap", EndOutcome.GRANTED, t("Đã cấp", "Issued"), "giay"),
            End("tu-choi", EndOutcome.REFUSED, t("Từ chối", "Refused"), "tu-choi"),
            End("co-hieu-luc", EndOutcome.DEEMED_GRANTED, t("Có hiệu lực", "In effect")),
        ),
    )


@pytest.fixture
def silence() -> Procedure:
    """A notification: after the one-stop desk receives it, only the passing of time ends the case."""
    d = parse_duration
    return Procedure(
        id="thong-bao", agency="ldtbxh-nghe-an", title=t("Thông báo", "Notification"), version="1",
        time_limit=d("16 giờ làm việc"), records=(Record("thong-bao", t("Thông báo", "Notice")),), results=(),
        steps=(
            Step("tiep-nhan", "mot-cua", d("4 giờ làm việc"), t("Tiếp nhận", "Receive"), checks=("thong-bao",),
                 next="cho"),
            Step("cho", "phong-lao-dong", d("1.5 ngày làm việc"), t("Chờ phản hồi", "Wait"),
                 timeout=Timeout(d("1.5 ngày làm việc"), "co-hieu-luc")),
        ),
        ends=(End("co-hieu-luc", EndOutcome.DEEMED_GRANTED, t("Có hiệu lực", "In effect")),),
    )


def hand_built(request: pytest.FixtureRequest, name: str) -> tuple[Procedure, Agency]:
    agency_fixture = "awkward_agency" if name == "awkward" else "agency"
    return request.getfixturevalue(name), request.getfixturevalue(agency_fixture)


@functools.cache
def shipped() -> motcua.Catalog:
    return motcua.load_catalog(SHIPPED)


def shipped_procedures() -> list[Procedure]:
    try:
        return list(shipped().procedures)
    except motcua.SpecError:
        return []  # test_shipped_catalogue_is_valid_bpmn reports why


# --- helpers -----------------------------------------------------------------------------------

@functools.cache
def schema() -> etree.XMLSchema:
    xsd = importlib.resources.files("SpiffWorkflow.bpmn.parser") / "schema" / "BPMN20.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def assert_valid(data: bytes) -> etree._Element:
    doc = etree.fromstring(data)
    if not schema().validate(doc):
        pytest.fail(f"not valid BPMN 2.0:\n{schema().error_log}")
    return doc


def choices(step: Step) -> Iterator[tuple[str, str]]:
    if step.next is not None:
        yield "next", step.next
    for o in step.outcomes:
        yield o.name, o.to
    if step.timeout is not None:
        yield "timeout", step.timeout.to


def paths(procedure: Procedure) -> list[tuple[Path_, str]]:
    """Every way from the first step to an end that takes each (step, choice) at most once.

    A zero-length timer fires as soon as its step starts, so a path may not both wait out a
    step's timer and, on another visit, decide that step; ``test_paths_cover_every_choice`` checks
    that the paths left still take every choice of every step.
    """
    found: list[tuple[Path_, str]] = []

    def walk(node: str, taken: Path_) -> None:
        if procedure.is_end(node):
            timed = {s for s, c in taken if c == "timeout"}
            if not any(s in timed and c != "timeout" for s, c in taken):
                found.append((taken, node))
            return
        for choice, target in choices(procedure.step(node)):
            if (node, choice) not in taken:
                walk(target, (*taken, (node, choice)))

    walk(procedure.steps[0].id, ())
    return found


def name_path(path: Path_) -> str:
    return " > ".join(f"{s}:{c}" for s, c in path)


def zero_timers(data: bytes, steps: set[str]) -> bytes:
    """A test-only copy whose timers on ``steps`` fire at once, since Spiff runs on the wall clock."""
    doc = etree.fromstring(data)
    for step in steps:
        for node in doc.iterfind(f".//bpmn:boundaryEvent[@id='Timer_{step}']//bpmn:timeDuration", NS):
            node.text = '"PT0S"'
    return bytes(etree.tostring(doc))


@functools.cache
def validator() -> BpmnValidator:
    return BpmnValidator()


def workflow(data: bytes, procedure: Procedure) -> BpmnWorkflow:
    parser = BpmnParser(validator=validator())
    parser.add_bpmn_str(data, filename=f"{procedure.id}.bpmn")
    process = f"Process_{procedure.id}"
    return BpmnWorkflow(parser.get_spec(process), parser.get_subprocess_specs(process))


def drive(data: bytes, procedure: Procedure, path: Path_) -> list[str]:
    """Run the process in Spiff, deciding as ``path`` says; the steps done, timers fired and end reached."""
    timed = {s for s, c in path if c == "timeout"}
    wf = workflow(zero_timers(data, timed) if timed else data, procedure)
    plan: dict[str, deque[str]] = defaultdict(deque)
    for step, choice in path:
        plan[step].append(choice)
    trace: list[str] = []

    def record(task: Task) -> None:
        trace.append(task.task_spec.bpmn_id or "")

    def settle() -> None:
        wf.do_engine_steps(did_complete_task=record)
        for _ in range(100):
            if not wf.get_tasks(state=TaskState.READY, manual=False):
                return
            wf.do_engine_steps(did_complete_task=record)
        pytest.fail("engine tasks never settled")

    settle()
    for _ in range(1000):
        if wf.is_completed():
            assert not wf.get_tasks(state=TaskState.READY | TaskState.WAITING), "tokens left behind"
            return [b for b in trace if b.startswith(("Task_", "Timer_", "End_"))]
        ready = sorted(wf.get_tasks(state=TaskState.READY, manual=True), key=lambda k: k.task_spec.bpmn_id)
        if not ready:
            wf.refresh_timers()
            settle()
            continue
        task = ready[0]
        bpmn_id = task.task_spec.bpmn_id
        if bpmn_id.startswith("Task_"):
            step = bpmn_id.removeprefix("Task_")
            if not plan[step]:
                pytest.fail(f"step {step} came up again but the path has no more choices for it")
            if plan[step][0] == "timeout":
                wf.refresh_timers()  # the zero-length timer fires and interrupts the task
                settle()
                continue
            choice = plan[step].popleft()
            if choice != "next":
                task.data[outcome_variable(step)] = choice
        task.run()
        trace.append(bpmn_id)
        settle()
    pytest.fail("the process did not finish")


def expected(path: Path_, end: str) -> list[str]:
    return [f"Timer_{s}" if c == "timeout" else f"Task_{s}" for s, c in path] + [f"End_{end}"]


def run_every_path(procedure: Procedure, agency: Agency) -> int:
    data = export_bpmn(procedure, agency=agency)
    found = paths(procedure)
    for path, end in found:
        assert drive(data, procedure, path) == expected(path, end), name_path(path)
    return len(found)


# --- XSD ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", HAND_BUILT)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_hand_built_procedures_are_valid_bpmn(request: pytest.FixtureRequest, name: str, lang: str) -> None:
    procedure, agency = hand_built(request, name)
    assert_valid(export_bpmn(procedure, agency=agency, lang=lang))


def test_shipped_catalogue_is_valid_bpmn() -> None:
    catalog = shipped()
    assert catalog.procedures
    for p in catalog.procedures:
        for lang in ("vi", "en"):
            assert_valid(export_bpmn(p, agency=catalog.agency(p.agency), lang=lang))


def test_the_schema_check_can_fail(agency: Agency, war_invalid: Procedure) -> None:
    doc = etree.fromstring(export_bpmn(war_invalid, agency=agency))
    task = doc.find(".//bpmn:userTask", NS)
    assert task is not None
    task.tag = f"{{{NS['bpmn']}}}userTaskk"
    assert not schema().validate(doc)


# --- running in SpiffWorkflow -------------------------------------------------------------------

@pytest.mark.parametrize("name", HAND_BUILT)
def test_paths_cover_every_choice(request: pytest.FixtureRequest, name: str) -> None:
    procedure, _ = hand_built(request, name)
    taken = {edge for path, _ in paths(procedure) for edge in path}
    assert taken == {(s.id, c) for s in procedure.steps for c, _ in choices(s)}


@pytest.mark.parametrize("name", HAND_BUILT)
def test_every_path_runs_to_its_end_in_spiff(request: pytest.FixtureRequest, name: str) -> None:
    procedure, agency = hand_built(request, name)
    assert run_every_path(procedure, agency) >= 1


def test_the_paths_include_loops_and_timeouts(awkward: Procedure, labour_rules: Procedure) -> None:
    awkward_paths = {name_path(p) for p, _ in paths(awkward)}
    assert ("tiep-nhan:next > tham-dinh:approve > trinh-ky:next > cho-y-kien:object > tham-dinh:reject"
            in awkward_paths)
    assert "tiep-nhan:next > tham-dinh:approve > trinh-ky:next > cho-y-kien:timeout" in awkward_paths
    # A timer on a step with consultations interrupts the consultations too (a subprocess).
    assert ("tiep-nhan:next > xem-xet:timeout", "co-hieu-luc") in [(name_path(p), e) for p, e in paths(labour_rules)]


@pytest.mark.parametrize("procedure", shipped_procedures(), ids=lambda p: p.id)
def test_every_path_of_the_shipped_catalogue_runs_in_spiff(procedure: Procedure) -> None:
    agency = shipped().agency(procedure.agency)
    taken = {edge for path, _ in paths(procedure) for edge in path}
    assert taken == {(s.id, c) for s in procedure.steps for c, _ in choices(s)}
    # A procedure with a decision has a path for each of its ends at least; one without, one path.
    assert run_every_path(procedure, agency) >= (2 if any(s.outcomes for s in procedure.steps) else 1)


def test_the_decision_taken_picks_the_end(agency: Agency, war_invalid: Procedure) -> None:
    data = export_bpmn(war_invalid, agency=agency)
    approve = drive(data, war_invalid, (("tiep-nhan", "next"), ("tham-dinh", "approve"), ("trinh-ky", "next"),
                                        ("tra-ket-qua", "next")))
    reject = drive(data, war_invalid, (("tiep-nhan", "next"), ("tham-dinh", "reject")))
    assert approve[-1] == "End_da-cap" and reject[-1] == "End_tu-choi"


def test_spiff_sees_a_lane_per_unit(awkward_agency: Agency, awkward: Procedure) -> None:
    data = export_bpmn(awkward, agency=awkward_agency)
    wf = workflow(data, awkward)
    lanes = {spec.bpmn_id: spec.lane for spec in wf.spec.task_specs.values() if spec.bpmn_id}
    phong_a = unicodedata.normalize("NFC", "Phòng Người có công & <Xã hội>")
    assert lanes["Task_tiep-nhan"] == "Bộ phận Một cửa"
    assert lanes["Task_tham-dinh"] == phong_a
    assert lanes["Consult_tham-dinh_ubnd-xa"] == "Ủy ban nhân dân xã"
    assert lanes["Consult_tham-dinh_cong-an"] == "Công an tỉnh"
    assert lanes["Task_trinh-ky"] == "Giám đốc Sở"
    doc = etree.fromstring(data)
    order = [lane.get("name") for lane in doc.iterfind(".//bpmn:lane", NS)]
    assert order == ["Bộ phận Một cửa", phong_a, "Ủy ban nhân dân xã", "Công an tỉnh", "Giám đốc Sở"]


# --- what the file says --------------------------------------------------------------------------

def test_process_elements(awkward_agency: Agency, awkward: Procedure) -> None:
    doc = assert_valid(export_bpmn(awkward, agency=awkward_agency, lang="en"))
    ids = {e.get("id"): e for e in doc.iter() if e.get("id")}
    assert {f"Task_{s.id}" for s in awkward.steps} <= ids.keys()
    assert ids["Gateway_tham-dinh"].tag.endswith("exclusiveGateway")
    assert ids["Fork_tham-dinh"].tag.endswith("parallelGateway")
    assert ids["Join_tham-dinh"].tag.endswith("parallelGateway")
    # Entered from the start and again from the loop: an exclusive merge before the fork.
    assert ids["Merge_tham-dinh"].tag.endswith("exclusiveGateway")
    conditions = sorted(c.text or "" for c in doc.iterfind(".//bpmn:conditionExpression", NS))
    assert conditions == [
        'outcome_cho_y_kien == "object"', 'outcome_cho_y_kien == "ok"',
        'outcome_tham_dinh == "approve"', 'outcome_tham_dinh == "reject"',
    ]
    timer = ids["Timer_cho-y-kien"]
    assert timer.get("attachedToRef") == "Task_cho-y-kien" and timer.get("cancelActivity") == "true"
    assert timer.get("name") == "After 7 working days"
    duration = timer.find(".//bpmn:timeDuration", NS)
    assert duration is not None and duration.text == '"P10D"'
    assert TimerEventDefinition.parse_iso_duration("P10D") == {"days": 10}
    assert "7 ngày làm việc" in (timer.findtext("bpmn:documentation", namespaces=NS) or "")
    ends = {e.get("id"): e.get("name") for e in doc.iterfind(".//bpmn:endEvent", NS)}
    assert ends == {"End_da-cap": "Issued (granted)", "End_tu-choi": "Refused (refused)",
                    "End_co-hieu-luc": "In effect (deemed granted)"}
    assert ids["End_da-cap"].findtext("bpmn:documentation", namespaces=NS) == "Result: Certificate"


def test_every_element_is_drawn(agency: Agency, labour_rules: Procedure) -> None:
    doc = assert_valid(export_bpmn(labour_rules, agency=agency))
    drawn = {s.get("bpmnElement") for s in doc.iterfind(".//bpmndi:BPMNShape", NS)}
    nodes = {e.get("id") for tag in ("userTask", "startEvent", "endEvent", "exclusiveGateway",
                                      "parallelGateway", "subProcess", "boundaryEvent", "lane", "participant")
             for e in doc.iterfind(f".//bpmn:{tag}", NS)}
    assert nodes and drawn == nodes
    flows = {e.get("id") for e in doc.iterfind(".//bpmn:sequenceFlow", NS)}
    edges = doc.findall(".//bpmndi:BPMNEdge", NS)
    assert {e.get("bpmnElement") for e in edges} == flows
    for edge in edges:
        points = [(float(p.get("x", "")), float(p.get("y", ""))) for p in edge.iterfind("di:waypoint", NS)]
        assert len(points) >= 2
        assert all(a[0] == b[0] or a[1] == b[1] for a, b in zip(points, points[1:])), "right angles"
    expanded = doc.find(".//bpmndi:BPMNShape[@bpmnElement='SubProcess_xem-xet']", NS)
    assert expanded is not None and expanded.get("isExpanded") == "true"


def bounds(doc: etree._Element, element: str) -> tuple[float, float, float, float]:
    b = doc.find(f".//bpmndi:BPMNShape[@bpmnElement='{element}']/dc:Bounds", NS)
    assert b is not None
    return float(b.get("x", "")), float(b.get("y", "")), float(b.get("width", "")), float(b.get("height", ""))


def test_lanes_are_bands_holding_their_nodes(awkward_agency: Agency, awkward: Procedure) -> None:
    doc = etree.fromstring(export_bpmn(awkward, agency=awkward_agency))
    lanes = [bounds(doc, lane.get("id", "")) for lane in doc.iterfind(".//bpmn:lane", NS)]
    assert len({(x, w) for x, _, w, _ in lanes}) == 1, "lanes share their left edge and width"
    for (_, y1, _, h1), (_, y2, _, _) in zip(lanes, lanes[1:]):
        assert y1 + h1 == y2, "lanes stack without gaps"
    for lane in doc.iterfind(".//bpmn:lane", NS):
        lx, ly, lw, lh = bounds(doc, lane.get("id", ""))
        for ref in lane.iterfind("bpmn:flowNodeRef", NS):
            if (ref.text or "").startswith("Timer_"):
                continue  # sits on its task's border
            x, y, w, h = bounds(doc, ref.text or "")
            assert lx <= x and x + w <= lx + lw and ly <= y and y + h <= ly + lh, ref.text


def test_names_survive_xml_and_diacritics(awkward_agency: Agency, awkward: Procedure) -> None:
    data = export_bpmn(awkward, agency=awkward_agency)
    assert b"\x0b" not in data
    doc = etree.fromstring(data)
    names = {e.get("id"): e.get("name") for e in doc.iter() if e.get("name")}
    assert names["Participant_cap-giay"] == 'Sở "Thử nghiệm" & Cải cách <hành chính>'
    assert names["Task_tiep-nhan"] == 'Tiếp nhận & kiểm tra "hồ sơ" <đủ>'
    assert 'Không đủ "điều kiện" & <lý do>' in names.values()
    assert names["Lane_phong-a"] == unicodedata.normalize("NFC", "Phòng Người có công & <Xã hội>")
    assert all(unicodedata.is_normalized("NFC", n or "") for n in names.values())
    doc_text = doc.find(".//bpmn:userTask[@id='Task_tiep-nhan']/bpmn:documentation", NS)
    assert doc_text is not None and 'Đơn "đề nghị" & <bản sao>' in (doc_text.text or "")
    # And what Spiff reads back is the same text.
    wf = workflow(data, awkward)
    assert wf.spec.task_specs["Task_tiep-nhan"].bpmn_name == 'Tiếp nhận & kiểm tra "hồ sơ" <đủ>'


def test_output_is_deterministic(awkward_agency: Agency, awkward: Procedure) -> None:
    first = export_bpmn(awkward, agency=awkward_agency)
    rebuilt = dataclasses.replace(awkward, steps=tuple(dataclasses.replace(s) for s in awkward.steps))
    assert export_bpmn(rebuilt, agency=awkward_agency) == first
    assert export_bpmn(awkward, agency=awkward_agency, lang="en") != first


def test_output_is_the_same_in_every_process(tmp_path: Path) -> None:
    """Same bytes whatever the string hash seed: nothing depends on set or dict-of-set order."""
    script = (
        "import sys, motcua; from motcua.render.bpmn import export_bpmn\n"
        "c = motcua.load_catalog(sys.argv[1])\n"
        "sys.stdout.buffer.write(b''.join(export_bpmn(p, agency=c.agency(p.agency)) for p in c.procedures))\n"
    )
    outputs = [
        subprocess.run([sys.executable, "-c", script, str(SHIPPED)], capture_output=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    ]
    catalog = shipped()
    here = b"".join(export_bpmn(p, agency=catalog.agency(p.agency)) for p in catalog.procedures)
    assert outputs[0] == outputs[1] == here


@pytest.mark.parametrize("bad", ["x'); __import__('os').system('true'); ('", "Tham Dinh", "thẩm-định"])
def test_ids_that_are_not_slugs_are_refused(agency: Agency, war_invalid: Procedure, bad: str) -> None:
    steps = (dataclasses.replace(war_invalid.steps[0], id=bad), *war_invalid.steps[1:])
    with pytest.raises(ValueError, match="not a slug"):
        export_bpmn(dataclasses.replace(war_invalid, steps=steps), agency=agency)
    outcome = dataclasses.replace(war_invalid.steps[1].outcomes[0], name=bad)
    steps = (war_invalid.steps[0], dataclasses.replace(war_invalid.steps[1], outcomes=(outcome,)),
             *war_invalid.steps[2:])
    with pytest.raises(ValueError, match="not a slug"):
        export_bpmn(dataclasses.replace(war_invalid, steps=steps), agency=agency)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("7 ngày làm việc", "P10D"),      # 7 x 7/5 = 9.8 calendar days
        ("15 working days", "P21D"),
        ("6.5 working days", "P9D"),      # 9.1
        ("1 buổi", "PT4H"),               # a session is half of the 8 office hours
        ("4 giờ làm việc", "PT4H"),
        ("16 working hours", "P3D"),      # 2 working days -> 2.8
        ("0.5 ngày làm việc", "PT4H"),
        ("15 ngày", "P15D"),
        ("1.5 days", "P1DT12H"),
        ("0 days", "PT0S"),
    ],
)
def test_iso_duration(text: str, iso: str) -> None:
    assert iso_duration(parse_duration(text), calendar=Calendar()) == iso
    TimerEventDefinition.parse_iso_duration(iso)  # Spiff reads it


def test_iso_duration_follows_office_hours() -> None:
    import datetime as dt

    short_day = Calendar(office_hours=((dt.time(7, 30), dt.time(11, 30)), (dt.time(13, 0), dt.time(16, 30))))
    assert iso_duration(parse_duration("1 buổi"), calendar=short_day) == "PT3H45M"


# --- bpmn.io ---------------------------------------------------------------------------------

@pytest.mark.browser
def test_bpmn_js_draws_every_element_without_warnings(
    tmp_path: Path, agency: Agency, labour_rules: Procedure, awkward_agency: Agency, awkward: Procedure
) -> None:
    from playwright.sync_api import sync_playwright

    dist = Path(os.environ.get("BPMN_JS_DIST", ROOT / "node_modules" / "bpmn-js" / "dist"))
    viewer = dist / "bpmn-navigated-viewer.production.min.js"
    if not viewer.exists():
        pytest.fail(f"{viewer} is missing: add bpmn-js to package.json's devDependencies and run npm ci")
    catalog = shipped()
    files = {p.id: export_bpmn(p, agency=catalog.agency(p.agency)) for p in catalog.procedures}
    files["labour_rules"] = export_bpmn(labour_rules, agency=agency)
    files["awkward"] = export_bpmn(awkward, agency=awkward_agency)
    page_file = tmp_path / "view.html"
    styles = "".join(f'<link rel="stylesheet" href="{(dist / "assets" / css).as_uri()}">'
                     for css in ("diagram-js.css", "bpmn-js.css"))
    page_file.write_text(
        f'<!doctype html><html><head><meta charset="utf-8">{styles}</head>'
        f'<body style="margin:0"><div id="c" style="width:100vw;height:100vh"></div>'
        f'<script src="{viewer.as_uri()}"></script></body></html>',
        encoding="utf-8",
    )
    draw = """async (xml) => {
        const viewer = new BpmnJS({container: '#c'});
        const {warnings} = await viewer.importXML(xml);
        viewer.get('canvas').zoom('fit-viewport');
        const root = viewer.get('canvas').getRootElement();
        const drawn = viewer.get('elementRegistry').filter(e => e !== root && e.type !== 'label');
        return {warnings: warnings.map(w => w.message), drawn: drawn.length};
    }"""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        try:
            for name, data in files.items():
                page = browser.new_page(viewport={"width": 1800, "height": 900})
                errors: list[str] = []
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(page_file.as_uri())
                result = page.evaluate(draw, data.decode("utf-8"))
                doc = etree.fromstring(data)
                di = len(doc.findall(".//bpmndi:BPMNShape", NS)) + len(doc.findall(".//bpmndi:BPMNEdge", NS))
                assert (result["warnings"], errors, result["drawn"]) == ([], [], di), name
                page.screenshot(path=str(tmp_path / f"{name}.png"))
                page.close()
        finally:
            browser.close()


# --- CLI ---------------------------------------------------------------------------------------

SHIPPED_FILE = SHIPPED / "ldtbxh-nghe-an" / "nguoi-co-cong" / "di-chuyen-ho-so-nguoi-co-cong.yaml"


def test_cli_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "quy-trinh.bpmn"
    result = CliRunner().invoke(export, ["bpmn", str(SHIPPED_FILE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert str(out) in result.stderr
    process = assert_valid(out.read_bytes()).find(".//bpmn:process", NS)
    assert process is not None and process.get("id") == "Process_di-chuyen-ho-so-nguoi-co-cong"


def test_cli_takes_a_reference_and_writes_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(SHIPPED.parent)
    result = CliRunner().invoke(export, ["bpmn", "ldtbxh-nghe-an/di-chuyen-ho-so-nguoi-co-cong@2013", "--lang", "en"])
    assert result.exit_code == 0, result.output
    doc = assert_valid(result.stdout_bytes)
    names = {e.get("name") for e in doc.iterfind(".//bpmn:lane", NS)}
    assert "Department Director" in names
    by_file = CliRunner().invoke(export, ["bpmn", str(SHIPPED_FILE), "--lang", "en"])
    assert by_file.stdout_bytes == result.stdout_bytes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["khong-co-thu-tuc"], "no procedure 'khong-co-thu-tuc'"),
        (["ldtbxh-nghe-an/di-chuyen-ho-so-nguoi-co-cong@1999"], "has no version '1999'"),
        (["khong-co.yaml"], "khong-co.yaml: no such procedure file"),
        (["x", "--catalog", "khong-co-thu-muc"], "khong-co-thu-muc: no such file or folder"),
    ],
)
def test_cli_refuses_an_unknown_spec_in_one_line(monkeypatch: pytest.MonkeyPatch, args: list[str],
                                                 message: str) -> None:
    monkeypatch.chdir(SHIPPED.parent)
    result = CliRunner().invoke(export, ["bpmn", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.output


def test_cli_exports_past_a_broken_draft_and_refuses_the_draft_itself(tmp_path: Path) -> None:
    folder = tmp_path / "ldtbxh-nghe-an"
    shutil.copytree(SHIPPED / "ldtbxh-nghe-an", folder)
    broken = folder / "hong.yaml"
    broken.write_text("motcua: 1\nkind: procedure\nid: hong\n", encoding="utf-8")
    spec = folder / SHIPPED_FILE.relative_to(SHIPPED / "ldtbxh-nghe-an")
    result = CliRunner().invoke(export, ["bpmn", str(spec), "-o", str(tmp_path / "x.bpmn")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x.bpmn").exists()
    result = CliRunner().invoke(export, ["bpmn", str(broken), "-o", str(tmp_path / "y.bpmn")])
    assert result.exit_code == 1
    assert "hong.yaml" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "y.bpmn").exists()


def test_cli_reports_an_unwritable_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(export, ["bpmn", str(SHIPPED_FILE), "-o", str(tmp_path / "no" / "x.bpmn")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "Traceback" not in result.output


def test_the_documentation_carries_descriptions_and_the_terms_of_the_record() -> None:
    """A step's description, what it checks (groups by their title), the channels' and
    sub-cases' own time limits, extra time and periods not counted reach the BPMN notes."""
    catalog = motcua.load_catalog(Path(__file__).parent.parent / "fixtures" / "every-key")
    proc = catalog.procedures[0]
    doc = etree.fromstring(export_bpmn(proc, agency=catalog.agency(proc.agency), lang="en"))
    process = doc.find("bpmn:process", NS)
    assert process is not None
    notes = (process.findtext("bpmn:documentation", namespaces=NS) or "").splitlines()
    assert notes[1:] == [
        "Time limit: 4 working days",
        "Committed time: 3 working days",
        "Filed online: 3 working days",
        "Sub-case With a foreign element (1.999999.02): 10 working days",
        "Plus 2 working days when Checks are needed",
        "Not counted: Public posting period",
    ]
    task = doc.find(".//bpmn:userTask[@id='Task_tiep-nhan']/bpmn:documentation", NS)
    assert task is not None and task.text == (
        "Time: 1 session\nCheck the dossier.\nGuide the applicant once.\n"
        "Checks: Declaration form; Identity papers; Other papers")
