"""Line signals, on invented lines showing each phenomenon."""

import pytest

from veille.clean.boilerplate import (
    attribution,
    classify_line,
    is_photo_credit,
    split_inline_credit,
)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Laissez un commentaire", "comment_prompt"),
        ("Votre adresse e-mail ne sera pas publiée.", "comment_prompt"),
        ("Leave a comment", "comment_prompt"),
        ("Please type your comment here", "comment_prompt"),
        ("Partager sur Facebook", "share_prompt"),
        ("Suivez-nous sur Telegram", "share_prompt"),
        ("Inscrivez-vous à notre newsletter quotidienne", "share_prompt"),
        ("Follow us on Bluesky for more", "share_prompt"),
        ("Article suivant : la Bourse de Tokyo recule", "nav_link"),
        ("PREVIOUS La météo du week-end", "nav_link"),
        ("À lire aussi : le G7 prépare un nouveau paquet de sanctions", "related_link"),
        ("LIRE Les dessous du sommet de Kazan", "related_link"),
        ("Weiterlesen: Die Lage in Kiew", "related_link"),
        ("sommet-kazan-2024_0012.webp", "image_filename"),
        ("Propulsé par WordPress", "cms_footer"),
        ("© 2024 Le Journal du Monde. Tous droits réservés", "cms_footer"),
        ("Vidéo", "placeholder"),
        ("À voir en vidéo", "placeholder"),
        ("Asie Europe XQZ_ABCDEF 14:05", "placeholder"),
        ("Publié le 03/07/2024 à 14h12", "timestamp"),
        ("Mis à jour il y a 2 heures", "timestamp"),
        ("12 mars 2024, 09:41", "timestamp"),
        ("Zuletzt aktualisiert am 4. März", "timestamp"),
        ("•", "lone_token"),
        ("x", "lone_token"),
        ("Avec AFP", "wire_credit"),
        ("avec agences", "wire_credit"),
        ("Mots-clés : Chine, Russie, Otan, diplomatie, Ukraine, sanctions", "site_furniture"),
        ("Par Claire Dumont", "site_furniture"),
    ],
)
def test_rules_flag_each_kind(rules, line, reason):
    signal = classify_line(line, rules)
    assert signal is not None and signal.reason == reason


@pytest.mark.parametrize(
    "line",
    [
        "Le président chinois a reçu son homologue russe mardi à Pékin.",
        "Coopération militaire",
        "« Une nouvelle ère »",
        "Par ailleurs, le Kremlin a démenti toute livraison d'armes à Pyongyang.",
        "Selon le communiqué, les deux pays ont signé douze accords de coopération.",
        "Lire la presse chinoise demande de la patience, estime le diplomate.",
    ],
)
def test_content_lines_carry_no_signal(rules, line):
    assert classify_line(line, rules) is None


@pytest.mark.parametrize(
    "line",
    [
        "JANE DOE / EPA via Getty Images",
        "Ivan Petrov/Sputnik via REUTERS",
        "AP Photo / John Smith, Pool, File",
        "Ivan Ivanov, Spoutnik, photo de pool via AP, dossier",
        "© Reuters / Li Wei",
        "Photo : AFP",
        "Foto: dpa",
        "EPA-EFE/MAXIM SHIPENKOV",
    ],
)
def test_photo_credits(rules, line):
    assert is_photo_credit(line, rules)


@pytest.mark.parametrize(
    "line",
    [
        "Reuters a contacté la présidence / le ministère sans obtenir de réponse.",
        "Le président a rencontré la presse via une visioconférence organisée à la hâte.",
    ],
)
def test_sentences_are_not_credits(rules, line):
    assert not is_photo_credit(line, rules)


def test_inline_caption_credit_is_split():
    caption, credit = split_inline_credit("Le chancelier à Berlin, le 3 mai 2024. Photo : P. Martin / AFP")
    assert caption == "Le chancelier à Berlin, le 3 mai 2024."
    assert credit == "Photo : P. Martin / AFP"
    assert split_inline_credit("Une phrase ordinaire sans crédit.") is None


@pytest.mark.parametrize(
    ("line", "sources"),
    [("Selon Interfax", ["Interfax"]), ("Source : Xinhua", ["Xinhua"]),
     ("D'après l'agence Tass", ["Tass"]), ("Selon Kyiv Independent", ["Kyiv Independent"]),
     ("Sources : Yonhap, Kyodo", ["Yonhap", "Kyodo"])],
)
def test_attribution_lines_name_their_sources(rules, line, sources):
    assert attribution(line, rules) == sources
    signal = classify_line(line, rules)
    assert signal.reason == "attribution" and list(signal.sources) == sources


def test_wire_credit_with_two_agencies(rules):
    signal = classify_line("Avec Reuters et dpa", rules)
    assert signal.reason == "wire_credit" and signal.sources == ("Reuters", "dpa")


def test_a_sentence_opening_with_selon_is_no_attribution(rules):
    assert attribution("Selon lui, la paix est possible.", rules) == []
    assert attribution("Avec Emmanuel Macron", rules) == []
