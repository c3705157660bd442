"""Turn columns of decimal and ISO 8601 texts into float64 in a few numpy passes, exactly as Python would.

Converting one text at a time (float(), datetime.fromisoformat()) costs about 170 ns a value, as much as
extracting the text from the XML tree. Here a column is joined into one ASCII buffer and its digits are
read by whole-array arithmetic. Only a plain layout is taken (decimals: an optional sign, digits and at most
one point, over 15 digits only where long double has a 64-bit mantissa, as on x86 Linux; times:
YYYY-MM-DDTHH:MM:SS with optional fraction and zone, years 1900-2200); for anything else the functions
return None and the caller converts value by value. Within that layout the
results are bit for bit the ones Python gives (see each function for why).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from calfcoach.activities.model import FloatArray

_SEP = ord(",")  # neither a plain decimal nor an ISO time contains a comma
_ZERO, _NINE, _POINT, _MINUS, _PLUS = ord("0"), ord("9"), ord("."), ord("-"), ord("+")
_MAX_DIGITS = 15  # below 2**53, so the integer of digits is exact as a double
_POW10_INT = 10 ** np.arange(_MAX_DIGITS + 1, dtype=np.int64)
_POW10_FLOAT = 10.0 ** np.arange(_MAX_DIGITS + 1)  # powers of ten up to 1e22 are exact doubles
_LONG_DIGITS = 19  # the most digits an unsigned 64-bit integer always holds
# long double's stored mantissa bits where it is x86's 80-bit format or IEEE quad (ARM64 Linux); both round
# correctly. Elsewhere it is a plain double or IBM's double-double, and long texts go to float().
_LONG_MANTISSA_BITS = (63, 112)
_POW10_LONG = np.cumprod(np.full(_LONG_DIGITS + 1, 10, dtype=np.longdouble)) / 10  # 10**0..10**19, exact
MAX_TIME_LENGTHS = 4  # distinct text lengths handled group by group (fractions written without zeros)
_FIRST_YEAR, _LAST_YEAR = 1900, 2200  # microseconds since 1970 stay below 2**53: exact as doubles
_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)

ByteArray = npt.NDArray[np.uint8]
IntArray = npt.NDArray[np.int64]
Positions = npt.NDArray[np.intp]


def _buffer(texts: Sequence[str]) -> tuple[ByteArray, Positions] | None:
    """Return the texts as one ASCII byte array, each followed by a comma, and the commas' positions."""
    try:
        raw = (",".join(texts) + ",").encode("ascii")
    except (TypeError, UnicodeEncodeError):  # a missing value, or a character beyond ASCII
        return None
    buf = np.frombuffer(raw, dtype=np.uint8)
    ends = np.flatnonzero(buf == _SEP)
    if len(ends) != len(texts):  # a text held a comma itself
        return None
    return buf, ends


def decimals(texts: Sequence[str]) -> FloatArray | None:
    """Return float(t) for every text, or None unless all are plain decimals ('-12', '46.4300114', '.5').

    A text of at most 15 digits is an integer m below 2**53 over 10**f, both exact doubles; one IEEE
    division rounds m / 10**f correctly, which is what float() returns too (it rounds correctly as well).
    """
    n = len(texts)
    if n == 0:
        return np.empty(0)
    got = _buffer(texts)
    if got is None:
        return None
    buf, ends = got
    starts = np.empty(n, dtype=np.intp)
    starts[0] = 0
    starts[1:] = ends[:-1] + 1
    if n > 1 and ends[0] > 0 and (np.diff(ends) == ends[0] + 1).all():
        fixed = _fixed_width(buf, n, int(ends[0]))  # one length for all: the cheapest case
        if fixed is not None:
            return fixed
    if int((ends - starts).max()) <= _MAX_DIGITS + 2:  # at most a sign, a point and 15 digits
        aligned = _right_aligned(buf, starts, ends)
        if aligned is not None:
            return aligned
        short = _any_layout(buf, starts, ends)
        if short is not None:
            return short
    # Garmin Connect writes coordinates of 30 digits: float() takes ~350 ns on each.
    return _long_decimals(texts, buf, starts, ends)


def _fixed_width(buf: ByteArray, n: int, width: int) -> FloatArray | None:
    """decimals() for texts of one length with the point (if any) in one place; None if they differ."""
    rows = buf.reshape(n, width + 1)[:, :width]
    first = rows[0]
    signed = first[0] in (_MINUS, _PLUS)
    point_cols = np.flatnonzero(first == _POINT)
    if len(point_cols) > 1:
        return None
    digit_cols = np.setdiff1d(np.arange(int(signed), width), point_cols)
    if not 1 <= len(digit_cols) <= _MAX_DIGITS:
        return None
    body = rows[:, digit_cols] - _ZERO
    if body.max() > _NINE - _ZERO:
        return None
    if len(point_cols) and not (rows[:, point_cols[0]] == _POINT).all():
        return None
    if signed and not ((rows[:, 0] == _MINUS) | (rows[:, 0] == _PLUS)).all():
        return None
    places = _POW10_INT[len(digit_cols) - 1 :: -1][: len(digit_cols)]
    mantissa = body.astype(np.int64) @ places
    fraction = width - 1 - int(point_cols[0]) if len(point_cols) else 0
    values: FloatArray = mantissa.astype(np.float64) / _POW10_FLOAT[fraction]
    return np.where(rows[:, 0] == _MINUS, -values, values) if signed else values


def _right_aligned(buf: ByteArray, starts: Positions, ends: Positions) -> FloatArray | None:
    """decimals() for texts with the same number of decimals (the usual case), as one digit matrix.

    Each text is laid right-aligned in a row, its sign and the room left of it read as zeros; the point
    then sits in one column, and the digits times their place values give the integer m.
    """
    width = int((ends - starts).max())
    if width > _MAX_DIGITS + 2:  # more than a sign, a point and 15 digits; also bounds the matrix below
        return None
    first = buf[starts[0] : ends[0]]
    points = np.flatnonzero(first == _POINT)
    fraction = len(first) - 1 - int(points[0]) if len(points) else 0
    at = ends[:, None] + np.arange(-width, 0)[None, :]
    signed = (buf[starts] == _MINUS) | (buf[starts] == _PLUS)
    blank = at < (starts + signed)[:, None]
    rows = np.where(blank, _ZERO, buf[np.maximum(at, 0)])
    point_col = width - 1 - fraction if fraction else None
    if point_col is not None:
        if not (rows[:, point_col] == _POINT).all():
            return None
        rows[:, point_col] = _ZERO
    digit_count = width - (1 if fraction else 0)
    if digit_count > _MAX_DIGITS or ((rows - _ZERO) > _NINE - _ZERO).any():
        return None
    if ((ends - starts - signed) <= (1 if fraction else 0)).any():  # a text without a digit ('-', '.')
        return None
    places = _POW10_INT[width - 1 :: -1].copy()
    if point_col is not None:
        places[: point_col + 1] = _POW10_INT[width - 2 :: -1][: point_col + 1]
        places[point_col] = 0
    # numpy's own integer product (no BLAS threads); m stays below 2**53, so the double is exact.
    mantissa = ((rows - _ZERO).astype(np.int64) @ places).astype(np.float64)
    values: FloatArray = mantissa / _POW10_FLOAT[fraction]
    negative = buf[starts] == _MINUS
    return np.where(negative, -values, values) if negative.any() else values


def _layout(
    buf: ByteArray, starts: Positions, ends: Positions
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_], Positions, Positions] | None:
    """Digits and signs of the joined texts, where each point stands and whose text it is; None unless
    every text is a plain signed decimal (digits, at most one point, a sign only first)."""
    digit = (buf - _ZERO) <= _NINE - _ZERO
    point = buf == _POINT
    sign = (buf == _MINUS) | (buf == _PLUS)
    if (digit | point | sign).sum() + len(starts) != len(buf):  # anything but digits, points, signs, commas
        return None
    if sign.sum() != sign[starts].sum():  # a sign anywhere but first
        return None
    points_at = np.flatnonzero(point)
    owner = np.searchsorted(ends, points_at)  # the text each point belongs to
    if len(owner) and (np.diff(owner) == 0).any():  # two points in one text
        return None
    return digit, sign, points_at, owner


def _any_layout(buf: ByteArray, starts: Positions, ends: Positions) -> FloatArray | None:
    """decimals() for texts whose number of decimals differs, byte by byte in whole-array steps."""
    n = len(starts)
    layout = _layout(buf, starts, ends)
    if layout is None:
        return None
    digit, _, points_at, owner = layout
    digits_before = np.zeros(len(buf) + 1, dtype=np.intp)
    np.cumsum(digit, out=digits_before[1:])
    count = digits_before[ends] - digits_before[starts]
    if count.min() < 1 or count.max() > _MAX_DIGITS:
        return None
    # A digit's place: how many digits follow it in its text.
    text_of = np.repeat(np.arange(n), ends - starts + 1)
    place = digits_before[ends][text_of] - digits_before[1:]
    weight = np.where(digit, _POW10_INT[np.minimum(place, _MAX_DIGITS)], 0)
    mantissa = np.add.reduceat((buf - _ZERO).astype(np.int64) * weight, starts)
    fraction = np.zeros(n, dtype=np.intp)
    fraction[owner] = digits_before[ends[owner]] - digits_before[points_at]
    values = mantissa.astype(np.float64) / _POW10_FLOAT[fraction]
    return np.where(buf[starts] == _MINUS, -values, values)


def _long_decimals(
    texts: Sequence[str], buf: ByteArray, starts: Positions, ends: Positions
) -> FloatArray | None:
    """decimals() for texts of any number of digits, through an 80-bit (or wider) long double.

    A text's value x lies in [M, M + 1] * 10**e, M its first 19 digits (below 2**64) and e = (digits
    before the point) - 19. Where long double holds 64 bits of mantissa, M, M + 1 and 10**-e (-e <= 19,
    5**19 < 2**45) are exact, so each bound is one correctly rounded division. Rounding that to a double
    differs from rounding the bound directly only when the long double lands exactly on a midpoint between
    two doubles; with no midpoint hit and both bounds rounding to one double d, float(x) is d too, as
    correct rounding is monotonic. Rows that fail this (about one in a thousand, or with over 19 digits
    before the point) are given to float() one by one.
    """
    if np.finfo(np.longdouble).nmant not in _LONG_MANTISSA_BITS:
        return None
    layout = _layout(buf, starts, ends)
    if layout is None:
        return None
    _, sign, points_at, owner = layout
    code = buf - np.uint8(_ZERO)
    signed = sign[starts]
    first = starts + signed
    stop = ends.copy()  # where each text's whole part stops: its point, or its end
    stop[owner] = points_at
    whole = stop - first
    count = ends - first - (stop < ends)
    if count.min() < 1:  # a text without a digit ('-', '.')
        return None
    # The first 19 digits of each text, read past its point and padded with zeros, as one integer.
    # One row per digit place (rows contiguous for the sums below); a place past a text's end reads 0.
    place = np.arange(_LONG_DIGITS)[:, None]
    at = first + place
    at += place >= whole
    beyond = at >= ends
    np.minimum(at, len(buf) - 1, out=at)
    lead = code[at]
    lead[beyond] = 0
    mantissa = lead[0].astype(np.uint64)
    for row in lead[1:]:
        mantissa *= np.uint64(10)
        mantissa += row
    scale = _POW10_LONG[_LONG_DIGITS - np.minimum(whole, _LONG_DIGITS)]
    low = _round_once(mantissa.astype(np.longdouble) / scale)
    high = _round_once((mantissa + np.uint64(1)).astype(np.longdouble) / scale)
    exact = count <= _LONG_DIGITS  # no digits cut off: x is the lower bound itself
    good = (whole <= _LONG_DIGITS) & ~np.isnan(low) & (exact | (low == high))
    values = np.where(buf[starts] == _MINUS, -low, low)
    for i in np.flatnonzero(~good).tolist():
        values[i] = float(texts[i])
    return values


def _round_once(quotient: npt.NDArray[np.longdouble]) -> FloatArray:
    """Round long doubles to doubles; NaN where one lies on a midpoint (rounded twice, it could be off)."""
    rounded = quotient.astype(np.float64)
    off = np.abs(quotient - rounded.astype(np.longdouble))  # exact: the two are within a factor of 2
    # Midpoints lie half a spacing away, or a quarter below a power of two; both are refused.
    step = np.spacing(rounded).astype(np.longdouble)
    midpoint = (off == step / 2) | (off == step / 4)
    return np.where(midpoint, np.nan, rounded)


def iso_times(texts: Sequence[str]) -> FloatArray | None:
    """Return Unix seconds as datetime.fromisoformat(t).timestamp() gives them (a time without zone is UTC).

    Taken: YYYY-MM-DDTHH:MM:SS, then optionally a fraction of any length (beyond microseconds cut off,
    as Python does), then nothing, 'Z', or an offset +HH:MM / +HHMM. Python's value is the whole number of
    microseconds since 1970 divided by 10**6 (one correctly rounded division); so is this one's.
    Texts of up to four different lengths (fractions with their trailing zeros dropped) are read group by
    group; anything else returns None.
    """
    n = len(texts)
    if n == 0:
        return np.empty(0)
    got = _buffer(texts)
    if got is None:
        return None
    buf, _ = got
    width = len(texts[0])
    if len(buf) == n * (width + 1) and (buf[width :: width + 1] == _SEP).all():
        # n commas in all, each one after a text of the first text's length: all have that length.
        return _times_of_one_length(buf.reshape(n, width + 1)[:, :width])
    lengths = np.fromiter(map(len, texts), dtype=np.intp, count=n)
    distinct = np.unique(lengths)
    if len(distinct) > MAX_TIME_LENGTHS:
        return None
    out = np.empty(n)
    for length in distinct:
        where = np.flatnonzero(lengths == length)
        group = [texts[int(where[0])]] if len(where) == 1 else list(operator.itemgetter(*where)(texts))
        grouped = _buffer(group)
        if grouped is None:
            return None
        values = _times_of_one_length(grouped[0].reshape(len(group), int(length) + 1)[:, : int(length)])
        if values is None:
            return None
        out[where] = values
    return out


def _times_of_one_length(rows: ByteArray) -> FloatArray | None:
    """iso_times() for texts of one length, one per row of bytes."""
    if rows.shape[1] < 19:
        return None
    layout = _time_layout(bytes(rows[0]))
    if layout is None:
        return None
    fixed, digit_cols, fraction, zone = layout
    for col, char in fixed:
        if not (rows[:, col] == char).all():
            return None
    digits = rows[:, digit_cols] - np.uint8(_ZERO)
    if digits.max() > 9:  # a non-digit wrapped round below '0' or lies above '9'
        return None
    # Each field is read digit by digit (Horner); a BLAS product would be shorter but starts threads.
    kept = min(fraction, 6)
    spans = [(0, 4), (4, 2), (6, 2), (8, 2), (10, 2), (12, 2), (14, kept)]
    if zone is not None:
        spans += [(zone[1], 2), (zone[1] + 2, 2)]
    wide = digits.astype(np.int64)
    fields = np.zeros((len(spans), len(rows)), dtype=np.int64)
    for field, (first, count) in enumerate(spans):
        for col in range(first, first + count):
            fields[field] = fields[field] * 10 + wide[:, col]
    year, month, day, hour, minute, second = fields[:6]
    if year.min() < _FIRST_YEAR or year.max() > _LAST_YEAR or month.min() < 1 or month.max() > 12:
        return None
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_days = _DAYS_IN_MONTH[month] + (leap & (month == 2))
    if day.min() < 1 or (day > month_days).any() or hour.max() > 23 or minute.max() > 59 or second.max() > 59:
        return None
    micro = fields[6] * 10 ** (6 - kept)
    seconds = _days_since_1970(year, month, day) * 86400 + hour * 3600 + minute * 60 + second
    if zone is not None:
        zone_sign = rows[:, zone[0]]
        if not ((zone_sign == _PLUS) | (zone_sign == _MINUS)).all():
            return None
        off_hours, off_minutes = fields[7], fields[8]
        if off_hours.max() > 23 or off_minutes.max() > 59:
            return None
        offset = off_hours * 3600 + off_minutes * 60
        seconds = seconds - np.where(zone_sign == _MINUS, -offset, offset)
    unix: FloatArray = (seconds * 1_000_000 + micro).astype(np.float64) / 1e6
    return unix


def _time_layout(
    first: bytes,
) -> tuple[list[tuple[int, int]], list[int], int, tuple[int, int] | None] | None:
    """Read the layout off the first text: the fixed characters (column, byte), the digit columns in order
    (year, month, day, hour, minute, second, fraction, offset), the fraction's length, and for an offset
    the column of its sign and the index in the digit columns where its hours start."""
    fixed = [(4, _MINUS), (7, _MINUS), (10, ord("T")), (13, ord(":")), (16, ord(":"))]
    digit_cols = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
    pos = 19
    fraction = 0
    if first[pos : pos + 1] == b".":
        fixed.append((pos, _POINT))
        pos += 1
        while pos < len(first) and _ZERO <= first[pos] <= _NINE:
            fraction += 1
            digit_cols.append(pos)
            pos += 1
        if fraction == 0:
            return None
    rest = first[pos:]
    zone: tuple[int, int] | None = None
    if rest == b"Z":
        fixed.append((pos, ord("Z")))
    elif len(rest) in (5, 6) and rest[:1] in (b"+", b"-"):
        if len(rest) == 6:
            if rest[3:4] != b":":
                return None
            fixed.append((pos + 3, ord(":")))
            minute_col = pos + 4
        else:
            minute_col = pos + 3
        zone = (pos, len(digit_cols))
        digit_cols += [pos + 1, pos + 2, minute_col, minute_col + 1]
    elif rest:
        return None
    if zone is not None:
        return fixed, digit_cols, fraction, zone
    return fixed, digit_cols, fraction, None


def _days_since_1970(year: IntArray, month: IntArray, day: IntArray) -> IntArray:
    """Days from 1970-01-01 to each proleptic Gregorian date (H. Hinnant's days_from_civil)."""
    y = year - (month <= 2)
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    days: IntArray = era * 146097 + day_of_era - 719468
    return days
