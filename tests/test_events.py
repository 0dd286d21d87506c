"""Events stage: triggers, participants, modality, dates, and the store/CLI round trip."""

from __future__ import annotations

from veille.extract import infer_published
from veille.model import RawDocument
from veille.pipeline import process
from veille.temporal import find_times


def _events(text: str, published: str | None = "2024-11-14"):
    doc = RawDocument(
        source_file="t.txt", text="Titre de test\n\n" + text, raw=text.encode(), raw_format="txt", published=published
    )
    (art,) = process([doc], extract=True)
    return art


def _ids(group):
    return {a["id"] for a in group}


def test_meeting_dyad_place_and_day():
    art = _events("Le président chinois Xi Jinping a rencontré mardi Vladimir Poutine à Moscou.")
    (ev,) = [e for e in art.events if e.type == "CONSULT"]
    assert _ids(ev.source) | _ids(ev.target) == {"xi-jinping", "putin-vladimir"}
    assert ev.date == "2024-11-12" and ev.date_granularity == "day" and ev.date_basis == "expression"
    assert ev.modality == "asserted" and not ev.negated
    assert art.text[ev.start : ev.end] == ev.trigger
    assert ev.trigger in ev.evidence["text"]


def test_planned_and_negated_events_are_not_asserted():
    art = _events("Vladimir Poutine prévoit de rencontrer Xi Jinping. La Chine n'a jamais condamné la Russie.")
    by_type = {e.type: e for e in art.events}
    assert by_type["CONSULT"].modality == "planned"
    assert by_type["ACCUSE"].modality == "negated" and by_type["ACCUSE"].negated


def test_without_publication_date_no_day_is_invented():
    art = _events("Le président chinois Xi Jinping a rencontré mardi Vladimir Poutine.", published=None)
    (ev,) = [e for e in art.events if e.type == "CONSULT"]
    assert ev.date is None and ev.date_basis == "none"


def test_undated_event_falls_back_to_the_article_month():
    art = _events("Le président chinois Xi Jinping a rencontré Vladimir Poutine.")
    (ev,) = [e for e in art.events if e.type == "CONSULT"]
    assert (ev.date, ev.date_granularity, ev.date_basis) == ("2024-11", "month", "published")
    assert ev.confidence < 0.9


def test_published_inferred_is_a_lower_bound_from_absolute_dates():
    times = find_times("Le sommet s'est tenu le 12 novembre 2024. En février 2022, mardi dernier.", reference=None)
    inferred = infer_published(times)
    assert inferred["earliest"] == "2024-11-12" and inferred["granularity"] == "day"
    assert infer_published(find_times("Mardi, il a parlé.", reference=None)) is None


def test_a_sentence_without_verb_or_actor_gives_no_event():
    art = _events("Coopération. Sommet. " + "mot " * 2000)
    assert art.events == []


def test_timeline_cli_reads_events_back(tmp_path):
    from typer.testing import CliRunner

    from veille.cli import app

    src = tmp_path / "a.jsonl"
    src.write_text(
        '{"title": "Rencontre", "published": "2024-11-14", "text": "Le président chinois Xi Jinping '
        'a rencontré mardi Vladimir Poutine à Moscou."}\n',
        encoding="utf-8",
    )
    db = tmp_path / "v.db"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(src), "--db", str(db)]).exit_code == 0
    res = runner.invoke(app, ["timeline", "Poutine", "Xi", "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    assert '"2024-11-12"' in res.stdout and '"CONSULT"' in res.stdout
    res = runner.invoke(app, ["events", "--type", "ACCUSE", "--db", str(db), "--json"])
    assert res.exit_code == 0 and res.stdout.strip() == ""


def test_a_nationality_adjective_names_the_source():
    art = _events("Le gouvernement turc a dénoncé la Suède.")
    (ev,) = [e for e in art.events if e.type == "ACCUSE"]
    assert _ids(ev.source) == {"TUR"} and _ids(ev.target) == {"SWE"}


def test_the_two_leaders_are_the_last_two_people_named():
    art = _events("Emmanuel Macron a été accueilli par Xi Jinping. Les deux présidents doivent se retrouver vendredi.")
    planned = [e for e in art.events if e.modality == "planned" and e.type == "CONSULT"]
    assert planned and _ids(planned[0].source) | _ids(planned[0].target) == {"macron-emmanuel", "xi-jinping"}


def test_an_undated_event_takes_the_narrative_day_not_a_quoted_one():
    art = _events(
        "Xi Jinping a parlé mardi à Vladimir Poutine. « Le monde d'aujourd'hui change », a-t-il dit. "
        "Les deux hommes se sont rencontrés à Moscou."
    )
    (ev,) = [e for e in art.events if e.type == "CONSULT"]
    assert (ev.date, ev.date_basis) == ("2024-11-12", "context")


def test_bare_text_gets_no_day_from_context_without_a_reference():
    art = _events(
        "Xi Jinping a parlé mardi à Vladimir Poutine. Les deux hommes se sont rencontrés à Moscou.", published=None
    )
    assert all(e.date is None for e in art.events if e.type == "CONSULT")


def test_declining_to_comment_is_no_rejection():
    art = _events("Le ministre Antony Blinken a refusé de commenter l'opération israélienne contre l'Iran.")
    assert [e for e in art.events if e.type == "REJECT"] == []
    art = _events("Antony Blinken a refusé l'offre de l'Iran.")
    assert [e.type for e in art.events] == ["REJECT"]


def test_a_relative_clause_subject_is_its_antecedent():
    art = _events("Vladimir Poutine a reçu Kim Jong Un. La Corée du Sud, qui a convoqué l'ambassadeur russe, proteste.")
    (ev,) = [e for e in art.events if e.type == "PROTEST"]
    assert _ids(ev.source) == {"KOR"}


def test_a_trip_to_a_capital_is_a_visit_to_its_country():
    art = _events("Le ministre russe des Affaires étrangères Sergueï Lavrov s'est rendu mardi à Pyongyang.")
    (ev,) = [e for e in art.events if e.type == "CONSULT"]
    assert ev.mode == "visit" and _ids(ev.source) == {"lavrov-sergei"} and _ids(ev.target) == {"PRK"}
    assert ev.where and ev.where["id"] == "PYONGYANG"
    # without the reflexive pronoun "rendre" is no trip
    art = _events("Sergueï Lavrov a rendu public un communiqué à Pyongyang.")
    assert not [e for e in art.events if e.type == "CONSULT"]


def test_the_agent_of_a_passive_verb_is_the_source():
    art = _events("La visite a été dénoncée mardi par la Chine.")
    (ev,) = [e for e in art.events if e.type == "ACCUSE"]
    assert _ids(ev.source) == {"CHN"}


def test_a_pronominal_subject_acts():
    art = _events("La Russie s'est retirée mardi de l'accord.")
    (ev,) = [e for e in art.events if e.type == "RETREAT"]
    assert _ids(ev.source) == {"RUS"}


def test_a_capital_as_object_stands_for_its_country():
    art = _events("Le président taïwanais Lai Ching-te a appelé Pékin à cesser ses intimidations.")
    (ev,) = [e for e in art.events if e.type == "REQUEST"]
    assert _ids(ev.target) == {"CHN"}


def test_an_object_pronoun_is_the_person_spoken_of_before():
    art = _events("Xi Jinping est arrivé à Paris. Emmanuel Macron l'a exhorté mardi à ne pas aider la Russie.")
    (ev,) = [e for e in art.events if e.type == "REQUEST"]
    assert _ids(ev.source) == {"macron-emmanuel"} and _ids(ev.target) == {"xi-jinping"}


def test_a_reaction_to_an_unnamed_decision_targets_the_actor_of_the_news():
    art = _events(
        "L'Union européenne a sanctionné lundi trois compagnies aériennes iraniennes. "
        "Le ministre ukrainien des Affaires étrangères Andriï Sybiha a salué une décision importante."
    )
    (ev,) = [e for e in art.events if e.type == "SUPPORT"]
    assert _ids(ev.target) == {"EU"}
    # a reaction that names its target keeps it
    art = _events(
        "L'Union européenne a sanctionné lundi trois compagnies aériennes iraniennes. "
        "Le ministre ukrainien Andriï Sybiha a salué la Pologne."
    )
    (ev,) = [e for e in art.events if e.type == "SUPPORT"]
    assert _ids(ev.target) == {"POL"}


def test_a_summit_of_an_organisation_is_a_meeting_of_its_members():
    art = _events("Le sommet de l'OTAN s'est ouvert mardi à Vilnius.")
    (ev,) = [e for e in art.events if e.type == "CONSULT"]
    assert ev.mode == "multilateral" and _ids(ev.source) | _ids(ev.target) == {"NATO"}
    art = _events("La coopération s'est renforcée.")
    assert not [e for e in art.events if e.type == "COOPERATE" and not (e.source or e.target)]


def test_a_noun_event_takes_the_subject_and_modality_of_the_verb_it_depends_on():
    art = _events("Xi Jinping devait quitter Astana jeudi pour une visite d'État au Tadjikistan.")
    (ev,) = [e for e in art.events if e.type == "CONSULT"]
    assert _ids(ev.source) == {"xi-jinping"} and _ids(ev.target) == {"TJK"} and ev.modality == "planned"
    art = _events("Les deux capitales évoquent une possible rencontre entre Joe Biden et Xi Jinping.")
    (ev,) = [e for e in art.events if e.type == "CONSULT"]
    assert ev.modality == "hypothetical"


def test_a_warning_targets_the_subject_of_its_clause():
    art = _events("Les États-Unis ont averti mardi que Pyongyang paierait le prix de toute livraison d'armes.")
    (ev,) = [e for e in art.events if e.type == "THREATEN"]
    assert _ids(ev.source) == {"USA"} and _ids(ev.target) == {"PRK"}


def test_a_verb_announcing_sanctions_yields_to_them():
    art = _events("Les Vingt-Sept ont adopté lundi un paquet de sanctions contre la Russie.")
    types = {e.type for e in art.events}
    assert "SANCTION" in types and "AGREE" not in types
    (ev,) = [e for e in art.events if e.type == "SANCTION"]
    assert _ids(ev.source) == {"EU"} and _ids(ev.target) == {"RUS"}


def test_a_leader_named_by_nationality_is_the_last_such_person():
    art = _events("Xi Jinping est arrivé à Paris lundi. Le dirigeant chinois a balayé mardi les critiques de la France.")
    (ev,) = [e for e in art.events if e.type == "REJECT"]
    assert _ids(ev.source) == {"xi-jinping"}
    # a body named by nationality stays the country
    art = _events("Le gouvernement chinois a balayé mardi les critiques de la France.")
    (ev,) = [e for e in art.events if e.type == "REJECT"]
    assert _ids(ev.source) == {"CHN"}


def test_the_agent_of_a_participle_in_the_object_is_the_target():
    art = _events("Sergueï Lavrov a rejeté la conférence de paix organisée par la Suisse.")
    (ev,) = [e for e in art.events if e.type == "REJECT"]
    assert _ids(ev.source) == {"lavrov-sergei"} and _ids(ev.target) == {"CHE"}


def test_an_unattributed_summit_is_the_international_body_spoken_of():
    art = _events("Les BRICS ont invité six pays à les rejoindre. Le prochain sommet se tiendra l'année prochaine à Kazan.")
    (ev,) = [e for e in art.events if e.type == "CONSULT"]
    assert _ids(ev.source) | _ids(ev.target) == {"BRICS"} and ev.modality == "planned"
    # a national body does not hold summits
    art = _events("Le département d'État a publié un rapport. Le prochain sommet se tiendra à Kazan.")
    assert not [e for e in art.events if e.type == "CONSULT"]


def test_the_speaker_after_a_quote_is_the_source_not_the_target():
    art = _events("« Toute paix conclue sans l'Ukraine échouera », a averti mercredi la cheffe de la diplomatie européenne, Kaja Kallas.")
    (ev,) = [e for e in art.events if e.type == "THREATEN"]
    assert _ids(ev.source) == {"kallas-kaja"} and "kallas-kaja" not in _ids(ev.target)


def test_no_meeting_without_two_sides_or_with_a_thing():
    art = _events("La Russie a reçu mardi des missiles de l'Iran. Kim Jong-un a visité mercredi une exposition d'armements.")
    assert not [e for e in art.events if e.type == "CONSULT"]
    art = _events("Washington n'entretient pas de relations diplomatiques avec Taipei.")
    assert not [e for e in art.events if e.type == "CONSULT"]
    art = _events("Antony Blinken s'est entretenu samedi avec Wang Yi.")
    (ev,) = [e for e in art.events if e.type == "CONSULT"]
    assert _ids(ev.source) | _ids(ev.target) == {"blinken-antony", "wang-yi"}


def test_one_event_for_a_noun_trigger_inside_another_and_none_inside_a_name():
    art = _events("Vladimir Poutine et Kim Jong-un ont signé mardi un traité de partenariat stratégique.")
    assert [e.type for e in art.events] == ["AGREE"]
    art = _events("L'Alliance atlantique a salué mardi la Finlande.")
    assert "COOPERATE" not in {e.type for e in art.events}


def test_a_judgement_that_praises_is_support():
    art = _events("Le président chinois Xi Jinping a qualifié mardi l'élargissement des BRICS d'« historique ».")
    assert [e.type for e in art.events if e.trigger == "qualifié"] == ["SUPPORT"]
    art = _events("Le porte-parole Dmitri Peskov a qualifié mardi l'adhésion de la Finlande de « grave provocation ».")
    assert [e.type for e in art.events if e.trigger == "qualifié"] == ["ACCUSE"]


def test_a_line_break_ends_a_sentence():
    from veille.nlp import load_model

    nlp = load_model("fr")
    doc = nlp("Le Kremlin a estimé mercredi que les Kazakhs étaient capables\n\nPékin a appelé au calme.")
    assert any(s.text.startswith("Pékin") for s in doc.sents)
    # and a sentence ends only after final punctuation (with its closing quote mark)
    doc = nlp("Pékin affirme maintenir sa position et assure ne pas livrer d'armes à Moscou.")
    assert len(list(doc.sents)) == 1
    doc = nlp("« Nous condamnons la Russie. » Il a dit cela.")
    assert [s.text.strip() for s in doc.sents] == ["« Nous condamnons la Russie. »", "Il a dit cela."]
    art = _events("Le Kremlin a estimé mercredi que les Kazakhs étaient capables\n\nLa Chine a appelé mardi au calme.")
    (ev,) = [e for e in art.events if e.type == "REQUEST"]
    assert _ids(ev.source) == {"CHN"} and ev.evidence["text"].startswith("La Chine")


def test_we_in_a_quote_is_its_speaker():
    art = _events("« Nous condamnons fermement la Russie », a déclaré mardi le président ukrainien Volodymyr Zelensky.")
    (ev,) = [e for e in art.events if e.type == "ACCUSE"]
    assert _ids(ev.source) == {"zelensky-volodymyr"} and _ids(ev.target) == {"RUS"}


def test_people_met_at_another_moment_are_not_participants():
    art = _events(
        "Sergueï Lavrov a été reçu mardi à Pékin par le président Xi Jinping, après des entretiens avec Wang Yi."
    )
    (ev,) = [e for e in art.events if e.trigger == "reçu"]
    assert _ids(ev.source) | _ids(ev.target) == {"lavrov-sergei", "xi-jinping"}


def test_a_statement_that_blames_or_praises_is_an_event():
    art = _events("Le département d'État a estimé mardi que le rapprochement entre Moscou et Pyongyang constituait une menace.")
    (ev,) = [e for e in art.events if e.type == "ACCUSE"]
    assert _ids(ev.source) == {"USA_STATE_DEPT"} and _ids(ev.target) == {"RUS", "PRK"}
    art = _events("La Russie se dit gravement préoccupée par les tentatives des États-Unis.")
    (ev,) = [e for e in art.events if e.type == "ACCUSE"]
    assert _ids(ev.source) == {"RUS"} and _ids(ev.target) == {"USA"}
    # a plain statement is no event
    art = _events("Le département d'État a estimé mardi que la rencontre entre Moscou et Pyongyang aurait lieu en mai.")
    assert not [e for e in art.events if e.type in ("ACCUSE", "SUPPORT")]


def test_since_and_announcements_do_not_date_an_event():
    art = _events("Les États-Unis accusent depuis 2022 l'Iran de fournir des drones à la Russie.")
    (ev,) = [e for e in art.events if e.type == "ACCUSE"]
    assert ev.date != "2022" and ev.date_basis == "published"
    art = _events("Donald Trump a parlé mardi aux journalistes.\n\nUne rencontre entre Donald Trump et Vladimir Poutine pourrait avoir lieu en Arabie saoudite, a-t-il dit.")
    (ev,) = [e for e in art.events if e.type == "CONSULT"]
    assert ev.modality == "hypothetical" and ev.date_basis != "context"



def test_the_object_of_an_accusation_does_what_it_is_accused_of():
    art = _events("Les États-Unis accusent depuis 2022 l'Iran de fournir des drones à la Russie.")
    (ev,) = [e for e in art.events if e.type == "AID"]
    assert _ids(ev.source) == {"IRN"} and _ids(ev.target) == {"RUS"}


def test_the_object_pronoun_of_a_control_verb_acts():
    art = _events("Xi Jinping est arrivé lundi à Paris. Emmanuel Macron l'a exhorté mardi à ne pas livrer d'armes à la Russie.")
    (ev,) = [e for e in art.events if e.type == "AID"]
    assert _ids(ev.source) == {"xi-jinping"} and _ids(ev.target) == {"RUS"} and ev.modality == "negated"


def test_a_bare_role_subject_is_the_person_last_spoken_of():
    art = _events(
        "Le porte-parole du Kremlin Dmitri Peskov a parlé mardi à la presse.\n\n"
        "Le porte-parole a averti que le déploiement de missiles américains en Allemagne appellerait une réponse."
    )
    (ev,) = [e for e in art.events if e.type == "THREATEN"]
    assert _ids(ev.source) == {"peskov-dmitry"} and _ids(ev.target) == {"USA"}


def test_the_two_presidents_are_the_last_two_heads_of_state():
    art = _events(
        "Vladimir Poutine a été accueilli jeudi à Pékin par Xi Jinping. Sergueï Lavrov et Sergueï Choïgou "
        "faisaient partie de la délégation.\n\nLes deux présidents doivent se retrouver début juillet à Astana."
    )
    (ev,) = [e for e in art.events if e.trigger == "retrouver"]
    assert _ids(ev.source) | _ids(ev.target) == {"putin-vladimir", "xi-jinping"}
    assert ev.modality == "planned" and ev.date == "2025-07"


def test_coordinated_nationality_adjectives_name_both_sides():
    art = _events(
        "Donald Trump et Vladimir Poutine se sont parlé mercredi.\n\n"
        "Les présidents américain et russe ont convenu mercredi de lancer des négociations."
    )
    (ev,) = [e for e in art.events if e.type == "AGREE"]
    assert _ids(ev.source) | _ids(ev.target) == {"trump-donald", "putin-vladimir"}


def test_a_denied_worry_and_an_interview_are_no_events():
    art = _events("Mark Rutte s'est dit mardi « pas inquiet » de l'issue de l'élection américaine.")
    assert not [e for e in art.events if e.type == "ACCUSE"]
    art = _events("Alexandre Loukachenko a parlé dans un entretien diffusé mardi par la chaîne Rossiya-1 et l'agence Belta.")
    assert not [e for e in art.events if any(a["id"] in ("ROSSIYA_1", "BELTA") for a in e.source)]


def test_a_trip_to_two_countries_visits_both():
    art = _events("Xi Jinping doit ensuite se rendre mercredi en Serbie et en Hongrie.")
    (ev,) = [e for e in art.events if e.type == "CONSULT"]
    assert _ids(ev.source) == {"xi-jinping"} and _ids(ev.target) == {"SRB", "HUN"} and ev.modality == "planned"


def test_a_capital_after_a_on_a_verbal_event_is_the_addressee():
    art = _events("Le gouvernement turc reproche à Stockholm sa clémence envers les militants kurdes.")
    (ev,) = [e for e in art.events if e.type == "ACCUSE"]
    assert _ids(ev.source) == {"TUR"} and _ids(ev.target) == {"SWE"} and ev.where is None
