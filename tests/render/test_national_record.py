"""The facts of a long national record on the site, the charts and the BPMN export.

``catalogs/long-record`` writes every key of the extended spec language: texts of several
paragraphs and lists, a dossier of fifty-five documents in groups (one of, headings, nested),
thirty fee rows, channels with their own terms, two sub-cases, bodies, addresses, a source.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import struct
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest
from lxml.html import HtmlElement
from markupsafe import Markup

import motcua
from motcua.engine.spec.model import Catalog, Fee, Procedure, Text
from motcua.render.bpmn import export_bpmn
from motcua.render.charts import render_procedure
from motcua.render.diagram import NodeKind, build_diagram
from motcua.render.site import build_site
from motcua.render.site.facts import fee_table, prose
from motcua.render.site.pageparts import fee_summary
from motcua.render.site.pages import procedure_page

LONG = Path(__file__).parent / "catalogs" / "long-record"
PAGE = "ubnd-xa-song-lam/dang-ky-bien-dong-dat-dai.html"
DAY = dt.date(2026, 1, 5)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return motcua.load_catalog(LONG)


@pytest.fixture(scope="module")
def record(catalog: Catalog) -> Procedure:
    return catalog.procedure("dang-ky-bien-dong-dat-dai")


@pytest.fixture(scope="module")
def site(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("long") / "site"
    build_site(catalog, out=out)
    return out


def page(site: Path, lang: str) -> HtmlElement:
    return lxml.html.fromstring((site / lang / PAGE).read_bytes())


def said(element: HtmlElement) -> str:
    """The element's text as a reader sees it: each piece of text apart, spaces made one."""
    return " ".join(" ".join(element.itertext()).split())


def test_the_record_is_as_long_as_the_tests_say(record: Procedure) -> None:
    assert len(record.leaf_records()) == 55
    assert record.fees is not None and len(record.fees) == 30
    assert [v.code for v in record.variants] == ["1.000656.01", "1.000656.02"]


# -- Text keeps its paragraphs and lists ------------------------------------------------------


def test_prose_keeps_paragraphs_line_breaks_and_lists_and_escapes_markup() -> None:
    text = Text.of("Một.\n\nHai:\n- a <b>\n* b & c\nDòng sau\n  \n\nBa\ndòng hai")
    assert prose(text, "vi") == Markup(
        "<p>Một.</p><p>Hai:</p><ul><li>a &lt;b&gt;</li><li>b &amp; c</li></ul><p>Dòng sau</p>"
        "<p>Ba<br>dòng hai</p>"
    )
    assert prose(Text.of("Only English", lang="en"), "vi") == Markup('<div lang="en"><p>Only English</p></div>')
    assert prose(None, "vi") == Markup("")


def test_description_conditions_time_note_and_step_text_keep_paragraphs(site: Path) -> None:
    doc = page(site, "vi")
    lead = doc.xpath("//div[contains(@class,'lead')]")[0]
    assert len(lead.xpath("./p")) == 3
    assert [said(li) for li in lead.xpath("./ul/li")] == [
        "chuyển đổi, chuyển nhượng, cho thuê, tặng cho, thừa kế quyền sử dụng đất;",
        "thay đổi thông tin về người được cấp Giấy chứng nhận;",
        "thay đổi hình dạng, kích thước, diện tích, số hiệu, địa chỉ thửa đất.",
    ]
    last = lead.xpath("./p")[2]
    assert "<b>không</b>" in last.text_content()  # spec text is shown, never read as markup
    assert len(last.xpath("./br")) == 1 and not last.xpath(".//b")
    condition = doc.xpath("//section[@id='dieu-kien']//li")[0]
    assert [said(p) for p in condition.xpath(".//p")] == ["Có Giấy chứng nhận theo quy định. Đất không có tranh chấp."]
    assert len(condition.xpath(".//br")) == 1
    time = doc.get_element_by_id("thoi-han")
    assert [said(li) for li in time.xpath(".//div[@class='prose']/ul/li")] == [
        "thời gian các ngày nghỉ, ngày lễ;", "thời gian thực hiện nghĩa vụ tài chính."]
    step = doc.xpath("//ol[@id='steps-list']/li")[0]
    assert [said(li) for li in step.xpath(".//div[contains(@class,'step-text')]/ul/li")] == [
        "hướng dẫn bổ sung một lần bằng Phiếu yêu cầu bổ sung;", "ghi rõ giấy tờ còn thiếu."]


# -- The dossier tree ---------------------------------------------------------------------------


def dossier(doc: HtmlElement) -> list[list[str]]:
    return [[said(td) for td in tr.xpath("./td")] for tr in doc.xpath("//table[@class='dossier']/tbody/tr")]


def test_dossier_shows_groups_one_of_present_only_eforms_forms_codes_and_notes(site: Path) -> None:
    doc = page(site, "vi")
    rows = dossier(doc)
    assert len(rows) == 55 + 3  # every document, and the heading of each of the three groups
    assert rows[0] == ["1", "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất Có biểu mẫu điện tử "
                       "Mã giấy tờ: GT-0001 Ghi đầy đủ thông tin. Ký và ghi rõ họ tên.", "01", "0",
                       "Mẫu số 11/ĐK: Đơn đăng ký biến động"]
    assert rows[2] == ["3", "Giấy tờ nhân thân của người nộp Một trong các giấy tờ sau: Chỉ xuất trình khi không "
                       "khai thác được từ Cơ sở dữ liệu quốc gia về dân cư"]
    assert rows[3] == ["3.1", "Thẻ Căn cước hoặc Căn cước công dân Xuất trình", "01", "0", "—"]
    assert rows[5] == ["3.3", "Giấy xác nhận thông tin về cư trú", "0", "01", "—"]
    assert rows[6] == ["4", "Hợp đồng, văn bản về việc chuyển quyền (Trường hợp chuyển nhượng, tặng cho, thừa kế)"]
    assert rows[10][:2] == ["4.4", "Giấy tờ về ủy quyền Một trong các giấy tờ sau:"]
    assert [r[0] for r in rows[11:13]] == ["4.4.1", "4.4.2"]
    assert rows[-1][0] == "49"
    # A form's file is a link only when it is a web address; "javascript:" is shown as text.
    links = doc.xpath("//table[@class='dossier']//a")
    assert [(a.get("href"), a.get("rel")) for a in links] == [("https://dichvucong.gov.vn/mau-11-dk.docx", "external")]
    assert rows[1][-1] == "Không có mẫu"
    assert "javascript:" not in (site / "vi" / PAGE).read_text(encoding="utf-8")
    assert said(doc.get_element_by_id("ho-so").xpath("./p")[-1]) == "Số lượng hồ sơ: 02 bộ."
    assert said(page(site, "en").get_element_by_id("ho-so").xpath("./p")[-1]) == "Number of dossiers: 2 sets."


def test_one_set_is_said_as_one(record: Procedure, catalog: Catalog) -> None:
    one = dataclasses.replace(record, dossier_sets=1)
    agency = catalog.agency(record.agency)
    assert procedure_page(one, agency, lang="vi", svgs={}, footer="", day=DAY).sets == "Số lượng hồ sơ: 01 bộ."
    assert procedure_page(one, agency, lang="en", svgs={}, footer="", day=DAY).sets == "Number of dossiers: 1 set."


# -- Fees ---------------------------------------------------------------------------------------


def test_thirty_fee_rows_in_a_labelled_table(site: Path) -> None:
    doc = page(site, "vi")
    table = doc.xpath("//section[@id='le-phi']//table[@class='fees']")[0]
    head = [said(th) for th in table.xpath("./thead/tr/th")]
    assert head == ["STT", "Tên phí, lệ phí", "Loại", "Cách nộp", "Áp dụng cho", "Mức thu"]
    rows = [[said(td) for td in tr.xpath("./td")] for tr in table.xpath("./tbody/tr")]
    assert len(rows) == 30
    assert rows[0] == ["1", "Lệ phí cấp Giấy chứng nhận loại 1", "Lệ phí", "trực tiếp",
                       "Hộ gia đình, cá nhân tại khu vực 1", "25.000 đồng"]
    assert rows[1] == ["2", "Lệ phí cấp Giấy chứng nhận loại 2", "Phí", "trực tuyến", "—", "50.000 đồng"]
    assert rows[9] == ["10", "—", "Phí", "trực tiếp", "—",
                       "Mức thu theo Nghị quyết số 9/2025/NQ-HĐND của Hội đồng nhân dân tỉnh"]
    assert "Không thu phí" not in said(doc.get_element_by_id("le-phi"))
    glance = said(doc.xpath("//section[@class='glance']")[0])
    assert "Lệ phí 30 mức thu, xem mục 8" in glance
    en = page(site, "en").xpath("//section[@id='le-phi']//table[@class='fees']")[0]
    assert [said(th) for th in en.xpath("./thead/tr/th")] == ["No.", "Fee", "Kind", "Channel", "Applies to", "Amount"]
    assert said(en.xpath("./tbody/tr")[2]) == "3 Certificate fee, class 3 Price (giá) — Households and individuals in area 2 VND 75,000"


@pytest.mark.parametrize(
    ("fees", "vi_page", "vi_glance", "en_glance"),
    [
        (None, "Chưa có thông tin về phí, lệ phí.", "Chưa có thông tin", "Not stated"),
        ((), "Không thu phí, lệ phí.", "Không thu phí, lệ phí", "No fees or charges"),
        ((Fee(Text.of("Lệ phí"), Decimal(0)),), "Không thu phí, lệ phí.", "Không thu phí, lệ phí", "No fees or charges"),
        ((Fee(text=Text.of("Theo Nghị quyết của HĐND tỉnh")),), "", "Xem mục 8", "See section 8"),
        ((Fee(Text.of("Lệ phí"), Decimal(50000)), Fee(text=Text.of("Theo HĐND tỉnh"))), "", "2 mức thu, xem mục 8",
         "2 rates, see section 8"),
        ((Fee(Text.of("Lệ phí"), Decimal(50000)),), "", "50.000 đồng", "VND 50,000"),
    ],
)
def test_fees_are_free_only_when_the_spec_says_so(record: Procedure, catalog: Catalog, fees: tuple[Fee, ...] | None,
                                                  vi_page: str, vi_glance: str, en_glance: str) -> None:
    procedure = dataclasses.replace(record, fees=fees)
    table = fee_table(procedure.fees, "vi")
    assert table.said == vi_page
    assert (len(table.rows) > 0) == (vi_page == "")
    assert fee_summary(procedure, "vi") == vi_glance
    assert fee_summary(procedure, "en") == en_glance
    public = build_diagram(procedure, catalog.agency(record.agency), lang="vi", view="public")
    submit = next(n for n in public.nodes if n.kind is NodeKind.START)
    free_said = "Phí, lệ phí: không" in submit.lines
    assert free_said == (vi_page == "Không thu phí, lệ phí.")
    if fees is None:
        assert "Phí, lệ phí: chưa có thông tin" in submit.lines


# -- Channels, sub-cases, bodies, time ----------------------------------------------------------


def test_channels_carry_their_own_time_fees_and_note(site: Path) -> None:
    items = [said(li) for li in page(site, "vi").xpath("//section[@id='cach-thuc']/ul[1]/li")]
    assert items == [
        "Nộp trực tiếp tại Bộ phận Một cửa Nộp tại Bộ phận Một cửa xã",
        "Qua dịch vụ bưu chính công ích",
        "Trực tuyến qua Cổng dịch vụ công: thời hạn 9 ngày làm việc Nộp qua Cổng Dịch vụ công quốc gia; nhận kết "
        "quả qua bưu chính Lệ phí khi nộp trực tuyến: 20.000 đồng",
    ]
    addresses = [said(li) for li in page(site, "en").xpath("//ul[@class='addresses']/li")]
    assert addresses == ["Song Lam one-stop desk, 2 Song Lam street", "Land registration office branch, Song Lam area"]


def test_sub_cases_are_sections_with_their_own_terms(site: Path) -> None:
    doc = page(site, "vi")
    assert [a.get("href") for a in doc.xpath("//nav[@class='toc']//a")][-1] == "#truong-hop"
    first = doc.get_element_by_id("truong-hop-cap-moi")
    text = said(first)
    for part in ("11.1. Cấp Giấy chứng nhận mới", "Mã trường hợp: 1.000656.01", "Thời hạn theo quy định: 15 ngày làm việc",
                 "Thời hạn cơ quan cam kết: 12 ngày làm việc", "Kể cả thời gian in Giấy chứng nhận",
                 "Trực tuyến qua Cổng dịch vụ công: thời hạn 12 ngày làm việc"):
        assert part in text, part
    assert [said(li) for li in first.xpath("./h4[starts-with(., 'Thành phần')]/following-sibling::ul[1]/li")] == [
        "1. Đơn đăng ký biến động đất đai, tài sản gắn liền với đất", "2. Bản gốc Giấy chứng nhận đã cấp",
        "3. Giấy tờ nhân thân của người nộp", "5. Bản vẽ sơ đồ tài sản gắn liền với đất"]
    fees = [[said(td) for td in tr.xpath("./td")] for tr in first.xpath(".//table[@class='fees']/tbody/tr")]
    assert fees == [["1", "Lệ phí cấp Giấy chứng nhận mới", "Lệ phí", "100.000 đồng"],
                    ["2", "—", "Phí", "Phí thẩm định hồ sơ theo Nghị quyết của HĐND tỉnh"]]
    second = said(doc.get_element_by_id("truong-hop-xac-nhan"))
    assert "Lệ phí Không thu phí, lệ phí." in second and "Xác nhận nội dung biến động trên Giấy chứng nhận đã cấp" in second
    assert said(doc.xpath("//div[@class='sheet-head']/p/a[@href='#truong-hop']")[0]) == "Thủ tục có 2 trường hợp, xem mục 11."


def test_one_sub_case_is_said_as_one(record: Procedure, catalog: Catalog) -> None:
    agency = catalog.agency(record.agency)
    for variants, en, vi in ((record.variants[:1], "1 sub-case", "1 trường hợp"),
                             (record.variants, "2 sub-cases", "2 trường hợp")):
        procedure = dataclasses.replace(record, variants=variants)
        page_en = procedure_page(procedure, agency, lang="en", svgs={}, footer="", day=DAY)
        page_vi = procedure_page(procedure, agency, lang="vi", svgs={}, footer="", day=DAY)
        assert page_en.variants_note == f"The procedure has {en}, see section 11."
        assert page_vi.variants_note == f"Thủ tục có {vi}, xem mục 11."
        chart = build_diagram(procedure, agency, lang="en", view="public")
        lines = [line for node in chart.nodes for line in node.lines if "see section 11" in line]
        assert lines == [f"{en} with {'its' if len(variants) == 1 else 'their'} own terms: see section 11"]
    doc = lxml.html.fromstring(build_page(dataclasses.replace(record, variants=record.variants[:1]), agency))
    assert said(doc.xpath("//section[@id='truong-hop']/p")[0]) == (
        "The procedure has 1 sub-case; it states below what differs from the general terms.")


def build_page(procedure: Procedure, agency: Agency) -> str:
    from motcua.render.site.html import render_page

    view = procedure_page(procedure, agency, lang="en", svgs={}, footer="", day=DAY)
    return render_page("procedure.html", "en", c=view.chrome, p=view)


def test_without_sub_cases_there_is_no_section_eleven(record: Procedure, catalog: Catalog) -> None:
    plain = dataclasses.replace(record, variants=())
    view = procedure_page(plain, catalog.agency(record.agency), lang="vi", svgs={}, footer="", day=DAY)
    assert [anchor for anchor, _ in view.sections][-1] == "can-cu" and view.variants == () and view.variants_note == ""


def test_applicants_bodies_levels_field_source_and_time(site: Path) -> None:
    doc = page(site, "vi")
    assert [said(li) for li in doc.xpath("//section[@id='doi-tuong']//li")] == [
        "ĐT1 — Công dân Việt Nam", "ĐT4 — Doanh nghiệp", "Tổ chức"]
    bodies = [said(li) for li in doc.xpath("//section[@id='co-quan']//li")]
    assert bodies == [
        "Cơ quan có thẩm quyền quyết định: Ủy ban nhân dân tỉnh Nghệ An (000.00.00.H40)",
        "Đơn vị trực tiếp thực hiện: Văn phòng đăng ký đất đai (000.20.40.H40); Chi nhánh Văn phòng đăng ký đất đai",
        "Cơ quan phối hợp: Cơ quan thuế; Ủy ban nhân dân cấp xã",
        "Cơ quan được ủy quyền, phân cấp: Ủy ban nhân dân xã Sông Lam",
        "Nơi tiếp nhận và trả kết quả: Bộ phận Một cửa",
    ]
    tags = said(doc.xpath("//ul[@class='tags']")[0])
    assert "Lĩnh vực Đất đai" in tags and "Cấp thực hiện Cấp xã, Cấp tỉnh" in tags
    assert said(doc.xpath("//nav[contains(@class,'crumbs')]//li")[1]) == "Đất đai"
    legal = [said(p) for p in doc.get_element_by_id("can-cu").xpath("./p")]
    assert legal == ["Công bố tại Quyết định 2304/QĐ-BTNMT ngày 31/07/2024", "Mã trên Cơ sở dữ liệu quốc gia: 1.000656"]
    time = said(doc.get_element_by_id("thoi-han"))
    for part in ("Thời hạn theo quy định: 10 ngày làm việc", "Trực tuyến qua Cổng dịch vụ công: thời hạn 9 ngày làm việc",
                 "Thêm 10 ngày làm việc: ở các xã miền núi, hải đảo, vùng sâu, vùng xa",
                 "Thời gian không tính vào thời hạn Thời gian thực hiện nghĩa vụ tài chính Thời gian niêm yết công khai"):
        assert part in time, part
    en = said(page(site, "en").get_element_by_id("thoi-han"))
    assert "10 working days more: in mountain, island and remote communes" in en
    # An end returning two results names both.
    steps = said(doc.get_element_by_id("steps-list"))
    assert ("kết thúc — Đã đăng ký biến động; trả Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn "
            "liền với đất; Xác nhận nội dung biến động trên Giấy chứng nhận đã cấp") in steps


def test_index_names_fields_as_the_agency_declares_them(site: Path) -> None:
    index = lxml.html.fromstring((site / "vi" / "index.html").read_bytes())
    assert [said(o) for o in index.xpath("//select[@id='field']/option")] == ["Tất cả", "Đất đai"]
    assert [o.get("value") for o in index.xpath("//select[@id='level']/option")] == ["", "province", "commune"]
    assert index.xpath("//li[@class='procedure']/@data-level") == ["commune province"]
    en = lxml.html.fromstring((site / "en" / "index.html").read_bytes())
    assert [said(o) for o in en.xpath("//select[@id='field']/option")] == ["All", "Land"]


def test_no_stated_time_limit_is_said_so(record: Procedure, catalog: Catalog) -> None:
    agency = catalog.agency(record.agency)
    varies = dataclasses.replace(record, time_limit=None)
    assert procedure_page(varies, agency, lang="vi", svgs={}, footer="", day=DAY).time_limit == "tùy trường hợp, cách nộp"
    none = dataclasses.replace(varies, variants=(), channels=())
    assert procedure_page(none, agency, lang="en", svgs={}, footer="", day=DAY).time_limit == "not stated"
    public = build_diagram(none, agency, lang="vi", view="public")
    folded = next(n for n in public.nodes if n.kind is NodeKind.FOLDED)
    assert "Thời hạn: chưa quy định, xem mục 4" in folded.lines
    assert "Thời hạn giải quyết theo quy định: chưa quy định" in public.caption[1]


# -- The citizen's chart --------------------------------------------------------------------------


#: How a document's line on the chart ends: its counts (a heading of a group has none).
COUNTED = ("bản chính", "bản sao", "xuất trình", "original", "originals", "copy", "copies", "only to show",
           "(nếu có)", "(if any)")


def test_the_citizens_chart_lists_twelve_documents_then_counts_the_rest(record: Procedure, catalog: Catalog) -> None:
    agency = catalog.agency(record.agency)
    for lang, title, more in (("vi", "Chuẩn bị hồ sơ (02 bộ)", "và 43 giấy tờ khác, xem mục 3"),
                              ("en", "Prepare the dossier (2 sets)", "and 43 more items, see section 3")):
        prepare = next(n for n in build_diagram(record, agency, lang=lang, view="public").nodes if n.kind is NodeKind.TASK)
        assert prepare.title == title
        documents = [line for line in prepare.lines[:-1] if line.endswith(COUNTED)]
        assert len(documents) == 12 and len(prepare.lines) == 12 + 3 + 1  # three group headings, the rest
        assert prepare.lines[-1] == more
    lines = next(n for n in build_diagram(record, agency, lang="vi", view="public").nodes if n.kind is NodeKind.TASK).lines
    assert "◦ Thẻ Căn cước hoặc Căn cước công dân: 1 bản chính, xuất trình" in lines
    assert "• Giấy tờ nhân thân của người nộp: một trong các giấy tờ sau" in lines


def test_a_dossier_of_fifty_five_gives_a_chart_of_readable_size(record: Procedure, catalog: Catalog,
                                                                 tmp_path: Path) -> None:
    agency = catalog.agency(record.agency)
    for lang in ("vi", "en"):
        png = render_procedure(record, agency, format="png", lang=lang, view="public")
        (tmp_path / f"public-{lang}.png").write_bytes(png)
        width, height = struct.unpack(">II", png[16:24])
        # Before the cap the 55 documents made one box 13,000 px tall; a posted A4 sheet is 1:1.41.
        assert width <= 1800 and height <= 2300, (width, height)
        svg = render_procedure(record, agency, format="svg", lang=lang, view="public").decode("utf-8")
        sizes = {float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)}
        assert min(sizes) >= 9


def test_swimlanes_and_bpmn_name_every_result_of_an_end(record: Procedure, catalog: Catalog) -> None:
    agency = catalog.agency(record.agency)
    internal = build_diagram(record, agency, lang="vi", view="internal")
    end = next(n for n in internal.nodes if n.ref == "da-cap")
    assert end.lines == (
        "Kết quả: Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "Kết quả: Xác nhận nội dung biến động trên Giấy chứng nhận đã cấp",
    )
    xml = export_bpmn(record, agency=agency, lang="en").decode("utf-8")
    assert "Result: Certificate of land use rights and ownership of attached assets\nResult: The change endorsed" in xml
    none = export_bpmn(dataclasses.replace(record, time_limit=None), agency=agency, lang="en").decode("utf-8")
    assert "Time limit: depends on the sub-case or channel" in none
