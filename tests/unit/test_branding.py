"""E040: one suggestion per colour that passes every pair the colour is in, ratios in Dutch notation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.branding import _pairs, check_branding
from generator.colors import contrast, minimum_text, nearest_passing, ratio_text
from generator.config import load_config
from support import MINIMAL

CONFIG = (MINIMAL / "site_config.yml").read_text(encoding="utf-8")
FIELDS = ("primary_color", "accent_color", "primary_color_dark", "accent_color_dark")


def diagnostics(tmp_path: Path, branding: dict[str, str]):
    lines = "".join(f'  {key}: "{value}"\n' for key, value in branding.items())
    path = tmp_path / "site_config.yml"
    path.write_text(CONFIG + "branding:\n" + lines, encoding="utf-8")
    return check_branding(load_config(path))


def suggestion(message: str) -> str:
    found = re.search(r"de dichtstbijzijnde kleur die aan alle eisen voldoet is (#[0-9a-f]{6})$", message)
    assert found, message
    return found.group(1)


def test_yellow_header_gets_one_suggestion_for_both_pairs_with_dutch_ratios(tmp_path):
    found = diagnostics(tmp_path, {"primary_color": "#ffff00"})
    assert [str(d).split(": ", 1)[1] for d in found] == [
        "E040 'branding.primary_color' #ffff00 heeft te weinig contrast met witte tekst in de kopbalk: "
        "1,07:1, nodig is minstens 4,5:1; de dichtstbijzijnde kleur die aan alle eisen voldoet is #7a7a00",
        "E040 'branding.primary_color' #ffff00 heeft te weinig contrast met de witte achtergrond "
        "(lijnen en markeringen): 1,07:1, nodig is minstens 3:1; de dichtstbijzijnde kleur die aan alle "
        "eisen voldoet is #7a7a00",
    ]


# Colours that fail one or more pairs: light, mid and dark ones, saturated and grey.
WEAK = ["#ffff00", "#00ff00", "#ff7f50", "#777777", "#8a8aff", "#1a5896", "#000000", "#2b0a3d", "#ffffff", "#50c878"]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("color", WEAK)
def test_taking_the_suggestion_passes_every_pair_of_that_colour(tmp_path, field, color):
    found = [d for d in diagnostics(tmp_path, {field: color}) if f"'branding.{field}'" in d.message]
    requirements = [(pair.other, pair.minimum) for pair in _pairs() if pair.field == field]
    if all(contrast(color, other) >= minimum for other, minimum in requirements):
        assert found == []  # a colour that passes gets no message at all
        return
    suggestions = {suggestion(d.message) for d in found}
    assert len(suggestions) == 1, [d.message for d in found]
    fixed = suggestions.pop()
    assert diagnostics(tmp_path, {field: fixed}) == []


def test_nearest_passing_meets_all_requirements_at_once():
    requirements = [("#ffffff", 4.5), ("#ffffff", 3.0)]
    color = nearest_passing("#ff7f50", requirements)
    assert color is not None and all(contrast(color, other) >= minimum for other, minimum in requirements)
    # Requirements that no shade of the hue can meet together: no suggestion rather than a wrong one.
    assert nearest_passing("#808080", [("#ffffff", 7.0), ("#000000", 7.0)]) is None


def test_ratios_are_rounded_down_and_written_with_a_comma():
    assert ratio_text(4.4999) == "4,49:1"  # never shows '4,50:1' for a colour that fails 4.5:1
    assert ratio_text(21.0) == "21,00:1"
    assert ratio_text(1.07) == "1,07:1"
    assert minimum_text(4.5) == "4,5:1" and minimum_text(3.0) == "3:1"
