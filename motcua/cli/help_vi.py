"""The command line's help in Vietnamese, by the English text written in each command.

Keys are the English help of a command (its docstring, dedented as ``inspect.cleandoc`` does) or
of an option, exactly as written in the code; ``motcua.cli.lang.help_in`` looks them up. A test
(tests/cli/test_help_vietnamese.py) checks that every command and option of ``motcua`` has its
Vietnamese here.
"""

from __future__ import annotations

from typing import Final

__all__ = ["HELP_VI"]

HELP_VI: Final[dict[str, str]] = {
    # motcua
    "motcua: one-stop administrative procedures as code.\n"
    "\n"
    "Write procedures as YAML specs, validate them, run them as cases with legal deadlines,\n"
    "and publish flowcharts and a catalogue website.":
        "motcua: thủ tục hành chính một cửa viết thành mã.\n"
        "\n"
        "Viết thủ tục thành đặc tả YAML, kiểm tra chúng, giải quyết hồ sơ theo thủ tục với thời hạn theo\n"
        "quy định, và công bố lưu đồ cùng một trang web danh mục thủ tục.",
    "Show the version and exit.":
        "Hiện phiên bản rồi thoát.",
    "Language of messages and help: vi (default) or en; without it MOTCUA_LANG, then the locale (LC_ALL, "
    "LC_MESSAGES, LANG).":
        "Ngôn ngữ của thông báo và hướng dẫn: vi (mặc định) hoặc en; không có thì theo MOTCUA_LANG, rồi "
        "theo locale (LC_ALL, LC_MESSAGES, LANG).",
    # motcua calendar
    "Print the working calendar an agency's deadlines use for YEAR (default: this year).\n"
    "\n"
    "Public holidays, the days off and make-up working days the government announced, the\n"
    "agency's own days off and working days, and its office hours, each with its source.":
        "In lịch làm việc mà thời hạn của một cơ quan dùng cho năm YEAR (mặc định: năm nay).\n"
        "\n"
        "Các ngày lễ, những ngày nghỉ và ngày làm bù Chính phủ đã công bố, các ngày nghỉ và ngày làm\n"
        "việc riêng của cơ quan, và giờ làm việc của cơ quan, mỗi mục kèm nguồn của nó.",
    "Procedure catalogue whose agency files are read.":
        "Danh mục thủ tục có các tệp cơ quan được đọc.",
    "Agency id (default: the catalogue's only agency; with several, the national calendar).":
        "Id cơ quan (mặc định: cơ quan duy nhất của danh mục; khi có nhiều cơ quan: lịch chung của cả "
        "nước).",
    "Output format; json prints pure JSON on stdout, with English keys.":
        "Định dạng đầu ra; json in JSON thuần ra stdout, với khoá tiếng Anh.",
    "Language of the text output (env MOTCUA_LANG); JSON carries both.":
        "Ngôn ngữ của đầu ra dạng văn bản (biến môi trường MOTCUA_LANG); JSON mang cả hai ngôn ngữ.",
    # motcua case
    "Open dossiers as cases, fire their events, extend or pause their time, correct mistaken\n"
    "ones, list and tick them.":
        "Tiếp nhận hồ sơ, ghi các sự kiện của hồ sơ, gia hạn hoặc tạm dừng tính thời gian, đính chính\n"
        "sự kiện ghi nhầm, liệt kê hồ sơ và xử lý các mốc hết thời gian.",
    # motcua case correct
    "Void the latest event of CASE that stays (never the receipt), with a reason.\n"
    "\n"
    "The log keeps both events: the case becomes what the events that stay make it, so a\n"
    "mistyped time or a wrong decision (even one that finished the case) is mended, and\n"
    "correcting again undoes the event before.":
        "Huỷ sự kiện gần nhất còn hiệu lực của hồ sơ CASE (không bao giờ là việc tiếp nhận), kèm lý do.\n"
        "\n"
        "Nhật ký giữ cả hai sự kiện: hồ sơ trở về đúng như các sự kiện còn hiệu lực tạo nên, nên một\n"
        "thời điểm gõ nhầm hay một quyết định sai (kể cả quyết định đã kết thúc hồ sơ) được sửa lại, và\n"
        "đính chính thêm lần nữa sẽ huỷ sự kiện trước đó.",
    "The officer correcting: of the unit that fired the event, the one-stop desk or the director.":
        "Cán bộ đính chính: thuộc đơn vị đã ghi sự kiện, bộ phận một cửa hoặc lãnh đạo.",
    "Why the event is voided, on one line (Forms 05 and 06 show it).":
        "Lý do huỷ sự kiện, viết trên một dòng (Mẫu 05 và 06 ghi lý do này).",
    "Time of the correction (default now; at most a day ahead).":
        "Thời điểm đính chính (mặc định: bây giờ; tối đa một ngày sau hiện tại).",
    "Idempotency key: a retry with the same id changes nothing.":
        "Khoá chống ghi trùng: gửi lại với cùng id không thay đổi gì.",
    "Case store: an SQLite file, or a PostgreSQL URL postgresql://user@host/database (env MOTCUA_DB).":
        "Kho hồ sơ: một tệp SQLite, hoặc một URL PostgreSQL postgresql://user@host/database (biến môi "
        "trường MOTCUA_DB).",
    "Procedure catalogue (needed to open cases and register officers).":
        "Danh mục thủ tục (cần để tiếp nhận hồ sơ và đăng ký cán bộ).",
    "Output format; json prints pure JSON on stdout.":
        "Định dạng đầu ra; json in JSON thuần ra stdout.",
    # motcua case extend
    "Apply the procedure's EXTENSION_ID to CASE: the appointment moves by its extra time.":
        "Áp dụng gia hạn EXTENSION_ID của thủ tục cho hồ sơ CASE: ngày hẹn trả lùi thêm đúng thời gian gia "
        "hạn.",
    "The officer applying the extension.":
        "Cán bộ áp dụng gia hạn.",
    "Why the extension applies, on one line (Forms 05 and 06 show it).":
        "Lý do gia hạn, viết trên một dòng (Mẫu 05 và 06 ghi lý do này).",
    "Time of the event (default now; at most a day ahead).":
        "Thời điểm của sự kiện (mặc định: bây giờ; tối đa một ngày sau hiện tại).",
    # motcua case fire
    "Fire EVENT on CASE: complete, an outcome, answer, or a one-stop frame event.":
        "Ghi sự kiện EVENT cho hồ sơ CASE: complete, một hướng xử lý, answer, hoặc một sự kiện của quy "
        "trình một cửa.",
    "The officer firing the event.":
        "Cán bộ ghi sự kiện.",
    "Written reason (refuse, apologize) or remark, on one line.":
        "Lý do bằng văn bản (refuse, apologize) hoặc ghi chú, viết trên một dòng.",
    "Missing records (request_supplement) or records brought (supplement).":
        "Thành phần hồ sơ còn thiếu (request_supplement) hoặc thành phần hồ sơ được nộp bổ sung "
        "(supplement).",
    "New appointment (apologize).":
        "Ngày hẹn trả mới (apologize).",
    "Time of the event (default now; at most a day ahead, MOTCUA_FUTURE_MARGIN).":
        "Thời điểm của sự kiện (mặc định: bây giờ; tối đa một ngày sau hiện tại, MOTCUA_FUTURE_MARGIN).",
    # motcua case list
    "List cases, oldest appointment first with --overdue.":
        "Liệt kê hồ sơ; với --overdue, hồ sơ có ngày hẹn trả sớm nhất đứng trước.",
    "Only cases past their appointment.":
        "Chỉ các hồ sơ đã quá ngày hẹn trả.",
    "Only cases of this procedure-id or agency-id/procedure-id.":
        "Chỉ các hồ sơ của procedure-id hoặc agency-id/procedure-id này.",
    "Judge overdue at this time (default now).":
        "Xét quá hạn tại thời điểm này (mặc định: bây giờ).",
    # motcua case open
    "Receive a dossier for PROCEDURE (procedure-id, agency-id/procedure-id or national code,\n"
    "optionally @version, which must be the version in force on the day of receipt): Form 01.\n"
    "\n"
    "The appointment counts the time limit of the sub-case's channel, the sub-case, the\n"
    "procedure's channel or the procedure, the most specific one stated.":
        "Tiếp nhận một hồ sơ của thủ tục PROCEDURE (procedure-id, agency-id/procedure-id hoặc mã thủ tục\n"
        "quốc gia, có thể kèm @version, phải là phiên bản có hiệu lực vào ngày tiếp nhận): Mẫu 01.\n"
        "\n"
        "Ngày hẹn trả được tính theo thời hạn giải quyết của cách thức nộp của trường hợp, của trường\n"
        "hợp, của cách thức nộp của thủ tục hoặc của thủ tục, lấy mức cụ thể nhất có quy định.",
    "The applicant's name.":
        "Tên người nộp hồ sơ.",
    "The receiving one-stop officer.":
        "Cán bộ bộ phận một cửa tiếp nhận hồ sơ.",
    "A record handed in (repeat; default: every record all applicants hand in).":
        "Một thành phần hồ sơ được nộp (lặp lại được; mặc định: mọi thành phần hồ sơ mà mọi người nộp đều "
        "phải nộp).",
    "The sub-case (trường hợp): its id or national code.":
        "Trường hợp (sub-case): id hoặc mã quốc gia của trường hợp.",
    "How the dossier came in; its time limit applies where the spec states one.":
        "Cách thức nộp hồ sơ; thời hạn giải quyết riêng của cách thức này được áp dụng nếu đặc tả có quy "
        "định.",
    "Time of receipt (default now; at most a day ahead, MOTCUA_FUTURE_MARGIN).":
        "Thời điểm tiếp nhận (mặc định: bây giờ; tối đa một ngày sau hiện tại, MOTCUA_FUTURE_MARGIN).",
    "Idempotency key: a retry with the same id opens nothing new.":
        "Khoá chống ghi trùng: gửi lại với cùng id không mở thêm hồ sơ nào.",
    # motcua case pause
    "Stop the clock of CASE in the procedure's CLOCK_STOP_ID until 'motcua case resume'.":
        "Tạm dừng tính thời gian của hồ sơ CASE theo điểm tạm dừng CLOCK_STOP_ID của thủ tục, cho đến khi "
        "'motcua case resume'.",
    "The officer stopping the clock.":
        "Cán bộ tạm dừng tính thời gian.",
    "Why the clock stops, on one line (Forms 05 and 06 show it).":
        "Lý do tạm dừng tính thời gian, viết trên một dòng (Mẫu 05 và 06 ghi lý do này).",
    "Time the clock stops (default now; at most a day ahead).":
        "Thời điểm tạm dừng tính thời gian (mặc định: bây giờ; tối đa một ngày sau hiện tại).",
    # motcua case resume
    "Restart the clock of CASE: its deadlines move by the working time it stood still.":
        "Tiếp tục tính thời gian của hồ sơ CASE: các thời hạn lùi thêm đúng số thời gian làm việc đã tạm "
        "dừng.",
    "The officer restarting the clock.":
        "Cán bộ cho tiếp tục tính thời gian.",
    "A remark, on one line.":
        "Ghi chú, viết trên một dòng.",
    "Time the clock restarts (default now; at most a day ahead).":
        "Thời điểm tiếp tục tính thời gian (mặc định: bây giờ; tối đa một ngày sau hiện tại).",
    # motcua case show
    "Show CASE: state, deadlines and its forms: receipt, supplement requests, refusal,\n"
    "apologies, control sheet and tracking log. With --officer, the events that officer can fire\n"
    "now (in JSON, next_events is theirs).":
        "Hiện hồ sơ CASE: trạng thái, các thời hạn và các biểu mẫu: giấy tiếp nhận, phiếu yêu cầu bổ sung,\n"
        "phiếu từ chối, phiếu xin lỗi, phiếu kiểm soát và sổ theo dõi. Với --officer, các sự kiện cán bộ đó\n"
        "có thể ghi ngay bây giờ (trong JSON, next_events là của cán bộ đó).",
    "Judge overdue and the next events at this time (default now).":
        "Xét quá hạn và các sự kiện tiếp theo tại thời điểm này (mặc định: bây giờ).",
    "List the events this officer can fire now.":
        "Liệt kê các sự kiện cán bộ này có thể ghi ngay bây giờ.",
    # motcua case tick
    "Fire every step timeout that is due.":
        "Ghi mọi sự kiện hết thời gian của các bước đã đến hạn.",
    "Fire the timeouts due at this time (default now; at most a day ahead).":
        "Ghi các sự kiện hết thời gian đến hạn tại thời điểm này (mặc định: bây giờ; tối đa một ngày sau "
        "hiện tại).",
    # motcua diff
    "Compare two versions of a procedure: steps, dossier, variants, channels, fees, hand-offs,\n"
    "legal and committed time, and the slowest path.\n"
    "\n"
    "\b\n"
    "OLD and NEW are two procedure files, or two versions in the catalogue:\n"
    "  motcua diff ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong@2013 "
    "ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong@2021":
        "So sánh hai phiên bản của một thủ tục: các bước, hồ sơ, trường hợp, cách thức nộp, phí, lần chuyển\n"
        "giao, thời hạn theo quy định và thời gian cam kết, và đường xử lý chậm nhất.\n"
        "\n"
        "\b\n"
        "OLD và NEW là hai tệp thủ tục, hoặc hai phiên bản trong danh mục:\n"
        "  motcua diff ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong@2013 "
        "ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong@2021",
    "text for people, json for programs, html for a page with both charts.":
        "text cho người đọc, json cho chương trình, html cho một trang có cả hai lưu đồ.",
    "Write to FILE (default: standard output).":
        "Ghi ra TỆP (mặc định: đầu ra chuẩn).",
    "Language of the text report and the HTML page (JSON keys are English).":
        "Ngôn ngữ của báo cáo dạng văn bản và của trang HTML (khoá JSON bằng tiếng Anh).",
    "The catalogue folder (default: procedures/, or the folder of a file's agency).":
        "Thư mục danh mục (mặc định: procedures/, hoặc thư mục cơ quan của tệp).",
    # motcua explain
    "Explain a diagnostic code: what it means, why, an example and the fix.":
        "Giải thích một mã chẩn đoán: ý nghĩa, lý do, một ví dụ và cách sửa.",
    "List every rule.":
        "Liệt kê mọi quy tắc.",
    "Output format; json prints the rule (or with --list every rule) as an object with English keys.":
        "Định dạng đầu ra; json in quy tắc (hoặc với --list, mọi quy tắc) thành một đối tượng có khoá tiếng"
        " Anh.",
    # motcua export
    "Export a procedure for other tools.":
        "Xuất một thủ tục cho các công cụ khác.",
    # motcua export bpmn
    "Write a procedure as BPMN 2.0 XML with its diagram, to open in bpmn.io or Camunda Modeler.\n"
    "\n"
    "SPEC is a procedure file or a reference: procedure-id, agency-id/procedure-id or a national\n"
    "procedure code (1.000656), optionally @version (default: the version in force today). Each\n"
    "decision writes the variable outcome_<step> that its gateway tests; timers approximate\n"
    "working time in calendar time.":
        "Ghi một thủ tục thành BPMN 2.0 XML kèm sơ đồ, để mở bằng bpmn.io hoặc Camunda Modeler.\n"
        "\n"
        "SPEC là một tệp thủ tục hoặc một tham chiếu: procedure-id, agency-id/procedure-id hoặc mã thủ tục\n"
        "quốc gia (1.000656), có thể kèm @version (mặc định: phiên bản có hiệu lực hôm nay). Mỗi quyết định\n"
        "ghi biến outcome_<step> mà cổng rẽ nhánh của nó kiểm tra; bộ hẹn giờ tính gần đúng thời gian làm\n"
        "việc bằng thời gian lịch.",
    "BPMN 2.0 XML with its diagram, for bpmn.io and Camunda Modeler.":
        "BPMN 2.0 XML kèm sơ đồ, cho bpmn.io và Camunda Modeler.",
    "Write the BPMN file here, named .bpmn or .xml (default: standard output).":
        "Ghi tệp BPMN vào đây, tên đuôi .bpmn hoặc .xml (mặc định: đầu ra chuẩn).",
    "The catalogue folder (default: the agency folder above SPEC, or procedures/ for a reference).":
        "Thư mục danh mục (mặc định: thư mục cơ quan phía trên SPEC, hoặc procedures/ với một tham chiếu).",
    "Language of names (default: the agency's first).":
        "Ngôn ngữ của các tên gọi (mặc định: ngôn ngữ đầu tiên của cơ quan).",
    "How the summary of the file written is printed: text on stderr, or json on stdout (needs -o).":
        "Cách in bản tóm tắt tệp đã ghi: text ra stderr, hoặc json ra stdout (cần -o).",
    # motcua import
    "Import procedures from other systems as spec files.":
        "Nhập thủ tục từ các hệ thống khác thành tệp đặc tả.",
    # motcua import dvcqg
    "Import records of the national procedure database (dichvucong.gov.vn) into OUTPUT.\n"
    "\n"
    "PATHS are record files (the portal's JSON, {\"code\": \"OK\", \"data\": {...}} or the bare\n"
    "record) or folders of them (*.json). Each record becomes one procedure spec, at\n"
    "OUTPUT/<agency>/<field>/<procedure>.yaml, with the agency files it needs. Facts the spec\n"
    "language has no place for are listed in the loss report; the steps are a skeleton\n"
    "(skeleton: true) for a person to complete. A broken record is reported with its file and\n"
    "JSON path and the others still import (exit 1). Files the importer did not write are never\n"
    "replaced without --force.":
        "Nhập các bản ghi của Cơ sở dữ liệu quốc gia về thủ tục hành chính (dichvucong.gov.vn) vào OUTPUT.\n"
        "\n"
        "PATHS là các tệp bản ghi (JSON của Cổng, {\"code\": \"OK\", \"data\": {...}} hoặc bản ghi trần) hoặc\n"
        "các thư mục chứa chúng (*.json). Mỗi bản ghi thành một đặc tả thủ tục, tại\n"
        "OUTPUT/<agency>/<field>/<procedure>.yaml, kèm các tệp cơ quan cần thiết. Những thông tin mà ngôn\n"
        "ngữ đặc tả không có chỗ ghi được liệt kê trong báo cáo thất thoát; các bước chỉ là khung\n"
        "(skeleton: true) để người soạn hoàn thiện. Một bản ghi hỏng được báo kèm tệp và đường dẫn JSON\n"
        "của nó, các bản ghi khác vẫn được nhập (mã thoát 1). Các tệp không do bộ nhập ghi ra không bao\n"
        "giờ bị thay thế nếu không có --force.",
    "Records of the national procedure database (JSON) as spec files.":
        "Bản ghi của Cơ sở dữ liệu quốc gia về thủ tục hành chính (JSON) thành tệp đặc tả.",
    "The catalogue folder to write into (created when missing).":
        "Thư mục danh mục để ghi vào (tạo mới nếu chưa có).",
    "A YAML file mapping the database's bodies (code or name) to catalogue agencies and units.":
        "Một tệp YAML ánh xạ các cơ quan trong cơ sở dữ liệu (theo mã hoặc tên) sang cơ quan và đơn vị của "
        "danh mục.",
    "Replace files the importer did not write, or that were edited since.":
        "Thay thế các tệp không do bộ nhập ghi ra, hoặc đã bị sửa từ đó.",
    "Report format.":
        "Định dạng báo cáo.",
    # motcua new
    "Write a new spec from a commented template.":
        "Viết một đặc tả mới từ một mẫu có chú thích.",
    # motcua new agency
    "Write AGENCY_ID/agency.yaml, a starting agency spec that validates as written.":
        "Ghi AGENCY_ID/agency.yaml, một đặc tả cơ quan khởi đầu, hợp lệ ngay khi vừa ghi.",
    "Folder to write agency.yaml into (default: a folder named AGENCY_ID in the catalogue).":
        "Thư mục để ghi agency.yaml vào (mặc định: một thư mục tên AGENCY_ID trong danh mục).",
    "The catalogue to add the agency to.":
        "Danh mục để thêm cơ quan vào.",
    "Output format; json prints an object naming the files written.":
        "Định dạng đầu ra; json in một đối tượng nêu tên các tệp đã ghi.",
    # motcua new procedure
    "Write PROCEDURE_ID.yaml, a starting procedure spec that validates as written.":
        "Ghi PROCEDURE_ID.yaml, một đặc tả thủ tục khởi đầu, hợp lệ ngay khi vừa ghi.",
    "The agency id (from its agency.yaml).":
        "Id cơ quan (lấy từ agency.yaml của cơ quan).",
    "Folder to write into (default: the agency's folder in the catalogue).":
        "Thư mục để ghi vào (mặc định: thư mục của cơ quan trong danh mục).",
    "The catalogue that holds the agency.":
        "Danh mục chứa cơ quan.",
    # motcua officer
    "Register the officers who fire case events.":
        "Đăng ký các cán bộ ghi sự kiện của hồ sơ.",
    # motcua officer add
    "Register OFFICER; creates the store if there is none.\n"
    "\n"
    "An OFFICER registered already with other details is refused unless --update: then the\n"
    "record changes and the store keeps the change in the officer's history, dated --at.":
        "Đăng ký cán bộ OFFICER; tạo kho nếu chưa có.\n"
        "\n"
        "Một OFFICER đã đăng ký với thông tin khác sẽ bị từ chối, trừ khi có --update: khi đó bản ghi\n"
        "được thay đổi và kho lưu thay đổi đó vào lịch sử của cán bộ, ghi ngày theo --at.",
    "Agency id in the catalogue.":
        "Id cơ quan trong danh mục.",
    "Unit id of that agency.":
        "Id đơn vị của cơ quan đó.",
    "Full name, as on the name badge.":
        "Họ và tên, như trên thẻ công chức.",
    "Position, as on the name badge.":
        "Chức danh, như trên thẻ công chức.",
    "Change the record of an OFFICER registered already (the store keeps the change).":
        "Thay đổi bản ghi của một OFFICER đã đăng ký (kho lưu lại thay đổi).",
    "Time of the registration (default now; at most a day ahead).":
        "Thời điểm đăng ký (mặc định: bây giờ; tối đa một ngày sau hiện tại).",
    # motcua officer history
    "Show every record registered under OFFICER, the first registration first: when it was\n"
    "made (unknown for an officer registered before the store kept the history), then the agency,\n"
    "unit, name and position from then on.":
        "Hiện mọi bản ghi đã đăng ký dưới OFFICER, lần đăng ký đầu tiên trước: thời điểm đăng ký (không\n"
        "rõ với cán bộ đăng ký trước khi kho lưu lịch sử), rồi cơ quan, đơn vị, họ tên và chức danh từ\n"
        "thời điểm đó.",
    # motcua officer list
    "List registered officers.":
        "Liệt kê các cán bộ đã đăng ký.",
    "Only officers of this agency.":
        "Chỉ các cán bộ của cơ quan này.",
    # motcua oversight
    "Oversee the handling of dossiers from the case store: received, finished on time and late\n"
    "per procedure, unit and officer; open cases overdue; apologies issued (Form 04); second\n"
    "supplement requests (breaches of \"guide once\"); time spent per step against its budget, the\n"
    "slowest steps named.\n"
    "\n"
    "\b\n"
    "  motcua oversight --db cases.db --from 2026-11-01 --to 2026-11-30\n"
    "  motcua oversight --db cases.db --format html -o giam-sat.html":
        "Giám sát việc giải quyết hồ sơ từ kho hồ sơ: số hồ sơ tiếp nhận, giải quyết đúng hạn và trễ hạn\n"
        "theo thủ tục, đơn vị và cán bộ; hồ sơ đang giải quyết đã quá hạn; phiếu xin lỗi đã phát hành\n"
        "(Mẫu 04); yêu cầu bổ sung lần hai (vi phạm \"hướng dẫn một lần\"); thời gian dùng cho từng bước\n"
        "so với thời gian dành cho bước đó, nêu tên các bước chậm nhất.\n"
        "\n"
        "\b\n"
        "  motcua oversight --db cases.db --from 2026-11-01 --to 2026-11-30\n"
        "  motcua oversight --db cases.db --format html -o giam-sat.html",
    "SQLite case store to read (env MOTCUA_DB); opened read-only, never created.":
        "Kho hồ sơ SQLite để đọc (biến môi trường MOTCUA_DB); chỉ mở để đọc, không bao giờ tạo mới.",
    "First day of the period (YYYY-MM-DD; default: no limit).":
        "Ngày đầu của kỳ (YYYY-MM-DD; mặc định: không giới hạn).",
    "Last day of the period, included (default: no limit).":
        "Ngày cuối của kỳ, tính cả ngày đó (mặc định: không giới hạn).",
    "Judge open cases overdue at this time (default now).":
        "Xét hồ sơ đang giải quyết quá hạn tại thời điểm này (mặc định: bây giờ).",
    "Only the cases of the procedures of this catalogue.":
        "Chỉ các hồ sơ của các thủ tục thuộc danh mục này.",
    "text for people, json for programs, html for a page of tables.":
        "text cho người đọc, json cho chương trình, html cho một trang gồm các bảng.",
    # motcua publish
    "Publish CATALOG (default procedures/) as a static website in OUT.\n"
    "\n"
    "Every procedure gets a page in Vietnamese and in English, in the order of the official\n"
    "procedure sheet, with its diagrams; the index filters by agency, field and level and\n"
    "searches names and codes. The site makes no external request and opens from the file system.\n"
    "A catalogue with errors is not published, unless --skip-invalid leaves out the files that\n"
    "have errors (each listed with its first error; the exit status is then 1). Charts are kept in the "
    "cache folder, so\n"
    "publishing again draws only the charts of procedures that changed.\n"
    "\n"
    "Only the files an earlier publish wrote in OUT are replaced or removed; files you added\n"
    "(a CNAME) stay. OUT may not hold or sit inside CATALOG or the cache folder, nor hold the\n"
    "current folder. A failed run leaves the old site as it was.":
        "Công bố danh mục CATALOG (mặc định procedures/) thành một trang web tĩnh trong OUT.\n"
        "\n"
        "Mỗi thủ tục có một trang tiếng Việt và một trang tiếng Anh, theo thứ tự của phiếu thủ tục chính\n"
        "thức, kèm các lưu đồ; trang chỉ mục lọc theo cơ quan, lĩnh vực và cấp, và tìm theo tên và mã.\n"
        "Trang web không gửi yêu cầu nào ra ngoài và mở được từ hệ thống tệp.\n"
        "Danh mục có lỗi không được công bố, trừ khi --skip-invalid bỏ ra ngoài các tệp có lỗi (mỗi tệp\n"
        "được liệt kê kèm lỗi đầu tiên; khi đó mã thoát là 1). Lưu đồ được giữ trong thư mục bộ đệm, nên\n"
        "công bố lại chỉ vẽ lưu đồ của các thủ tục đã thay đổi.\n"
        "\n"
        "Chỉ những tệp mà lần công bố trước đã ghi trong OUT mới bị thay thế hoặc xoá; tệp bạn tự thêm\n"
        "(một CNAME) được giữ nguyên. OUT không được chứa hoặc nằm trong CATALOG hay thư mục bộ đệm, cũng\n"
        "không được chứa thư mục hiện hành. Một lần chạy thất bại để nguyên trang web cũ.",
    "Folder to publish into; the files a publish wrote there before are replaced.":
        "Thư mục để công bố vào; các tệp mà lần công bố trước đã ghi ở đó sẽ bị thay thế.",
    "Language the site's front page opens in (both are published).":
        "Ngôn ngữ mà trang đầu của trang web mở ra (cả hai ngôn ngữ đều được công bố).",
    "Publish the versions in force on this day. Default: the version in force today, or else the latest "
    "one, marked as no longer in force.":
        "Công bố các phiên bản có hiệu lực vào ngày này. Mặc định: phiên bản có hiệu lực hôm nay, nếu không"
        " có thì phiên bản mới nhất, được đánh dấu là đã hết hiệu lực.",
    "Publish the procedures without errors and list those left out, each with its first error (exit status "
    "1). Default: a catalogue with errors is not published.":
        "Công bố các thủ tục không có lỗi và liệt kê những thủ tục bị bỏ ra ngoài, mỗi thủ tục kèm lỗi đầu "
        "tiên (mã thoát 1). Mặc định: danh mục có lỗi không được công bố.",
    "Check every file and draw every chart again, ignoring the cache.":
        "Kiểm tra lại mọi tệp và vẽ lại mọi lưu đồ, bỏ qua bộ đệm.",
    "Where unchanged files' results and drawn charts are kept.":
        "Nơi giữ kết quả của các tệp không thay đổi và các lưu đồ đã vẽ.",
    "Also publish an oversight page (vi/oversight.html, en/oversight.html) from this case store, read-only:"
    " counts only, no applicant, no officer, no single case.":
        "Công bố thêm một trang giám sát (vi/oversight.html, en/oversight.html) từ kho hồ sơ này, chỉ đọc: "
        "chỉ có số liệu, không có người nộp hồ sơ, không có cán bộ, không có hồ sơ riêng lẻ nào.",
    "Output format; json prints an object naming the site written, its counts and the files left out.":
        "Định dạng đầu ra; json in một đối tượng nêu trang web đã ghi, các số đếm và các tệp bị bỏ ra "
        "ngoài.",
    # motcua render
    "Draw one procedure: swimlanes for staff, or the applicant's guide.\n"
    "\n"
    "\b\n"
    "SPEC is a procedure file, a reference such as\n"
    "  ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong@2021\n"
    "or a national procedure code such as 1.000656 (without @VERSION, the version in force today).":
        "Vẽ một thủ tục: các làn xử lý cho cán bộ, hoặc hướng dẫn cho người nộp hồ sơ.\n"
        "\n"
        "\b\n"
        "SPEC là một tệp thủ tục, một tham chiếu như\n"
        "  ldtbxh-nghe-an/dang-ky-noi-quy-lao-dong@2021\n"
        "hoặc một mã thủ tục quốc gia như 1.000656 (không có @VERSION thì lấy phiên bản có hiệu lực hôm "
        "nay).",
    "Write the chart to FILE, named .svg, .png, .pdf or .dot (default: standard output).":
        "Ghi lưu đồ ra TỆP, tên đuôi .svg, .png, .pdf hoặc .dot (mặc định: đầu ra chuẩn).",
    "Image type: svg, png, pdf or dot (default: from the output file's suffix, else svg).":
        "Loại ảnh: svg, png, pdf hoặc dot (mặc định: theo đuôi tên tệp đầu ra, nếu không thì svg).",
    "How the summary of the file written is printed: text on stderr, or json on stdout (needs -o). Given an"
    " image type (svg, png, pdf, dot), the old name of --to.":
        "Cách in bản tóm tắt tệp đã ghi: text ra stderr, hoặc json ra stdout (cần -o). Khi được cho một "
        "loại ảnh (svg, png, pdf, dot): tên cũ của --to.",
    "Language of the chart (default: the agency's first).":
        "Ngôn ngữ của lưu đồ (mặc định: ngôn ngữ đầu tiên của cơ quan).",
    "internal: swimlanes for staff; public: what an applicant needs to know.":
        "internal: các làn xử lý cho cán bộ; public: những gì người nộp hồ sơ cần biết.",
    "The catalogue folder (default: procedures/, or the folder of SPEC's agency).":
        "Thư mục danh mục (mặc định: procedures/, hoặc thư mục cơ quan của SPEC).",
    # motcua report
    "Measure a catalogue: per agency, field and level the procedures, median legal and committed\n"
    "time and the cut between them, records, steps, hand-offs, online share and fees; and the\n"
    "reform along each chain of versions (supersedes).\n"
    "\n"
    "\b\n"
    "CATALOG is the catalogue folder (default: procedures/):\n"
    "  motcua report procedures/ --on 2021-06-01 --format html -o build/report":
        "Đo một danh mục: theo cơ quan, lĩnh vực và cấp: số thủ tục, trung vị thời hạn theo quy định và\n"
        "thời gian cam kết cùng mức cắt giảm giữa hai thời gian đó, thành phần hồ sơ, bước, lần chuyển "
        "giao,\n"
        "tỷ lệ trực tuyến và phí; và kết quả cải cách dọc theo mỗi chuỗi phiên bản (supersedes).\n"
        "\n"
        "\b\n"
        "CATALOG là thư mục danh mục (mặc định: procedures/):\n"
        "  motcua report procedures/ --on 2021-06-01 --format html -o build/report",
    "Count the versions in force on this day (default: today).":
        "Đếm các phiên bản có hiệu lực vào ngày này (mặc định: hôm nay).",
    "text for people, json for programs, html for a page with charts and tables.":
        "text cho người đọc, json cho chương trình, html cho một trang có biểu đồ và bảng.",
    "Write report.txt, report.json or report.html into DIR (default: standard output).":
        "Ghi report.txt, report.json hoặc report.html vào THƯ MỤC (mặc định: đầu ra chuẩn).",
    "Check every file again, ignoring the cache.":
        "Kiểm tra lại mọi tệp, bỏ qua bộ đệm.",
    "Where unchanged files' results are kept. Default: the user's cache folder (~/.cache/motcua, or "
    "MOTCUA_CACHE_DIR).":
        "Nơi giữ kết quả của các tệp không thay đổi. Mặc định: thư mục bộ đệm của người dùng "
        "(~/.cache/motcua, hoặc MOTCUA_CACHE_DIR).",
    # motcua schema
    "Print the JSON Schema (draft-07) of procedure or agency files.\n"
    "\n"
    "With --catalog, the procedure schema names the agency's units (with their titles) and fields,\n"
    "so an editor offers them after unit: and field: and shows a unit's title on hover.":
        "In JSON Schema (draft-07) của tệp thủ tục hoặc tệp cơ quan.\n"
        "\n"
        "Với --catalog, schema thủ tục nêu các đơn vị (kèm tên gọi) và lĩnh vực của cơ quan, để trình\n"
        "soạn thảo gợi ý chúng sau unit: và field: và hiện tên gọi của đơn vị khi di chuột lên.",
    "Write to a file.":
        "Ghi ra một tệp.",
    "Make the procedure schema for an agency of this catalogue: its units and fields as choices.":
        "Tạo schema thủ tục cho một cơ quan của danh mục này: các đơn vị và lĩnh vực của cơ quan thành các "
        "lựa chọn.",
    "The agency, when the catalogue holds several.":
        "Cơ quan, khi danh mục có nhiều cơ quan.",
    # motcua simulate
    "Simulate cases through a procedure: on-time rate, queues, waits and officers' load per unit.\n"
    "\n"
    "\b\n"
    "PROCEDURE is [agency-id/]procedure-id[@version] in the catalogue, or a procedure file\n"
    "(what-if: copy the agency folder, edit the copy, simulate the copy's file):\n"
    "  motcua simulate di-chuyen-ho-so-nguoi-co-cong --arrivals 20/day --days 250 \\\n"
    "      --staff phong-nguoi-co-cong=3 --effort 0.2 --seed 1":
        "Mô phỏng hồ sơ đi qua một thủ tục: tỷ lệ đúng hạn, hàng đợi, thời gian chờ và khối lượng việc\n"
        "của cán bộ theo đơn vị.\n"
        "\n"
        "\b\n"
        "PROCEDURE là [agency-id/]procedure-id[@version] trong danh mục, hoặc một tệp thủ tục\n"
        "(giả định: sao chép thư mục cơ quan, sửa bản sao, mô phỏng tệp của bản sao):\n"
        "  motcua simulate di-chuyen-ho-so-nguoi-co-cong --arrivals 20/day --days 250 \\\n"
        "      --staff phong-nguoi-co-cong=3 --effort 0.2 --seed 1",
    "Dossiers received a working day (e.g. 20/day).":
        "Số hồ sơ tiếp nhận mỗi ngày làm việc (ví dụ 20/day).",
    "Working days of arrivals.":
        "Số ngày làm việc có hồ sơ đến.",
    "Officers of a unit (repeatable; 1 for each unit not named).":
        "Số cán bộ của một đơn vị (lặp lại được; 1 cho mỗi đơn vị không được nêu).",
    "The sub-case every dossier is (its id or national code).":
        "Trường hợp của mọi hồ sơ (id hoặc mã quốc gia của trường hợp).",
    "The channel every dossier comes through (in-person, post, online).":
        "Cách thức nộp của mọi hồ sơ (in-person, post, online).",
    "Chance of an outcome at a step (repeatable; default: the first 0.9, the others share 0.1).":
        "Xác suất của một hướng xử lý tại một bước (lặp lại được; mặc định: hướng đầu tiên 0.9, các hướng "
        "còn lại chia nhau 0.1).",
    "How handling times are drawn around each step's time.":
        "Cách lấy ngẫu nhiên thời gian xử lý quanh thời gian của mỗi bước.",
    "Share of a step's time an officer works on the dossier (1 = all of it).":
        "Phần thời gian của bước mà cán bộ thực sự làm việc với hồ sơ (1 = toàn bộ).",
    "Arrivals at random (Poisson) or evenly spaced from each day's opening.":
        "Hồ sơ đến ngẫu nhiên (Poisson) hoặc cách đều nhau từ giờ mở cửa mỗi ngày.",
    "Seed of the random draws.":
        "Hạt giống của các lần lấy ngẫu nhiên.",
    "First day of arrivals (default: today).":
        "Ngày đầu tiên có hồ sơ đến (mặc định: hôm nay).",
    "text for people, json for programs.":
        "text cho người đọc, json cho chương trình.",
    "Language of the text report (JSON keys are English).":
        "Ngôn ngữ của báo cáo dạng văn bản (khoá JSON bằng tiếng Anh).",
    # motcua validate
    "Check procedure and agency specs (files or folders; default procedures/).\n"
    "\n"
    "A file (or a folder without its own agency.yaml) is checked in its catalogue, the nearest\n"
    "folder above it holding an agency.yaml, and only its findings are shown. Errors found end\n"
    "with status 1 (warnings too, with --strict); a file that cannot be read, or a folder with no\n"
    "spec file, with status 2.":
        "Kiểm tra đặc tả thủ tục và cơ quan (tệp hoặc thư mục; mặc định procedures/).\n"
        "\n"
        "Một tệp (hoặc một thư mục không có agency.yaml của riêng nó) được kiểm tra trong danh mục của nó,\n"
        "là thư mục gần nhất phía trên có agency.yaml, và chỉ các phát hiện về nó được hiện ra. Có lỗi thì\n"
        "kết thúc với mã thoát 1 (có cảnh báo cũng vậy, với --strict); một tệp không đọc được, hoặc một\n"
        "thư mục không có tệp đặc tả nào, thì với mã thoát 2.",
    "Output format.":
        "Định dạng đầu ra.",
    "Fail on warnings too.":
        "Coi cả cảnh báo là thất bại.",
    "Print only the diagnostics, no source lines or summary.":
        "Chỉ in các chẩn đoán, không in dòng nguồn hay phần tóm tắt.",
    "Also say how many files came from the cache.":
        "Cho biết thêm bao nhiêu tệp được lấy từ bộ đệm.",
    "Processes for large catalogues (default: one per core).":
        "Số tiến trình cho danh mục lớn (mặc định: mỗi lõi một tiến trình).",
    # motcua worker
    "Fire the step timeouts that fall due, one round every --interval seconds.\n"
    "\n"
    "Several workers may share one store (a PostgreSQL server, or an SQLite file on one\n"
    "machine): each timeout is fired once, by one of them. SIGTERM or SIGINT stops a worker\n"
    "once the timeout it is firing is committed; a worker killed outright loses nothing, and\n"
    "the others fire what it left. Each timeout fired is one line on stdout. A store that\n"
    "cannot be reached is reported on stderr and tried again the next round (with --once, it\n"
    "ends the worker).":
        "Ghi các mốc hết thời gian của các bước khi đến hạn, mỗi --interval giây một lượt.\n"
        "\n"
        "Nhiều tiến trình worker có thể dùng chung một kho (một máy chủ PostgreSQL, hoặc một tệp SQLite\n"
        "trên một máy): mỗi mốc hết thời gian được ghi đúng một lần, bởi một trong số chúng. SIGTERM hoặc\n"
        "SIGINT dừng một worker sau khi mốc hết thời gian nó đang ghi đã được lưu xong; một worker bị\n"
        "buộc dừng ngay không làm mất gì, và các worker khác ghi nốt phần nó để lại. Mỗi mốc hết thời gian\n"
        "được ghi là một dòng trên stdout. Kho không kết nối được thì được báo trên stderr và thử lại ở\n"
        "lượt sau (với --once thì worker kết thúc).",
    "Procedure catalogue to load as well (timeouts run on the definitions the store keeps).":
        "Danh mục thủ tục cũng được nạp (các mốc hết thời gian chạy theo định nghĩa thủ tục mà kho lưu).",
    "Seconds between two rounds.":
        "Số giây giữa hai lượt.",
    "Fire what is due now, then exit.":
        "Ghi những gì đã đến hạn lúc này, rồi thoát.",
    "Output format; json prints one JSON object a line for each timeout fired.":
        "Định dạng đầu ra; json in mỗi mốc hết thời gian đã ghi thành một đối tượng JSON trên một dòng.",
    # motcua serve
    "Serve the HTTP API: the catalogue, cases by API token ('motcua token create'), and the\n"
    "citizens' status page (/tra-cuu). Its OpenAPI document is /openapi.json.":
        "Chạy giao diện lập trình HTTP: danh mục thủ tục, hồ sơ theo khoá API ('motcua token create') và\n"
        "trang tra cứu tình trạng hồ sơ cho công dân (/tra-cuu). Tài liệu OpenAPI ở /openapi.json.",
    "Address to listen on.":
        "Địa chỉ lắng nghe.",
    "Port to listen on.":
        "Cổng lắng nghe.",
    "Procedure catalogue served and used to open cases.":
        "Danh mục thủ tục được phục vụ và dùng để tiếp nhận hồ sơ.",
    "Server processes sharing the store.":
        "Số tiến trình máy chủ dùng chung kho hồ sơ.",
    "Requests a second allowed to each API token (or address, without one), in each server process.":
        "Số yêu cầu mỗi giây cho phép với mỗi khoá API (hoặc mỗi địa chỉ, khi không có khoá), trong mỗi tiến trình máy chủ.",
    "Requests allowed at once to each API token (or address) before --rate applies.":
        "Số yêu cầu cho phép dồn một lúc với mỗi khoá API (hoặc địa chỉ) trước khi --rate được áp dụng.",
    # motcua token
    "Create, list and revoke the HTTP API's tokens ('motcua serve').":
        "Tạo, liệt kê và thu hồi các khoá API của giao diện HTTP ('motcua serve').",
    "Make a token acting as OFFICER (a registered officer) and show it, this once.":
        "Tạo một khoá hoạt động với tư cách cán bộ OFFICER (đã đăng ký) và hiện khoá, chỉ một lần này.",
    "Revoke the token TOKEN_ID (as 'motcua token list' shows it): it is refused from now on.":
        "Thu hồi khoá TOKEN_ID (như 'motcua token list' hiện): từ nay khoá bị từ chối.",
    "List the tokens: id, officer, when made and when revoked (never a secret).":
        "Liệt kê các khoá: id, cán bộ, thời điểm tạo và thời điểm thu hồi (không bao giờ hiện phần bí mật).",
    # motcua store
    "Look after the case store: bring it up to this motcua's schema.":
        "Quản lý kho hồ sơ: nâng kho lên lược đồ mà phiên bản motcua này ghi.",
    "Run the store's pending migrations, in one transaction; a store already up to date is left as it is.\n\n"
    "A store that is not there is not created; one of a newer schema is refused and left untouched.":
        "Chạy các bước nâng cấp (migration) kho còn thiếu, trong một giao dịch; kho đã ở lược đồ mới nhất thì\n"
        "được để nguyên.\n\n"
        "Kho chưa có thì không được tạo; kho ở lược đồ mới hơn thì bị từ chối và để nguyên.",
}
