import re

import pytest

from generator.feedback.forms import HONEYPOT, PAGE_FIELD, render_form, validate_submission
from generator.models import FeedbackForm

FORM = FeedbackForm.model_validate({
    "title": "Kaart", "summary": "Kort.", "thanks": "Dank je.",
    "fields": [
        {"id": "soort", "type": "choice", "label": "Wat wil je delen?", "options": ["Een idee", "Iets anders"], "required": True},
        {"id": "cijfer", "type": "scale", "label": "Hoe ging het?", "required": True,
         "scale": {"min": 1, "max": 5, "min_label": "slecht", "max_label": "goed"}},
        {"id": "bericht", "type": "long_text", "label": "Je bericht", "max_length": 10, "help": "Kort graag."},
        {"id": "email", "type": "email", "label": "Je e-mailadres"},
    ],
})


@pytest.mark.parametrize("data, errors", [
    ({}, ["soort: Kies een antwoord bij ‘Wat wil je delen?’", "cijfer: Kies een antwoord bij ‘Hoe ging het?’"]),
    ({"soort": "Iets", "cijfer": "9", "bericht": "x" * 11, "email": "geen-adres"},
     ["soort: Kies een van de antwoorden bij ‘Wat wil je delen?’", "cijfer: Kies een getal van 1 tot en met 5 bij ‘Hoe ging het?’",
      "bericht: ‘Je bericht’ mag hoogstens 10 tekens hebben; nu zijn het er 11",
      "email: Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl"]),
])
def test_validation_messages_in_field_order(data, errors):
    clean, found = validate_submission(FORM, data)
    assert [f"{e.field}: {e.message}" for e in found] == errors


def test_valid_submission_keeps_only_known_fields_trimmed():
    clean, errors = validate_submission(FORM, {"soort": "Een idee", "cijfer": "4", "bericht": " kort ", "onbekend": "x",
                                               HONEYPOT: "", PAGE_FIELD: "praktijkvoorbeelden/almere/"})
    assert errors == []
    assert clean == {"soort": "Een idee", "cijfer": "4", "bericht": "kort", PAGE_FIELD: "praktijkvoorbeelden/almere/"}


def test_error_summary_links_to_each_control_and_fields_carry_their_message():
    _, errors = validate_submission(FORM, {"email": "x"})
    html = str(render_form(FORM, "kaart", "/feedback/kaart", values={"email": "x<y"}, errors=errors))
    links = re.findall(r'<li><a href="#([^"]+)">', html)
    assert links == ["veld-kaart-soort", "veld-kaart-cijfer", "veld-kaart-email"]
    for target in links:
        assert f'id="{target}"' in html
    assert html.index("portaal-error-summary") < html.index("<form")
    assert '<p class="portaal-field-error" id="veld-kaart-email-fout">' in html
    assert 'aria-describedby="veld-kaart-email-fout"' in html and 'value="x&lt;y"' in html
    assert 'aria-describedby="veld-kaart-bericht-hulp"' in html


def test_mailto_forms_post_as_text():
    html = str(render_form(FORM, "kaart", "mailto:a@b.nl", mailto=True))
    assert '<form class="portaal-form" action="mailto:a@b.nl" method="post" enctype="text/plain" data-feedback-form="kaart" data-mailto' in html


@pytest.mark.parametrize("value", ["²", "٣", "3.0", "", " "])
def test_scale_accepts_only_plain_digits(value):
    clean, errors = validate_submission(FORM, {"soort": "Een idee", "cijfer": value})
    assert [e.field for e in errors] == ["cijfer"] and "cijfer" not in clean


def test_scale_answers_are_stored_in_one_form():
    clean, errors = validate_submission(FORM, {"soort": "Een idee", "cijfer": "03"})
    assert errors == [] and clean["cijfer"] == "3"


FOLLOW_UP = FeedbackForm.model_validate({
    "title": "Nuttig", "summary": "Kort.", "thanks": "Dank je.",
    "fields": [
        {"id": "nuttig", "type": "choice", "label": "Nuttig?", "options": ["Ja", "Nee"], "required": True},
        {"id": "beter", "type": "long_text", "label": "Wat kan beter?", "show_when": {"field": "nuttig", "value": "Nee"}},
    ],
})


def test_a_follow_up_is_kept_only_after_its_choice():
    assert validate_submission(FOLLOW_UP, {"nuttig": "Nee", "beter": "Meer"})[0] == {"nuttig": "Nee", "beter": "Meer"}
    assert validate_submission(FOLLOW_UP, {"nuttig": "Ja", "beter": "Meer"})[0] == {"nuttig": "Ja"}
    html = str(render_form(FOLLOW_UP, "n", "/f"))
    assert '<div class="portaal-field" data-show-when-field="nuttig" data-show-when-value="Nee"><label' in html
