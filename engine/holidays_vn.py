"""Vietnam's announced civil-servant calendar: the swaps of days off and make-up working days the
government announces each year, and the corrections to the ``holidays`` package that follow the
law in force. They apply to every agency whose calendar is ``holidays: VN``; an agency's own
``days_off`` and ``working_days`` still win (``engine/calendar.py``).

Every entry names the document that announced it. The rules, the sources and what is uncertain
are written down in ``docs/time-counting.md`` (section 2). To add a year's swaps: add an
:class:`Announcement` and its days to ``ANNOUNCEMENTS``, a test to
``tests/engine/test_national_calendar.py``, and move ``ANNOUNCED_THROUGH``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal

__all__ = [
    "ANNOUNCED_THROUGH",
    "ANNOUNCEMENTS",
    "FIRST_YEAR",
    "NOT_HOLIDAYS",
    "Announcement",
    "NationalDay",
    "NotAHoliday",
    "national_days",
]

Lang = Literal["vi", "en"]
#: A text in Vietnamese and English.
Pair = tuple[str, str]

#: The first year whose announced swaps are shipped (the `holidays` package has 2010 and 2012).
FIRST_YEAR: Final = 2013
#: The last year whose civil-servant holiday calendar has been announced and is shipped here;
#: later years are estimates: the statutory holidays as the package computes them, no swaps.
ANNOUNCED_THROUGH: Final = 2026

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Announcement:
    """A document that announced days off and make-up working days for civil servants.

    ``number`` is the document's number as printed (``12729/VPCP-KGVX``), ``None`` when it was
    not confirmed; ``certain`` is false when a fact of the entry was not read in a source, and
    ``note`` then says which.
    """

    kind: Pair
    number: str | None
    issued: dt.date | None
    subject: Pair
    reported_by: str
    certain: bool = True
    note: Pair | None = None

    def cite(self, lang: Lang = "vi") -> str:
        """``Công văn 12729/VPCP-KGVX ngày 25/12/2025`` / ``Official Letter 12729/VPCP-KGVX of 25 Dec 2025``."""
        vi = lang == "vi"
        parts = [self.kind[0] if vi else self.kind[1]]
        if self.number:
            parts.append(self.number)
        if self.issued is not None:
            d = self.issued
            parts.append(f"ngày {d:%d/%m/%Y}" if vi else f"of {d.day} {_MONTHS_EN[d.month - 1]} {d.year}")
        text = " ".join(parts)
        subject = self.subject[0] if vi else self.subject[1]
        return f"{text}: {subject}" if subject else text


@dataclass(frozen=True, slots=True)
class NationalDay:
    """One announced day: a day off (``working`` false) or a make-up working day."""

    date: dt.date
    working: bool
    name: Pair
    announcement: Announcement


@dataclass(frozen=True, slots=True)
class NotAHoliday:
    """A day the ``holidays`` package has off that the law in force does not make a holiday.

    ``package_name`` is the package's Vietnamese name of the holiday; its compensatory day
    (``... (nghỉ bù)``) goes with it.
    """

    package_name: str
    since: int
    name: Pair
    reason: Pair


_OFFICIAL_LETTER: Final = ("Công văn", "Official Letter")
_ANNOUNCEMENT: Final = ("Thông báo", "Announcement")

L9570: Final = Announcement(
    _OFFICIAL_LETTER, "9570/VPCP-KGVX", dt.date(2012, 11, 23),
    ("nghỉ Tết và hoán đổi ngày làm việc năm 2013", "holidays and swapped working days of 2013"),
    "domain research §4.2 (en.luathado.com; eballsviet.com copy of the letter)",
)  # fmt: skip
L10525: Final = Announcement(
    _OFFICIAL_LETTER, "10525/VPCP-KGVX", dt.date(2013, 12, 12),
    ("nghỉ Tết Giáp Ngọ và các ngày lễ năm 2014", "Tết and holidays of 2014"),
    "laodong.com.vn, baonghean.vn, baodongthap.com.vn (the letter's text not read)",
)  # fmt: skip
L2015: Final = Announcement(
    _ANNOUNCEMENT, None, None,
    ("Bộ Lao động - Thương binh và Xã hội thông báo hoán đổi ngày nghỉ năm 2015 (Thủ tướng đồng ý"
     " Tờ trình 89/TTr-LĐTBXH ngày 20/11/2014)",
     "the Ministry of Labour's announcement of the 2015 swaps (the Prime Minister approved"
     " submission 89/TTr-LĐTBXH of 20 Nov 2014)"),
    "holidays package 0.109; baomoi.com (New Year 2015); cand.com.vn (Tết 2015 option 1)",
    certain=False,
    note=("Số và ngày của văn bản đồng ý chưa được xác minh; các ngày khớp với gói holidays và báo chí.",
          "The number and date of the approving document were not confirmed; the days agree with"
          " the holidays package and the press."),
)  # fmt: skip
L6519: Final = Announcement(
    _OFFICIAL_LETTER, "6519/VPCP-KGVX", dt.date(2018, 7, 11),
    ("nghỉ lễ, tết năm 2019 đối với cán bộ, công chức, viên chức",
     "holidays of 2019 for public-sector employees"),
    "thuvienphapluat.vn (text of the letter)",
)  # fmt: skip
L2450: Final = Announcement(
    _OFFICIAL_LETTER, "2450/VPCP-KGVX", dt.date(2024, 4, 12),
    ("hoán đổi ngày làm việc dịp 30/4 và 1/5/2024", "swap of working days around 30 Apr and 1 May 2024"),
    "thuvienphapluat.vn (text of the letter)",
)  # fmt: skip
L8726: Final = Announcement(
    _OFFICIAL_LETTER, "8726/VPCP-KGVX", dt.date(2024, 11, 26),
    ("nghỉ Tết Âm lịch và một số dịp nghỉ lễ năm 2025 (Thông báo 6150/TB-BLĐTBXH)",
     "Tết and some holidays of 2025 (Announcement 6150/TB-BLĐTBXH)"),
    "pld.net.vn (the letter); holidays package 0.109 (Announcement 6150/TB-BLĐTBXH)",
    certain=False,
    note=("Hoán đổi 2/5 nằm trong văn bản này theo Thông báo 6150/TB-BLĐTBXH; toàn văn công văn chưa được đọc.",
          "The 2 May swap is part of this decision as Announcement 6150/TB-BLĐTBXH reports it; the"
          " letter's full text was not read."),
)  # fmt: skip
L12729: Final = Announcement(
    _OFFICIAL_LETTER, "12729/VPCP-KGVX", dt.date(2025, 12, 25),
    ("nghỉ Tết Dương lịch 2026", "New Year 2026 break"),
    "press reports of the letter (Deputy Prime Minister Phạm Thị Thanh Trà approved the Ministry of Home Affairs' proposal)",
)  # fmt: skip
L2026: Final = Announcement(
    _ANNOUNCEMENT, None, None,
    ("Bộ Nội vụ thông báo lịch nghỉ Tết Âm lịch và dịp Quốc khánh năm 2026",
     "the Ministry of Home Affairs' announcement of Tết and National Day 2026"),
    "domain research §4.2 (vietnamnews.vn 3 and 17 Oct 2025, en.sggp.org.vn, english.vtv.vn); holidays package 0.109",
    certain=False,
    note=("Số và ngày của văn bản chưa được xác minh; các ngày khớp với báo chí và gói holidays.",
          "The document's number and date were not confirmed; the days agree with the press and"
          " the holidays package."),
)  # fmt: skip


def _off(day: dt.date, name: Pair, source: Announcement) -> NationalDay:
    return NationalDay(day, False, name, source)


def _work(day: dt.date, name: Pair, source: Announcement) -> NationalDay:
    return NationalDay(day, True, name, source)


def _swap(off: dt.date, worked: dt.date, occasion: Pair, source: Announcement) -> tuple[NationalDay, NationalDay]:
    """A weekday off in exchange for a weekly rest day worked, as one announcement pairs them."""
    return (
        _off(off, (f"Nghỉ {occasion[0]} (hoán đổi, làm bù ngày {worked:%d/%m/%Y})",
                   f"{occasion[1]} break (swapped for {worked:%Y-%m-%d} worked)"), source),
        _work(worked, (f"Làm bù cho ngày {off:%d/%m/%Y} ({occasion[0]})",
                       f"Make-up working day for {off:%Y-%m-%d} ({occasion[1]})"), source),
    )  # fmt: skip


_D = dt.date
_NEW_YEAR: Final = ("Tết Dương lịch", "New Year")
_TET: Final = ("Tết Nguyên đán", "Lunar New Year (Tết)")
_REUNIFICATION: Final = ("dịp 30/4 - 1/5", "30 April - 1 May")
_NATIONAL_DAY: Final = ("dịp Quốc khánh", "National Day")

#: Every announced swap since 2013, by announcement, in date order.
ANNOUNCEMENTS: Final[tuple[NationalDay, ...]] = (
    # 2013 (9570/VPCP-KGVX)
    *_swap(_D(2012, 12, 31), _D(2013, 1, 5), _NEW_YEAR, L9570),
    *_swap(_D(2013, 2, 15), _D(2013, 2, 23), _TET, L9570),
    *_swap(_D(2013, 4, 29), _D(2013, 5, 4), _REUNIFICATION, L9570),
    # 2014 (10525/VPCP-KGVX): Tết off Tue 28 Jan - Wed 5 Feb; Tue 28 and Wed 29 Jan swapped for
    # Sat 25 Jan and Sat 8 Feb (laodong.com.vn); Wed 5 Feb is the announced second compensatory
    # day for Tết's Saturday and Sunday (the package puts that one on Wed 29 Jan).
    *_swap(_D(2014, 1, 28), _D(2014, 1, 25), _TET, L10525),
    *_swap(_D(2014, 1, 29), _D(2014, 2, 8), _TET, L10525),
    _off(_D(2014, 2, 5), ("Nghỉ Tết Nguyên đán (nghỉ bù; kỳ nghỉ công bố 28/01 - 05/02/2014)",
                         "Lunar New Year (compensatory day; announced break 28 Jan - 5 Feb 2014)"), L10525),
    *_swap(_D(2014, 5, 2), _D(2014, 4, 26), _REUNIFICATION, L10525),
    *_swap(_D(2014, 9, 1), _D(2014, 9, 6), _NATIONAL_DAY, L10525),
    # 2015 (number not confirmed)
    *_swap(_D(2015, 1, 2), _D(2014, 12, 27), _NEW_YEAR, L2015),
    *_swap(_D(2015, 2, 16), _D(2015, 2, 14), _TET, L2015),
    *_swap(_D(2015, 4, 29), _D(2015, 4, 25), _REUNIFICATION, L2015),
    # 2019 (6519/VPCP-KGVX)
    *_swap(_D(2018, 12, 31), _D(2019, 1, 5), _NEW_YEAR, L6519),
    *_swap(_D(2019, 4, 29), _D(2019, 5, 4), _REUNIFICATION, L6519),
    # 2024 (2450/VPCP-KGVX)
    *_swap(_D(2024, 4, 29), _D(2024, 5, 4), _REUNIFICATION, L2450),
    # 2025 (8726/VPCP-KGVX, Announcement 6150/TB-BLĐTBXH)
    *_swap(_D(2025, 5, 2), _D(2025, 4, 26), _REUNIFICATION, L8726),
    # 2026
    *_swap(_D(2026, 1, 2), _D(2026, 1, 10), _NEW_YEAR, L12729),
    *_swap(_D(2026, 8, 31), _D(2026, 8, 22), _NATIONAL_DAY, L2026),
)  # fmt: skip

#: Days the package has off that the law in force does not (yet) make holidays.
NOT_HOLIDAYS: Final[tuple[NotAHoliday, ...]] = (
    NotAHoliday(
        "Ngày Văn hóa Việt Nam", 2026,
        ("Ngày Văn hóa Việt Nam (24/11): không phải ngày nghỉ lễ theo luật hiện hành",
         "Vietnam Culture Day (24 Nov): not a public holiday under the law in force"),
        ("Bộ luật Lao động 2019, Điều 112 khoản 1 (11 ngày lễ, không có 24/11). Bộ Chính trị chọn 24/11"
         " là Ngày Văn hóa Việt Nam (Nghị quyết 80-NQ/TW) và Nghị quyết 30/NQ-CP (2026) giao sửa"
         " Điều 112; chưa xác nhận được luật sửa đổi có hiệu lực. Cơ quan ghi days_off nếu có thông báo nghỉ.",
         "Labour Code 2019, Art. 112(1) (11 holidays, 24 Nov not among them). The Politburo chose 24 Nov"
         " as Vietnam Culture Day (Resolution 80-NQ/TW) and Government Resolution 30/NQ-CP (2026) tasks"
         " amending Art. 112; no amendment in force could be confirmed. An agency lists it in days_off"
         " when a day off is announced."),
    ),
)  # fmt: skip


def national_days(year: int) -> tuple[NationalDay, ...]:
    """The announced days (off and worked) that fall in ``year``."""
    return tuple(d for d in ANNOUNCEMENTS if d.date.year == year)
