"""Words the renderers print around spec text: durations, money and fixed phrases in vi and en.

Diagrams and the catalogue site both speak through this table, so a phrase is translated once.
Unknown languages fall back to Vietnamese, the language of the procedures' legal texts.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from motcua.engine.spec.durations import format_duration as _engine_format_duration
from motcua.engine.spec.model import Duration, EndOutcome

__all__ = [
    "LANGUAGES",
    "format_count",
    "format_duration",
    "format_money",
    "outcome_phrase",
    "phrase",
]

#: Languages the renderers have words for; the first is the fallback.
LANGUAGES: Final = ("vi", "en")

_PHRASES: Final[dict[str, dict[str, str]]] = {
    "vi": {
        "start": "Tổ chức, cá nhân nộp hồ sơ",
        "exit": "Trả kết quả cho tổ chức, cá nhân",
        "consult": "Cho ý kiến",
        "consult.for": "về: {step}",
        "timeout": "sau {time}",
        "result": "Kết quả: {result}",
        "caption.legal": "Thời hạn giải quyết theo quy định: {time}",
        "caption.committed": "Thời gian cam kết: {time}",
        "caption.code": "Mã thủ tục: {code}",
        "caption.version": "Phiên bản {version}",
        "legend": "Chú giải",
        "legend.step": "Bước xử lý (đơn vị, thời gian)",
        "legend.decision": "Quyết định: các nhánh ghi kết quả",
        "legend.parallel": "Lấy ý kiến song song: tách và gộp",
        "describe.consult": "lấy ý kiến",
        "legend.timeout": "Tự chuyển khi hết thời gian",
        "legend.entry": "Nộp hồ sơ và trả kết quả tại một cửa",
        "diagram.internal": "Sơ đồ quy trình nội bộ: {title}",
        "diagram.public": "Sơ đồ hướng dẫn người nộp hồ sơ: {title}",
        "outcome.granted": "Giải quyết, cấp kết quả",
        "outcome.refused": "Từ chối, nêu rõ lý do",
        "outcome.deemed-granted": "Mặc nhiên chấp thuận",
        "outcome.withdrawn": "Rút hồ sơ",
        "outcome.transferred": "Chuyển cơ quan khác",
        "public.applicant": "Tổ chức, cá nhân",
        "public.prepare": "Chuẩn bị hồ sơ (01 bộ)",
        "public.record": "{title}: {count}",
        "public.record.when": "{title}: {count} ({when})",
        "public.original": "{n} bản chính",
        "public.copy": "{n} bản sao",
        "public.form": "theo {form}",
        "public.submit": "Nộp hồ sơ",
        "public.submit.where": "Tại: {unit}, {agency}",
        "public.submit.address": "Địa chỉ: {address}",
        "public.submit.channels": "Cách nộp: {channels}",
        "public.fee": "Phí, lệ phí: {fees}",
        "public.fee.none": "Phí, lệ phí: không",
        "public.complete": "Hồ sơ đủ?",
        "public.yes": "đủ",
        "public.no": "chưa đủ",
        "public.supplement": "Bổ sung hồ sơ theo hướng dẫn",
        "public.supplement.once": "Cơ quan hướng dẫn một lần, đầy đủ, bằng văn bản (Mẫu 02)",
        "public.supplement.pause": "thời hạn tạm dừng đến khi bổ sung xong",
        "public.asked": "yêu cầu bổ sung",
        "public.slip": "Nhận giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)",
        "public.process": "{agency} giải quyết hồ sơ",
        "public.process.steps": "{steps} bước nội bộ; {units} đơn vị tham gia",
        "public.process.time": "Tối đa {time} kể từ khi nhận đủ hồ sơ",
        "public.process.committed": "Cam kết: {time}",
        "public.come-back": "Quay lại nhận kết quả vào ngày hẹn",
        "public.come-back.where": "Tại: {unit}",
        "public.come-back.slip": "Ngày hẹn ghi trên giấy tiếp nhận",
        "public.granted": "Nhận {result}",
        "public.refused": "Nhận văn bản từ chối nêu rõ lý do",
        "public.deemed": "Mặc nhiên được chấp thuận",
        "public.deemed.after": "khi cơ quan không trả lời sau {time}",
        "public.transferred": "Hồ sơ được chuyển đến cơ quan có thẩm quyền",
        "public.late": "Nếu trễ hẹn: cơ quan gửi thư xin lỗi và hẹn lại (Mẫu 04)",
        "channel.in-person": "trực tiếp",
        "channel.post": "qua bưu chính",
        "channel.online": "trực tuyến",
    },
    "en": {
        "start": "Applicant submits the dossier",
        "exit": "Result returned to the applicant",
        "consult": "Give an opinion",
        "consult.for": "on: {step}",
        "timeout": "after {time}",
        "result": "Result: {result}",
        "caption.legal": "Legal time limit: {time}",
        "caption.committed": "Committed time: {time}",
        "caption.code": "Procedure code: {code}",
        "caption.version": "Version {version}",
        "legend": "Legend",
        "legend.step": "Processing step (unit, time)",
        "legend.decision": "Decision: branches name the outcome",
        "legend.parallel": "Parallel consultation: fork and join",
        "describe.consult": "consults",
        "legend.timeout": "Moves on by itself when time runs out",
        "legend.entry": "Dossier in and result out at the one-stop desk",
        "diagram.internal": "Internal process chart: {title}",
        "diagram.public": "Guide for applicants: {title}",
        "outcome.granted": "Granted",
        "outcome.refused": "Refused with reasons",
        "outcome.deemed-granted": "Deemed granted",
        "outcome.withdrawn": "Withdrawn",
        "outcome.transferred": "Transferred to another agency",
        "public.applicant": "Applicant",
        "public.prepare": "Prepare the dossier (1 set)",
        "public.record": "{title}: {count}",
        "public.record.when": "{title}: {count} ({when})",
        "public.original": "{n} original",
        "public.originals": "{n} originals",
        "public.copy": "{n} copy",
        "public.copies": "{n} copies",
        "public.form": "on {form}",
        "public.submit": "Submit the dossier",
        "public.submit.where": "At: {unit}, {agency}",
        "public.submit.address": "Address: {address}",
        "public.submit.channels": "How: {channels}",
        "public.fee": "Fees: {fees}",
        "public.fee.none": "Fees: none",
        "public.complete": "Complete?",
        "public.yes": "yes",
        "public.no": "no",
        "public.supplement": "Supplement the dossier as guided",
        "public.supplement.once": "The agency lists everything missing once, in writing (Form 02)",
        "public.supplement.pause": "the time limit pauses until you supplement",
        "public.asked": "asked to supplement",
        "public.slip": "Receive the receipt and appointment slip (Form 01)",
        "public.process": "{agency} processes the dossier",
        "public.process.steps": "{steps} internal steps; {units} units involved",
        "public.process.time": "At most {time} from receipt of a complete dossier",
        "public.process.committed": "Committed: {time}",
        "public.come-back": "Come back for the result on the appointment date",
        "public.come-back.where": "At: {unit}",
        "public.come-back.slip": "The date is on your receipt slip",
        "public.granted": "Receive {result}",
        "public.refused": "Receive a written refusal with reasons",
        "public.deemed": "Deemed granted",
        "public.deemed.after": "when the agency has not answered after {time}",
        "public.transferred": "The dossier is transferred to the competent agency",
        "public.late": "If late: the agency apologises and sets a new date (Form 04)",
        "channel.in-person": "in person",
        "channel.post": "by post",
        "channel.online": "online",
    },
}


def _lang(lang: str) -> str:
    return lang if lang in _PHRASES else LANGUAGES[0]


def phrase(key: str, *, lang: str, **values: str) -> str:
    """The fixed phrase ``key`` in ``lang``, with ``{name}`` slots filled from ``values``.

    Slot values are inserted as they are (``str.format`` does not re-read them), so spec text
    containing braces is safe here.
    """
    table = _PHRASES[_lang(lang)]
    template = table.get(key)
    if template is None:
        template = _PHRASES[LANGUAGES[0]][key]
    return template.format(**values) if values else template


def format_duration(duration: Duration, *, lang: str) -> str:
    """``15 ngày làm việc`` / ``15 working days`` (the engine's wording, in a language we have)."""
    return _engine_format_duration(duration, lang="en" if _lang(lang) == "en" else "vi")


def format_money(amount: Decimal, *, currency: str = "VND", lang: str) -> str:
    """``50.000 đồng`` in Vietnamese (dot groups thousands), ``VND 50,000`` in English."""
    whole = amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount
    text = f"{whole:,}"
    if _lang(lang) == "vi":
        # Vietnamese swaps the separators: 1.234.567,5
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return f"{text} đồng" if currency == "VND" else f"{text} {currency}"
    return f"{currency} {text}"


def format_count(n: int, key: str, *, lang: str) -> str:
    """``2 bản chính`` / ``2 originals``: a count of documents (key ``original`` or ``copy``)."""
    plural_key = f"public.{key}s" if key == "original" else "public.copies"
    if _lang(lang) == "en" and n != 1:
        return phrase(plural_key, lang=lang, n=str(n))
    return phrase(f"public.{key}", lang=lang, n=str(n))


def outcome_phrase(outcome: EndOutcome, *, lang: str) -> str:
    """How an end's outcome is named in a legend or a tooltip."""
    return phrase(f"outcome.{outcome.value}", lang=lang)
