"""The neutral diagram: lanes, nodes and edges built from hand-made procedures and the shipped ones."""

from __future__ import annotations

import dataclasses
import os
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from motcua.engine.spec.model import Agency, EndOutcome, Fee, Procedure, Text
from motcua.render.diagram import Diagram, EdgeKind, Node, NodeKind, build_diagram, safe_id


def by_kind(diagram: Diagram, kind: NodeKind) -> list[Node]:
    return [n for n in diagram.nodes if n.kind is kind]


def step_node(diagram: Diagram, ref: str) -> Node:
    return next(n for n in diagram.nodes if n.ref == ref and n.kind is NodeKind.STEP)


def end_node(diagram: Diagram, ref: str) -> Node:
    return next(n for n in diagram.nodes if n.ref == ref and n.kind is NodeKind.END)


def lane_title(diagram: Diagram, node: Node) -> str:
    assert node.lane is not None
    return diagram.lane(node.lane).title


# -- internal view ------------------------------------------------------------------------------


def test_lanes_follow_first_appearance_with_unit_titles(labour_rules: Procedure, agency: Agency) -> None:
    vi = build_diagram(labour_rules, agency, lang="vi")
    assert [lane.unit for lane in vi.lanes] == ["mot-cua", "phong-lao-dong", "lien-doan-lao-dong", "giam-doc"]
    assert [lane.title for lane in vi.lanes][:2] == [
        "Bộ phận Tiếp nhận và Trả kết quả",
        "Phòng Lao động - Tiền lương - Bảo hiểm xã hội",
    ]
    en = build_diagram(labour_rules, agency, lang="en")
    assert en.lanes[-1].title == "Department Director"


def test_steps_show_title_and_time_in_the_language(labour_rules: Procedure, agency: Agency) -> None:
    vi = build_diagram(labour_rules, agency, lang="vi")
    en = build_diagram(labour_rules, agency, lang="en")
    assert step_node(vi, "tiep-nhan").title == "1. Tiếp nhận và kiểm tra hồ sơ"
    assert step_node(vi, "tiep-nhan").lines == ("1 buổi",)
    assert step_node(vi, "trinh-ky").lines == ("1,5 ngày làm việc",)
    assert step_node(en, "trinh-ky").lines == ("1.5 working days",)
    assert step_node(en, "xem-xet").title == "2. Review the labour rules"
    assert lane_title(vi, step_node(vi, "trinh-ky")) == "Giám đốc Sở"


def test_a_step_without_title_shows_its_id(war_invalid: Procedure, agency: Agency) -> None:
    assert step_node(build_diagram(war_invalid, agency), "trinh-ky").title == "3. trinh-ky"


def test_decision_edges_carry_the_outcome_title_or_name(war_invalid: Procedure, agency: Agency) -> None:
    d = build_diagram(war_invalid, agency, lang="vi")
    decision = by_kind(d, NodeKind.DECISION)[0]
    outgoing = {(e.label, d.node(e.head).ref) for e in d.edges if e.tail == decision.id}
    assert outgoing == {("approve", "trinh-ky"), ("Không đủ điều kiện", "tu-choi")}
    assert all(e.kind is EdgeKind.OUTCOME for e in d.edges if e.tail == decision.id)
    assert decision.lane == step_node(d, "tham-dinh").lane


def test_consultation_forks_into_the_consulted_lanes_and_joins(war_invalid: Procedure, agency: Agency) -> None:
    d = build_diagram(war_invalid, agency, lang="vi")
    step = step_node(d, "tham-dinh")
    (fork,) = by_kind(d, NodeKind.FORK)
    (join,) = by_kind(d, NodeKind.JOIN)
    assert fork.lane == join.lane == step.lane
    consults = by_kind(d, NodeKind.CONSULT)
    assert [lane_title(d, c) for c in consults] == ["Ủy ban nhân dân cấp xã", "Liên đoàn Lao động tỉnh"]
    assert [c.lines for c in consults] == [("5 ngày làm việc",), ("3 ngày làm việc",)]
    edges = {(e.tail, e.head, e.kind) for e in d.edges}
    assert (step.id, fork.id, EdgeKind.FLOW) in edges
    for c in consults:
        assert (fork.id, c.id, EdgeKind.CONSULT) in edges
        assert (c.id, join.id, EdgeKind.CONSULT) in edges
    # The decision comes after everyone has answered.
    assert (join.id, by_kind(d, NodeKind.DECISION)[0].id, EdgeKind.FLOW) in edges


def test_timeout_is_a_labelled_timeout_edge_from_its_step(labour_rules: Procedure, agency: Agency) -> None:
    d = build_diagram(labour_rules, agency, lang="vi")
    (timeout,) = [e for e in d.edges if e.kind is EdgeKind.TIMEOUT]
    assert d.node(timeout.tail) == step_node(d, "xem-xet")
    assert d.node(timeout.head) == end_node(d, "co-hieu-luc")
    assert timeout.label == "sau 4 ngày làm việc"
    en = build_diagram(labour_rules, agency, lang="en")
    assert [e.label for e in en.edges if e.kind is EdgeKind.TIMEOUT] == ["after 4 working days"]


def test_ends_name_their_outcome_and_result(labour_rules: Procedure, agency: Agency) -> None:
    d = build_diagram(labour_rules, agency, lang="vi")
    granted = end_node(d, "da-dang-ky")
    assert granted.outcome is EndOutcome.GRANTED
    assert granted.lines == ("Kết quả: Văn bản xác nhận đăng ký nội quy lao động",)
    assert end_node(d, "tu-choi").outcome is EndOutcome.REFUSED
    deemed = end_node(d, "co-hieu-luc")
    assert deemed.outcome is EndOutcome.DEEMED_GRANTED and deemed.lines == ()


def test_one_stop_entry_and_exit(labour_rules: Procedure, agency: Agency) -> None:
    d = build_diagram(labour_rules, agency, lang="vi")
    (start,) = by_kind(d, NodeKind.START)
    (exit_,) = by_kind(d, NodeKind.EXIT)
    one_stop = d.lanes[0]
    assert one_stop.role == "one-stop"
    assert start.lane == exit_.lane == one_stop.id
    assert start.title == "Tổ chức, cá nhân nộp hồ sơ"
    assert [(e.tail, d.node(e.head).ref) for e in d.edges if e.tail == start.id] == [(start.id, "tiep-nhan")]
    into_exit = sorted(d.node(e.tail).ref for e in d.edges if e.head == exit_.id)
    assert into_exit == sorted(e.id for e in labour_rules.ends)
    assert all(n.lane == one_stop.id for n in by_kind(d, NodeKind.END))


def test_caption_has_the_legal_and_committed_time(war_invalid: Procedure, agency: Agency) -> None:
    vi = build_diagram(war_invalid, agency, lang="vi")
    assert vi.caption == (
        "Mã thủ tục: 1.010814 · Phiên bản 2013",
        "Thời hạn giải quyết theo quy định: 30 ngày làm việc · Thời gian cam kết: 20 ngày làm việc",
    )
    en = build_diagram(war_invalid, agency, lang="en")
    assert en.caption[1] == "Legal time limit: 30 working days · Committed time: 20 working days"
    assert en.heading == "Internal process chart: Issuing war invalid certificates"


def test_only_the_edge_that_closes_a_loop_is_a_back_edge(labour_rules: Procedure, agency: Agency) -> None:
    d = build_diagram(labour_rules, agency, lang="vi")
    back = [e for e in d.edges if e.back]
    assert [(e.label, d.node(e.head).ref) for e in back] == [("Trả lại, xem xét lại", "xem-xet")]


def test_legend_lists_what_the_chart_uses(labour_rules: Procedure, war_invalid: Procedure, agency: Agency) -> None:
    with_timeout = {item.sample for item in build_diagram(labour_rules, agency).legend}
    assert {NodeKind.STEP, NodeKind.DECISION, NodeKind.FORK, EdgeKind.TIMEOUT} <= with_timeout
    assert {EndOutcome.GRANTED, EndOutcome.REFUSED, EndOutcome.DEEMED_GRANTED} <= with_timeout
    without = {item.sample for item in build_diagram(war_invalid, agency).legend}
    assert EdgeKind.TIMEOUT not in without and EndOutcome.DEEMED_GRANTED not in without


def test_description_reads_the_chart_as_sentences(labour_rules: Procedure, agency: Agency) -> None:
    text = build_diagram(labour_rules, agency, lang="vi").description
    assert "2. Xem xét nội dung nội quy lao động (Phòng Lao động - Tiền lương - Bảo hiểm xã hội, 4 ngày làm việc)" in text
    assert "Phù hợp pháp luật: 3. Ký văn bản xác nhận" in text
    assert "lấy ý kiến: Liên đoàn Lao động tỉnh (2 ngày làm việc)" in text


def test_ids_are_generated_whatever_the_spec_says(labour_rules: Procedure, agency: Agency) -> None:
    hostile = dataclasses.replace(labour_rules, id='x"]; evil [label="pwned', version="1\n2")
    d = build_diagram(hostile, agency)
    assert all(re.fullmatch(r"n\d+", n.id) for n in d.nodes)
    assert all(re.fullmatch(r"l\d+", lane.id) for lane in d.lanes)
    assert re.fullmatch(r"[a-z0-9_]+", d.name)
    assert re.fullmatch(r"[a-z0-9_-]+", d.id_prefix)
    assert d.id_prefix.endswith("-internal")


def test_text_is_nfc_with_whitespace_collapsed(labour_rules: Procedure, agency: Agency) -> None:
    nfd = unicodedata.normalize("NFD", "Tiếp nhận\n  hồ sơ")
    steps = (dataclasses.replace(labour_rules.steps[0], title=Text((("vi", nfd),))), *labour_rules.steps[1:])
    d = build_diagram(dataclasses.replace(labour_rules, steps=steps), agency)
    assert step_node(d, "tiep-nhan").title == "1. Tiếp nhận hồ sơ"


def test_building_twice_gives_equal_diagrams(labour_rules: Procedure, agency: Agency) -> None:
    assert build_diagram(labour_rules, agency) == build_diagram(labour_rules, agency)


def test_unknown_view_is_a_programmer_error(labour_rules: Procedure, agency: Agency) -> None:
    with pytest.raises(ValueError, match="unknown view"):
        build_diagram(labour_rules, agency, view="staff")  # type: ignore[arg-type]


def test_safe_id_keeps_only_plain_characters() -> None:
    assert safe_id("đăng-ký nội quy") == "ang_ky_noi_quy"
    assert safe_id('"]; x') == "x"
    assert safe_id("---") == "x"


# -- public view --------------------------------------------------------------------------------


def test_public_view_has_applicant_desk_and_agency_lanes(labour_rules: Procedure, agency: Agency) -> None:
    d = build_diagram(labour_rules, agency, lang="vi", view="public")
    assert [lane.title for lane in d.lanes] == [
        "Tổ chức, cá nhân",
        "Bộ phận Tiếp nhận và Trả kết quả",
        "Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An",
    ]
    assert d.heading.startswith("Sơ đồ hướng dẫn người nộp hồ sơ")
    assert d.legend == ()


def test_public_view_lists_what_to_bring(labour_rules: Procedure, agency: Agency) -> None:
    d = build_diagram(labour_rules, agency, lang="vi", view="public")
    prepare = d.nodes[0]
    assert prepare.title == "Chuẩn bị hồ sơ (01 bộ)"
    assert prepare.lines == (
        "• Văn bản đề nghị đăng ký nội quy lao động: 1 bản chính",
        "• Nội quy lao động: 1 bản chính",
        "• Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở: 1 bản sao",
        "• Văn bản quy định liên quan đến kỷ luật lao động, trách nhiệm vật chất: 1 bản chính (nếu có)",
    )
    en = build_diagram(labour_rules, agency, lang="en", view="public")
    assert en.nodes[0].lines[1] == "• The internal labour rules: 1 original"


def test_public_view_says_where_to_submit_and_the_fee(
    labour_rules: Procedure, war_invalid: Procedure, agency: Agency
) -> None:
    free = build_diagram(labour_rules, agency, lang="vi", view="public")
    (submit,) = by_kind(free, NodeKind.START)
    assert submit.lines[0] == "Tại: Bộ phận Tiếp nhận và Trả kết quả, Sở Lao động - Thương binh và Xã hội tỉnh Nghệ An"
    assert "Cách nộp: trực tiếp, qua bưu chính, trực tuyến" in submit.lines
    assert submit.lines[-1] == "Phí, lệ phí: không"
    assert submit.lane == free.lanes[1].id
    paid = build_diagram(war_invalid, agency, lang="vi", view="public")
    assert by_kind(paid, NodeKind.START)[0].lines[-1] == "Phí, lệ phí: Phí cấp bản sao 50.000 đồng"
    paid_en = build_diagram(war_invalid, agency, lang="en", view="public")
    assert by_kind(paid_en, NodeKind.START)[0].lines[-1] == "Fees: Copy fee VND 50,000"
    odd = dataclasses.replace(war_invalid, fees=(Fee(Text.of("Lệ phí"), Decimal("1234567.50")),))
    shown = by_kind(build_diagram(odd, agency, view="public"), NodeKind.START)[0].lines[-1]
    assert shown == "Phí, lệ phí: Lệ phí 1.234.567,50 đồng"


def test_public_view_folds_the_internal_steps_into_one_box(war_invalid: Procedure, agency: Agency) -> None:
    d = build_diagram(war_invalid, agency, lang="vi", view="public")
    (folded,) = by_kind(d, NodeKind.FOLDED)
    assert folded.lane == d.lanes[2].id
    assert folded.lines == (
        "4 bước nội bộ; 5 đơn vị tham gia",
        "Tối đa 30 ngày làm việc kể từ khi nhận đủ hồ sơ",
        "Cam kết: 20 ngày làm việc",
    )
    assert not by_kind(d, NodeKind.STEP) or all(n.ref == "" for n in by_kind(d, NodeKind.STEP))


def test_public_view_shows_what_may_happen(labour_rules: Procedure, war_invalid: Procedure, agency: Agency) -> None:
    d = build_diagram(war_invalid, agency, lang="vi", view="public")
    outcomes = [(n.outcome, n.title) for n in by_kind(d, NodeKind.END)]
    assert outcomes == [
        (EndOutcome.GRANTED, "Nhận giấy chứng nhận thương binh"),
        (EndOutcome.REFUSED, "Nhận văn bản từ chối nêu rõ lý do"),
    ]
    supplement = next(n for n in d.nodes if n.title == "Bổ sung hồ sơ theo hướng dẫn")
    sources = {d.node(e.tail).kind for e in d.edges if e.head == supplement.id}
    assert sources == {NodeKind.DECISION, NodeKind.FOLDED}  # at the desk, and while processing
    assert any("một lần" in line for line in supplement.lines)
    (come_back,) = by_kind(d, NodeKind.EXIT)
    assert come_back.title == "Quay lại nhận kết quả vào ngày hẹn"
    # A silent agency grants by itself: a timeout edge straight from the folded box.
    deemed = build_diagram(labour_rules, agency, lang="vi", view="public")
    (edge,) = [e for e in deemed.edges if e.kind is EdgeKind.TIMEOUT]
    assert deemed.node(edge.tail).kind is NodeKind.FOLDED
    assert deemed.node(edge.head).outcome is EndOutcome.DEEMED_GRANTED
    assert edge.label == "khi cơ quan không trả lời sau 4 ngày làm việc"


def test_public_view_always_offers_refusal(war_invalid: Procedure, agency: Agency) -> None:
    granting_only = dataclasses.replace(war_invalid, ends=war_invalid.ends[:1])
    d = build_diagram(granting_only, agency, lang="en", view="public")
    assert [n.outcome for n in by_kind(d, NodeKind.END)] == [EndOutcome.GRANTED, EndOutcome.REFUSED]


# -- the shipped catalogue ----------------------------------------------------------------------


def shipped() -> list[tuple[Procedure, Agency]]:
    import motcua

    try:
        catalog = motcua.load_catalog(Path(os.environ["MOTCUA_TEST_SHIPPED_ROOT"]) / "procedures")
    except Exception as err:  # the catalogue's own tests report its errors
        pytest.skip(f"the shipped catalogue does not load: {err}")
    return [(p, catalog.agency(p.agency)) for p in catalog.procedures]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_shipped_procedure_draws_every_step_in_its_lane(lang: str) -> None:
    for procedure, agency in shipped():
        d = build_diagram(procedure, agency, lang=lang)
        for step in procedure.steps:
            node = step_node(d, step.id)
            assert d.lane(node.lane or "").unit == step.unit, procedure.key
        assert {n.ref for n in by_kind(d, NodeKind.END)} == {e.id for e in procedure.ends}
        public = build_diagram(procedure, agency, lang=lang, view="public")
        assert len(by_kind(public, NodeKind.FOLDED)) == 1
