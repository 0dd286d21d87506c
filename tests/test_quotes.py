"""Quotes: the quote-mark scanner, and speaker, cue and channel on invented sentences."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from veille.extract import extractor, quote_extractor
from veille.extract.quotemarks import scan_quotes
from veille.nlp import load_model


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in scan_quotes(text)]


def test_french_and_english_marks():
    assert spans("Il a dit « bonjour à tous » puis “au revoir” et \"merci\".") == [
        "bonjour à tous", "au revoir", "merci"]


def test_closing_mark_used_as_opening_mark():
    assert spans("Il a répondu qu' »il comprend les inquiétudes », a ajouté le porte-parole.") == [
        "il comprend les inquiétudes"]


def test_reversed_inner_quotes_stay_inside_the_outer_quote():
    text = "« Sous prétexte de » liberté « et de » droits « , ils agissent », a-t-il dit."
    assert spans(text) == ["Sous prétexte de » liberté « et de » droits « , ils agissent"]


def test_nested_quotes():
    assert spans("« Nous refusons la « logique des blocs » imposée », a-t-il dit.") == [
        "Nous refusons la « logique des blocs » imposée"]


def test_unclosed_quote_is_cut_at_its_paragraph_and_flagged():
    text = "Il a déclaré : « nous ne céderons pas.\n\nLe lendemain, le ministre est parti."
    (q,) = scan_quotes(text)
    assert text[q.start : q.end] == "nous ne céderons pas."
    assert q.flags == ("unclosed",)


def test_text_without_quote_marks_has_none():
    assert scan_quotes("Le ministre est parti sans rien dire.") == []


@given(st.text(alphabet=st.sampled_from(list("ab «»“”\"\n.,")), max_size=80))
def test_scanner_spans_stay_inside_one_paragraph(text):
    for q in scan_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
        assert "\n\n" not in text[q.start : q.end]


@pytest.fixture(scope="module")
def quotes():
    nlp, ax, qx = load_model("fr"), extractor("fr"), quote_extractor("fr")

    def run(text: str, published: str | None = None):
        doc = nlp(text)
        found = qx.extract(doc, ax.extract(doc, published=published))
        for q in found:
            assert text[q.start : q.end] == q.text
        return found

    return run


def test_inverted_attribution_with_channel(quotes):
    (q,) = quotes("« Nous ne reculerons pas devant les menaces », a déclaré Sergueï Lavrov, cité par l'agence Tass.")
    assert (q.kind, q.speaker, q.cue) == ("direct", "lavrov-sergei", "déclarer")
    assert [v["id"] for v in q.via] == ["TASS"]


def test_attribution_before_and_addressee(quotes):
    found = quotes("Vladimir Poutine a déclaré à Xi Jinping : « Notre coopération n'a pas de limites. »")
    (q,) = [q for q in found if q.kind == "direct"]
    assert q.speaker == "putin-vladimir"
    assert q.addressee and q.addressee["id"] == "xi-jinping"


def test_pronoun_speaker_is_the_person_named_before(quotes):
    found = quotes(
        "Antony Blinken est arrivé lundi à Pékin. « La Chine n'est pas prête à avancer », a-t-il déclaré à Reuters."
    )
    (q,) = [q for q in found if q.kind == "direct"]
    assert q.speaker == "blinken-antony"
    assert [v["id"] for v in q.via] == ["REUTERS"]


def test_indirect_speech_with_que(quotes):
    (q,) = quotes("Le ministre Wang Yi a estimé que les deux pays devaient renforcer leur coopération.")
    assert (q.kind, q.speaker, q.cue) == ("indirect", "wang-yi", "estimer")
    assert q.text == "les deux pays devaient renforcer leur coopération"


def test_selon_frames_a_quote(quotes):
    found = quotes("Selon Jens Stoltenberg, « cette mission ne fait pas de l'OTAN une partie au conflit ».")
    assert found and found[0].speaker == "stoltenberg-jens"


def test_scare_quotes_are_not_quotes(quotes):
    assert quotes("Les deux hommes ont parlé de « sécurité » et de « confinement » lors du dîner.") == []


def test_elle_refers_to_the_woman_named_before(quotes):
    text = ("La Première ministre Mette Frederiksen a reçu Olaf Scholz à Copenhague. "
            "« Nous ne laisserons pas faire », a-t-elle déclaré.")
    (q,) = [q for q in quotes(text) if q.kind == "direct"]
    assert q.speaker is not None and "frederiksen" in q.speaker
