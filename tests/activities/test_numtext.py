from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.activities import numtext
from calfcoach.activities.numtext import MAX_TIME_LENGTHS, decimals, iso_times


def same_bits(got: np.ndarray, expected: list[float]) -> bool:
    """Equal to the last bit (so -0.0 differs from 0.0), the standard a fast path must meet."""
    want = np.array(expected, dtype=np.float64)
    return got.shape == want.shape and bool(np.array_equal(got.view(np.int64), want.view(np.int64)))


def python_time(text: str) -> float:
    when = dt.datetime.fromisoformat(text)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.timestamp()


plain_decimal = st.builds(
    lambda sign, whole, frac: f"{sign}{whole}{frac}",
    st.sampled_from(["", "-", "+"]),
    st.from_regex(r"[0-9]{0,8}", fullmatch=True),
    st.sampled_from(["", "."]) | st.from_regex(r"\.[0-9]{1,7}", fullmatch=True),
).filter(lambda t: any(c.isdigit() for c in t))


@given(st.lists(plain_decimal, min_size=1, max_size=40))
@settings(max_examples=400)
def test_plain_decimals_read_bit_for_bit_as_float_does(texts: list[str]) -> None:
    got = decimals(texts)
    assert got is not None
    assert same_bits(got, [float(t) for t in texts])


@given(
    st.lists(st.floats(-1000, 1000, allow_nan=False), min_size=2, max_size=60),
    st.integers(0, 9),
)
def test_columns_of_one_decimal_count_read_bit_for_bit(values: list[float], places: int) -> None:
    texts = [f"{v:.{places}f}" for v in values]  # mixed widths and signs, one number of decimals
    got = decimals(texts)
    assert got is not None
    assert same_bits(got, [float(t) for t in texts])


@pytest.mark.parametrize(
    "texts",
    [
        ["12.5", "1e3"],  # exponent
        ["12.5", " 13"],  # spaces
        ["12.5", None],  # missing value
        ["12.5", ""],
        ["-"],
        ["."],
        ["1.2.3"],
        ["+-1"],
        ["1_000"],  # float() takes it; the fast path leaves it to float()
        ["١٢"],  # Arabic-Indic digits: float() takes them too
        ["nan"],
        ["12,5"],
    ],
)
def test_anything_but_a_plain_decimal_is_left_to_the_exact_path(texts: list[str | None]) -> None:
    assert decimals(texts) is None  # type: ignore[arg-type]


def test_a_huge_number_text_is_read_as_float_does_without_a_huge_matrix() -> None:
    texts = ["1.5"] * 10_000 + ["9" * 1_000_000]  # a row per text as wide as the longest would be 10 GB
    got = decimals(texts)
    assert got is not None
    assert same_bits(got, [float(t) for t in texts])


def test_fifteen_digits_and_tiny_values_stay_exact() -> None:
    texts = ["999999999999999", "-0.00000000000001", "46.4300114", "-0", "007", ".5", "5."]
    got = decimals(texts)
    assert got is not None
    assert same_bits(got, [float(t) for t in texts])


signs = st.sampled_from(["", "-", "+"])
long_decimal = st.builds(  # at least 16 digits: beyond the integer arithmetic of the shorter paths
    lambda sign, whole, frac: f"{sign}{whole}{frac}",
    signs,
    st.from_regex(r"[0-9]{16,24}", fullmatch=True),
    st.sampled_from(["", "."]) | st.from_regex(r"\.[0-9]{1,40}", fullmatch=True),
) | st.builds(
    lambda sign, whole, frac: f"{sign}{whole}.{frac}",
    signs,
    st.from_regex(r"[0-9]{0,5}", fullmatch=True),
    st.from_regex(r"[0-9]{16,40}", fullmatch=True),
)


@given(st.lists(long_decimal | plain_decimal, min_size=1, max_size=40))
@settings(max_examples=400)
def test_long_decimals_read_bit_for_bit_as_float_does(texts: list[str]) -> None:
    got = decimals(texts)
    assert got is not None
    assert same_bits(got, [float(t) for t in texts])


@given(st.lists(st.floats(-180, 180, width=32, allow_nan=False), min_size=1, max_size=60))
def test_garmin_connect_coordinates_read_bit_for_bit(values: list[float]) -> None:
    # Garmin Connect writes the exact decimal expansion of a 32-bit float: up to ~30 digits.
    texts = [format(Decimal(v), "f") for v in values]
    got = decimals(texts)
    assert got is not None
    assert same_bits(got, [float(t) for t in texts])


def halfway(value: float) -> Decimal:
    """The exact midpoint between a double and the next one up: where rounding twice can go wrong."""
    return (Decimal(value) + Decimal(math.nextafter(value, math.inf))) / 2


@given(st.lists(st.floats(1e-3, 1e6, allow_nan=False), min_size=1, max_size=20), st.sampled_from([-1, 0, 1]))
@settings(max_examples=300)
def test_decimals_at_and_next_to_midpoints_between_doubles_read_as_float_does(
    values: list[float], nudge: int
) -> None:
    with localcontext() as context:
        context.prec = 200
        texts = [format(halfway(v) + nudge * Decimal("1e-60"), "f") for v in values]
    got = decimals(texts)
    assert got is not None
    assert same_bits(got, [float(t) for t in texts])


def test_midpoints_and_their_neighbours_with_19_digits_or_fewer() -> None:
    # 2**53 + 1 is halfway between two doubles; ties go to the even one, as float() does.
    texts = [
        "9007199254740993",
        "9007199254740993.0000001",
        "9007199254740992.9999999",
        "-9007199254740995",
        "0.1000000000000000055511151231257827",
        "1.00000000000000011102230246251565404236316680908203125",
    ]
    got = decimals(texts)
    assert got is not None
    assert same_bits(got, [float(t) for t in texts])


def test_long_decimals_are_declined_where_long_double_is_a_plain_double(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(numtext, "_LONG_MANTISSA_BITS", (52,))  # as if long double were a plain double
    assert decimals(["50.39256806485354900360107421875"]) is None
    assert decimals(["50.5"]) is not None  # 15 digits or fewer do not need it


zones = st.sampled_from(["", "Z", "+02:00", "-05:30", "+0100", "-2359", "+00:00"])
fractions = st.sampled_from(["", ".5", ".123", ".000", ".1234567", ".999999999"])


times_in_range = st.datetimes(min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2199, 12, 30))


@given(st.lists(times_in_range, min_size=1, max_size=30), fractions, zones)
@settings(max_examples=300)
def test_iso_times_of_one_layout_read_bit_for_bit_as_fromisoformat(
    whens: list[dt.datetime], fraction: str, zone: str
) -> None:
    texts = [f"{when:%Y-%m-%dT%H:%M:%S}{fraction}{zone}" for when in whens]
    got = iso_times(texts)
    assert got is not None
    assert same_bits(got, [python_time(t) for t in texts])


@given(st.lists(st.tuples(times_in_range, fractions, zones), min_size=1, max_size=30))
@settings(max_examples=300)
def test_iso_times_of_mixed_layouts_are_exact_or_declined(parts: list[tuple[dt.datetime, str, str]]) -> None:
    texts = [f"{when:%Y-%m-%dT%H:%M:%S}{fraction}{zone}" for when, fraction, zone in parts]
    got = iso_times(texts)
    if got is not None:
        assert same_bits(got, [python_time(t) for t in texts])
    if len({len(t) for t in texts}) > MAX_TIME_LENGTHS:
        assert got is None


def test_times_of_one_layout_and_of_several_lengths() -> None:
    same = [f"2024-05-04T07:00:{s:02d}Z" for s in range(60)]
    mixed = ["2024-05-04T07:00:00Z", "2024-05-04T07:00:00.5Z", "2024-05-04T07:00:01.25Z"]
    leap = ["2024-02-29T23:59:59+01:00", "2000-02-29T00:00:00-00:30"]
    for texts in (same, mixed, leap):
        got = iso_times(texts)
        assert got is not None
        assert same_bits(got, [python_time(t) for t in texts])


@pytest.mark.parametrize(
    "text",
    [
        "2023-02-29T10:00:00Z",  # no such day
        "2024-05-04T24:00:00Z",
        "2024-05-04T07:60:00Z",
        "2024-05-04T07:00:60Z",
        "2024-05-04T07:00:00+24:00",
        "2024-05-04T07:00:00+01:60",
        "2024-05-04 07:00:00Z",  # Python takes a space; left to it
        "2024-05-04t07:00:00z",
        "2024-05-04T07:00:00.Z",
        "2024-05-04T07:00Z",
        "1899-12-31T23:59:59Z",  # outside the exact range
        "2201-01-01T00:00:00Z",
        "2024-05-04T07:00:00+01:00:30",
        "2024-05-04T07:00:00*01:00",
        "2024-05-04T07:00:00ZZ",
    ],
)
def test_times_outside_the_plain_layout_are_left_to_the_exact_path(text: str) -> None:
    assert iso_times(["2024-05-04T07:00:00Z", text]) is None


def test_a_missing_time_is_left_to_the_exact_path() -> None:
    assert iso_times(["2024-05-04T07:00:00Z", None]) is None  # type: ignore[list-item]
    assert iso_times([]) is not None
