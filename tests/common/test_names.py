"""Splitting a mention as written into a name and an office, and guessing its kind (no database)."""

import pytest

from annotations.common.names import given_names, guess_kind, split_mention


@pytest.mark.parametrize(
    ("mention", "name", "office", "kind"),
    [
        ("board chair Helen Park", "Helen Park", "board chair", "person"),
        ("Sen. Jonathan Reyes", "Jonathan Reyes", "Sen.", "person"),
        ("Mayor Bill de Blasio", "Bill de Blasio", "Mayor", "person"),
        ("Acting Director Tony Pham", "Tony Pham", "Acting Director", "person"),
        ("the Rev. Al Sharpton", "Al Sharpton", "Rev.", "person"),
        ("de Blasio", "de Blasio", "", "person"),
        ("Pham", "Pham", "", "person"),
        ("the Riders Alliance", "Riders Alliance", "", "organisation"),
        ("the Department of Homeland Security", "Department of Homeland Security", "", "organisation"),
        ("ICE", "ICE", "", "organisation"),
        ("F.B.I.", "F.B.I.", "", "organisation"),
        ("the mayor", "", "", "person"),
        ("he", "", "", "person"),
        ("", "", "", "person"),
    ],
)
def test_a_mention_splits_into_name_and_office_and_its_kind_is_guessed(mention, name, office, kind):
    assert split_mention(mention) == (name, office)
    assert guess_kind(mention) == kind


def test_offices_are_not_given_names():
    assert given_names("acting director tony pham") == ["tony"]
