"""A small hand-made store for the explore queries and the API: five articles whose actors,
quotes and events are written out here (no NLP), so that every count is known."""

from __future__ import annotations

from dataclasses import dataclass, field

from veille import Store
from veille.model import Article, Event, Mention, Quote, RawDocument

NAMES = {
    "RUS": ("Russia", "country"), "CHN": ("China", "country"), "USA": ("United States", "country"),
    "putin-vladimir": ("Vladimir Putin", "person"), "xi-jinping": ("Xi Jinping", "person"),
    "UKR": ("Ukraine", "country"),
}


@dataclass
class Spec:
    id: str
    title: str
    published: str | None
    source: str | None
    text: str
    mentions: list[tuple[str, str]]  # (actor id, form in the text)
    events: list[tuple] = field(default_factory=list)  # (type, sources, targets, date, granularity, modality)
    quotes: list[tuple[str | None, str, str]] = field(default_factory=list)  # (speaker, kind, words)


SPECS = [
    Spec("a1" + "0" * 14, "Poutine et Xi à Pékin", "2024-05-16", "Le Fil",
         "Vladimir Poutine a rencontré Xi Jinping à Pékin. La Russie et la Chine ont signé un accord. "
         "Poutine a déclaré : « Nous sommes amis pour toujours ». La Chine pourrait soutenir la Russie.",
         [("putin-vladimir", "Vladimir Poutine"), ("xi-jinping", "Xi Jinping"), ("RUS", "La Russie"),
          ("CHN", "la Chine"), ("putin-vladimir", "Poutine"), ("CHN", "La Chine"), ("RUS", "la Russie")],
         [("CONSULT", ["putin-vladimir"], ["xi-jinping"], "2024-05-16", "day", "asserted"),
          ("AGREE", ["RUS", "CHN"], [], "2024-05", "month", "asserted"),
          ("SUPPORT", ["CHN"], ["RUS"], "2024-05-16", "day", "hypothetical")],
         [("putin-vladimir", "direct", "Nous sommes amis pour toujours")]),
    Spec("a2" + "0" * 14, "Nouvelles sanctions contre la Russie", "2024-06-03", "Nord Info",
         "Les États-Unis ont sanctionné la Russie dimanche. La Russie accuse les États-Unis. "
         "Washington menace la Chine de sanctions.",
         [("USA", "Les États-Unis"), ("RUS", "la Russie"), ("RUS", "La Russie"), ("USA", "les États-Unis"),
          ("USA", "Washington"), ("CHN", "la Chine")],
         [("SANCTION", ["USA"], ["RUS"], "2024-06-02", "day", "asserted"),
          ("ACCUSE", ["RUS"], ["USA"], "2024-W23", "week", "asserted"),
          ("THREATEN", ["USA"], ["CHN"], "2024-06-03", "day", "planned")]),
    Spec("a3" + "0" * 14, "Manœuvres communes", "2023-11-20", "Le Fil",
         "La Russie et la Chine renforcent leur coopération militaire. Xi Jinping a rejeté les critiques de la Russie. "
         "La Chine accuse la Russie de lenteur.",
         [("RUS", "La Russie"), ("CHN", "la Chine"), ("xi-jinping", "Xi Jinping"), ("RUS", "la Russie"),
          ("CHN", "La Chine"), ("RUS", "la Russie")],
         [("COOPERATE", ["RUS"], ["CHN"], "2023-11-19", "day", "asserted"),
          ("REJECT", ["CHN"], ["RUS"], "2023", "year", "asserted"),
          ("ACCUSE", ["CHN"], ["RUS"], "2023-11-19", "day", "asserted")],
         [("xi-jinping", "indirect", "les critiques de la Russie")]),
    Spec("a4" + "0" * 14, "Un appel sans date", None, None,
         "Vladimir Poutine s'est entretenu avec les États-Unis.",
         [("putin-vladimir", "Vladimir Poutine"), ("USA", "les États-Unis")],
         [("CONSULT", ["putin-vladimir"], ["USA"], None, None, "asserted")]),
    Spec("a5" + "0" * 14, "<script>alert('titre')</script> Moscou", "2024-05-20", "Le Fil",
         "La Russie répond. <script>alert('corps')</script> Selon Poutine, « tout va bien ».",
         [("RUS", "La Russie"), ("putin-vladimir", "Poutine")],
         [],
         [("putin-vladimir", "partial", "tout va bien")]),
]


# actors on the same side of an event (joint) and facing each other (opposed): a store of its
# own (SPECS stay as the API tests know them)
SIDES = [
    Spec("b1" + "0" * 14, "Moscou et Pékin dénoncent Washington", "2024-07-02", "Le Fil",
         "Moscou et Pékin dénoncent les États-Unis. Washington sanctionne la Russie et la Chine.",
         [("RUS", "Moscou"), ("CHN", "Pékin"), ("USA", "les États-Unis"), ("USA", "Washington"),
          ("RUS", "la Russie"), ("CHN", "la Chine")],
         [("ACCUSE", ["RUS", "CHN"], ["USA"], "2024-07-01", "day", "asserted"),
          ("SANCTION", ["USA"], ["RUS", "CHN"], "2024-07-02", "day", "asserted")]),
    Spec("b2" + "0" * 14, "Frappes en Ukraine", "2024-07-10", "Nord Info",
         "La Russie a frappé l'Ukraine. La Chine a consulté l'Ukraine.",
         [("RUS", "La Russie"), ("UKR", "l'Ukraine"), ("CHN", "La Chine"), ("UKR", "l'Ukraine")],
         [("ASSAULT", ["RUS"], ["UKR"], "2024-07-09", "day", "asserted"),
          ("CONSULT", ["CHN"], ["UKR"], "2024-07-10", "day", "asserted")]),
    Spec("b3" + "0" * 14, "Reproches croisés", "2024-08-05", "Le Fil",
         "La Russie et la Chine s'accusent mutuellement et accusent l'Ukraine.",
         [("RUS", "La Russie"), ("CHN", "la Chine"), ("UKR", "l'Ukraine")],
         # China on both sides: opposed to Russia although both are sources too
         [("ACCUSE", ["RUS", "CHN"], ["CHN", "UKR"], "2024-08", "month", "asserted"),
          ("MOBILIZE", ["RUS", "CHN"], [], "2024-08-05", "day", "planned")]),
]


def _article(spec: Spec) -> tuple[RawDocument, Article]:
    text = spec.text
    mentions, pos = [], {}
    for actor_id, form in spec.mentions:
        start = text.index(form, pos.get(form, 0))
        pos[form] = start + len(form)
        name, type_ = NAMES[actor_id]
        mentions.append(Mention(start, start + len(form), form, actor_id, name, type_, "alias", 1.0, 0, len(text)))
    events = []
    for etype, sources, targets, date, gran, modality in spec.events:
        events.append(Event(
            type=etype, mode=None, source=[{"id": a, "name": NAMES[a][0]} for a in sources],
            target=[{"id": a, "name": NAMES[a][0]} for a in targets], date=date, date_granularity=gran,
            date_basis="expression" if date else "none", where=None, modality=modality,
            negated=modality == "negated", trigger=text[:5], start=0, end=5,
            evidence={"start": 0, "end": len(text), "text": text}, confidence=0.9,
        ))
    quotes = []
    for speaker, kind, words in spec.quotes:
        start = text.index(words)
        quotes.append(Quote(start, start + len(words), words, kind, speaker, NAMES[speaker][0] if speaker else None,
                            None, 0.9, "déclarer", sent_start=0, sent_end=len(text)))
    art = Article(id=spec.id, source_file=f"{spec.id}.txt", title=spec.title, text=text, language="fr",
                  published=spec.published, source=spec.source, mentions=mentions, quotes=quotes, events=events,
                  stages=["actors", "quotes", "times", "events"])
    doc = RawDocument(source_file=f"{spec.id}.txt", text=f"{spec.title}\n\n{text}", raw=text.encode(),
                      raw_format="txt", published=spec.published, source=spec.source)
    return doc, art


def build(store: Store, specs: list[Spec] = SPECS) -> Store:
    """Write ``specs`` into ``store`` through the Store API."""
    for spec in specs:
        store.add(*_article(spec))
    return store


def article(spec: Spec) -> Article:
    return _article(spec)[1]
