"""WCAG colour contrast: ratios, and the nearest shade of a colour that passes."""

from __future__ import annotations

import colorsys

LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1e2129"  # Material's slate background, hsl(225 15% 14%), made explicit in our CSS
WHITE = "#ffffff"


def parse(hex_color: str) -> tuple[float, float, float]:
    value = hex_color.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def luminance(hex_color: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in parse(hex_color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def passes(color: str, requirements: list[tuple[str, float]]) -> bool:
    """True if `color` reaches every (other colour, minimum ratio) requirement."""
    return all(contrast(color, against) >= minimum for against, minimum in requirements)


def nearest_passing(color: str, requirements: list[tuple[str, float]]) -> str | None:
    """The colour with the same hue and saturation, lightness moved as little as possible, that
    passes every requirement at once: one suggestion per colour, which never fails on another pair."""
    h, l, s = colorsys.rgb_to_hls(*parse(color))
    for step in range(1, 101):
        for lightness in (l - step / 100, l + step / 100):
            if 0 <= lightness <= 1:
                candidate = to_hex(colorsys.hls_to_rgb(h, lightness, s))
                if passes(candidate, requirements):
                    return candidate
    return None


def ratio_text(ratio: float) -> str:
    """'4,49:1' in Dutch notation, rounded down: a failing ratio never reads as the minimum."""
    hundredths = int(ratio * 100 + 1e-9)  # 1e-9: float noise, as in 0.29 * 100 = 28.999…
    whole, part = divmod(hundredths, 100)
    return f"{whole},{part:02d}:1"


def minimum_text(minimum: float) -> str:
    """'4,5:1', '3:1'."""
    return f"{minimum:g}".replace(".", ",") + ":1"
