"""Every word motcua prints around spec text, in Vietnamese and English: one entry per word or phrase.

The forms (``engine.form_text``), the charts (``render.wording``), the catalogue site and its
templates (``render.site``) and the BPMN export (``render.bpmn_graph``) all look their words up
here, so a phrase is translated once and both languages stay in step. ``word`` fails loudly: an
unknown key or language is a ``KeyError``, and ``tests/render/test_vocabulary.py`` checks that
every key the code says is here, and that every entry here is said somewhere.
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["LANGUAGES", "VOCABULARY", "Lang", "language", "word"]

Lang = Literal["vi", "en"]
#: The languages of the interface; Vietnamese, the language of the procedures' legal texts, first.
LANGUAGES: Final[tuple[Lang, ...]] = ("vi", "en")

#: key: (Vietnamese, English). A key starts with where the word is said: ``form.`` the forms,
#: ``chart.`` the charts (and the site's legend and captions of them), ``site.`` the catalogue
#: site, ``bpmn.`` the BPMN export, ``money.`` amounts anywhere. ``{name}`` is a place ``word``
#: fills; a key ending in an enum value (``chart.outcome.granted``) has one entry per value.
VOCABULARY: Final[dict[str, tuple[str, str]]] = {
    # -- Forms 01, 05 and 06 as text (Circular 01/2018/TT-VPCP) -------------------------------
    "form.when": ("{t:%H:%M} ngày {t:%d/%m/%Y}", "{t:%Y-%m-%d %H:%M}"),
    "form.receipt": ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "RECEIPT AND APPOINTMENT SLIP"),
    "form.dossier_code": ("Mã hồ sơ", "Dossier code"),
    "form.received_from": ("Tiếp nhận hồ sơ của", "Received from"),
    "form.request": ("Nội dung yêu cầu giải quyết", "Request"),
    "form.records": ("Thành phần hồ sơ", "Records"),
    "form.counts": (
        "{originals} bản chính, {copies} bản sao",
        "{originals} original(s), {copies} copy/copies",
    ),
    "form.sets": ("Số lượng hồ sơ: 01 bộ", "Sets: 01 set"),
    "form.time_limit": ("Thời gian giải quyết hồ sơ theo quy định", "Legal time limit"),
    "form.received_at": ("Thời gian nhận hồ sơ", "Received at"),
    "form.result_due": ("Thời gian trả kết quả giải quyết hồ sơ", "Result due"),
    "form.received_by": ("Người tiếp nhận hồ sơ", "Received by"),
    "form.control_sheet": ("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "PROCESSING CONTROL SHEET"),
    "form.sheet_received": ("Nhận", "Received"),
    "form.sheet_due": ("Hẹn trả", "Due"),
    "form.no_hand_off": ("(chưa có lần giao nhận nào)", "(no hand-off yet)"),
    "form.given_by": ("giao", "by"),
    "form.step_due": ("hạn", "due"),
    "form.status.early": ("Trước hạn", "early"),
    "form.status.on-time": ("Đúng hạn", "on time"),
    "form.status.late": ("Quá hạn", "late"),
    "form.tracking_log": ("SỔ THEO DÕI HỒ SƠ", "TRACKING LOG"),
    "form.log_due": ("hẹn", "due"),
    "form.voids": ("hủy #{seq}", "voids #{seq}"),
    "form.voided": (
        "ĐÃ HỦY bởi đính chính #{seq} ({who}): “{reason}”",
        "VOIDED by correction #{seq} ({who}): “{reason}”",
    ),
    # -- Money, on the charts and the site ------------------------------------------------------
    "money.vnd": ("{amount} đồng", "VND {amount}"),
    "money.other": ("{amount} {currency}", "{currency} {amount}"),
    # -- The charts: staff swimlanes (render.swimlanes) and the citizen's guide (render.public_view)
    "chart.start": ("Tổ chức, cá nhân nộp hồ sơ", "Applicant submits the dossier"),
    "chart.exit": ("Trả kết quả cho tổ chức, cá nhân", "Result returned to the applicant"),
    "chart.consult": ("Cho ý kiến", "Give an opinion"),
    "chart.consult.for": ("về: {step}", "on: {step}"),
    "chart.timeout": ("sau {time}", "after {time}"),
    "chart.result": ("Kết quả: {result}", "Result: {result}"),
    "chart.caption.legal": ("Thời hạn giải quyết theo quy định: {time}", "Legal time limit: {time}"),
    "chart.caption.committed": ("Thời gian cam kết: {time}", "Committed time: {time}"),
    "chart.caption.code": ("Mã thủ tục: {code}", "Procedure code: {code}"),
    "chart.caption.version": ("Phiên bản {version}", "Version {version}"),
    "chart.legend": ("Chú giải", "Legend"),
    "chart.legend.step": ("Bước xử lý (đơn vị, thời gian)", "Processing step (unit, time)"),
    "chart.legend.decision": ("Quyết định: các nhánh ghi kết quả", "Decision: branches name the outcome"),
    "chart.legend.parallel": ("Lấy ý kiến song song: tách và gộp", "Parallel consultation: fork and join"),
    "chart.legend.timeout": ("Tự chuyển khi hết thời gian", "Moves on by itself when time runs out"),
    "chart.legend.entry": (
        "Nộp hồ sơ và trả kết quả tại một cửa",
        "Dossier in and result out at the one-stop desk",
    ),
    "chart.describe.consult": ("lấy ý kiến", "consults"),
    "chart.diagram.internal": ("Sơ đồ quy trình nội bộ: {title}", "Internal process chart: {title}"),
    "chart.diagram.public": ("Sơ đồ hướng dẫn người nộp hồ sơ: {title}", "Guide for applicants: {title}"),
    "chart.outcome.granted": ("Giải quyết, cấp kết quả", "Granted"),
    "chart.outcome.refused": ("Từ chối, nêu rõ lý do", "Refused with reasons"),
    "chart.outcome.deemed-granted": ("Mặc nhiên chấp thuận", "Deemed granted"),
    "chart.outcome.withdrawn": ("Rút hồ sơ", "Withdrawn"),
    "chart.outcome.transferred": ("Chuyển cơ quan khác", "Transferred to another agency"),
    "chart.public.applicant": ("Tổ chức, cá nhân", "Applicant"),
    "chart.public.prepare": ("Chuẩn bị hồ sơ ({n} bộ)", "Prepare the dossier ({n} set)"),
    "chart.public.prepare.sets": ("Chuẩn bị hồ sơ ({n} bộ)", "Prepare the dossier ({n} sets)"),
    "chart.public.one-of": ("{title}: một trong các giấy tờ sau", "{title}: one of the following"),
    "chart.public.present": ("xuất trình", "only to show"),
    "chart.public.more": ("và {n} giấy tờ khác, xem mục 3", "and {n} more items, see section 3"),
    "chart.public.more.one": ("và 1 giấy tờ khác, xem mục 3", "and 1 more item, see section 3"),
    "chart.public.fee.not-stated": ("Phí, lệ phí: chưa có thông tin", "Fees: not stated"),
    "chart.public.fee.see": ("Phí, lệ phí: xem mục 8", "Fees: see section 8"),
    "chart.public.variants": (
        "{n} trường hợp, thời hạn riêng: xem mục 11",
        "{n} sub-cases with their own terms: see section 11",
    ),
    "chart.public.record": ("{title}: {count}", "{title}: {count}"),
    "chart.public.record.when": ("{title}: {count} ({when})", "{title}: {count} ({when})"),
    "chart.public.original": ("{n} bản chính", "{n} original"),
    "chart.public.originals": ("{n} bản chính", "{n} originals"),
    "chart.public.copy": ("{n} bản sao", "{n} copy"),
    "chart.public.copies": ("{n} bản sao", "{n} copies"),
    "chart.public.form": ("theo {form}", "on {form}"),
    "chart.public.submit": ("Nộp hồ sơ", "Submit the dossier"),
    "chart.public.submit.where": ("Tại: {unit}, {agency}", "At: {unit}, {agency}"),
    "chart.public.submit.address": ("Địa chỉ: {address}", "Address: {address}"),
    "chart.public.submit.channels": ("Cách nộp: {channels}", "How: {channels}"),
    "chart.public.fee": ("Phí, lệ phí: {fees}", "Fees: {fees}"),
    "chart.public.fee.none": ("Phí, lệ phí: không", "Fees: none"),
    "chart.public.complete": ("Hồ sơ đủ?", "Complete?"),
    "chart.public.yes": ("đủ", "yes"),
    "chart.public.no": ("chưa đủ", "no"),
    "chart.public.supplement": ("Bổ sung hồ sơ theo hướng dẫn", "Supplement the dossier as guided"),
    "chart.public.supplement.once": (
        "Cơ quan hướng dẫn một lần, đầy đủ, bằng văn bản (Mẫu 02)",
        "The agency lists everything missing once, in writing (Form 02)",
    ),
    "chart.public.supplement.pause": (
        "thời hạn tạm dừng đến khi bổ sung xong",
        "the time limit pauses until you supplement",
    ),
    "chart.public.asked": ("yêu cầu bổ sung", "asked to supplement"),
    "chart.public.slip": (
        "Nhận giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)",
        "Receive the receipt and appointment slip (Form 01)",
    ),
    "chart.public.process": ("{agency} giải quyết hồ sơ", "{agency} processes the dossier"),
    "chart.public.process.steps": (
        "{steps} bước nội bộ; {units} đơn vị tham gia",
        "{steps} internal steps; {units} units involved",
    ),
    "chart.public.process.time": (
        "Tối đa {time} kể từ khi nhận đủ hồ sơ",
        "At most {time} from receipt of a complete dossier",
    ),
    "chart.public.process.committed": ("Cam kết: {time}", "Committed: {time}"),
    "chart.public.process.varies": (
        "Thời hạn tùy trường hợp, cách nộp: xem mục 4",
        "The time limit depends on the sub-case or channel: see section 4",
    ),
    "chart.public.process.not-stated": ("Thời hạn: chưa quy định, xem mục 4", "Time limit: not stated, see section 4"),
    "chart.public.process.channel": ("Nộp {channel}: tối đa {time}", "{channel}: at most {time}"),
    "chart.public.come-back": (
        "Quay lại nhận kết quả vào ngày hẹn",
        "Come back for the result on the appointment date",
    ),
    "chart.public.come-back.where": ("Tại: {unit}", "At: {unit}"),
    "chart.public.come-back.slip": ("Ngày hẹn ghi trên giấy tiếp nhận", "The date is on your receipt slip"),
    "chart.public.granted": ("Nhận {result}", "Receive {result}"),
    "chart.public.refused": ("Nhận văn bản từ chối nêu rõ lý do", "Receive a written refusal with reasons"),
    "chart.public.deemed": ("Mặc nhiên được chấp thuận", "Deemed granted"),
    "chart.public.deemed.after": (
        "khi cơ quan không trả lời sau {time}",
        "when the agency has not answered after {time}",
    ),
    "chart.public.transferred": (
        "Hồ sơ được chuyển đến cơ quan có thẩm quyền",
        "The dossier is transferred to the competent agency",
    ),
    "chart.public.late": (
        "Nếu trễ hẹn: cơ quan gửi thư xin lỗi và hẹn lại (Mẫu 04)",
        "If late: the agency apologises and sets a new date (Form 04)",
    ),
    "chart.channel.in-person": ("trực tiếp", "in person"),
    "chart.channel.post": ("qua bưu chính", "by post"),
    "chart.channel.online": ("trực tuyến", "online"),
    "chart.time.varies": ("tùy trường hợp, cách nộp", "depends on the sub-case or channel"),
    "chart.time.not-stated": ("chưa quy định", "not stated"),
    "chart.extension": ("Cộng thêm {add}: {when}", "Plus {add}: {when}"),
    "chart.clock-stop": ("Không tính vào thời hạn: {title}", "Not counted: {title}"),
    # -- The catalogue site: pages (render.site) and templates (``w("site....")``) ---------------
    "site.site_title": ("Danh mục thủ tục hành chính", "Catalogue of administrative procedures"),
    "site.skip": ("Bỏ qua, đến nội dung chính", "Skip to main content"),
    "site.language_name": ("Tiếng Việt", "English"),
    "site.switch_label": ("Ngôn ngữ", "Language"),
    "site.home": ("Danh mục thủ tục", "Procedure catalogue"),
    "site.breadcrumb": ("Vị trí trang", "Breadcrumb"),
    "site.search_label": ("Tìm theo tên hoặc mã thủ tục", "Search by name or code"),
    "site.search_hint": (
        "Có thể gõ có dấu hoặc không dấu, ví dụ: thuong binh",
        "Vietnamese may be typed with or without diacritics, e.g. thuong binh",
    ),
    "site.filter_title": ("Tìm kiếm và lọc thủ tục", "Search and filter procedures"),
    "site.agency": ("Cơ quan", "Agency"),
    "site.field": ("Lĩnh vực", "Field"),
    "site.level": ("Cấp thực hiện", "Level"),
    "site.all": ("Tất cả", "All"),
    "site.reset": ("Xoá bộ lọc", "Clear filters"),
    "site.shown": ("Đang hiển thị {shown} trên {total} thủ tục", "Showing {shown} of {total} procedures"),
    "site.total": ("Tổng số: {total} thủ tục", "{total} procedures in total"),
    "site.none_found": (
        "Không tìm thấy thủ tục phù hợp. Hãy thử từ khoá ngắn hơn hoặc xoá bộ lọc.",
        "No procedure matches. Try a shorter word or clear the filters.",
    ),
    "site.code": ("Mã thủ tục", "Procedure code"),
    "site.version": ("Phiên bản", "Version"),
    "site.valid_from": ("Hiệu lực từ", "In force from"),
    "site.valid_to": ("đến", "until"),
    "site.time_short": ("Thời hạn", "Time limit"),
    "site.committed_short": ("Cam kết", "Committed"),
    "site.fee_short": ("Lệ phí", "Fees"),
    "site.where_short": ("Nơi nộp hồ sơ", "Where to submit"),
    "site.summary": ("Tóm tắt", "At a glance"),
    "site.contents": ("Nội dung", "Contents"),
    # The ten headings of the posted sheet, in the official order (Decree 63/2010/NĐ-CP Art. 8).
    "site.h_steps": ("Trình tự thực hiện", "Steps"),
    "site.h_channels": ("Cách thức thực hiện", "How to submit"),
    "site.h_dossier": ("Thành phần, số lượng hồ sơ", "Dossier: documents and number of copies"),
    "site.h_time": ("Thời hạn giải quyết", "Time limit"),
    "site.h_applicants": ("Đối tượng thực hiện", "Who may apply"),
    "site.h_agency": ("Cơ quan thực hiện", "Agencies"),
    "site.h_result": ("Kết quả thực hiện", "Result"),
    "site.h_fees": ("Lệ phí", "Fees"),
    "site.h_conditions": ("Yêu cầu, điều kiện", "Requirements and conditions"),
    "site.h_legal": ("Căn cứ pháp lý", "Legal basis"),
    "site.step_n": ("Bước {n}", "Step {n}"),
    "site.submit_step": ("Nộp hồ sơ tại {unit}.", "Submit the dossier at the {unit}."),
    "site.receive_step": (
        "Nhận kết quả tại {unit} theo ngày hẹn ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
        "Collect the result at the {unit} on the date given on the receipt and appointment slip.",
    ),
    "site.done_by": ("Thực hiện", "By"),
    "site.within": ("Thời gian", "Time"),
    "site.consults": ("Lấy ý kiến", "Consults"),
    "site.if_outcome": ("Trường hợp “{outcome}”: {target}", "When “{outcome}”: {target}"),
    "site.then_next": ("Sau đó: {target}", "Then: {target}"),
    "site.on_timeout": (
        "Nếu sau {time} không có ý kiến: {target}",
        "If nothing is heard within {time}: {target}",
    ),
    "site.go_to_step": ("chuyển sang bước {n}", "go to step {n}"),
    "site.to_end": ("kết thúc — {end}", "end — {end}"),
    "site.to_end_result": ("kết thúc — {end}; trả {result}", "end — {end}; returns {result}"),
    "site.hours": ("Thời gian tiếp nhận và trả kết quả", "Office hours for submission and collection"),
    "site.hours_text": (
        "Trong giờ hành chính các ngày làm việc: {blocks}.",
        "Working days, during office hours: {blocks}.",
    ),
    "site.hours_two": ("sáng {morning}, chiều {afternoon}", "{morning} and {afternoon}"),
    "site.address": ("Địa chỉ", "Address"),
    "site.phone": ("Điện thoại", "Phone"),
    "site.doc_name": ("Tên giấy tờ", "Document"),
    "site.originals": ("Bản chính", "Originals"),
    "site.copies": ("Bản sao", "Copies"),
    "site.form": ("Mẫu đơn, tờ khai", "Form"),
    "site.row_no": ("STT", "No."),
    "site.sets": ("Số lượng hồ sơ: {n} bộ.", "Number of dossiers: {n} set."),
    "site.sets_many": ("Số lượng hồ sơ: {n} bộ.", "Number of dossiers: {n} sets."),
    "site.one_of": ("Một trong các giấy tờ sau", "One of the following"),
    "site.present_only": ("Xuất trình", "Only to show"),
    "site.eform": ("Có biểu mẫu điện tử", "E-form available"),
    "site.record_code": ("Mã giấy tờ", "Document code"),
    "site.form_file": ("Tải mẫu", "Download the form"),
    "site.fee_title": ("Tên phí, lệ phí", "Fee"),
    "site.fee_kind": ("Loại", "Kind"),
    "site.fee_channel": ("Cách nộp", "Channel"),
    "site.fee_applies_to": ("Áp dụng cho", "Applies to"),
    "site.fee_amount": ("Mức thu", "Amount"),
    "site.fee_kind.fee": ("Lệ phí", "Fee (lệ phí)"),
    "site.fee_kind.charge": ("Phí", "Charge (phí)"),
    "site.fee_kind.price": ("Giá", "Price (giá)"),
    "site.fees_not_stated": ("Chưa có thông tin về phí, lệ phí.", "The fees are not stated."),
    "site.fees_not_stated_short": ("Chưa có thông tin", "Not stated"),
    "site.fees_several": ("{n} mức thu, xem mục 8", "{n} rates, see section 8"),
    "site.fees_see": ("Xem mục 8", "See section 8"),
    "site.time_note": ("Ghi chú về thời hạn", "About the time limit"),
    "site.channel_time": ("thời hạn {time}", "time limit {time}"),
    "site.extensions": ("Thời gian cộng thêm", "Extra time"),
    "site.extension": ("Thêm {add}: {when}", "{add} more: {when}"),
    "site.clock_stops": ("Thời gian không tính vào thời hạn", "Periods not counted in the time limit"),
    "site.delegated": ("Cơ quan được ủy quyền, phân cấp", "Delegated bodies"),
    "site.addresses": ("Địa chỉ tiếp nhận hồ sơ", "Where dossiers are received"),
    "site.h_variants": ("Các trường hợp", "Sub-cases"),
    "site.variants_intro": (
        "Thủ tục có {n} trường hợp; mỗi trường hợp dưới đây ghi những gì khác với phần chung.",
        "The procedure has {n} sub-cases; each below states what differs from the general terms.",
    ),
    "site.variants_see": ("Thủ tục có {n} trường hợp, xem mục 11.", "The procedure has {n} sub-cases, see section 11."),
    "site.variant_code": ("Mã trường hợp", "Sub-case code"),
    "site.variant_when": ("Áp dụng khi", "Applies when"),
    "site.variant_dossier": ("Thành phần hồ sơ (số thứ tự theo mục 3)", "Dossier (numbers as in section 3)"),
    "site.published_by": ("Công bố tại Quyết định {decision}", "Published by Decision {decision}"),
    "site.published_on": ("ngày {date}", "of {date}"),
    "site.source_code": ("Mã trên Cơ sở dữ liệu quốc gia: {code}", "Code in the national database: {code}"),
    "site.legal_time": ("Thời hạn theo quy định", "Legal time limit"),
    "site.legal_time_note": (
        "kể từ ngày nhận đủ hồ sơ hợp lệ",
        "from receipt of a complete and valid dossier",
    ),
    "site.committed_time": ("Thời hạn cơ quan cam kết", "Time the agency commits to"),
    "site.competent": ("Cơ quan có thẩm quyền quyết định", "Competent authority"),
    "site.executing": ("Đơn vị trực tiếp thực hiện", "Units that handle the dossier"),
    "site.coordinating": ("Cơ quan phối hợp", "Coordinating bodies"),
    "site.receiving": ("Nơi tiếp nhận và trả kết quả", "Where dossiers are received and results returned"),
    "site.free": ("Không thu phí, lệ phí.", "No fees or charges."),
    "site.free_short": ("Không thu phí, lệ phí", "No fees or charges"),
    "site.no_conditions": ("Không có.", "None."),
    "site.no_legal": ("Chưa cập nhật.", "Not yet recorded."),
    "site.public_view": ("Sơ đồ dành cho người dân", "Diagram for applicants"),
    "site.public_view_note": (
        "Cần chuẩn bị gì, nộp ở đâu, lệ phí, các kết quả có thể và khi nào quay lại nhận kết quả.",
        "What to bring, where to submit, the fee, what may happen and when to come back.",
    ),
    "site.internal_view": ("Quy trình nội bộ theo đơn vị xử lý", "Internal process by handling unit"),
    "site.internal_view_note": (
        "Mỗi làn là một đơn vị; mỗi bước ghi thời gian được giao.",
        "One lane per unit; each step shows the time it is given.",
    ),
    "site.text_alternative": (
        "Nội dung sơ đồ được trình bày bằng lời ở mục 1 (Trình tự thực hiện).",
        "The diagram is described in words in section 1 (Steps).",
    ),
    "site.diagram_desc": (
        "{title}. {steps} bước xử lý; thời hạn giải quyết {time}.",
        "{title}. {steps} handling steps; time limit {time}.",
    ),
    "site.posted_at": ("Niêm yết công khai tại {unit}", "Posted publicly at the {unit}"),
    "site.footer": (
        "Thông tin thủ tục được công bố từ đặc tả thủ tục của cơ quan.",
        "Procedure information published from the agency's procedure specifications.",
    ),
    "site.footer_on": (
        "Thông tin thủ tục được công bố từ đặc tả thủ tục của cơ quan, theo phiên bản có hiệu lực ngày {date}.",
        "Procedure information published from the agency's procedure specifications, as in force on {date}.",
    ),
    "site.expired": (
        "Phiên bản này đã hết hiệu lực sau ngày {date}; nội dung được giữ lại để tra cứu.",
        "This version ceased to be in force after {date}; it is kept for reference.",
    ),
    "site.not_yet": ("Phiên bản này có hiệu lực từ ngày {date}.", "This version comes into force on {date}."),
    "site.expired_badge": ("Hết hiệu lực", "No longer in force"),
    "site.not_yet_badge": ("Chưa có hiệu lực", "Not yet in force"),
    "site.other_field": ("Lĩnh vực khác", "Other fields"),
    "site.redirect": ("Đang chuyển đến danh mục thủ tục…", "Opening the procedure catalogue…"),
    # Vietnamese writes the month as a number, English by name (``site.month.<n>``).
    "site.date": ("{d.day:02d}/{d.month:02d}/{d.year}", "{d.day} {month} {d.year}"),
    "site.month.1": ("tháng 1", "January"),
    "site.month.2": ("tháng 2", "February"),
    "site.month.3": ("tháng 3", "March"),
    "site.month.4": ("tháng 4", "April"),
    "site.month.5": ("tháng 5", "May"),
    "site.month.6": ("tháng 6", "June"),
    "site.month.7": ("tháng 7", "July"),
    "site.month.8": ("tháng 8", "August"),
    "site.month.9": ("tháng 9", "September"),
    "site.month.10": ("tháng 10", "October"),
    "site.month.11": ("tháng 11", "November"),
    "site.month.12": ("tháng 12", "December"),
    "site.level.ministry": ("Cấp bộ", "Ministry level"),
    "site.level.province": ("Cấp tỉnh", "Province level"),
    "site.level.district": ("Cấp huyện", "District level"),
    "site.level.commune": ("Cấp xã", "Commune level"),
    "site.channel.in-person": ("Nộp trực tiếp tại {unit}", "In person at the {unit}"),
    "site.channel.post": ("Qua dịch vụ bưu chính công ích", "By post"),
    "site.channel.online": ("Trực tuyến qua Cổng dịch vụ công", "Online, through the public service portal"),
    "site.applicant.individual": ("Cá nhân", "Individuals"),
    "site.applicant.organisation": ("Tổ chức", "Organisations"),
    "site.applicant.enterprise": ("Doanh nghiệp", "Enterprises"),
    "site.outcome.granted": ("giải quyết xong, trả kết quả", "granted; the result is returned"),
    "site.outcome.refused": ("từ chối, có văn bản nêu rõ lý do", "refused, with written reasons"),
    "site.outcome.deemed-granted": ("mặc nhiên có hiệu lực", "takes effect without a reply"),
    "site.outcome.withdrawn": ("người nộp rút hồ sơ", "withdrawn by the applicant"),
    "site.outcome.transferred": ("chuyển cơ quan có thẩm quyền", "transferred to the competent body"),
    # Fields (lĩnh vực) as the national procedure database names them. A spec gives the field as
    # a slug and the agency file has no titles for it yet, so the common ones are named here.
    "site.field.nguoi-co-cong": ("Người có công", "Meritorious people"),
    "site.field.bao-tro-xa-hoi": ("Bảo trợ xã hội", "Social protection"),
    "site.field.giao-duc-nghe-nghiep": ("Giáo dục nghề nghiệp", "Vocational education"),
    "site.field.day-nghe": ("Dạy nghề", "Vocational training"),
    "site.field.lao-dong": ("Lao động", "Labour"),
    "site.field.lao-dong-tien-luong": ("Lao động, tiền lương", "Labour and wages"),
    "site.field.quan-he-lao-dong": ("Quan hệ lao động", "Labour relations"),
    "site.field.viec-lam": ("Việc làm", "Employment"),
    "site.field.an-toan-lao-dong": ("An toàn, vệ sinh lao động", "Occupational safety and health"),
    "site.field.an-toan-ve-sinh-lao-dong": ("An toàn, vệ sinh lao động", "Occupational safety and health"),
    "site.field.bao-hiem-xa-hoi": ("Bảo hiểm xã hội", "Social insurance"),
    "site.field.bao-hiem-that-nghiep": ("Bảo hiểm thất nghiệp", "Unemployment insurance"),
    "site.field.tre-em": ("Trẻ em", "Children"),
    "site.field.bao-ve-cham-soc-tre-em": ("Bảo vệ, chăm sóc trẻ em", "Child protection and care"),
    "site.field.phong-chong-te-nan-xa-hoi": ("Phòng, chống tệ nạn xã hội", "Prevention of social evils"),
    "site.field.binh-dang-gioi": ("Bình đẳng giới", "Gender equality"),
    "site.field.giam-ngheo": ("Giảm nghèo", "Poverty reduction"),
    "site.field.quan-ly-lao-dong-ngoai-nuoc": ("Quản lý lao động ngoài nước", "Overseas labour"),
    "site.field.lao-dong-ngoai-nuoc": ("Lao động ngoài nước", "Overseas labour"),
    # -- The BPMN export: names and documentation of the process (render.bpmn_graph) -----------
    "bpmn.start": ("Tiếp nhận hồ sơ", "Dossier received"),
    "bpmn.consult": ("Lấy ý kiến", "Consultation"),
    "bpmn.opinion": ("Cho ý kiến: {step}", "Opinion on: {step}"),
    "bpmn.time": ("Thời gian: {time}", "Time: {time}"),
    "bpmn.checks": ("Kiểm tra: {records}", "Checks: {records}"),
    "bpmn.choose": ("Kết quả ghi vào biến {var}: {names}", "The outcome goes in the variable {var}: {names}"),
    "bpmn.after": ("Sau {time}", "After {time}"),
    "bpmn.timer": (
        "Quá {time} (quy trình ghi: “{text}”) thì hồ sơ tự chuyển bước. {iso} là thời gian ước lượng"
        " theo lịch: ngày làm việc nhân 7/5 cho các ngày cuối tuần; không tính ngày lễ.",
        "After {time} (the spec says “{text}”) the case moves on by itself. {iso} is a calendar estimate:"
        " working days times 7/5 for weekends; public holidays are not counted.",
    ),
    "bpmn.result": ("Kết quả: {result}", "Result: {result}"),
    "bpmn.code": ("Mã thủ tục: {code}", "Code: {code}"),
    "bpmn.time_limit": ("Thời hạn giải quyết: {time}", "Time limit: {time}"),
    "bpmn.committed": ("Thời hạn cam kết: {time}", "Committed time: {time}"),
    "bpmn.outcome.granted": ("chấp thuận", "granted"),
    "bpmn.outcome.refused": ("từ chối", "refused"),
    "bpmn.outcome.deemed-granted": ("mặc nhiên chấp thuận", "deemed granted"),
    "bpmn.outcome.withdrawn": ("rút hồ sơ", "withdrawn"),
    "bpmn.outcome.transferred": ("chuyển cơ quan khác", "transferred"),
}

# One dict per language, so a look-up is two dict reads: the site says some sixty words a page.
_BY_LANGUAGE: Final[dict[str, dict[str, str]]] = {
    lang: {key: pair[n] for key, pair in VOCABULARY.items()} for n, lang in enumerate(LANGUAGES)
}


def word(key: str, lang: Lang, **values: object) -> str:
    """The entry ``key`` in ``lang``, with its ``{name}`` places filled from ``values``.

    Raises ``KeyError`` for a key or a language the table does not have. Values are put in as
    they are (``str.format`` does not read them again), so spec text holding braces is safe.
    """
    text = _BY_LANGUAGE[lang][key]
    return text.format(**values) if values else text


def language(lang: str, *, otherwise: Lang) -> Lang:
    """``lang`` when the table speaks it, else ``otherwise``: a spec may be written in a language
    the interface has no words for, and each output says which of its two it falls back to."""
    if lang == "vi":
        return "vi"
    return "en" if lang == "en" else otherwise
