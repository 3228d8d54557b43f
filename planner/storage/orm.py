"""The database schema as SQLAlchemy 2 declarative classes (``*Row``).

These classes describe the tables for Alembic and for the repository's queries. They never
leave the storage layer: the repository converts them to the core's frozen dataclasses.
Schema changes go through an Alembic revision in ``planner/storage/migrations/versions``;
a test checks that this module and the migrations agree.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Stable constraint and index names, so batch migrations on SQLite can refer to them.
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: The values the ``kind`` and ``status`` columns accept (``planner.core.model.Kind``/``Status``).
KIND_VALUES: tuple[str, ...] = ("run", "strength", "hiit", "cross", "rest")
STATUS_VALUES: tuple[str, ...] = ("planned", "done", "skipped")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    """The declarative base: one ``MetaData`` with the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {str: String(), float: Float(), bool: Boolean(), date: Date()}


class WorkoutRow(Base):
    """One block on the calendar (``planner.core.model.Workout``)."""

    __tablename__ = "workouts"
    __table_args__ = (
        CheckConstraint(_one_of("kind", KIND_VALUES), name="kind"),
        CheckConstraint(_one_of("status", STATUS_VALUES), name="status"),
        CheckConstraint("position >= 0", name="position"),
        # Day first: the week view reads day ranges in day-then-position order.
        Index("ix_workouts_day_position", "day", "position"),
        # Ids are never reused, so a stale id (an old undo step, a selection) cannot hit a
        # different workout; undo still inserts a deleted workout back with its own id.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    duration_min: Mapped[float | None]
    distance_km: Mapped[float | None]
    rpe: Mapped[float | None]
    notes: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    status: Mapped[str] = mapped_column(String(16), default="planned", server_default="planned")
    actual_duration_min: Mapped[float | None]
    actual_distance_km: Mapped[float | None]
    actual_rpe: Mapped[float | None]
    heavy_legs: Mapped[bool] = mapped_column(default=False, server_default="0")
    #: A race: the goal of a plan (migration 2b2ee1c1a835).
    race: Mapped[bool] = mapped_column(default=False, server_default="0")
    #: The day a generated plan first put the workout on; NULL for the runner's own.
    plan_day: Mapped[date | None]


class TemplateRow(Base):
    """A workout library entry (``planner.core.model.Template``)."""

    __tablename__ = "templates"
    __table_args__ = (
        CheckConstraint(_one_of("kind", KIND_VALUES), name="kind"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    duration_min: Mapped[float | None]
    distance_km: Mapped[float | None]
    rpe: Mapped[float | None]
    description: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    builtin: Mapped[bool] = mapped_column(default=False, server_default="0")
    #: The name a built-in entry was shipped under (it may have been renamed); NULL for the
    #: runner's own. Missing built-ins are found by it.
    builtin_name: Mapped[str | None] = mapped_column(String(200))


class WeightRow(Base):
    """A weigh-in: one per day (``planner.core.model.WeightEntry``)."""

    __tablename__ = "weights"
    __table_args__ = (CheckConstraint("kg > 0", name="kg_positive"),)

    day: Mapped[date] = mapped_column(primary_key=True)
    kg: Mapped[float]


class SettingRow(Base):
    """A plan-related preference that travels with the file (key -> text value)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ActivityRow(Base):
    """A recorded activity and its link (``planner.core.matching.StoredActivity``).

    ``start_utc`` is the moment it started, in UTC without a zone; two recordings of one
    session are found by a range on it (its index), and the same moment cannot be stored
    twice. The track's five columns are compact BLOBs (``planner.storage.activity_codec``).
    ``prior_*`` hold what the linked workout was before the link (NULL status: the link made
    it).
    """

    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint(_one_of("kind", KIND_VALUES), name="kind"),
        CheckConstraint("elapsed_s > 0", name="elapsed_positive"),
        Index("ix_activities_start_utc", "start_utc", unique=True),
        Index("ix_activities_local_day", "local_day"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workout_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("workouts.id", ondelete="SET NULL"), unique=True
    )
    start_utc: Mapped[datetime] = mapped_column(DateTime())
    utc_offset_s: Mapped[int | None] = mapped_column(Integer)
    local_day: Mapped[date]
    sport: Mapped[str] = mapped_column(String(64))
    sub_sport: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    elapsed_s: Mapped[float]
    source: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    moving_s: Mapped[float | None]
    distance_km: Mapped[float | None]
    ascent_m: Mapped[float | None]
    avg_hr: Mapped[float | None]
    max_hr: Mapped[float | None]
    avg_cadence: Mapped[float | None]
    laps: Mapped[str] = mapped_column(Text, default="[]", server_default=text("'[]'"))
    track_seconds: Mapped[bytes] = mapped_column(LargeBinary)
    track_distance: Mapped[bytes] = mapped_column(LargeBinary)
    track_heart_rate: Mapped[bytes] = mapped_column(LargeBinary)
    track_altitude: Mapped[bytes] = mapped_column(LargeBinary)
    track_speed: Mapped[bytes] = mapped_column(LargeBinary)
    prior_status: Mapped[str | None] = mapped_column(String(16))
    prior_actual_duration_min: Mapped[float | None]
    prior_actual_distance_km: Mapped[float | None]
    prior_actual_rpe: Mapped[float | None]
    estimated_rpe: Mapped[float | None]


#: The tables every Legwork database has (besides ``alembic_version``).
LEGWORK_TABLES: frozenset[str] = frozenset(Base.metadata.tables)
