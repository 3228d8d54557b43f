"""GPX recordings for the tests, written inline: a run with a point a minute."""

from __future__ import annotations

from datetime import datetime, timedelta


def gpx_run(start: datetime, minutes: int = 60, name: str = "Morning run") -> str:
    """A GPX run of ``minutes`` from ``start``, a point a minute, about 3 m/s."""
    points = "".join(
        f'<trkpt lat="{52.5 + i * 0.0016:.5f}" lon="13.4"><ele>40</ele>'
        f"<time>{(start + timedelta(minutes=i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(minutes + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>{name}</name><type>running</type><trkseg>{points}</trkseg></trk></gpx>"
    )
