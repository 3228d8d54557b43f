"""Large weigh-in CSV files, made on the fly, for the import's tests and its benchmark."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

#: The benchmark's "today" (as in tests/perf/make_history_db.py).
TODAY = date(2026, 11, 18)


def write_daily_weights(path: Path, rows: int, *, accepted: int, today: date = TODAY) -> Path:
    """A ``date,weight`` CSV of ``rows`` consecutive days; the first ``accepted`` end today.

    Each line is like ``1903-09-04,72.5`` (16 bytes with its line feed), so a million rows
    make a 16 MB file. The rows after the first ``accepted`` fall after ``today``: an importer
    refuses them, one reason for them all. Weights run from 60.0 to 79.9 kg and repeat.
    """
    start = today - timedelta(days=accepted - 1)
    ordinal = start.toordinal()
    with path.open("w", encoding="ascii", newline="\n") as out:
        out.write("date,weight\n")
        chunk: list[str] = []
        for n in range(rows):
            day = date.fromordinal(ordinal + n)
            chunk.append(f"{day.isoformat()},{60 + (n % 200) / 10:.1f}\n")
            if len(chunk) == 10_000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
    return path
