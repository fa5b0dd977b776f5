"""Turn the hand-written label files (``labels/<half>_<lang>.txt``) into ``<half>.jsonl``.

Label file format (one block per article, one line per sentence of ``build_document(text, lang=...)``):

    === <article id>
    <sentence index> <code>[:<kind or note>] [| <source text as it appears in that sentence>]

Codes: ``u`` claim, not attributed (unsupported); ``a`` claim, attributed; ``k`` claim, not attributed but
common knowledge; ``-`` not a claim, not attributed; ``-a`` not a claim, attributed. For claims the part after
``:`` is the kind; for non-claims it is a note saying why (opinion, question, byline, boilerplate, ...).
The source text is located in the sentence (first whole-word occurrence) and stored as character offsets into the
corpus text; no corpus text is stored except a 24-character prefix of each sentence for verification.

Run: ``python data/annotations/build_annotations.py`` (needs ../shared/data).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from credibility.document import build_document
from credibility.paths import shared_data_dir

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from select_articles import select  # noqa: E402

KINDS = {"figure", "prediction", "causal", "comparison", "superlative", "sweeping", "event", "quote_of_claim"}
PREFIX_CHARS = 24
_LINE = re.compile(r"^(\d+)\s+(u|a|k|-a|-)(?::(\w+))?\s*(?:\|\s*(.+?))?\s*$")


def parse_labels(path: Path) -> dict[str, list[tuple[int, str, str | None, str | None]]]:
    blocks: dict[str, list] = {}
    current = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("=== "):
            current = line[4:].strip()
            blocks[current] = []
            continue
        m = _LINE.match(line)
        if not m or current is None:
            raise SystemExit(f"{path}:{n}: cannot parse {line!r}")
        blocks[current].append((int(m.group(1)), m.group(2), m.group(3), m.group(4)))
    return blocks


def _committed(half: str) -> dict[str, dict]:
    """Corpus and stratum of the articles already in ``<half>.jsonl`` (see :func:`build`)."""
    path = HERE / f"{half}.jsonl"
    if not path.exists():
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: {"id": r["id"], "corpus": r["corpus"], "lang": r["lang"], "stratum": r["stratum"]} for r in rows}


def build(half: str) -> list[dict]:
    # An article labelled earlier keeps its committed corpus/stratum when select() no longer picks it: the
    # shared credibility/articles.jsonl gained rows after batch 1 was labelled, so the English cred strata
    # no longer reproduce exactly; the sha256 of every text is still checked by the evaluation.
    chosen = _committed(half) | {c["id"]: c for c in select() if c["half"] == half}
    texts: dict[str, dict[str, str]] = {}
    out = []
    for lang in ("en", "nl"):
        path = HERE / "labels" / f"{half}_{lang}.txt"
        if not path.exists():
            continue
        for art_id, rows in parse_labels(path).items():
            c = chosen[art_id]
            if c["lang"] != lang:
                raise SystemExit(f"{art_id}: language {c['lang']} in {path.name}")
            if c["corpus"] not in texts:
                with open(shared_data_dir() / c["corpus"], encoding="utf-8") as fh:
                    texts[c["corpus"]] = {r["id"]: r["text"] for r in map(json.loads, fh) if r.get("text")}
            text = texts[c["corpus"]][art_id]
            doc = build_document(text, lang=lang)
            assert doc.text == text, art_id
            if [r[0] for r in rows] != list(range(len(doc.sentences))):
                raise SystemExit(f"{art_id}: {len(rows)} labels for {len(doc.sentences)} sentences")
            sentences = []
            for (i, code, kind, source), s in zip(rows, doc.sentences, strict=True):
                claim = code in ("u", "a", "k")
                attributed = code in ("a", "-a")
                if claim and kind not in KINDS:
                    raise SystemExit(f"{art_id} #{i}: claim kind {kind!r} not in {sorted(KINDS)}")
                span = None
                if source:
                    if not attributed:
                        raise SystemExit(f"{art_id} #{i}: a source on an unattributed sentence")
                    m = re.compile(r"(?<!\w)" + re.escape(source) + r"(?!\w)").search(text, s.start, s.end)
                    at = m.start() if m else -1
                    if at < 0:
                        raise SystemExit(f"{art_id} #{i}: source {source!r} not in the sentence")
                    span = [at, at + len(source)]
                sentences.append({
                    "start": s.start, "end": s.end, "prefix": text[s.start : s.start + PREFIX_CHARS],
                    "claim": claim, "kind": kind if claim else None,
                    "note": None if claim else (kind or None),
                    "attributed": attributed, "source": span,
                    "common_knowledge": code == "k",
                    "unsupported": code == "u",
                })
            out.append({
                "corpus": c["corpus"], "id": art_id, "lang": lang, "stratum": c["stratum"],
                "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "sentences": sentences,
            })
    return out


if __name__ == "__main__":
    for half in ("tuning", "reporting"):
        arts = build(half)
        with open(HERE / f"{half}.jsonl", "w", encoding="utf-8") as fh:
            for a in arts:
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")
        print(half, len(arts), "articles", sum(len(a["sentences"]) for a in arts), "sentences")
