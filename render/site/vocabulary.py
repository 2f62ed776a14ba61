"""The words of the catalogue site in Vietnamese and English, and how numbers, durations and dates read.

Headings follow the official procedure sheet (Decree 63/2010/NĐ-CP Art. 8; the 2013 Nghệ An
posting); the page builder looks every label up here so that both languages stay in step.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final, Literal

from motcua.engine.spec.model import ApplicantKind, Channel, Duration, EndOutcome, Level
from motcua.render import wording

__all__ = [
    "LANGUAGES",
    "Lang",
    "applicant_word",
    "channel_word",
    "field_title",
    "format_amount",
    "format_count",
    "format_date",
    "format_duration",
    "level_word",
    "outcome_word",
    "word",
]

Lang = Literal["vi", "en"]
LANGUAGES: Final[tuple[Lang, ...]] = ("vi", "en")

_UI: Final[dict[str, tuple[str, str]]] = {
    # key: (vi, en)
    "site_title": ("Danh mục thủ tục hành chính", "Catalogue of administrative procedures"),
    "skip": ("Bỏ qua, đến nội dung chính", "Skip to main content"),
    "language_name": ("Tiếng Việt", "English"),
    "switch_label": ("Ngôn ngữ", "Language"),
    "home": ("Danh mục thủ tục", "Procedure catalogue"),
    "breadcrumb": ("Vị trí trang", "Breadcrumb"),
    "search_label": ("Tìm theo tên hoặc mã thủ tục", "Search by name or code"),
    "search_hint": (
        "Có thể gõ có dấu hoặc không dấu, ví dụ: thuong binh",
        "Vietnamese may be typed with or without diacritics, e.g. thuong binh",
    ),
    "filter_title": ("Tìm kiếm và lọc thủ tục", "Search and filter procedures"),
    "agency": ("Cơ quan", "Agency"),
    "field": ("Lĩnh vực", "Field"),
    "level": ("Cấp thực hiện", "Level"),
    "all": ("Tất cả", "All"),
    "apply": ("Lọc", "Filter"),
    "reset": ("Xoá bộ lọc", "Clear filters"),
    "shown": ("Đang hiển thị {shown} trên {total} thủ tục", "Showing {shown} of {total} procedures"),
    "total": ("Tổng số: {total} thủ tục", "{total} procedures in total"),
    "none_found": (
        "Không tìm thấy thủ tục phù hợp. Hãy thử từ khoá ngắn hơn hoặc xoá bộ lọc.",
        "No procedure matches. Try a shorter word or clear the filters.",
    ),
    "code": ("Mã thủ tục", "Procedure code"),
    "no_code": ("chưa có mã", "no code"),
    "version": ("Phiên bản", "Version"),
    "valid_from": ("Hiệu lực từ", "In force from"),
    "valid_to": ("đến", "until"),
    "time_short": ("Thời hạn", "Time limit"),
    "committed_short": ("Cam kết", "Committed"),
    "fee_short": ("Lệ phí", "Fees"),
    "where_short": ("Nơi nộp hồ sơ", "Where to submit"),
    "summary": ("Tóm tắt", "At a glance"),
    "contents": ("Nội dung", "Contents"),
    # The ten headings of the posted sheet, in the official order.
    "h_steps": ("Trình tự thực hiện", "Steps"),
    "h_channels": ("Cách thức thực hiện", "How to submit"),
    "h_dossier": ("Thành phần, số lượng hồ sơ", "Dossier: documents and number of copies"),
    "h_time": ("Thời hạn giải quyết", "Time limit"),
    "h_applicants": ("Đối tượng thực hiện", "Who may apply"),
    "h_agency": ("Cơ quan thực hiện", "Agencies"),
    "h_result": ("Kết quả thực hiện", "Result"),
    "h_fees": ("Lệ phí", "Fees"),
    "h_conditions": ("Yêu cầu, điều kiện", "Requirements and conditions"),
    "h_legal": ("Căn cứ pháp lý", "Legal basis"),
    "step_n": ("Bước {n}", "Step {n}"),
    "submit_step": (
        "Nộp hồ sơ tại {unit}.",
        "Submit the dossier at the {unit}.",
    ),
    "receive_step": (
        "Nhận kết quả tại {unit} theo ngày hẹn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
        "Collect the result at the {unit} on the date given on the receipt and appointment slip.",
    ),
    "done_by": ("Thực hiện", "By"),
    "within": ("Thời gian", "Time"),
    "consults": ("Lấy ý kiến", "Consults"),
    "if_outcome": ("Trường hợp “{outcome}”: {target}", "When “{outcome}”: {target}"),
    "then_next": ("Sau đó: {target}", "Then: {target}"),
    "on_timeout": (
        "Nếu sau {time} không có ý kiến: {target}",
        "If nothing is heard within {time}: {target}",
    ),
    "go_to_step": ("chuyển sang bước {n}", "go to step {n}"),
    "to_end": ("kết thúc — {end}", "end — {end}"),
    "to_end_result": ("kết thúc — {end}; trả {result}", "end — {end}; returns {result}"),
    "hours": ("Thời gian tiếp nhận và trả kết quả", "Office hours for submission and collection"),
    "hours_text": (
        "Trong giờ hành chính các ngày làm việc: {blocks}.",
        "Working days, during office hours: {blocks}.",
    ),
    "address": ("Địa chỉ", "Address"),
    "phone": ("Điện thoại", "Phone"),
    "doc_name": ("Tên giấy tờ", "Document"),
    "originals": ("Bản chính", "Originals"),
    "copies": ("Bản sao", "Copies"),
    "form": ("Mẫu đơn, tờ khai", "Form"),
    "row_no": ("STT", "No."),
    "when": ("Trường hợp", "When"),
    "sets": ("Số lượng hồ sơ: 01 bộ.", "Number of dossiers: 1 set."),
    "legal_time": ("Thời hạn theo quy định", "Legal time limit"),
    "legal_time_note": (
        "kể từ ngày nhận đủ hồ sơ hợp lệ",
        "from receipt of a complete and valid dossier",
    ),
    "committed_time": ("Thời hạn cơ quan cam kết", "Time the agency commits to"),
    "competent": ("Cơ quan có thẩm quyền quyết định", "Competent authority"),
    "executing": ("Đơn vị trực tiếp thực hiện", "Units that handle the dossier"),
    "coordinating": ("Cơ quan phối hợp", "Coordinating bodies"),
    "receiving": ("Nơi tiếp nhận và trả kết quả", "Where dossiers are received and results returned"),
    "free": ("Không thu phí, lệ phí.", "No fees or charges."),
    "no_conditions": ("Không có.", "None."),
    "no_legal": ("Chưa cập nhật.", "Not yet recorded."),
    "diagrams": ("Sơ đồ quy trình", "Process diagrams"),
    "public_view": ("Sơ đồ dành cho người dân", "Diagram for applicants"),
    "public_view_note": (
        "Cần chuẩn bị gì, nộp ở đâu, lệ phí, các kết quả có thể và khi nào quay lại nhận kết quả.",
        "What to bring, where to submit, the fee, what may happen and when to come back.",
    ),
    "internal_view": ("Quy trình nội bộ theo đơn vị xử lý", "Internal process by handling unit"),
    "internal_view_note": (
        "Mỗi làn là một đơn vị; mỗi bước ghi thời gian được giao.",
        "One lane per unit; each step shows the time it is given.",
    ),
    "text_alternative": (
        "Nội dung sơ đồ được trình bày bằng lời ở mục 1 (Trình tự thực hiện).",
        "The diagram is described in words in section 1 (Steps).",
    ),
    "diagram_desc": (
        "{title}. {steps} bước xử lý; thời hạn giải quyết {time}.",
        "{title}. {steps} handling steps; time limit {time}.",
    ),
    "print": ("In để niêm yết", "Print for posting"),
    "posted_at": (
        "Niêm yết công khai tại {unit}",
        "Posted publicly at the {unit}",
    ),
    "footer": (
        "Thông tin thủ tục được công bố từ đặc tả thủ tục của cơ quan.",
        "Procedure information published from the agency's procedure specifications.",
    ),
    "footer_on": (
        "Thông tin thủ tục được công bố từ đặc tả thủ tục của cơ quan, theo phiên bản có hiệu lực ngày {date}.",
        "Procedure information published from the agency's procedure specifications, as in force on {date}.",
    ),
    "expired": (
        "Phiên bản này đã hết hiệu lực sau ngày {date}; nội dung được giữ lại để tra cứu.",
        "This version ceased to be in force after {date}; it is kept for reference.",
    ),
    "not_yet": (
        "Phiên bản này có hiệu lực từ ngày {date}.",
        "This version comes into force on {date}.",
    ),
    "expired_badge": ("Hết hiệu lực", "No longer in force"),
    "not_yet_badge": ("Chưa có hiệu lực", "Not yet in force"),
    "other_field": ("Lĩnh vực khác", "Other fields"),
    "no_js": (
        "Danh sách dưới đây liệt kê toàn bộ thủ tục.",
        "The list below shows every procedure.",
    ),
    "choose_language": ("Chọn ngôn ngữ", "Choose a language"),
    "redirect": ("Đang chuyển đến danh mục thủ tục…", "Opening the procedure catalogue…"),
}

_LEVELS: Final[dict[Level, tuple[str, str]]] = {
    Level.MINISTRY: ("Cấp bộ", "Ministry level"),
    Level.PROVINCE: ("Cấp tỉnh", "Province level"),
    Level.DISTRICT: ("Cấp huyện", "District level"),
    Level.COMMUNE: ("Cấp xã", "Commune level"),
}

_CHANNELS: Final[dict[Channel, tuple[str, str]]] = {
    Channel.IN_PERSON: ("Nộp trực tiếp tại {unit}", "In person at the {unit}"),
    Channel.POST: ("Qua dịch vụ bưu chính công ích", "By post"),
    Channel.ONLINE: ("Trực tuyến qua Cổng dịch vụ công", "Online, through the public service portal"),
}

_APPLICANTS: Final[dict[ApplicantKind, tuple[str, str]]] = {
    ApplicantKind.INDIVIDUAL: ("Cá nhân", "Individuals"),
    ApplicantKind.ORGANISATION: ("Tổ chức", "Organisations"),
    ApplicantKind.ENTERPRISE: ("Doanh nghiệp", "Enterprises"),
}

_OUTCOMES: Final[dict[EndOutcome, tuple[str, str]]] = {
    EndOutcome.GRANTED: ("giải quyết xong, trả kết quả", "granted; the result is returned"),
    EndOutcome.REFUSED: ("từ chối, có văn bản nêu rõ lý do", "refused, with written reasons"),
    EndOutcome.DEEMED_GRANTED: ("mặc nhiên có hiệu lực", "takes effect without a reply"),
    EndOutcome.WITHDRAWN: ("người nộp rút hồ sơ", "withdrawn by the applicant"),
    EndOutcome.TRANSFERRED: ("chuyển cơ quan có thẩm quyền", "transferred to the competent body"),
}

# Fields (lĩnh vực) as the national procedure database names them. A spec gives the field as a
# slug; the agency file has no titles for it yet, so the common ones are named here.
_FIELDS: Final[dict[str, tuple[str, str]]] = {
    "nguoi-co-cong": ("Người có công", "Meritorious people"),
    "bao-tro-xa-hoi": ("Bảo trợ xã hội", "Social protection"),
    "giao-duc-nghe-nghiep": ("Giáo dục nghề nghiệp", "Vocational education"),
    "day-nghe": ("Dạy nghề", "Vocational training"),
    "lao-dong": ("Lao động", "Labour"),
    "lao-dong-tien-luong": ("Lao động, tiền lương", "Labour and wages"),
    "quan-he-lao-dong": ("Quan hệ lao động", "Labour relations"),
    "viec-lam": ("Việc làm", "Employment"),
    "an-toan-lao-dong": ("An toàn, vệ sinh lao động", "Occupational safety and health"),
    "an-toan-ve-sinh-lao-dong": ("An toàn, vệ sinh lao động", "Occupational safety and health"),
    "bao-hiem-xa-hoi": ("Bảo hiểm xã hội", "Social insurance"),
    "bao-hiem-that-nghiep": ("Bảo hiểm thất nghiệp", "Unemployment insurance"),
    "tre-em": ("Trẻ em", "Children"),
    "bao-ve-cham-soc-tre-em": ("Bảo vệ, chăm sóc trẻ em", "Child protection and care"),
    "phong-chong-te-nan-xa-hoi": ("Phòng, chống tệ nạn xã hội", "Prevention of social evils"),
    "binh-dang-gioi": ("Bình đẳng giới", "Gender equality"),
    "giam-ngheo": ("Giảm nghèo", "Poverty reduction"),
    "quan-ly-lao-dong-ngoai-nuoc": ("Quản lý lao động ngoài nước", "Overseas labour"),
    "lao-dong-ngoai-nuoc": ("Lao động ngoài nước", "Overseas labour"),
}

_MONTHS_EN: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "vi" else pair[1]


def word(key: str, lang: Lang, **values: object) -> str:
    """The interface text ``key`` in ``lang``, with ``{name}`` places filled from ``values``."""
    text = _pick(_UI[key], lang)
    return text.format(**values) if values else text


def level_word(level: Level, lang: Lang) -> str:
    return _pick(_LEVELS[level], lang)


def channel_word(channel: Channel, lang: Lang, *, unit: str) -> str:
    return _pick(_CHANNELS[channel], lang).format(unit=unit)


def applicant_word(kind: ApplicantKind, lang: Lang) -> str:
    return _pick(_APPLICANTS[kind], lang)


def outcome_word(outcome: EndOutcome, lang: Lang) -> str:
    return _pick(_OUTCOMES[outcome], lang)


def field_title(slug: str, lang: Lang) -> str:
    """The name of a field; an unknown slug reads as its words, which is all it carries."""
    known = _FIELDS.get(slug)
    if known is not None:
        return _pick(known, lang)
    words = slug.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def format_duration(duration: Duration, lang: Lang) -> str:
    """``15 ngày làm việc`` / ``15 working days``, whatever language the spec wrote it in.

    The diagrams print durations through the same wording, so page and chart agree.
    """
    return wording.format_duration(duration, lang=lang)


def format_amount(amount: Decimal, currency: str, lang: Lang) -> str:
    """``50.000 đồng`` in Vietnamese (dot groups thousands), ``VND 50,000`` in English."""
    return wording.format_money(amount, currency=currency, lang=lang)


def format_count(count: int) -> str:
    """Official sheets write counts with two digits: ``01``, ``02``; nought stays a plain ``0``."""
    return f"{count:02d}" if count > 0 else "0"


def format_date(day: dt.date, lang: Lang) -> str:
    if lang == "vi":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
