"""Draw scene frames with Pillow: PNG stills and the animated GIF export."""

from __future__ import annotations

import math
from itertools import pairwise
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from calfcoach.demos.figure import placement, to_world
from calfcoach.demos.kinematics import Pose
from calfcoach.demos.scene import Scene
from calfcoach.demos.shapes import INK, MUSCLE_COLOURS, Shape

Point = tuple[float, float]
_SUPERSAMPLE = 2
_CAPTION_PX = 64
_TITLE_PX = 44


class _Canvas:
    """Map world metres to pixels (y down) and draw shapes with round ends, at supersampled size."""

    def __init__(self, scene: Scene, width_px: int) -> None:
        x0, y0, x1, y1 = scene.view
        self.scale = width_px * _SUPERSAMPLE / (x1 - x0)
        self.x0, self.y1 = x0, y1
        self.width = width_px * _SUPERSAMPLE
        self.draw_height = round((y1 - y0) * self.scale)
        self.height = self.draw_height + (_CAPTION_PX + _TITLE_PX) * _SUPERSAMPLE
        self.image = Image.new("RGB", (self.width, self.height), "#fbfaf7")
        self.draw = ImageDraw.Draw(self.image)

    def px(self, p: Point) -> tuple[float, float]:
        return ((p[0] - self.x0) * self.scale, (self.y1 - p[1]) * self.scale + _TITLE_PX * _SUPERSAMPLE)

    def shape(self, shape: Shape, place: tuple[float, float, float] | None = None) -> None:
        pts = [self.px(to_world(p, place) if place else p) for p in shape.points]
        width = max(1, round(shape.width_m * self.scale))
        if shape.kind == "line":
            self.draw.line(pts, fill=shape.stroke, width=width, joint="curve")
            r = width / 2
            for x, y in (pts[0], pts[-1]):
                self.draw.ellipse((x - r, y - r, x + r, y + r), fill=shape.stroke)
        elif shape.kind == "polygon":
            self.draw.polygon(pts, fill=shape.fill, outline=shape.stroke, width=width if shape.stroke else 0)
        else:
            (x, y), r = pts[0], shape.radius_m * self.scale
            self.draw.ellipse(
                (x - r, y - r, x + r, y + r), fill=shape.fill, outline=shape.stroke, width=width
            )


def _font(size_px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size_px * _SUPERSAMPLE)


def _fit_font(d: ImageDraw.ImageDraw, text: str, width: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Return the largest caption font (14 px down to 9 px) in which the cue fits the width."""
    for size in range(14, 8, -1):
        if d.textlength(text, font=_font(size)) + 80 * _SUPERSAMPLE < width:
            return _font(size)
    return _font(9)


def draw_frame(scene: Scene, pose: Pose, width_px: int = 360) -> Image.Image:
    """Draw one frame of the scene: props, moving props, figure, title, cue, muscle key and progress bar."""
    return _with_progress(_draw_still(scene, pose, width_px), pose.time_s / scene.period_s)


def _with_progress(image: Image.Image, progress: float) -> Image.Image:
    """Add the bar that fills over the loop, so the viewer sees where in the repetition the figure is."""
    framed = image.copy()
    ImageDraw.Draw(framed).rectangle(
        (0, framed.height - 2, round(framed.width * progress), framed.height), fill="#b23a48"
    )
    return framed


def _draw_still(scene: Scene, pose: Pose, width_px: int) -> Image.Image:
    """Draw everything of a frame but the progress bar."""
    canvas = _Canvas(scene, width_px)
    for shape in scene.props:
        canvas.shape(shape)
    for prop, shapes in scene.moving:
        vx, vy = prop.scroll_vector()
        shift = (pose.scroll_m * vx, pose.scroll_m * vy, 0.0)
        # Draw on a layer, then keep only what shows through the prop's window (the belt, the view).
        layer = _Canvas(scene, width_px)
        layer.image = canvas.image.copy()
        layer.draw = ImageDraw.Draw(layer.image)
        for shape in shapes:
            layer.shape(shape, shift)
        cx0, cy0, cx1, cy1 = prop.clip_box(scene.view)
        (left, top), (right, bottom) = canvas.px((cx0, cy1)), canvas.px((cx1, cy0))
        box = (round(left), round(top), round(right), round(bottom))
        canvas.image.paste(layer.image.crop(box), box[:2])
    for part in scene.parts:
        place = placement(part, pose)
        for shape in part.shapes:
            canvas.shape(shape, place)
    d, s = canvas.draw, _SUPERSAMPLE
    d.rectangle((0, 0, canvas.width, _TITLE_PX * s), fill="#fbfaf7")
    d.text((8 * s, 7 * s), scene.title, fill=INK, font=_font(15))
    if scene.rules:
        d.text((8 * s, 27 * s), scene.rules, fill="#b23a48", font=_fit_font(d, scene.rules, canvas.width))
    top = canvas.height - _CAPTION_PX * s
    d.rectangle((0, top, canvas.width, canvas.height), fill="#fbfaf7")
    phase = scene.phase_word(pose.phase).upper()
    d.text(
        (8 * s, top + 6 * s),
        f"{phase}  {pose.cue}".strip(),
        fill="#b23a48",
        font=_fit_font(d, pose.cue, canvas.width),
    )
    key_x = 8 * s
    for muscle in scene.highlighted:
        colour = MUSCLE_COLOURS.get(muscle)
        if colour is None:
            continue
        d.rectangle((key_x, top + 30 * s, key_x + 10 * s, top + 40 * s), fill=colour)
        text = scene.muscle_word(muscle)
        d.text((key_x + 14 * s, top + 28 * s), text, fill=INK, font=_font(12))
        key_x += round(d.textlength(text, font=_font(12))) + 30 * s
    d.text((8 * s, top + 46 * s), scene.timing, fill="#52606d", font=_font(11))
    small = _font(11)
    room = canvas.width - 32 * s - d.textlength(scene.timing, font=small)
    if scene.label and d.textlength(scene.label, font=small) <= room:
        d.text((canvas.width - 8 * s, top + 46 * s), scene.label, fill="#52606d", font=_font(11), anchor="ra")
    return canvas.image.resize((width_px, canvas.height // s), Image.Resampling.LANCZOS)


def gif_durations_ms(scene: Scene) -> list[int]:
    """Split the loop into per-frame durations in whole centiseconds (GIF's unit) that sum to the period."""
    n = len(scene.frames)
    total_cs = round(scene.period_s * 100)
    edges = [math.floor(total_cs * i / n + 0.5) for i in range(n + 1)]
    return [10 * (b - a) for a, b in pairwise(edges)]


def write_gif(scene: Scene, path: Path, width_px: int = 360) -> None:
    """Write the scene as a looping animated GIF."""
    # A hold repeats one picture: draw it once and only move the progress bar.
    drawn: dict[tuple[object, ...], Image.Image] = {}
    images = []
    for pose in scene.frames:
        key = (pose.phase, pose.cue, pose.scroll_m, *(round(v, 5) for p in pose.points.values() for v in p))
        if key not in drawn:
            drawn[key] = _draw_still(scene, pose, width_px)
        images.append(_with_progress(drawn[key], pose.time_s / scene.period_s))
    # One palette for every frame, so unchanged pixels stay identical and GIF stores only what moves.
    sheet = Image.new("RGB", (width_px, images[0].height * 2))
    sheet.paste(images[0], (0, 0))
    sheet.paste(images[len(images) // 2], (0, images[0].height))
    palette = sheet.quantize(colors=96, method=Image.Quantize.MEDIANCUT)
    frames = [im.quantize(palette=palette, dither=Image.Dither.NONE) for im in images]
    frames[0].save(
        path,
        save_all=True,
        append_images=frames[1:],
        duration=gif_durations_ms(scene),
        loop=0,
        optimize=False,
    )
