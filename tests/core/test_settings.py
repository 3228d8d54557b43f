"""Settings read from a plan file: a damaged value falls back to its default, and says so."""

from __future__ import annotations

from planner.core import settings as settings_mod
from planner.core.service import PlanService
from planner.core.settings import (
    DamagedSetting,
    Settings,
    Units,
    changed_names,
    damaged_summary,
    from_strings,
    to_strings,
    with_value,
)
from tests.fakes import MemoryRepository


def test_damaged_values_fall_back_and_the_loader_says_which() -> None:
    loaded = from_strings({"ramp-limit": "lots", "units": "mlies", "first-weekday": "tuesday"})
    assert (loaded.units, loaded.first_weekday, loaded.rules.ramp_limit_pct) == (Units.KM, 1, 10)
    assert loaded.damaged == (
        DamagedSetting("units", "mlies", "km", "'mlies' is not a unit: use km or mi."),
        DamagedSetting("ramp-limit", "lots", "10", "'lots' is not a number from 1 to 30."),
    )
    assert loaded.damaged[0].describe() == "units: 'mlies' is not a unit: use km or mi. Using km."
    assert damaged_summary(loaded.damaged) == (
        "units (stored 'mlies', using km), ramp-limit (stored 'lots', using 10)"
    )


def test_whole_settings_have_nothing_damaged() -> None:
    stored = to_strings(Settings(units=Units.MI, first_weekday=6))
    assert from_strings(stored).damaged == ()
    assert from_strings({}).damaged == ()
    assert from_strings({"a-setting-of-a-newer-legwork": "x"}).damaged == ()


def test_run_limits_that_contradict_each_other_are_both_damaged() -> None:
    loaded = from_strings({"min-runs-per-week": "6", "max-runs-per-week": "4"})
    assert (loaded.rules.min_runs_per_week, loaded.rules.max_runs_per_week) == (3, 5)
    assert [(d.name, d.stored, d.fallback) for d in loaded.damaged] == [
        ("min-runs-per-week", "6", "3"),
        ("max-runs-per-week", "4", "5"),
    ]
    # One out of range, the other then below it: each is named once, with what is used.
    loaded = from_strings({"min-runs-per-week": "9", "max-runs-per-week": "2"})
    assert [(d.name, d.fallback) for d in loaded.damaged] == [
        ("min-runs-per-week", "3"),
        ("max-runs-per-week", "5"),
    ]
    # Only one stored, above the other's default: only that one is damaged.
    loaded = from_strings({"min-runs-per-week": "6"})
    assert loaded.rules.min_runs_per_week == 3
    assert [(d.name, d.stored, d.fallback) for d in loaded.damaged] == [
        ("min-runs-per-week", "6", "3")
    ]


def test_settings_that_fell_back_equal_their_defaults() -> None:
    """What was damaged is a note on the settings, not a part of their value."""
    assert from_strings({"units": "mlies"}) == Settings()


def test_saving_rewrites_what_was_damaged() -> None:
    loaded = from_strings({"units": "mlies"})
    assert changed_names(loaded, loaded) == ["units"]
    chosen = with_value(loaded, "first-weekday", "sunday")
    assert chosen.damaged == ()  # what is saved from it is whole
    assert changed_names(loaded, chosen) == ["units", "first-weekday"]
    assert changed_names(chosen, chosen) == []


def test_the_service_writes_a_damaged_setting_back_when_settings_are_saved() -> None:
    repo = MemoryRepository([], settings={"units": "mlies", "first-weekday": "monday"})
    service = PlanService(repo)
    loaded = service.settings()
    assert [d.name for d in loaded.damaged] == ["units"]
    service.change_settings(loaded.replace())  # Preferences saved with nothing changed
    assert repo.settings()["units"] == "km"
    assert service.settings().damaged == ()
    assert settings_mod.to_strings(service.settings()) == settings_mod.to_strings(Settings())
