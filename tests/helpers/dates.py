"""The week the tests plan in: today is Wednesday 18 November 2026, in the week 2026-W47.

Pure dates, no Qt: storage, CLI and widget tests share them.
"""

from __future__ import annotations

from datetime import date, timedelta

#: A Wednesday; its week (2026-W47) runs Monday 16 to Sunday 22 November 2026.
TODAY = date(2026, 11, 18)
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 11, 16) + timedelta(days=i) for i in range(7))
#: The Monday of TODAY's week.
MONDAY = MON
WEEK = timedelta(days=7)
