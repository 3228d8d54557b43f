"""Each rule is defined once, as a record; every table about rules derives from the records."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from planner.core import rules
from planner.core.involvement import _PICKERS, DAY_RULES
from planner.core.model import Finding, Severity
from planner.core.preview import RANGE_RULES
from planner.core.rules import RULE_RECORDS, RULE_SOURCES, RULE_TITLES, RULES, Rule, build_context
from planner.core.rules.base import RuleContext
from planner.core.settings import RULE_IDS, SPECS
from tests.core.rules_kit import day, hiit

_IDS = tuple(r.id for r in RULE_RECORDS)


def _rules_md() -> Path | None:
    """RULES.md, the public contract, where this machine has it (it lives outside the repo)."""
    for folder in (os.environ.get("LEGWORK_SHARED_DOCS"), "/work/shared"):
        if folder and (Path(folder) / "RULES.md").is_file():
            return Path(folder) / "RULES.md"
    return None


def test_the_records_are_the_declared_rule_ids_in_rules_md_order() -> None:
    assert _IDS == RULE_IDS
    assert len(set(_IDS)) == len(_IDS)


@pytest.mark.skipif(_rules_md() is None, reason="RULES.md is not on this machine")
def test_the_records_follow_rules_md_table_and_its_sources() -> None:
    path = _rules_md()
    assert path is not None
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"\| [A-Z][A-Z_]+ \|", line)
    ]
    assert tuple(row[0] for row in rows) == _IDS
    assert {row[0]: row[-1] for row in rows} == dict(RULE_SOURCES)


def test_each_derived_table_has_exactly_the_records_ids() -> None:
    assert tuple(RULES) == _IDS
    assert tuple(RULE_TITLES) == _IDS
    assert tuple(RULE_SOURCES) == _IDS
    assert all(RULES[r.id] is r for r in RULE_RECORDS)
    assert {r.id: r.title for r in RULE_RECORDS} == RULE_TITLES
    assert {r.id: r.source for r in RULE_RECORDS} == RULE_SOURCES
    # the involvement: each rule marks either days or the blocks its picker chooses
    assert DAY_RULES | set(_PICKERS) == set(_IDS)
    assert not DAY_RULES & set(_PICKERS)
    assert {r.id for r in RULE_RECORDS if r.involves is None} == DAY_RULES
    # the preview: the rolling rules
    assert {r.id for r in RULE_RECORDS if r.rolling} == RANGE_RULES
    # the settings: one switch per rule
    assert tuple(s.name for s in SPECS if s.name.startswith("rule.")) == tuple(
        f"rule.{rule_id}" for rule_id in _IDS
    )


def test_the_involvement_and_preview_tables_are_as_before_the_records() -> None:
    assert {
        "REST_WEEK",
        "REST_STREAK",
        "STRENGTH_LOW",  # about the strength sessions that are not there
        "RUN_COUNT",
        "WEEK_RAMP",
        "MONOTONY",
        "LOAD_RATIO",
        "FATIGUE_SUSTAINED",
        "WEIGHT_DROP",
    } == DAY_RULES
    assert {
        "HARD_COUNT",
        "MONOTONY",
        "LOAD_RATIO",
        "FATIGUE_SUSTAINED",
        "WEIGHT_DROP",
    } == RANGE_RULES


def test_a_records_settings_are_settings_and_every_target_tunes_a_rule() -> None:
    names = {s.name for s in SPECS}
    tuning = {name for r in RULE_RECORDS for name in r.settings}
    assert tuning <= names
    general = {"units", "weight-units", "first-weekday"}
    assert {n for n in names if not n.startswith("rule.")} - general == tuning


def test_a_record_called_on_a_context_gives_findings_with_its_id_and_source() -> None:
    ctx: RuleContext = build_context([hiit(day(1)), hiit(day(2))], start=day(0), end=day(6))
    (found,) = RULES["HIIT_GAP"](ctx)
    assert (found.rule_id, found.severity) == ("HIIT_GAP", Severity.WARNING)
    assert found.source == RULES["HIIT_GAP"].source


def test_a_record_without_a_switch_or_defined_twice_stops_the_import() -> None:
    def check(ctx: RuleContext, rule: Rule) -> list[Finding]:
        return []

    unknown = SimpleNamespace(r=Rule("NO_SUCH_RULE", "Nothing", "nobody", check))
    twice = SimpleNamespace(r=RULES["FUEL_LONG"])
    with pytest.raises(ValueError, match="NO_SUCH_RULE"):
        rules._records(unknown)
    with pytest.raises(ValueError, match="FUEL_LONG"):
        rules._records(twice, twice)
    assert rules._records(twice) == (RULES["FUEL_LONG"],)
