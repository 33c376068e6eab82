"""Legible colours in any theme: WCAG contrast, and a pass that fixes a drawn line.

Themes pick their accent, warning and success colours for looks, not for text on every
background the reader paints. Rather than trust each pairing, the panes that draw text with
highlight colours run their lines through `legible_strip`: any letter whose colour is too close
to its background is moved towards black or white (whichever is further from the background)
just far enough to reach the minimum. Hue survives; only lightness changes.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import BLACK, WHITE, Color
from textual.strip import Strip

BODY = 4.5  # WCAG AA for body text
LARGE = 3.0  # WCAG AA for large text and interface components: the floor for any letter


def _channel(value: int) -> float:
    v = value / 255
    return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4


def luminance(color: Color) -> float:
    r, g, b = color.rgb
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: Color, b: Color) -> float:
    """The WCAG 2 contrast ratio of two opaque colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@lru_cache(maxsize=4096)
def legible(foreground: Color, background: Color, minimum: float = BODY) -> Color:
    """`foreground`, moved towards black or white until it reaches `minimum` on `background`."""
    if contrast(foreground, background) >= minimum:
        return foreground
    target = BLACK if contrast(BLACK, background) > contrast(WHITE, background) else WHITE
    for step in range(1, 21):
        candidate = foreground.blend(target, step / 20)
        if contrast(candidate, background) >= minimum:
            return candidate
    return target


def _opaque(color: RichColor | None) -> Color | None:
    if color is None or color.is_default:
        return None
    return Color.from_rich_color(color, ansi=False)


def legible_style(style: Style, background: Color, minimum: float = BODY) -> Style:
    """`style` with its colour made legible on `background` (which it then carries)."""
    foreground = _opaque(style.color)
    if foreground is None:
        return style + Style(bgcolor=background.rich_color)
    fixed = legible(foreground, background, minimum)
    return style + Style(color=fixed.rich_color, bgcolor=background.rich_color)


def legible_strip(strip: Strip, minimum: float = BODY) -> Strip:
    """Every segment of a drawn line with a colour that reaches `minimum` on its background.

    Segments without both colours (or in a colourless console) are left alone."""
    segments = []
    changed = False
    for segment in strip:
        style = segment.style
        if style is None or segment.control or not segment.text.strip():
            segments.append(segment)
            continue
        foreground, background = _opaque(style.color), _opaque(style.bgcolor)
        if foreground is None or background is None:
            segments.append(segment)
            continue
        if style.reverse:
            fixed = legible(background, foreground, minimum)
            if fixed != background:
                style = style + Style(bgcolor=fixed.rich_color)
        elif style.dim:  # drawn half way to the background (Textual's dim filter)
            seen = foreground.blend(background, 0.5)
            fixed = legible(seen, background, minimum)
            if fixed != seen:
                style = style + Style(color=fixed.rich_color, dim=False)
        else:
            fixed = legible(foreground, background, minimum)
            if fixed != foreground:
                style = style + Style(color=fixed.rich_color)
        if style is not segment.style:
            changed = True
        segments.append(Segment(segment.text, style, segment.control))
    return Strip(segments, strip.cell_length) if changed else strip
