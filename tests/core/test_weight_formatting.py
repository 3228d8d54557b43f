"""Two weigh-ins that differ read as two different numbers, in kilograms and in pounds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.core.formatting import format_weight, format_weights_apart
from planner.core.settings import KG_PER_POUND, WeightUnits


@pytest.mark.parametrize(
    ("first", "second", "units", "expected"),
    [
        (71.8, 71.84, WeightUnits.KG, ("71.8 kg", "71.84 kg")),
        (72.0, 72.5, WeightUnits.KG, ("72 kg", "72.5 kg")),
        (71.8, 158.3 * KG_PER_POUND, WeightUnits.KG, ("71.8 kg", "71.804 kg")),
        (71.8, 158.3 * KG_PER_POUND, WeightUnits.LB, ("158.29 lb", "158.3 lb")),
        (72.0, 72.0, WeightUnits.KG, ("72 kg", "72 kg")),
    ],
)
def test_the_fewest_decimals_that_tell_two_weights_apart(
    first: float, second: float, units: WeightUnits, expected: tuple[str, str]
) -> None:
    assert format_weights_apart(first, second, units) == expected


def test_format_weight_in_the_runners_units() -> None:
    assert format_weight(72.44) == "72.4 kg"
    assert format_weight(72.0, WeightUnits.LB) == "158.7 lb"
    assert format_weight(72.44, decimals=2, unit=False) == "72.44"


@given(
    st.floats(min_value=20, max_value=300),
    st.floats(min_value=20, max_value=300),
    st.sampled_from(list(WeightUnits)),
)
def test_different_weights_never_read_the_same(
    first: float, second: float, units: WeightUnits
) -> None:
    shown = format_weights_apart(first, second, units)
    if units.weight_from_kg(first) != units.weight_from_kg(second):
        assert shown[0] != shown[1]
