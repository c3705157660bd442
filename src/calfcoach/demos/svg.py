"""Write a scene as one self-contained animated SVG: CSS keyframes, no script, no external files.

Each rigid part is drawn once in its own frame and moved by a CSS transform per sampled frame; frames
that a straight line between their neighbours already predicts are dropped, so holds cost nothing.
Under `prefers-reduced-motion: reduce` the figure stands still at the top of the movement and every
cue is listed.

The words are sized for a phone: the page shows the 360-unit-wide drawing at least about 310 CSS px wide
(a 390 px screen less the page's margins), so the smallest text, 14 units, is 12 px or more there; lines
too long for that size wrap, and the bands that hold the words grow to fit them.
"""

from __future__ import annotations

import hashlib
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from calfcoach.demos.figure import placement, to_world
from calfcoach.demos.kinematics import Pose
from calfcoach.demos.scene import Scene
from calfcoach.demos.shapes import INK, MUSCLE_COLOURS, Shape

WIDTH_PX = 360
FONT_PX = 14
"""The smallest text in the drawing (its units are CSS px when it is shown 360 px wide)."""
TITLE_FONT_PX = 17
_LINE_PX = 18
_MARGIN_PX = 8
_CHAR_EM = 0.56  # a generous average width of a system-ui letter, in ems: estimated lines never overflow
_CLEARANCE_PX = 10  # between the highest the figure reaches and the title band laid over the empty sky
_CUE_INK = "#b23a48"
_NOTE_INK = "#52606d"
_TOLERANCE = 0.25  # px and degrees a dropped frame may be off by
# Every id, class and animation name carries this marker, replaced at the end by a prefix unique to the
# drawing, so several demonstrations inlined in one page never share (and fight over) a name.
P = "@@"


def _n(v: float) -> str:
    text = f"{v:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


_KEY_SWATCH = 12 + 5  # a muscle's colour square and the space after it
_KEY_GAP = 12  # between one muscle's name and the next square


def wrap(text: str, size: float = FONT_PX) -> list[str]:
    """Cut text into lines that fit the drawing's width at `size` px."""
    chars = int((WIDTH_PX - 2 * _MARGIN_PX) / (size * _CHAR_EM))
    return textwrap.wrap(text, chars, break_on_hyphens=False) or [""]


def text_width(text: str, size: float = FONT_PX) -> float:
    return len(text) * size * _CHAR_EM


@dataclass(frozen=True)
class _Layout:
    """Where the words go: the title band above the figure, the caption band below it."""

    title: list[str]
    rules: list[str]
    cues: list[list[str]]  # each cue's lines, the phase word first
    still: list[str]  # every cue, for a still picture
    keys: list[list[tuple[str, str]]]  # the worked muscles (each with its name as shown), in rows
    timing: list[str]  # the timing, and the label beside it or on its own line

    @property
    def title_px(self) -> float:
        return _LINE_PX * (len(self.title) + len(self.rules)) + 16

    @property
    def cue_rows(self) -> int:
        return max([len(self.still), *(len(lines) for lines in self.cues)])

    @property
    def caption_px(self) -> float:
        return _LINE_PX * (self.cue_rows + len(self.keys) + len(self.timing)) + 14


def _layout(scene: Scene) -> _Layout:
    cues = list(dict.fromkeys(c for _, c in scene.cues))
    keys: list[list[tuple[str, str]]] = [[]]
    room = WIDTH_PX - 2 * _MARGIN_PX
    used = 0.0
    for muscle in scene.highlighted:
        if muscle not in MUSCLE_COLOURS:
            continue
        label = scene.muscle_word(muscle)
        width = _KEY_SWATCH + text_width(label) + _KEY_GAP
        if keys[-1] and used + width - _KEY_GAP > room:
            keys.append([])
            used = 0.0
        keys[-1].append((muscle, label))
        used += width
    side_by_side = text_width(scene.timing) + 24 + text_width(scene.label) <= room
    timing = (
        [scene.timing]
        if not scene.label
        else [scene.timing, scene.label]
        if not side_by_side
        else [scene.timing + "\t" + scene.label]
    )
    return _Layout(
        title=wrap(scene.title, TITLE_FONT_PX),
        rules=wrap(scene.rules) if scene.rules else [],
        cues=[wrap(f"{scene.phase_word(phase).upper()} {cue}") for phase, cue in scene.cues],
        still=wrap(" · ".join(cues)),
        keys=[row for row in keys if row],
        timing=timing,
    )


class _Writer:
    def __init__(self, scene: Scene) -> None:
        x0, y0, x1, y1 = scene.view
        self.scene = scene
        self.layout = _layout(scene)
        self.k = WIDTH_PX / (x1 - x0)
        self.x0, self.y1 = x0, y1
        self.draw_h = (y1 - y0) * self.k
        # The view keeps a margin of sky above the figure: the title band is laid over it, up to a little
        # above the highest the figure reaches, so the words cost the picture less height.
        # Likewise the caption band over the floor below the ground line, leaving a strip of it in sight.
        highest, lowest = self._reach_m()
        sky = max(0.0, (y1 - highest) * self.k - _CLEARANCE_PX)
        floor = max(0.0, (min(lowest, 0.0) - y0) * self.k - _CLEARANCE_PX)
        self.top_px = self.layout.title_px - min(sky, self.layout.title_px)
        self.bottom_px = self.layout.caption_px - min(floor, self.layout.caption_px)
        self.height = self.top_px + self.draw_h + self.bottom_px

    def _reach_m(self) -> tuple[float, float]:
        """The highest and lowest points any part of the figure reaches over the loop, in metres."""
        top, bottom = -math.inf, math.inf
        for pose in self.scene.frames:
            for part in self.scene.parts:
                place = placement(part, pose)
                for shape in part.shapes:
                    for point in shape.points:
                        y = to_world(point, place)[1]
                        top = max(top, y + shape.radius_m)
                        bottom = min(bottom, y - shape.radius_m)
        return top, bottom

    def xy(self, p: tuple[float, float]) -> tuple[float, float]:
        return ((p[0] - self.x0) * self.k, (self.y1 - p[1]) * self.k + self.top_px)

    def shape(self, s: Shape, *, local: bool) -> str:
        """Draw a shape in world coordinates, or in a part's frame (scaled, y flipped) when `local`."""
        pts = [(x * self.k, -y * self.k) if local else self.xy((x, y)) for x, y in s.points]
        stroke = f' stroke="{s.stroke}" stroke-width="{_n(s.width_m * self.k)}"' if s.stroke else ""
        cls = f' class="m-{s.muscle}"' if s.muscle else ""
        if s.kind == "line":
            d = " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)
            return (
                f'<polyline points="{d}" fill="none"{stroke} stroke-linecap="round" stroke-linejoin="round"/>'
            )
        if s.kind == "polygon":
            d = " ".join(f"{_n(x)},{_n(y)}" for x, y in pts)
            return f'<polygon{cls} points="{d}" fill="{s.fill}"{stroke} stroke-linejoin="round"/>'
        (x, y) = pts[0]
        return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(s.radius_m * self.k)}" fill="{s.fill}"{stroke}/>'

    def transforms(self, part_index: int) -> list[tuple[float, float, float]]:
        """Return (x px, y px, rotation deg) of one part in every frame, rotation unwrapped."""
        out: list[tuple[float, float, float]] = []
        part = self.scene.parts[part_index]
        previous = 0.0
        for pose in self.scene.frames:
            x, y, a = placement(part, pose)
            px, py = self.xy((x, y))
            deg = -math.degrees(a)
            if out:
                deg = previous + (deg - previous + 180) % 360 - 180
            previous = deg
            out.append((px, py, deg))
        return out


def _keep(values: Sequence[tuple[float, ...]]) -> list[int]:
    """Pick the frames a linear tween cannot reproduce within tolerance (always the first and last)."""
    n = len(values)
    kept = [0]
    anchor = 0
    j = 2
    while j < n:
        ok = all(
            abs(
                values[anchor][c]
                + (values[j][c] - values[anchor][c]) * (i - anchor) / (j - anchor)
                - values[i][c]
            )
            <= _TOLERANCE
            for i in range(anchor + 1, j)
            for c in range(len(values[0]))
        )
        if not ok:
            anchor = j - 1
            kept.append(anchor)
        j += 1
    if n > 1:
        kept.append(n - 1)
    return kept


def _transform(v: tuple[float, ...]) -> str:
    return (
        f"translate({_n(v[0])}px,{_n(v[1])}px) rotate({_n(v[2])}deg)"
        if len(v) == 3
        else (f"translate({_n(v[0])}px,{_n(v[1])}px)")
    )


def _keyframes(name: str, values: Sequence[tuple[float, ...]]) -> str:
    """CSS keyframes through the sampled values, closing the loop back to the first."""
    n = len(values)
    looped = [*values, values[0]]
    steps = [f"{_n(100 * i / n)}%{{transform:{_transform(looped[i])}}}" for i in _keep(looped)]
    return f"@keyframes {name}{{{''.join(steps)}}}"


def _still_frame(scene: Scene) -> Pose:
    """Pick the frame a still picture should show: the middle of the top hold, else of the rise."""
    for phase in ("top", "up"):
        chosen = [f for f in scene.frames if f.phase == phase]
        if chosen:
            return chosen[len(chosen) // 2]
    return scene.frames[0]


def render(scene: Scene) -> str:
    """Return the scene as an animated SVG document."""
    w = _Writer(scene)
    dur = f"{scene.period_s:g}s"
    css: list[str] = [
        f".{P}a{{animation:{dur} linear infinite both}}",
        f".{P}c{{opacity:0;animation:{dur} step-end infinite both}}",
        f".{P}still{{display:none}}",
        "text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}",
        f"@media (prefers-reduced-motion:reduce){{.{P}a{{animation:none!important}}"
        f".{P}c{{display:none}}.{P}still{{display:inline}}}}",
    ]
    body: list[str] = [f'<rect width="{WIDTH_PX}" height="{_n(w.height)}" fill="#fbfaf7"/>']
    body += [w.shape(s, local=False) for s in scene.props]
    still = _still_frame(scene)
    frames = scene.frames
    for i, (prop, shapes) in enumerate(scene.moving):
        vx, vy = prop.scroll_vector()
        shifts = [(f.scroll_m * vx * w.k, -f.scroll_m * vy * w.k) for f in frames]
        # The loop ends at the full travel, not back at zero: the pattern repeats there (a seamless loop).
        travel = scene.travel_m
        n = len(shifts)
        pts = [*shifts, (travel * vx * w.k, -travel * vy * w.k)]
        steps = [f"{_n(100 * j / n)}%{{transform:{_transform(pts[j])}}}" for j in _keep(pts)]
        css.append(f"@keyframes {P}s{i}{{{''.join(steps)}}}#{P}s{i}{{animation-name:{P}s{i}}}")
        sx, sy = still.scroll_m * vx * w.k, -still.scroll_m * vy * w.k
        inner = "".join(w.shape(s, local=False) for s in shapes)
        cx0, cy0, cx1, cy1 = prop.clip_box(scene.view)
        (left, top), (right, bottom) = w.xy((cx0, cy1)), w.xy((cx1, cy0))
        body.append(
            f'<clipPath id="{P}k{i}"><rect x="{_n(left)}" y="{_n(top)}" width="{_n(right - left)}" '
            f'height="{_n(bottom - top)}"/></clipPath><g clip-path="url(#{P}k{i})">'
            f'<g id="{P}s{i}" class="{P}a" transform="translate({_n(sx)} {_n(sy)})">{inner}</g></g>'
        )
    for i, part in enumerate(scene.parts):
        values = w.transforms(i)
        css.append(f"{_keyframes(f'{P}p{i}', values)}#{P}p{i}{{animation-name:{P}p{i}}}")
        x, y, a = placement(part, still)
        sx, sy = w.xy((x, y))
        inner = "".join(w.shape(s, local=True) for s in part.shapes)
        body.append(
            f'<g id="{P}p{i}" class="{P}a" '
            f'transform="translate({_n(sx)} {_n(sy)}) rotate({_n(-math.degrees(a))})">{inner}</g>'
        )
    body += _captions(scene, w, css)
    title = escape(scene.title)
    said = " ".join(f"{scene.phase_word(p)}: {c}." for p, c in scene.cues)
    desc = escape(f"{scene.title}. {scene.label}. " + said)
    text = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH_PX} {_n(w.height)}" '
        f'width="{WIDTH_PX}" height="{_n(w.height)}" role="img" aria-labelledby="{P}t {P}d">'
        f'<title id="{P}t">{title}</title><desc id="{P}d">{desc}</desc>'
        f"<style>{''.join(css)}</style>{''.join(body)}</svg>"
    )
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:8]
    return text.replace(P, f"cc{digest}-")


def _lines(lines: Sequence[str], *, first: str = "") -> str:
    """The text of a <text> element: its first line as is (after `first`), the others as tspans below."""
    rest = "".join(f'<tspan x="{_MARGIN_PX}" dy="{_LINE_PX}">{escape(line)}</tspan>' for line in lines[1:])
    return first + escape(lines[0]) + rest


def _captions(scene: Scene, w: _Writer, css: list[str]) -> list[str]:
    layout = w.layout
    top = w.height - layout.caption_px
    x = _MARGIN_PX
    # Page-coloured bands keep the captions readable over props that run off the drawing (a path, stairs).
    out = [
        f'<rect width="{WIDTH_PX}" height="{_n(layout.title_px)}" fill="#fbfaf7"/>',
        f'<rect y="{_n(top)}" width="{WIDTH_PX}" height="{_n(layout.caption_px)}" fill="#fbfaf7"/>',
        f'<text x="{x}" y="22" font-size="{TITLE_FONT_PX}" font-weight="600" fill="{INK}">'
        f"{_lines(layout.title)}</text>",
    ]
    if layout.rules:
        rules_y = 22 + _LINE_PX * len(layout.title) + 2
        out.append(
            f'<text x="{x}" y="{rules_y}" font-size="{FONT_PX}" fill="{_CUE_INK}">'
            f"{_lines(layout.rules)}</text>"
        )
    n = len(scene.frames)
    first_y: float = top + _LINE_PX
    for j, ((phase, cue), lines) in enumerate(zip(scene.cues, layout.cues, strict=True)):
        shown = [f.phase == phase and f.cue == cue for f in scene.frames]
        steps = [
            f"{_n(100 * i / n)}%{{opacity:{1 if shown[i] else 0}}}"
            for i in range(n)
            if i == 0 or shown[i] != shown[i - 1]
        ]
        steps.append(f"100%{{opacity:{1 if shown[0] else 0}}}")
        css.append(f"@keyframes {P}c{j}{{{''.join(steps)}}}#{P}c{j}{{animation-name:{P}c{j}}}")
        word = scene.phase_word(phase).upper()
        head = [lines[0].removeprefix(word).lstrip(), *lines[1:]]
        bold = f'<tspan font-weight="bold">{escape(word)}</tspan> '
        out.append(
            f'<text id="{P}c{j}" class="{P}c" x="{x}" y="{_n(first_y)}" font-size="{FONT_PX}" '
            f'fill="{_CUE_INK}">{_lines(head, first=bold)}</text>'
        )
    # A still picture lists every cue in the space the moving cue uses.
    out.append(
        f'<text class="{P}still" x="{x}" y="{_n(first_y)}" font-size="{FONT_PX}" fill="{_CUE_INK}">'
        f"{_lines(layout.still)}</text>"
    )
    y = first_y + _LINE_PX * layout.cue_rows
    for row in layout.keys:
        key_x = float(x)
        for muscle, label in row:
            colour = MUSCLE_COLOURS[muscle]
            out.append(
                f'<rect x="{_n(key_x)}" y="{_n(y - 11)}" width="12" height="12" fill="{colour}"/>'
                f'<text x="{_n(key_x + _KEY_SWATCH)}" y="{_n(y)}" font-size="{FONT_PX}" fill="{INK}">'
                f"{escape(label)}</text>"
            )
            key_x += _KEY_SWATCH + text_width(label) + _KEY_GAP
        y += _LINE_PX
    for line in layout.timing:
        left, _, right = line.partition("\t")
        out.append(
            f'<text x="{x}" y="{_n(y)}" font-size="{FONT_PX}" fill="{_NOTE_INK}">{escape(left)}</text>'
        )
        if right:
            # The label ("Straight knees: gastrocnemius") beside the timing, when both fit.
            out.append(
                f'<text x="{WIDTH_PX - x}" y="{_n(y)}" font-size="{FONT_PX}" fill="{_NOTE_INK}" '
                f'text-anchor="end">{escape(right)}</text>'
            )
        y += _LINE_PX
    return out
