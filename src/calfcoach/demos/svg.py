"""Write a scene as one self-contained animated SVG: CSS keyframes, no script, no external files.

Each rigid part is drawn once in its own frame and moved by a CSS transform per sampled frame; frames
that a straight line between their neighbours already predicts are dropped, so holds cost nothing.
Under `prefers-reduced-motion: reduce` the figure stands still at the top of the movement and every
cue is listed.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from xml.sax.saxutils import escape

from calfcoach.demos.figure import placement
from calfcoach.demos.kinematics import Pose
from calfcoach.demos.scene import Scene
from calfcoach.demos.shapes import INK, MUSCLE_COLOURS, Shape

WIDTH_PX = 360
_TITLE_PX = 44
_CAPTION_PX = 64
_TOLERANCE = 0.25  # px and degrees a dropped frame may be off by
# Every id, class and animation name carries this marker, replaced at the end by a prefix unique to the
# drawing, so several demonstrations inlined in one page never share (and fight over) a name.
P = "@@"


def _n(v: float) -> str:
    text = f"{v:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


class _Writer:
    def __init__(self, scene: Scene) -> None:
        x0, y0, x1, y1 = scene.view
        self.scene = scene
        self.k = WIDTH_PX / (x1 - x0)
        self.x0, self.y1 = x0, y1
        self.draw_h = (y1 - y0) * self.k
        self.height = self.draw_h + _TITLE_PX + _CAPTION_PX

    def xy(self, p: tuple[float, float]) -> tuple[float, float]:
        return ((p[0] - self.x0) * self.k, (self.y1 - p[1]) * self.k + _TITLE_PX)

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
    desc = escape(f"{scene.title}. {scene.label}. " + " ".join(f"{p}: {c}." for p, c in scene.cues))
    text = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH_PX} {_n(w.height)}" '
        f'width="{WIDTH_PX}" height="{_n(w.height)}" role="img" aria-labelledby="{P}t {P}d">'
        f'<title id="{P}t">{title}</title><desc id="{P}d">{desc}</desc>'
        f"<style>{''.join(css)}</style>{''.join(body)}</svg>"
    )
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:8]
    return text.replace(P, f"cc{digest}-")


def _captions(scene: Scene, w: _Writer, css: list[str]) -> list[str]:
    top = w.height - _CAPTION_PX
    # Page-coloured bands keep the captions readable over props that run off the drawing (a path, stairs).
    out = [
        f'<rect width="{WIDTH_PX}" height="{_TITLE_PX}" fill="#fbfaf7"/>',
        f'<rect y="{_n(top)}" width="{WIDTH_PX}" height="{_CAPTION_PX}" fill="#fbfaf7"/>',
        f'<text x="8" y="20" font-size="15" fill="{INK}">{escape(scene.title)}</text>',
    ]
    if scene.rules:
        out.append(f'<text x="8" y="37" font-size="12" fill="#b23a48">{escape(scene.rules)}</text>')
    n = len(scene.frames)
    for j, (phase, cue) in enumerate(scene.cues):
        shown = [f.phase == phase and f.cue == cue for f in scene.frames]
        steps = [
            f"{_n(100 * i / n)}%{{opacity:{1 if shown[i] else 0}}}"
            for i in range(n)
            if i == 0 or shown[i] != shown[i - 1]
        ]
        steps.append(f"100%{{opacity:{1 if shown[0] else 0}}}")
        css.append(f"@keyframes {P}c{j}{{{''.join(steps)}}}#{P}c{j}{{animation-name:{P}c{j}}}")
        size = 14 if len(cue) < 36 else 12 if len(cue) < 46 else 10  # a long cue still fits 360 px
        out.append(
            f'<text id="{P}c{j}" class="{P}c" x="8" y="{_n(top + 18)}" font-size="{size}" fill="#b23a48">'
            f'<tspan font-weight="bold">{escape(phase.upper())}</tspan> {escape(cue)}</text>'
        )
    # A still picture lists every cue, two lines at most, in the space the moving cue uses.
    cues = list(dict.fromkeys(c for _, c in scene.cues))
    half = (len(cues) + 1) // 2
    lines = [" · ".join(cues[:half]), " · ".join(cues[half:])]
    spans = "".join(
        f'<tspan x="8" dy="{0 if i == 0 else 12}">{escape(text)}</tspan>'
        for i, text in enumerate(lines)
        if text
    )
    out.append(
        f'<text class="{P}still" x="8" y="{_n(top + 12)}" font-size="10" fill="#b23a48">{spans}</text>'
    )
    x = 8.0
    for muscle in scene.highlighted:
        colour = MUSCLE_COLOURS.get(muscle)
        if colour is None:
            continue
        label = muscle.replace("_", " ")
        out.append(
            f'<rect x="{_n(x)}" y="{_n(top + 30)}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{_n(x + 14)}" y="{_n(top + 39)}" font-size="12" fill="{INK}">{escape(label)}</text>'
        )
        x += 14 + 7 * len(label) + 14
    out.append(f'<text x="8" y="{_n(top + 57)}" font-size="11" fill="#52606d">{escape(scene.timing)}</text>')
    # The label ("Straight knees: gastrocnemius") goes beside the timing when both fit (about 6 px a letter).
    if scene.label and 8 + 6 * (len(scene.timing) + len(scene.label)) + 16 <= WIDTH_PX:
        out.append(
            f'<text x="{WIDTH_PX - 8}" y="{_n(top + 57)}" font-size="11" fill="#52606d" text-anchor="end">'
            f"{escape(scene.label)}</text>"
        )
    return out
