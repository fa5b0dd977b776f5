"""Loading the shared corpora into one labelled table, with the clean-ups the training needs.

Why the clean-ups: the Fast-DetectGPT machine texts continue the first ~30 tokens of their human
article and both are cut at ~150 words mid-sentence. A model can learn "shares an opening with another
text" or "ends mid-sentence" instead of "machine-written". So for every Fast-DetectGPT pair we drop the
shared opening (up to the end of the sentence it ends in) from *both* texts, drop the trailing
unfinished sentence, and keep each human article once (it recurs in every generator's file).

The FakeNewsAMT part of ``credibility/articles.jsonl`` carries two conversion artefacts that mark one
class: 87 of its real articles have their commas (all of them, or in 14 articles some) replaced by two
spaces ("Alex Jones  a prominent …"), and 18 of its fakes are wrapped in one extra pair of double quotes.
A model would learn "few commas → credible" (the opposite of what commas mean everywhere else) and
"opens with a quote → fake". Both are undone when the articles are loaded (``repair_conversion_artefacts``);
no other article in the corpora matches either pattern.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from credibility.paths import shared_data_dir

# ``../shared`` beside the project root (credibility/models/data.py -> parents[3]).
SHARED_DIR = shared_data_dir()
COLUMNS = ("id", "text", "title", "label", "y", "group", "source", "domain", "generator", "lang", "task", "dataset")
MIN_WORDS = 40

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)")
# Two spaces between a word (or closing mark) and the next word: where a comma was. After a full stop
# only before a lower-case word ("Newtown  Conn.  was"): ".  The" is a typist's sentence break.
_STRIPPED_COMMA = re.compile(r"(?<=[\w)\"'’”%])  (?=[\w\"'“‘$(£€])|(?<=\.)  (?=[a-z])")


def shared_dir() -> Path:
    """The shared corpora folder; a clear error when it is missing."""
    if not SHARED_DIR.is_dir():
        raise FileNotFoundError(f"shared corpora not found at {SHARED_DIR} (expected ../shared beside the project)")
    return SHARED_DIR


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def trim_unfinished_ending(text: str) -> str:
    """Cut text after its last sentence end, so a truncated last sentence teaches nothing."""
    last = None
    for m in _SENTENCE_END.finditer(text):
        last = m
    return text[: last.end()].strip() if last else text.strip()


def drop_opening(text: str, n_words: int) -> str:
    """Drop the first ``n_words`` words and the rest of the sentence they end in."""
    if n_words <= 0:
        return text.strip()
    words = list(re.finditer(r"\S+", text))
    if n_words >= len(words):
        return ""
    offset = words[n_words - 1].end()
    m = _SENTENCE_END.search(text, offset - 1)
    return text[m.end() :].strip() if m else ""


def common_prefix_words(a: str, b: str) -> int:
    """Number of leading whitespace-separated words two texts share."""
    n = 0
    for x, y in zip(a.split(), b.split(), strict=False):
        if x != y:
            break
        n += 1
    return n


def restore_stripped_commas(text: str) -> str:
    """Put back commas a conversion replaced by two spaces.

    Only where that is what happened: a text with no comma left and such a gap, or with three gaps or
    more (some articles lost only part of their commas). One or two stray double spaces in a text that
    has its commas are a writer's typo and stay.
    """
    gaps = len(_STRIPPED_COMMA.findall(text))
    if gaps == 0 or ("," in text and gaps < 3):
        return text
    return _STRIPPED_COMMA.sub(", ", text)


def unwrap_quoted_text(text: str) -> str:
    """Drop one pair of double quotes wrapped around a whole text by a CSV export."""
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] == '"' and stripped[-1] == '"':
        return stripped[1:-1].strip()
    return text


def repair_conversion_artefacts(text: str) -> str:
    """Both FakeNewsAMT repairs (module docstring); a text without the artefacts comes back unchanged."""
    return unwrap_quoted_text(restore_stripped_commas(text))


def _credibility_text(record: dict) -> str:
    text = record.get("text") or ""
    return repair_conversion_artefacts(text) if record.get("dataset") == "fakenewsamt" else text


def _story_group(record: dict) -> str:
    """One group per story: a FakeNewsAMT fake was written from its real article (``biz01.legit`` and
    ``biz01.fake``), so the two must land on the same side of every split; other articles stand alone."""
    story = record["id"]
    if record.get("dataset") == "fakenewsamt":
        story = re.sub(r"\.(legit|fake)$", "", story)
    return f"cred-{story}"


def _row(**kw) -> dict:
    return {c: kw.get(c) for c in COLUMNS}


def _fastdetect_rows(path: Path, seen_humans: set[str]) -> list[dict]:
    records = list(read_jsonl(path))
    domain_tag = path.stem.split("_")[1]
    by_group: dict[str, list[dict]] = {}
    for r in records:
        by_group.setdefault(r["group"], []).append(r)
    rows = []
    for group, recs in by_group.items():
        humans = [r for r in recs if r["label"] == "human"]
        machines = [r for r in recs if r["label"] == "machine"]
        human_text = humans[0]["text"] if humans else ""
        # The human opening is dropped as far as the longest prefix any generator shares (same group in
        # every file), approximated here by a fixed 30 words: the documented ~30 tokens.
        gid = f"fd-{domain_tag}-{group}"
        if humans and gid not in seen_humans:
            seen_humans.add(gid)
            text = trim_unfinished_ending(drop_opening(human_text, 30))
            rows.append(_row(id=humans[0]["id"], text=text, label="human", group=gid, source="fastdetect",
                             domain=f"fastdetect-{domain_tag}", lang="en", generator="human", dataset=path.stem))
        for r in machines:
            shared = max(common_prefix_words(human_text, r["text"]), 1) if human_text else 30
            text = trim_unfinished_ending(drop_opening(r["text"], max(shared, 20)))
            rows.append(_row(id=r["id"], text=text, label="machine", group=gid, source="fastdetect",
                             domain=f"fastdetect-{domain_tag}", lang="en", generator=r["generator"],
                             task="continuation", dataset=path.stem))
    return rows


def load_ai_text(data_dir: Path | None = None) -> pd.DataFrame:
    """Human vs machine text from ``ai_text/``, cleaned (see module docstring); ``y`` is 1 for machine."""
    base = (data_dir or shared_dir()) / "ai_text"
    rows: list[dict] = []
    seen_humans: set[str] = set()
    for path in sorted(base.glob("fastdetect_*.jsonl")):
        rows.extend(_fastdetect_rows(path, seen_humans))
    for path in sorted(base.glob("*.jsonl")):
        if path.stem.startswith("fastdetect_"):
            continue
        source = path.stem
        for r in read_jsonl(path):
            gen = r.get("generator") or ("human" if r["label"] == "human" else _default_generator(source))
            domain = "clin33" if source.startswith("clin33") else f"{source}/{r.get('domain', 'news')}"
            if source == "llmfake":
                domain = r.get("source", "llmfake")
            rows.append(_row(id=r["id"], text=r["text"], title=r.get("title"), label=r["label"],
                             group=f"{source}-{r.get('lang', 'en')}-{r['group']}", source=source, domain=domain,
                             generator=gen, lang=r.get("lang", "en"), task=r.get("task"), dataset=source))
    return _finish(rows)


def _default_generator(source: str) -> str:
    return "gpt-4/vicuna-13b (clin33)" if source.startswith("clin33") else source


def load_human_news(data_dir: Path | None = None) -> pd.DataFrame:
    """Pre-2020 human-written news (``credibility/`` English and ``news_nl/`` Dutch): label human."""
    base = data_dir or shared_dir()
    rows: list[dict] = []
    for r in read_jsonl(base / "credibility" / "articles.jsonl"):
        rows.append(_row(id=r["id"], text=_credibility_text(r), title=r.get("title"), label="human",
                         group=f"cred-{r['id']}", source="credibility", domain="human-news-en",
                         generator="human", lang=r.get("lang", "en"), dataset=r.get("dataset")))
    for r in read_jsonl(base / "news_nl" / "dpgmedia2019.jsonl"):
        rows.append(_row(id=r["id"], text=r.get("text") or "", title=r.get("title"), label="human",
                         group=f"dpg-{r['id']}", source="news_nl", domain="human-news-nl",
                         generator="human", lang="nl", dataset="dpgmedia2019"))
    return _finish(rows)


def load_credibility(data_dir: Path | None = None) -> pd.DataFrame:
    """Credible vs not-credible articles; ``y`` is 1 for not_credible (the class a reader is warned of)."""
    base = data_dir or shared_dir()
    rows = [
        _row(id=r["id"], text=_credibility_text(r), title=r.get("title"), label=r["label"], group=_story_group(r),
             source="credibility", domain=r.get("dataset"), generator=None, lang=r.get("lang", "en"),
             dataset=r.get("dataset"))
        for r in read_jsonl(base / "credibility" / "articles.jsonl")
    ]
    df = _finish(rows, positive="not_credible")
    return df


def _finish(rows: list[dict], positive: str = "machine") -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    df["text"] = df["text"].fillna("").astype(str)
    df = df[df["text"].str.split().str.len() >= MIN_WORDS].copy()
    df["y"] = (df["label"] == positive).astype(int)
    # Exact duplicate texts (same article in two sets) would leak across a split: keep the first.
    df = df.drop_duplicates(subset="text", keep="first")
    return df.reset_index(drop=True)


# ------------------------------------------------------------------ human genres (thresholds only) ----
GENRE_WORDS = (120, 400)  # assembled documents are cut to about this many words (a short article)


def _assemble(parts: list[str], max_words: int) -> str:
    out: list[str] = []
    n = 0
    for p in parts:
        out.append(p)
        n += len(p.split())
        if n >= max_words:
            break
    return " ".join(out)


def load_human_genres(data_dir: Path | None = None) -> pd.DataFrame:
    """Pre-LLM human text of genres the AI model is not trained on, to set and check its false-positive
    rate per genre: 2016 political news of three outlets (PolNeAR), 1990s newswire (FactBank), Wikipedia,
    biomedical abstracts and papers (Szeged uncertainty corpus, sentences re-assembled per document), and
    US presidential debate transcripts (ClaimBuster sentences, consecutive ids joined)."""
    base = data_dir or shared_dir()
    rows: list[dict] = []
    for split in ("train", "dev"):
        for path in sorted((base / "attribution" / "polnear" / split / "text").glob("*.txt")):
            outlet = path.name.split("_", 1)[0]
            rows.append(_row(id=f"polnear-{path.stem}", text=path.read_text(encoding="utf-8").strip(), label="human",
                             group=f"polnear-{path.stem}", source="genre", domain=f"political news 2016 ({outlet})",
                             generator="human", lang="en", dataset="polnear"))
    docs: dict[tuple[str, str], list[str]] = {}
    for r in read_jsonl(base / "hedging" / "szeged_uncertainty.jsonl"):
        docs.setdefault((r["domain"], r["doc"]), []).append(r["text"])
    names = {"wiki": "encyclopedia (Wikipedia)", "factbank": "newswire 1990s (FactBank)",
             "bio_bmc": "biomedical", "bio_hbc": "biomedical", "bio_fly": "biomedical"}
    for (dom, doc), sentences in docs.items():
        rows.append(_row(id=f"szeged-{dom}-{doc}", text=_assemble(sentences, GENRE_WORDS[1]), label="human",
                         group=f"szeged-{dom}-{doc}", source="genre", domain=names.get(dom, dom), generator="human",
                         lang="en", dataset="szeged"))
    debate = sorted((int(r["id"].rsplit("-", 1)[1]), r["text"])
                    for r in read_jsonl(base / "claims" / "claimbuster_train.jsonl"))
    chunk: list[str] = []
    last = None
    for i, text in debate:
        if chunk and (i - last > 3 or len(" ".join(chunk).split()) >= GENRE_WORDS[1]):
            rows.append(_row(id=f"debate-{last}", text=" ".join(chunk), label="human", group=f"debate-{last}",
                             source="genre", domain="debate transcripts", generator="human", lang="en",
                             dataset="claimbuster"))
            chunk = []
        chunk.append(text)
        last = i
    df = _finish(rows)
    return df[df["text"].str.split().str.len() >= GENRE_WORDS[0]].reset_index(drop=True)
