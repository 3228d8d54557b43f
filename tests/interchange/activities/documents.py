"""GPX and TCX documents for the tests, written inline: timed or not, with extensions, hostile."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timedelta

from tests.helpers.fit_files import RUN_START


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def gpx(
    *,
    start: datetime = RUN_START,
    seconds: int = 3600,
    step_s: int = 10,
    metres_per_s: float = 3.0,
    times: bool = True,
    heart_rate: bool = True,
    sport: str = "running",
) -> bytes:
    """A GPX track heading north from Berlin at ``metres_per_s``, a point every ``step_s``."""
    points = []
    for second in range(0, seconds + 1, step_s):
        lat = 52.5 + second * metres_per_s / 111_195.0
        time = f"<time>{_stamp(start + timedelta(seconds=second))}</time>" if times else ""
        extension = (
            "<extensions><gpxtpx:TrackPointExtension>"
            f"<gpxtpx:hr>{140 + second % 7}</gpxtpx:hr><gpxtpx:cad>86</gpxtpx:cad>"
            "</gpxtpx:TrackPointExtension></extensions>"
            if heart_rate
            else ""
        )
        points.append(
            f'<trkpt lat="{lat:.7f}" lon="13.4"><ele>{40 + second % 5}</ele>{time}{extension}</trkpt>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1" '
        'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
        f"<trk><name>Morning Run</name><type>{sport}</type><trkseg>"
        + "".join(points)
        + "</trkseg></trk></gpx>"
    ).encode()


def tcx(*, start: datetime = RUN_START, seconds: int = 1800, sport: str = "Running") -> bytes:
    """A TCX activity of two laps, points every 10 s at 3 m/s, heart rate and speed."""
    laps = []
    half = seconds // 2
    for lap in range(2):
        lap_start = start + timedelta(seconds=lap * half)
        points = "".join(
            "<Trackpoint>"
            f"<Time>{_stamp(lap_start + timedelta(seconds=s))}</Time>"
            f"<AltitudeMeters>{50 + s % 3}</AltitudeMeters>"
            f"<DistanceMeters>{(lap * half + s) * 3.0}</DistanceMeters>"
            f"<HeartRateBpm><Value>{150 + lap}</Value></HeartRateBpm>"
            '<Extensions><ns3:TPX xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">'
            "<ns3:Speed>3.0</ns3:Speed><ns3:RunCadence>88</ns3:RunCadence></ns3:TPX></Extensions>"
            "</Trackpoint>"
            for s in range(0, half, 10)
        )
        laps.append(
            f'<Lap StartTime="{_stamp(lap_start)}"><TotalTimeSeconds>{half}</TotalTimeSeconds>'
            f"<DistanceMeters>{half * 3.0}</DistanceMeters>"
            f"<AverageHeartRateBpm><Value>{150 + lap}</Value></AverageHeartRateBpm>"
            f"<MaximumHeartRateBpm><Value>{160 + lap}</Value></MaximumHeartRateBpm>"
            f"<Track>{points}</Track></Lap>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="{sport}"><Id>{_stamp(start)}</Id>'
        + "".join(laps)
        + "</Activity></Activities></TrainingCenterDatabase>"
    ).encode()


ENTITY_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<ROOT xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&lol4;</name></trk></ROOT>
"""


def entity_bomb(root: str) -> bytes:
    """The billion laughs, shrunk, under ``root`` (``gpx`` or ``TrainingCenterDatabase``)."""
    return ENTITY_BOMB.replace(b"ROOT", root.encode())


def external_entity(root: str) -> bytes:
    """A document that asks its parser to read /etc/passwd into it."""
    return (
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        f"<{root}><trk><name>&secret;</name></trk></{root}>"
    ).encode()


def zip_of(members: dict[str, bytes]) -> bytes:
    """A ZIP archive (deflated) holding ``members`` by name, as written, even ``../../x``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()
