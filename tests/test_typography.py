from hypothesis import given
from hypothesis import strategies as st

from veille.clean.typography import line_key, normalize_line, normalize_text


def test_apostrophes_and_spaces_are_normalized():
    assert normalize_line("l\u2019OTAN\u00a0:  «\u202fpaix\u202f»\t") == "l'OTAN : « paix »"


def test_quote_kinds_are_kept():
    assert normalize_line("« a » “b” \"c\" ‹d›") == "« a » “b” \"c\" ‹d›"


def test_invisible_and_control_characters_go():
    assert normalize_line("Pé\u200bkin\u00ad\x07") == "Pékin"


def test_line_breaks_survive_text_normalization():
    assert normalize_text("a\r\nb\rc\u2028d") == "a\nb\nc\nd"


def test_line_key_ignores_case_accents_and_punctuation():
    assert line_key("Choïgu, à PÉKIN !") == line_key("choigu a pekin")
    assert line_key("Москва") == "москва"


@given(st.text())
def test_normalize_line_is_idempotent(s):
    once = normalize_line(s)
    assert normalize_line(once) == once
    assert "\u00a0" not in once and "\u2019" not in once


@given(st.text())
def test_normalize_text_keeps_the_number_of_lines(s):
    s = s.replace("\r", "").replace("\u2028", "")
    assert normalize_text(s).count("\n") == s.count("\n")
