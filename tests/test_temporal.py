"""Temporal expressions: detection and normalization, with and without a reference day."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veille.temporal import find_times

REF = dt.date(2024, 11, 13)  # a Wednesday


def values(text, reference=REF):
    return [(t.text, t.value, t.granularity) for t in find_times(text, reference=reference)]


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("Il a parlé le 14 mars 2024.", "2024-03-14", "day"),
        ("Il est arrivé mardi 12 novembre 2024.", "2024-11-12", "day"),
        ("Cela date de février 2022.", "2022-02", "month"),
        ("Ils se verront au printemps 2024.", "2024-SP", "season"),
        ("C'était en 2014.", "2014", "year"),
        ("Le sommet s'est tenu du 20 au 22 mars 2023.", "2023-03-20", "day"),
    ],
)
def test_absolute_expressions_need_no_reference(text, value, granularity):
    assert [(v, g) for _, v, g in values(text, None)] == [(value, granularity)]


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("Il l'a dit mardi.", "2024-11-12", "day"),
        ("Il l'a dit mercredi.", "2024-11-13", "day"),
        ("Il l'a dit lundi dernier.", "2024-11-11", "day"),
        ("Il viendra lundi prochain.", "2024-11-18", "day"),
        ("Ils se verront la semaine prochaine.", "2024-W47", "week"),
        ("C'était le mois dernier.", "2024-10", "month"),
        ("Il reviendra l'année prochaine.", "2025", "year"),
        ("La réunion du 14 mars a été reportée.", "2024-03-14", "day"),
        ("La visite est prévue le 5 décembre.", "2024-12-05", "day"),
        ("Fin février, les pourparlers ont repris.", "2024-02", "month"),
        ("Il est venu hier.", "2024-11-12", "day"),
    ],
)
def test_relative_expressions_use_the_reference(text, value, granularity):
    assert [(v, g) for _, v, g in values(text)] == [(value, granularity)]


def test_relative_days_chain_from_the_day_mentioned_before():
    found = values("Le ministre a rencontré son homologue mardi, et le chef d'état-major un jour plus tôt.")
    assert [v for _, v, _ in found] == ["2024-11-12", "2024-11-11"]


def test_without_reference_relative_values_are_never_guessed():
    found = values("Il l'a dit mardi, et le 14 mars, puis la semaine prochaine.", None)
    assert [v for _, v, _ in found] == [None, None, None]
    assert [g for _, _, g in found] == ["day", "day", "week"]


def test_impossible_date_is_found_without_a_value():
    assert values("Le 31 février 2023, rien.", None) == [("Le 31 février 2023", None, "day")]


def test_numbers_are_not_years():
    assert values("Il a reçu 2024 lettres et 2,5 milliards d'euros.", None) == []


@given(st.text(max_size=200), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_never_crashes_and_spans_point_into_the_text(text, ref):
    for t in find_times(text, reference=ref):
        assert text[t.start : t.end] == t.text


def test_a_month_without_year_in_a_future_clause_is_the_next_one():
    may = dt.date(2024, 5, 16)
    assert values("Les deux présidents doivent se retrouver début juillet à Astana.", may)[0][1] == "2024-07"
    assert values("Le sommet se tiendra le 5 février à Kazan.", may)[0][1] == "2025-02-05"
    # told in the past, the same words are the last such month
    assert values("Les deux présidents se sont retrouvés début juillet à Astana.", may)[0][1] == "2023-07"
