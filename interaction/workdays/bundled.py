"""The years whose State Council holiday schedule ships with the chinesecalendar package (read by calendar.py and by
the confirmation of a year's notice, which such a year does not need)."""

from functools import lru_cache

import chinese_calendar


@lru_cache(maxsize=1)
def bundled_years() -> range:
    """The years whose holiday schedule ships with the chinesecalendar package."""
    years = sorted({day.year for day in chinese_calendar.holidays})
    return range(years[0], years[-1] + 1)
