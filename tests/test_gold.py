"""Quality gate: veille's scores on the project gold corpus stay above the floors."""

from pathlib import Path

from veille.evaluate import below_floors, evaluate_dir, load_floors

from .conftest import GOLD


def test_gold_scores_stay_above_floors():
    result = evaluate_dir(GOLD)
    floors = load_floors(GOLD / "floors.yaml")
    assert result.articles >= 20
    assert set(floors) <= set(result.scores), "a floor names a measure eval no longer reports"
    below = below_floors(result, floors)
    assert not below, {name: (result.scores[name], floors[name]) for name in below}


def test_every_gold_file_points_at_a_corpus_document():
    for path in sorted(Path(GOLD).glob("*.yaml")):
        if path.name == "floors.yaml":
            continue
        text = path.read_text(encoding="utf-8")
        assert "file: ../../examples/corpus/" in text, path.name


def test_events_are_matched_one_to_one():
    """Two gold events with one key (a past and a planned meeting of a pair) need two events."""
    from veille.evaluate import Gold, _score_events, _Tally
    from veille.model import Article, Event

    def ev(date, modality, start):
        return Event(
            type="CONSULT", mode="visit", source=[{"id": "xi-jinping", "name": "Xi"}],
            target=[{"id": "putin-vladimir", "name": "Putin"}], date=date, date_granularity="day",
            date_basis="expression", where=None, modality=modality, negated=False, trigger="rencontré",
            start=start, end=start + 9, evidence={"start": 0, "end": 10, "text": "x"}, confidence=0.9,
        )

    def gold_ev(date, modality):
        return {"type": "CONSULT", "source": ["putin-vladimir"], "target": ["xi-jinping"], "date": date,
                "modality": modality}

    gold = Gold(path=Path("g.yaml"), file=Path("x"), record=None, title="t", language="fr", cited_sources=[],
                keep=[], boilerplate=[], events=[gold_ev("2024-05-16", "asserted"), gold_ev("2024-07", "planned")])
    art = Article.__new__(Article)
    art.events = [ev("2024-07", "planned", 50)]
    tally, misses = _Tally(), []
    _score_events(gold, art, tally, misses)
    assert tally.hit["event_recall"] == 1 and tally.total["event_recall"] == 2
    assert tally.hit["event_precision"] == 1 and tally.total["event_precision"] == 1
    assert tally.hit["event_modality_accuracy"] == 1 and tally.hit["event_date_accuracy"] == 1
    art.events = [ev("2024-05-16", "asserted", 10), ev("2024-07", "planned", 50), ev(None, "asserted", 90)]
    tally, misses = _Tally(), []
    _score_events(gold, art, tally, misses)
    assert tally.hit["event_recall"] == 2 and tally.total["event_precision"] == 3 and tally.hit["event_precision"] == 2
