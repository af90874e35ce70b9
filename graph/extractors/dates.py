"""Dates as reports write them: full dates, month and day, a day alone, spans of days, relative days
(昨天, 上周五) counted from the publish date, and datelines; `date_in` reads the date a stretch of text
gives, as `YYYY-MM-DD` or `--MM-DD` when no year is knowable.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

FULL_DATE_RE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
# (a digit first, then the check of the character before it: a search then skips to the digits
# instead of trying every character of the text)
MONTH_DAY_RE = re.compile(r"(\d(?<![\d年]\d)\d?)月(\d{1,2})[日号]")  # 2月22号 in spoken news
DAY_ONLY_RE = re.compile(r"(\d(?<![\d月]\d)\d?)日")
RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "前日": -2}  # 当天 refers back, not to the report
# A weekday of last week or this one, counted from the publish date: 上周五, 本周一, 上星期三.
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
RELATIVE_WEEKDAY = r"(?:上|本|这)(?:周|星期|礼拜)[一二三四五六日天]"
RELATIVE_RE = re.compile("|".join([*RELATIVE_DAYS, RELATIVE_WEEKDAY]))


def relative_day(word: str, publish: str) -> str | None:
    """The day a relative word names (昨天, 上周五), counted from the publish date."""
    if word in RELATIVE_DAYS:
        return shift(publish, RELATIVE_DAYS[word])
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", publish or ""):
        return None  # a weekday needs the publish date's own weekday
    pub = date.fromisoformat(publish)
    monday = pub - timedelta(days=pub.weekday()) - timedelta(days=7 if word[0] == "上" else 0)
    return (monday + timedelta(days=WEEKDAYS[word[-1]])).isoformat()


def iso(y: int | None, m: int, d: int) -> str | None:
    try:
        if y:
            return date(y, m, d).isoformat()
        date(2000, m, d)  # validates month and day (2000 is a leap year)
        return f"--{m:02d}-{d:02d}"
    except ValueError:
        return None


def shift(iso_date: str, days: int) -> str | None:
    """A date moved by some days; a `--MM-DD` date stays one (its year is unknown)."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d", iso_date or ""):
        return (date.fromisoformat(iso_date) + timedelta(days=days)).isoformat()
    if re.fullmatch(r"--\d\d-\d\d", iso_date or ""):
        moved = date(2001, int(iso_date[2:4]), int(iso_date[5:7])) + timedelta(days=days)  # 2001: no leap day
        return f"--{moved.month:02d}-{moved.day:02d}"
    return None


def with_year(m: int, d: int, publish: str | None) -> str | None:
    """A month-day read in a report: the year from its publish date (the year before if later)."""
    if publish and re.match(r"\d{4}-\d\d-\d\d", publish):
        y, pm, pd = int(publish[:4]), int(publish[5:7]), int(publish[8:10])
        if (m, d) > (pm, pd) and (m - pm) >= 2:
            y -= 1
        return iso(y, m, d)
    return iso(None, m, d)


def day_before(day: int, publish: str) -> str | None:
    """A day of the month read alone (29日): in the publish month, or the month before when that day
    is still to come (29日 in a report of 6月1日 is 5月29日)."""
    y = int(publish[:4]) if publish[0] != "-" else None
    mon = int(publish[5:7]) if publish[0] != "-" else int(publish[2:4])
    if day > int(publish[-2:]):
        y, mon = (y - 1 if y else None, 12) if mon == 1 else (y, mon - 1)
    return iso(y, mon, day)


DATELINE_RE = re.compile(r"(\d{1,2})月(\d{1,2})日(?:电|讯|消息)")  # 据X报1月21日消息: filed, not met


def date_in(text: str, publish: str | None) -> str | None:
    """The date a stretch of text gives (the last one in it), resolved against the publish date.
    A dateline (`3月2日讯`) is when the report was filed, not when anything met."""
    found: list[tuple[int, str | None]] = []
    datelines = [m.span() for m in DATELINE_RE.finditer(text)]
    for m in FULL_DATE_RE.finditer(text):
        found.append((m.start(), iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    full = [s for s, _ in found]  # a month-day just after a full date repeats it; one after a month-day does not
    for m in MONTH_DAY_RE.finditer(text):  # (1月21日消息,1月20日: the second is the meeting's day)
        if any(s <= m.start() < e for s, e in datelines) or any(s <= m.start() < s + 12 for s in full):
            continue
        found.append((m.start(), with_year(int(m.group(1)), int(m.group(2)), publish)))
    for m in RELATIVE_RE.finditer(text):
        if publish:
            found.append((m.start(), relative_day(m.group(), publish)))
    for m in DAY_ONLY_RE.finditer(text):
        if publish and not any(s <= m.start() < e for s, e in datelines) and (m.start() == 0 or text[m.start() - 1] not in "至到-~") and \
                not any(m.start() - 6 < s <= m.start() for s, _ in found if _ and "月" in text[s:m.start()]):
            found.append((m.start(), day_before(int(m.group(1)), publish)))
    found = sorted(f for f in found if f[1])
    if not found:
        return None
    return found[-1][1]


RANGE_RE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日?(?:至|到|-|—)(?:(\d{1,2})月)?(\d{1,2})日")


def range_end(text: str, publish: str | None) -> str | None:
    """The last day of a span of days (`9月5日至6日` -> 9月6日), resolved like any date."""
    m = None
    for m in RANGE_RE.finditer(text):  # noqa: B007 (the last span is the one wanted)
        pass
    if m is None:
        return None
    month, day = int(m.group(4) or m.group(2)), int(m.group(5))
    return iso(int(m.group(1)), month, day) if m.group(1) else with_year(month, day, publish)


@lru_cache(maxsize=8192)  # names recur (every title's body, every meeting): one scan of the kinds each
def first_kind(text: str, kinds: tuple[tuple[str, str], ...], default: str) -> str:
    """The first kind whose pattern the text matches (the order of `kinds` settles overlaps)."""
    return next((kind for kind, rx in kinds if re.search(rx, text)), default)
