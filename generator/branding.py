"""The portal's colours must be readable: checked against WCAG AA before anything is built."""

from __future__ import annotations

from dataclasses import dataclass

from .colors import DARK_BACKGROUND, LIGHT_BACKGROUND, WHITE, contrast, minimum_text, nearest_passing, ratio_text
from .config import LoadedConfig
from .diagnostics import Diagnostic

TEXT, UI = 4.5, 3.0


@dataclass(frozen=True)
class Pair:
    field: str  # key under branding
    other: str  # the colour it is seen with
    other_name: str  # in Dutch, for the message
    minimum: float
    move: str  # which colour to adjust: 'field'


def _pairs() -> list[Pair]:
    return [
        Pair("primary_color", WHITE, "witte tekst in de kopbalk", TEXT, "field"),
        Pair("primary_color", LIGHT_BACKGROUND, "de witte achtergrond (lijnen en markeringen)", UI, "field"),
        Pair("accent_color", LIGHT_BACKGROUND, "de witte achtergrond (links)", TEXT, "field"),
        Pair("primary_color_dark", WHITE, "witte tekst in de kopbalk (donkere weergave)", TEXT, "field"),
        Pair("accent_color_dark", DARK_BACKGROUND, f"de donkere achtergrond {DARK_BACKGROUND} (links)", TEXT, "field"),
    ]


def check_branding(loaded: LoadedConfig) -> list[Diagnostic]:
    branding = loaded.config.branding
    pairs = _pairs()
    diagnostics = []
    for pair in pairs:
        color = getattr(branding, pair.field)
        if color is None:
            continue
        ratio = contrast(color, pair.other)
        if ratio < pair.minimum:
            # The suggestion must pass every pair this colour is part of, not only this one.
            requirements = [(other.other, other.minimum) for other in pairs if other.field == pair.field]
            passing = nearest_passing(color, requirements)
            hint = f"; de dichtstbijzijnde kleur die aan alle eisen voldoet is {passing}" if passing else ""
            diagnostics.append(Diagnostic(
                "E040",
                f"'branding.{pair.field}' {color} heeft te weinig contrast met {pair.other_name}: "
                f"{ratio_text(ratio)}, nodig is minstens {minimum_text(pair.minimum)}{hint}",
                loaded.document.locate(("branding", pair.field))))
    return diagnostics
