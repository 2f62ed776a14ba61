#!/usr/bin/env bash
# Scripted run of the case engine with the real CLI, in two parts.
# Part 1, the Nghệ An catalogue of 2013 (kept as history): supplement (and a guide-once breach),
# consultation, approval, refusal, a timeout, an overdue case and its apology, a refused attempt
# by the wrong unit, a mistyped year refused and a wrong decision corrected.
# Part 2, the current catalogue of xã Mường Xén (late 2026): cases opened on a sub-case and a
# channel, by national code, finished the same day, with a supplement at the commune police.
# Both print receipts (Form 01) and control sheets.
#
#   demo/cases.sh [DB]     DB defaults to a fresh file under ${TMPDIR:-/tmp}. The command is the
#                          project's .venv/bin/motcua when present, else motcua on PATH (MOTCUA overrides).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=${1:-$(mktemp -d "${TMPDIR:-/tmp}/motcua-demo.XXXXXX")/cases.db}
if [ -z "${MOTCUA:-}" ]; then
  if [ -x "$ROOT/.venv/bin/motcua" ]; then MOTCUA="$ROOT/.venv/bin/motcua"; else MOTCUA=motcua; fi
fi
CATALOG=${CATALOG:-$ROOT/procedures}
AGENCY=ldtbxh-nghe-an
rm -f "$DB" "$DB-wal" "$DB-shm"

m() { $MOTCUA "$@" --db "$DB" --catalog "$CATALOG"; }
say() { printf '\n== %s\n' "$*"; }
# Open a case and print only its dossier code (the first word of the text output).
open_case() { m case open "$@" | awk 'NR == 1 { print $1 }'; }
fire() { m case fire "$@" >/dev/null; }

say "Officers and their units (name badges)"
m officer add o-mc   --agency $AGENCY --unit mot-cua                        --name "Nguyễn Thị Hoa"  --position "Chuyên viên một cửa"
m officer add o-ncc  --agency $AGENCY --unit phong-nguoi-co-cong            --name "Lê Văn Bình"     --position "Trưởng phòng"
m officer add o-btxh --agency $AGENCY --unit phong-bao-tro-xa-hoi           --name "Trần Thị Lan"    --position "Chuyên viên"
m officer add o-dn   --agency $AGENCY --unit phong-day-nghe                 --name "Võ Minh Đức"     --position "Chuyên viên"
m officer add o-ld   --agency $AGENCY --unit phong-lao-dong-tien-luong-bhxh --name "Phan Thị Thu"    --position "Chuyên viên"
m officer add o-gd   --agency $AGENCY --unit giam-doc                       --name "Hồ Văn Dũng"     --position "Giám đốc Sở"
m officer add o-hu   --agency $AGENCY --unit phong-ldtbxh-huyen             --name "Đặng Văn Hùng"   --position "Chuyên viên huyện"
m officer add o-tt   --agency $AGENCY --unit trung-tam-bao-tro-xa-hoi       --name "Bùi Thị Nga"     --position "Phó Giám đốc Trung tâm"

say "1. Transfer of a meritorious person's records: supplement twice, consultation, approval"
A=$(open_case $AGENCY/di-chuyen-ho-so-nguoi-co-cong --applicant "Trần Văn An" --actor o-mc --at 2013-09-09T08:00)
fire "$A" complete --actor o-mc --at 2013-09-09T10:00
fire "$A" request_supplement --actor o-ncc --record ban-sao-ho-khau --note "Bản sao hộ khẩu không rõ" --at 2013-09-10T09:00
fire "$A" supplement --actor o-mc --record ban-sao-ho-khau --at 2013-09-11T09:00
echo "A second supplement request is allowed but recorded as a breach of the guide-once rule:"
m case fire "$A" request_supplement --actor o-ncc --record don-de-nghi --note "Thiếu chữ ký" --at 2013-09-11T14:00 >/dev/null
fire "$A" supplement --actor o-mc --record don-de-nghi --at 2013-09-12T08:00
echo "Approval before the district office answered is refused:"
m case fire "$A" approve --actor o-ncc --at 2013-09-12T09:00 || echo "(exit $?)"
fire "$A" answer --actor o-hu --at 2013-09-13T10:00
fire "$A" approve --actor o-ncc --at 2013-09-16T10:00
fire "$A" complete --actor o-gd --at 2013-09-17T15:00
fire "$A" complete --actor o-ncc --at 2013-09-19T09:00
fire "$A" complete --actor o-mc --at 2013-09-19T14:00
m case show "$A" --at 2013-09-19T15:00

say "2. Admission to a social-protection centre: the centre is consulted, the division rejects"
B=$(open_case $AGENCY/tiep-nhan-doi-tuong-vao-co-so-bao-tro-xa-hoi --applicant "Nguyễn Thị Bé" --actor o-mc --at 2013-09-10T14:00)
fire "$B" complete --actor o-mc --at 2013-09-10T16:00
echo "The one-stop officer may not answer for the centre:"
m case fire "$B" answer --actor o-mc --at 2013-09-11T08:00 || echo "(exit $?)"
fire "$B" answer --actor o-tt --at 2013-09-13T10:00
fire "$B" reject --actor o-btxh --note "Không thuộc diện đối tượng" --at 2013-09-18T10:00
fire "$B" complete --actor o-gd --at 2013-09-19T10:00
m case fire "$B" complete --actor o-mc --at 2013-09-19T15:00

say "3. Registration of vocational training: the dossier is refused in writing (Form 03)"
C=$(open_case $AGENCY/dang-ky-hoat-dong-day-nghe --applicant "Công ty TNHH Kỹ nghệ Vinh" --actor o-mc --at 2013-09-16T08:30)
fire "$C" complete --actor o-mc --at 2013-09-16T10:00
m case fire "$C" refuse --actor o-dn --note "Cơ sở chưa có quyết định thành lập" --at 2013-09-17T09:00
echo "Events on a finished case are refused:"
m case fire "$C" approve --actor o-dn --at 2013-09-17T10:00 || echo "(exit $?)"

say "4. Internal labour regulations: the department stays silent and the timeout decides"
D=$(open_case $AGENCY/dang-ky-noi-quy-lao-dong --applicant "Công ty CP May Nghệ An" --actor o-mc --at 2013-09-16T08:00)
fire "$D" complete --actor o-mc --at 2013-09-16T10:00
m case tick --at 2013-09-20T08:00
m case tick --at 2013-09-24T08:00

say "5. Re-issue of a war invalid's card: the director's signature is late; overdue, then an apology (Form 04)"
# 20 days from Mon 23 September end on Sun 13 October, so the appointment moves to Mon 14 October.
E=$(open_case $AGENCY/cap-doi-the-thuong-binh-benh-binh-liet-si --applicant "Lê Văn Cường" --actor o-mc --at 2013-09-23T08:00)
fire "$E" complete --actor o-mc --at 2013-09-23T08:20
fire "$E" approve --actor o-ncc --at 2013-09-23T09:30
m case list --overdue --at 2013-10-15T08:00
m case fire "$E" apologize --actor o-gd --note "Chờ phôi thẻ từ Bộ" --until 2013-10-18T17:00 --at 2013-10-15T08:30
fire "$E" complete --actor o-gd --at 2013-10-17T09:00
m case fire "$E" complete --actor o-mc --at 2013-10-17T10:00
m case show "$E" --at 2013-10-17T11:00

say "6. A mistyped year is refused; a wrong decision is corrected, and the log keeps both"
F=$(open_case $AGENCY/cap-doi-the-thuong-binh-benh-binh-liet-si --applicant "Phạm Thị Hương" --actor o-mc --at 2013-09-24T08:00)
fire "$F" complete --actor o-mc --at 2013-09-24T08:20
echo "2103 typed for 2013 is refused: no later event could ever be dated before it:"
m case fire "$F" approve --actor o-ncc --at 2103-09-24T09:00 || echo "(exit $?)"
fire "$F" reject --actor o-ncc --at 2013-09-24T09:00
m case correct "$F" --actor o-ncc --reason "Chọn nhầm kết quả: hồ sơ khớp với hồ sơ gốc" --at 2013-09-24T09:10
fire "$F" approve --actor o-ncc --at 2013-09-24T09:15
m case show "$F" --at 2013-09-24T09:30

say "All cases of 2013"
m case list --at 2013-10-17T11:00

# ---------------------------------------------------------------------------------------------
# Part 2: the catalogue in force today. Mon 30 Nov - Thu 3 Dec 2026 are working days; Tue 24 Nov
# 2026 was Viet Nam Culture Day, a holiday.
UB=ubnd-xa-muong-xen
CA=cong-an-xa-muong-xen

say "Officers of the People's Committee of xã Mường Xén and of the commune police"
m officer add x-mc  --agency $UB --unit mot-cua               --name "Lô Thị Mai"     --position "Công chức Trung tâm Phục vụ hành chính công"
m officer add x-tp  --agency $UB --unit tu-phap-ho-tich       --name "Vi Văn Sơn"     --position "Công chức Tư pháp - Hộ tịch"
m officer add x-ct  --agency $UB --unit chu-tich              --name "Lương Văn Thắng" --position "Phó Chủ tịch UBND xã"
m officer add c-mc  --agency $CA --unit mot-cua               --name "Xeo Văn Tú"     --position "Cán bộ tiếp nhận hồ sơ"
m officer add c-ct  --agency $CA --unit can-bo-dang-ky-cu-tru --name "Moong Thị Hoa"  --position "Cán bộ đăng ký cư trú"
m officer add c-tr  --agency $CA --unit truong-cong-an-xa     --name "Hà Văn Nam"     --position "Trưởng Công an xã"

say "7. Death registration, complete dossier (sub-case 1.000656.02), filed in person: done the same day"
G=$(open_case $UB/dang-ky-khai-tu --variant 1.000656.02 --channel in-person --applicant "Lầu Bá Chư" --actor x-mc \
  --record giay-bao-tu-hoac-giay-to-thay-giay-bao --record to-khai-dang-ky-khai-tu-theo-mau-neu --at 2026-11-30T08:00)
fire "$G" complete --actor x-mc --at 2026-11-30T08:20
fire "$G" dang-ky --actor x-tp --at 2026-11-30T09:30
fire "$G" complete --actor x-ct --at 2026-11-30T10:15
fire "$G" complete --actor x-mc --at 2026-11-30T10:30
m case show "$G" --at 2026-11-30T10:40

say "8. Marriage registration (sub-case 1.000894.01): both parties sign the register on the day"
H=$(open_case $UB/dang-ky-ket-hon --variant 1.000894.01 --channel in-person --applicant "Vi Văn Hùng và Lô Thị Lan" --actor x-mc \
  --record to-khai-dang-ky-ket-hon-theo-mau-co-du --at 2026-12-01T08:00)
fire "$H" complete --actor x-mc --at 2026-12-01T08:20
fire "$H" dang-ky --actor x-tp --at 2026-12-01T09:40
fire "$H" complete --actor x-ct --at 2026-12-01T10:30
fire "$H" complete --actor x-mc --at 2026-12-01T11:00
m case show "$H" --at 2026-12-01T11:05

say "9. Temporary residence at the commune police, opened by national code; the officer asks for one paper"
I=$(open_case 1.004194 --channel online --applicant "Nguyễn Văn Long" --actor c-mc \
  --record thong-tin-chung-minh-ve-cho-o-hop-phap --record to-khai-thay-doi-thong-tin-cu-tru-mau --at 2026-12-01T14:00)
fire "$I" complete --actor c-mc --at 2026-12-01T14:30
fire "$I" request_supplement --actor c-ct --record to-khai-thay-doi-thong-tin-cu-tru-mau --note "Tờ khai CT01 thiếu ý kiến đồng ý của chủ sở hữu chỗ ở" --at 2026-12-02T08:30
fire "$I" supplement --actor c-mc --record to-khai-thay-doi-thong-tin-cu-tru-mau --at 2026-12-02T10:00
fire "$I" complete --actor c-ct --at 2026-12-02T15:00
fire "$I" dong-y --actor c-tr --at 2026-12-03T08:30
fire "$I" complete --actor c-ct --at 2026-12-03T09:30
fire "$I" complete --actor c-mc --at 2026-12-03T10:00
m case show "$I" --at 2026-12-03T10:05

say "All cases, 2013 and 2026"
m case list --at 2026-12-03T11:00
echo
echo "store: $DB"
