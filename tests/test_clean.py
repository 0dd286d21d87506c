"""Article structure: title, copies, captions, headings, orphans, attributions, languages.

Every text here is invented for the test; each shows one phenomenon of scraped news.
"""

from collections import Counter

import pytest

from veille.clean.article import split_lines
from veille.errors import InputError

BODY1 = (
    "Le ministre japonais des Affaires étrangères a rencontré lundi à Tokyo son homologue "
    "sud-coréen pour discuter de la sécurité régionale et des essais de missiles nord-coréens."
)
BODY2 = (
    "Les deux responsables ont convenu de renforcer leur coopération en matière de renseignement, "
    "a indiqué un communiqué publié à l'issue de la rencontre, sans donner plus de détails."
)
BODY3 = (
    "Pékin n'a pas réagi dans l'immédiat. La Chine dénonce régulièrement ce qu'elle présente "
    "comme une militarisation de la région sous l'influence de Washington."
)
TITLE = "Tokyo et Séoul resserrent les rangs face à Pyongyang"


def reasons(article):
    return Counter(r.reason for r in article.removed)


def test_section_label_and_title(clean_text):
    a = clean_text(f"Asie\n\n{TITLE}\n\n{BODY1}\n\n{BODY2}")
    assert a.title == TITLE
    assert [r.line for r in a.removed if r.reason == "section_label"] == ["Asie"]
    assert a.text == f"{BODY1}\n\n{BODY2}"


def test_unknown_short_label_above_title_is_a_section_label(clean_text):
    a = clean_text(f"Diplomatie régionale\n\n{TITLE}\n\n{BODY1}")
    assert a.title == TITLE
    assert reasons(a)["section_label"] == 1


def test_a_short_title_before_a_long_paragraph_is_the_title(clean_text):
    a = clean_text(f"Séoul proteste\n\n{BODY1}\n\n{BODY2}")
    assert a.title == "Séoul proteste"
    assert not a.removed


def test_repeated_title_lines_are_removed(clean_text):
    a = clean_text(f"{TITLE}\n\n{TITLE}\n{TITLE.replace('é', 'e')}\n\n{BODY1}\n\n{TITLE}\n\n{BODY2}")
    assert a.title == TITLE
    assert reasons(a)["duplicate_title"] == 3
    assert a.text == f"{BODY1}\n\n{BODY2}"


def test_metadata_title_removes_its_copy_in_the_text(clean_text):
    a = clean_text(f"{TITLE}\n\n{BODY1}", title=TITLE)
    assert a.title == TITLE and a.text == BODY1
    assert reasons(a) == {"duplicate_title": 1}


def test_caption_pair_with_credit_is_kept_once_as_caption(clean_text):
    older = 'Le ministre japonais (à gauche) et son homologue à Tokyo, selon"la presse" locale.'
    newer = "Le ministre japonais (à gauche) et son homologue à Tokyo, selon « la presse » locale."
    credit = "KIM HYUN / YONHAP via Getty Images"
    a = clean_text(f"{TITLE}\n\n{BODY1}\n\n{older}\n{newer}\n{credit}\n\n{BODY2}")
    assert [c.text for c in a.captions] == [newer]
    assert a.captions[0].credit == credit
    assert reasons(a) == {"duplicate": 1, "photo_credit": 1}
    assert a.text == f"{BODY1}\n\n{BODY2}"


def test_image_file_name_marks_the_next_line_as_caption(clean_text):
    caption = "Le ministre sud-coréen à son arrivée à Tokyo, lundi. Photo : Ministère"
    a = clean_text(f"{TITLE}\n\n{BODY1}\n\nministre-coree-tokyo.jpg\n{caption}\n\n{BODY2}")
    assert [c.text for c in a.captions] == ["Le ministre sud-coréen à son arrivée à Tokyo, lundi."]
    assert a.captions[0].credit == "Photo : Ministère"
    assert reasons(a) == {"image_filename": 1, "photo_credit": 1}


def test_a_credit_alone_in_its_block_takes_the_short_block_before(clean_text):
    caption = "Les deux ministres devant la presse, lundi à Tokyo."
    a = clean_text(f"{TITLE}\n\n{BODY1}\n\n{caption}\n\nAFP / Jiji Press via Getty Images\n\n{BODY2}")
    assert [c.text for c in a.captions] == [caption]


def test_subheadings_are_headings_with_offsets(clean_text):
    a = clean_text(f"{TITLE}\n\n{BODY1}\n\nCoopération renforcée\n\n{BODY2}\n\n« Une menace commune »\n\n{BODY3}")
    assert [h.text for h in a.headings] == ["Coopération renforcée", "« Une menace commune »"]
    assert a.text[a.headings[0].start :].startswith(BODY2)
    assert a.text[a.headings[1].start :].startswith(BODY3)
    assert "Coopération renforcée" not in a.text


def test_orphan_short_lines_after_the_article_are_furniture(clean_text):
    a = clean_text(f"{TITLE}\n\n{BODY1}\n\n{BODY2}\n\nLes plus lus\n\nNotre sélection du jour\n\n|")
    assert a.text == f"{BODY1}\n\n{BODY2}"
    assert {r.line for r in a.removed} == {"Les plus lus", "Notre sélection du jour", "|"}


def test_closing_attribution_becomes_a_cited_source(clean_text):
    a = clean_text(f"{TITLE}\n\n{BODY1}\n\n{BODY2}\n\nSelon l'agence Yonhap")
    assert a.cited_sources == ["Yonhap"]
    assert reasons(a) == {"attribution": 1}


def test_wire_credit_names_its_agency(clean_text):
    a = clean_text(f"{TITLE}\n\n{BODY1}\n\nAvec Reuters")
    assert a.cited_sources == ["Reuters"]


def test_short_foreign_lines_are_removed_and_long_ones_flagged(clean_text):
    english = (
        "The ministers said they would meet again next month in Seoul to review the progress made "
        "on the intelligence sharing agreement and on joint exercises with the United States navy."
    )
    a = clean_text(f"{TITLE}\n\nDiese Seite wurde automatisch übersetzt.\n\n{BODY1}\n\n{english}\n\n{BODY2}")
    assert a.language == "fr"
    removed = [r for r in a.removed if r.reason == "foreign_language"]
    assert [(r.line, r.detail) for r in removed] == [("Diese Seite wurde automatisch übersetzt.", "de")]
    assert a.foreign_lines == [{"line": english, "language": "en"}]
    assert english in a.text


def test_hard_wrapped_paragraph_is_joined(clean_text):
    a = clean_text(f"{TITLE}\n\nLe ministre japonais des Affaires étrangères a rencontré\nlundi à Tokyo son homologue sud-coréen.\n\n{BODY2}")
    assert a.text.split("\n\n")[0] == "Le ministre japonais des Affaires étrangères a rencontré lundi à Tokyo son homologue sud-coréen."


def test_lines_repeated_across_a_source_are_removed(rules):
    from veille import process
    from veille.model import RawDocument

    banner = "Le Courrier du Pacifique, l'info qui compte"
    docs = [
        RawDocument(source_file=f"{i}.txt", text=f"Titre numéro {i} sur la diplomatie\n\n{body}\n\n{banner}",
                    raw=b"", raw_format="txt", source="Courrier du Pacifique")
        for i, body in enumerate([BODY1, BODY2, BODY3])
    ]
    articles = list(process(docs, rules=rules))
    assert all(banner not in a.text for a in articles)
    assert all(any(r.reason == "repeated_in_source" for r in a.removed) for a in articles)


def test_the_same_line_in_articles_of_different_sources_is_kept(rules):
    from veille import process
    from veille.model import RawDocument

    line = "Une déclaration commune a été publiée à l'issue de la réunion."
    docs = [
        RawDocument(source_file=f"{i}.txt", text=f"Titre {i} sur la diplomatie\n\n{body}\n\n{line}",
                    raw=b"", raw_format="txt", source=f"site {i}")
        for i, body in enumerate([BODY1, BODY2, BODY3])
    ]
    assert all(line in a.text for a in process(docs, rules=rules))


def test_nothing_left_raises_a_clear_error(clean_text):
    with pytest.raises(InputError, match=r"\[E011\] t.txt: no text left"):
        clean_text("Partager sur Facebook\n\nLaissez un commentaire")


def test_blocks_are_counted_across_blank_lines():
    lines = split_lines("a\nb\n\n\nc\n \nd")
    assert [(ln.text, ln.block) for ln in lines] == [("a", 0), ("b", 0), ("c", 1), ("d", 2)]


def test_offsets_index_the_clean_text(clean_text):
    a = clean_text(f"{TITLE}\n\n{BODY1.replace(chr(39), chr(0x2019))}\n\nUn intertitre\n\n{BODY2}")
    for h in a.headings:
        assert 0 <= h.start <= len(a.text)
    assert "\u2019" not in a.text
