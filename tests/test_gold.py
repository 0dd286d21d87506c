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
