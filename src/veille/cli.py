"""The ``veille`` command: a thin shell over the library."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from . import export as exporter
from .clean import load_rules
from .errors import NotFound, VeilleError
from .ingest import DEFAULT_MAX_MB
from .ingest.readers import iter_paths
from .store import Store, browse, default_db_path, query
from .store import events as event_queries

T = TypeVar("T")

app = typer.Typer(
    help="veille: turn noisy news articles into a clean, queryable record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True, soft_wrap=True)  # one line per message, however long

KbOption = Annotated[
    list[Path] | None,
    typer.Option("--kb", help="Extra knowledge-base file (YAML, docs/kb.md); repeatable."),
]
DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="VEILLE_DB", help="SQLite database file [default: ./veille.db]."),
]


def _store(db: str | None, *, readonly: bool = False) -> Store:
    return Store(db or default_db_path(), readonly=readonly)


def _fail(exc: VeilleError, code: int = 1) -> typer.Exit:
    err.print(str(exc), markup=False, highlight=False)
    return typer.Exit(code)


def _read(db: str | None, fn: Callable[[Store], T]) -> T:
    """Run a read over the store; a store error becomes a one-line message and exit 1."""
    try:
        with _store(db, readonly=True) as store:
            return fn(store)
    except VeilleError as exc:
        raise _fail(exc) from exc


def _json_lines(rows: list[dict]) -> None:
    for r in rows:
        print(json.dumps(r, ensure_ascii=False))


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (recursive); '-' reads standard input.")],
    db: DbOption = None,
    max_mb: Annotated[float, typer.Option(help="Largest .txt/.html input accepted, in MB.")] = DEFAULT_MAX_MB,
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", help="Extra boilerplate rule file (YAML); repeatable.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and the summary.")] = False,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Store clean articles only; run `veille extract` later.")
    ] = False,
    kb: KbOption = None,
) -> None:
    """Read, clean, analyse and store articles (.txt, .html, .jsonl, .json, .csv)."""
    try:
        store = _store(db)
        loaded = load_rules(rules or ())
        if kb:
            from .kb import load_kb

            load_kb(kb)  # a bad file fails here, before anything is read
    except VeilleError as exc:
        raise _fail(exc) from exc
    total = sum(1 for e in iter_paths(paths) if not isinstance(e, VeilleError))
    show = err.is_terminal and not quiet
    progress = Progress(
        SpinnerColumn(), TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[item]}"), TimeElapsedColumn(), console=err, transient=True,
        disable=not show,
    )
    files_seen: set[str] = set()
    with progress:
        task = progress.add_task("ingest", total=total or None, item="")

        def on_item(item: str) -> None:
            name = item.split(" (", 1)[0]
            if name not in files_seen:
                files_seen.add(name)
                progress.update(task, advance=1, item=Path(name).name[:40])

        def on_error(message: str) -> None:
            progress.console.print(message, markup=False, highlight=False, style="red")

        from .pipeline import ingest as run_ingest  # spaCy only when a command needs it

        report = run_ingest(
            paths, store=store, rules=loaded, max_mb=max_mb, on_error=on_error, on_item=on_item,
            extract=not no_extract, kb_files=kb or (),
        )
    store.close()
    out.print(report.summary, markup=False, highlight=False)
    raise typer.Exit(0 if report.ingested or report.duplicates else 1)


@app.command()
def extract(
    db: DbOption = None,
    redo: Annotated[bool, typer.Option("--all", help="Redo every article (after the knowledge base changed).")] = False,
    kb: KbOption = None,
) -> None:
    """Run the extraction stages on stored articles that lack them (or on all with --all)."""
    from .pipeline import extract_stored

    try:
        with _store(db) as store:
            with Progress(SpinnerColumn(), TextColumn("[bold]extract"), MofNCompleteColumn(), TimeElapsedColumn(),
                          console=err, transient=True, disable=not err.is_terminal) as progress:
                task = progress.add_task("extract", total=None)
                n = extract_stored(
                    store, redo=redo, kb_files=kb or (), on_item=lambda _: progress.advance(task),
                    on_error=lambda m: progress.console.print(m, markup=False, style="red"),
                )
    except VeilleError as exc:
        raise _fail(exc) from exc
    out.print(f"{n} articles analysed")


@app.command()
def articles(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Rows to show.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Rows to skip.")] = 0,
    source: Annotated[str | None, typer.Option(help="Only this source.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List stored articles: id, date, title, language, source."""
    rows = _read(db, lambda st: query.list_articles(st, limit=limit, offset=offset, source=source, language=language))
    if as_json:
        _json_lines(rows)
        return
    table = Table("id", "date", "title", "lang", "source", box=None)
    for r in rows:
        table.add_row(r["id"], r["published"] or "", r["title"], r["language"] or "", r["source"] or "")
    out.print(table)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id (or a unique prefix).")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the export record as JSON.")] = False,
) -> None:
    """Show one article: clean text, headings, captions and removed lines with reasons."""
    try:
        with _store(db, readonly=True) as store:
            a = query.get_article(store, article_id)
            record = exporter.to_record(a, store)
    except VeilleError as exc:
        raise _fail(exc) from exc
    if as_json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return
    out.rule(a["title"], style="bold")
    meta = [f"id {a['id']}", a["published"] or "undated", a["language"] or "?", a["source"] or a["source_file"]]
    out.print(" · ".join(meta), style="dim", markup=False, highlight=False)
    if a["cited_sources"]:
        out.print("cited sources: " + ", ".join(a["cited_sources"]), markup=False)
    out.print()
    starts = {}
    for h in a["headings"]:
        starts.setdefault(h["start"], []).append(h["text"])
    offset = 0
    for para in a["text"].split("\n\n"):
        for h in starts.pop(offset, []):
            out.print(f"## {h}", style="bold cyan", markup=False, highlight=False)
        out.print(para, markup=False, highlight=False)
        out.print()
        offset += len(para) + 2
    for rest in starts.values():
        for h in rest:
            out.print(f"## {h}", style="bold cyan", markup=False, highlight=False)
    if a["captions"]:
        out.rule("captions", style="dim")
        for c in a["captions"]:
            credit = f"  [{c['credit']}]" if c["credit"] else ""
            out.print(f"- {c['text']}{credit}", markup=False, highlight=False)
    if record["entities"]:
        out.rule("actors", style="dim")
        for e in record["entities"]:
            forms = ", ".join(e["aliases"])
            out.print(f"{e['name']} [{e['type']}] ×{len(e['mentions'])}: {forms}", markup=False, highlight=False)
    if record["quotes"]:
        out.rule("quotes", style="dim")
        for qu in record["quotes"]:
            who = qu["speaker"]["name"] if qu["speaker"] else f"? ({qu['speaker_text'] or 'unknown'})"
            via = " via " + ", ".join(v["name"] for v in qu["via"]) if qu["via"] else ""
            out.print(f"{who} [{qu['kind']}, {qu['cue'] or '-'}{via}]: {qu['text']}", markup=False, highlight=False)
    if a["removed"]:
        out.rule("removed", style="dim")
        for r in a["removed"]:
            detail = f" ({r['detail']})" if r.get("detail") else ""
            out.print(f"{r['reason']:>18}{detail}: {r['line']}", style="dim", markup=False, highlight=False)


@app.command()
def search(
    text: Annotated[str, typer.Argument(metavar="QUERY", help="Words to find (accents ignored); FTS5 syntax allowed.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1)] = 20,
) -> None:
    """Full-text search over titles and bodies."""
    rows = _read(db, lambda st: query.search(st, text, limit=limit))
    if not rows:
        out.print("no match")
        raise typer.Exit(1)
    for r in rows:
        out.print(f"[bold]{r['id']}[/bold]  {r['published'] or ''}  ", end="")
        out.print(r["title"], markup=False, highlight=False)
        out.print("    " + r["snippet"].replace("\n", " "), style="dim", markup=False, highlight=False)


@app.command()
def actors(
    db: DbOption = None,
    type_: Annotated[str | None, typer.Option("--type", help="person, country, organisation, place or media.")] = None,
    q: Annotated[str | None, typer.Option("--q", help="Only actors whose name or a form seen contains this.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List actors with their mention and article counts."""
    rows = _read(db, lambda st: browse.actors(st, type=type_, q=q, limit=limit)["items"])
    if as_json:
        _json_lines(rows)
        return
    table = Table("id", "name", "type", "articles", "mentions", box=None)
    for r in rows:
        table.add_row(r["id"], r["name"], r["type"], str(r["articles"]), str(r["mentions"]))
    out.print(table)


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="An actor id, name or any spelling seen (\"Si Jinping\").")],
    db: DbOption = None,
    kb_files: KbOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """One actor: aliases seen, roles, articles, most co-mentioned actors."""
    from .kb import load_kb

    try:
        kb = load_kb(kb_files or ())
        with _store(db, readonly=True) as store:
            rec = browse.actor(store, name, kb=kb)
    except VeilleError as exc:
        raise _fail(exc) from exc
    if as_json:
        print(json.dumps(rec, ensure_ascii=False, indent=2))
        return
    out.rule(f"{rec['name']} [{rec['type']}]", style="bold")
    out.print(f"id {rec['id']}" + (f" · Wikidata {rec['qid']}" if rec["qid"] else "") +
              ("" if rec["in_kb"] else " · not in the knowledge base"), style="dim", markup=False)
    out.print("aliases seen: " + ", ".join(f"{a['alias']} ({a['n']})" for a in rec["aliases"]), markup=False)
    for r in rec["roles"]:
        out.print(f"role: {r['role']} of {r['of_name']}, {r['start'] or '?'} – {r['end'] or 'today'}", markup=False)
    out.rule("articles", style="dim")
    for a in rec["articles"]:
        line = f"{a['id']}  {a['published'] or '':10}  {a['title']}  ×{a['mentions']}"
        out.print(line, markup=False, highlight=False)
    if rec["co_mentions"]:
        out.rule("most co-mentioned", style="dim")
        out.print(", ".join(f"{c['name']} ({c['articles']})" for c in rec["co_mentions"]), markup=False)


@app.command()
def quotes(
    db: DbOption = None,
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="Only quotes by this actor (id, name or any spelling seen).")
    ] = None,
    q: Annotated[
        str | None, typer.Option("--q", help="Only quotes containing these words (accents ignored; FTS5 syntax).")
    ] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="direct, partial or indirect.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List quotes with speaker, cue verb and channel."""
    def read(st: Store) -> list[dict]:
        try:
            return browse.quotes(st, speaker=speaker, q=q, kind=kind, limit=limit)["items"]
        except NotFound:
            if not speaker:
                raise
        # a name no text uses ("Macron" where texts say "Emmanuel Macron"): the knowledge base
        # knows it, loaded only then (it takes half a second)
        from .kb import load_kb

        return browse.quotes(st, speaker=speaker, q=q, kind=kind, limit=limit, kb=load_kb())["items"]

    rows = _read(db, read)
    if as_json:
        _json_lines(rows)
        return
    for r in rows:
        who = r["speaker"]["name"] if r["speaker"] else f"? ({r['speaker_text'] or 'unknown'})"
        via = ", ".join(v["name"] for v in r["via"])
        meta = f"{who} · {r['kind']} · {r['cue'] or '-'}" + (f" · via {via}" if via else "")
        if r["addressee"]:
            meta += f" · to {r['addressee']['name']}"
        out.print(meta, style="bold", markup=False, highlight=False)
        out.print(f"  « {r['text']} »", markup=False, highlight=False)
        out.print(f"  {r['published'] or ''} {r['title']} [{r['article_id']} {r['start']}-{r['end']}]",
                  style="dim", markup=False, highlight=False)


def _print_events(rows: list[dict]) -> None:
    for r in rows:
        src = ", ".join(a["name"] for a in r["source"]) or "?"
        tgt = ", ".join(a["name"] for a in r["target"]) or "-"
        when = r["date"] or "undated"
        if r["date_basis"] == "published":
            when += " (article date)"
        line = f"{when} · {r['type']}" + (f"/{r['mode']}" if r["mode"] else "") + f" · {src} → {tgt}"
        if r["where"]:
            line += f" · in {r['where']['name']}"
        if r["modality"] != "asserted":
            line += f" · {r['modality']}"
        out.print(line, style="bold", markup=False, highlight=False)
        out.print(f"  {r['evidence']['text']}", markup=False, highlight=False)
        out.print(f"  {r['title']} [{r['article_id']} {r['start']}-{r['end']} {r['trigger']!r}]",
                  style="dim", markup=False, highlight=False)


@app.command()
def events(
    db: DbOption = None,
    actor: Annotated[
        list[str] | None, typer.Option("--actor", help="Only events involving this actor (repeat for a dyad).")
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type (CONSULT, ACCUSE, …).")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Dated on or before.")] = None,
    limit: Annotated[int, typer.Option(min=1)] = 100,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List PLOVER events with source, target, date, place, modality and evidence sentence."""
    rows = _read(db, lambda st: event_queries.list_events(
        st, actors=tuple(actor or ()), type=type_, since=since, until=until, limit=limit))
    if as_json:
        _json_lines(rows)
        return
    _print_events(rows)


@app.command()
def timeline(
    actor: Annotated[str, typer.Argument(help="An actor (any name or spelling seen).")],
    actor2: Annotated[str | None, typer.Argument(help="A second actor: only events between the two.")] = None,
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1)] = 500,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Events of an actor, or between two actors, in chronological order (undated last)."""
    names = (actor,) + ((actor2,) if actor2 else ())
    rows = _read(db, lambda st: event_queries.list_events(st, actors=names, chronological=True, limit=limit))
    if as_json:
        _json_lines(rows)
        return
    _print_events(rows)


@app.command()
def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Counts: articles, languages, sources, removed lines by reason, errors."""
    s = _read(db, query.stats)
    if as_json:
        print(json.dumps(s, ensure_ascii=False, indent=2))
        return
    out.print(f"articles: {s['articles']} ({s['dated']} dated), raw input kept: {s['documents_bytes']:,} bytes")
    out.print(f"schema version: {s['schema_version']}, ingest errors logged: {s['ingest_errors']}")
    for key in ("languages", "sources", "removed_lines"):
        if s[key]:
            out.print(f"{key.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in s[key].items()), markup=False)


@app.command()
def export(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl (the documented contract) or csv.")] = "jsonl",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Output file [default: standard output].")
    ] = None,
) -> None:
    """Export every article as JSONL (schema: veille/schema/article.schema.json) or CSV."""
    if fmt not in ("jsonl", "csv"):
        err.print(f"unknown format {fmt!r}: use jsonl or csv")
        raise typer.Exit(2)
    writer = exporter.write_jsonl if fmt == "jsonl" else exporter.write_csv
    try:
        with _store(db, readonly=True) as store:
            if output is None:
                n = writer(exporter.records(store), sys.stdout)
            else:
                with open(output, "w", encoding="utf-8", newline="") as fh:
                    n = writer(exporter.records(store), fh)
    except VeilleError as exc:
        raise _fail(exc) from exc
    if output is not None:
        err.print(f"{n} articles written to {output}")


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Folder of gold YAML files (tests/gold).")] = Path("tests/gold"),
    floors: Annotated[Path | None, typer.Option(help="Floors file [default: GOLD/floors.yaml].")] = None,
    check: Annotated[bool, typer.Option("--check", help="Exit 1 if a measure is below its floor.")] = False,
    details: Annotated[bool, typer.Option("--details", help="List every miss.")] = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Score veille against a gold corpus: precision and recall per measure."""
    from . import evaluate as ev

    try:
        result = ev.evaluate_dir(gold)
        limits = ev.load_floors(floors or gold / "floors.yaml")
    except VeilleError as exc:
        raise _fail(exc) from exc
    below = ev.below_floors(result, limits)
    if as_json:
        print(json.dumps({"scores": result.scores, "counts": result.counts, "below": below}, indent=2))
    else:
        table = Table("measure", "score", "n", "floor", box=None)
        for name, value in result.scores.items():
            floor = limits.get(name)
            style = "red" if name in below else None
            table.add_row(name, f"{value:.3f}", str(result.counts.get(name, "")),
                          "" if floor is None else f"{floor:.3f}", style=style)
        out.print(f"{result.articles} gold articles")
        out.print(table)
        if details:
            for miss in result.misses:
                out.print(miss, markup=False, highlight=False, style="dim")
    if check and below:
        err.print("below floor: " + ", ".join(below))
        raise typer.Exit(1)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    ingest_token: Annotated[str | None, typer.Option(
        "--ingest-token", envvar="VEILLE_INGEST_TOKEN", show_default=False,
        help="Enable POST /api/ingest for requests with 'Authorization: Bearer TOKEN' (creates the store if needed).",
    )] = None,
    max_body_mb: Annotated[float, typer.Option(min=0.001, help="Largest request body accepted, in MB.")] = 2.0,
) -> None:
    """Serve the JSON API (/api, docs at /docs) and the web pages over the store, read-only."""
    import gc

    import uvicorn

    from .api import create_app
    from .kb import load_kb

    path = db or default_db_path()
    try:
        application = create_app(path, ingest_token=ingest_token, max_body_bytes=int(max_body_mb * 1e6))
        load_kb(())  # loaded once now rather than on the first request that needs it
    except VeilleError as exc:
        raise _fail(exc) from exc
    gc.freeze()  # what is loaded now lives as long as the server: keep it out of every collection
    if host not in ("127.0.0.1", "localhost", "::1"):
        err.print(f"listening on {host}: reachable from other machines", markup=False, highlight=False)
    mode = "ingest enabled (token required)" if ingest_token else "read-only"
    err.print(f"veille: {path} on http://{host}:{port}/ ({mode}; API docs at /docs)", markup=False, highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
