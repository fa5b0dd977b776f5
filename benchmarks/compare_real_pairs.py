"""Evaluation pairs for ``credibility compare`` built from real text in the shared corpora (issue #15, item 5).

Each pair is (A, B, expected relation of the pair), split by a hash of the article group into a *tuning*
part (looked at while changing the code) and a *reporting* part (run once for the reported figures):

- *translation*: a BBC article (L2R) and the hand-made Dutch translation in
  ``data/stories/eval/translations_nl.py``, sentence by sentence (gold alignment = same index);
- *derived*: a BBC article and an LLM rewrite of it (L2R, first rewrite of each group); a PolitiFact
  article and its "objective" gpt-3.5 rewrite (SheepDog);
- *summary*: such a "rewrite" with at most a third of the original's words (``SUMMARY_GOLD_SHARE``).
  The corpora call every LLM output a rewrite, but SheepDog's are 200-400 words whatever the page's
  length (1-10% of a transcript of thousands of words) and some L2R ones drop most of the article: a
  text a third as long cannot keep most of what the original says, it selects, which is what "summary
  of" means in the report. The rule reads only word counts and was fixed before the reporting part was
  run; ``Pair.corpus_relation`` keeps the corpus's own label, and the evaluation reports accuracy on both;
- *independent*: two human CLIN33 news articles of different groups (English/English and
  English/Dutch), which share no story: no relation may be found.

The corpora are read from ``../shared/data`` and never copied into the repository.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path

from credibility.paths import shared_data_dir

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "data" / "stories" / "eval" / "translations_nl.py"
SPLITS = ("tuning", "reporting")
SUMMARY_GOLD_SHARE = 1 / 3  # a "rewrite" with at most this share of the original's words is a summary


@dataclass(slots=True)
class Pair:
    id: str
    relation: str  # translation | derived | summary | independent
    a_text: str
    a_lang: str
    b_text: str
    b_lang: str
    gold_alignment: list[tuple[str, str]] = field(default_factory=list)  # (A sentence, B sentence) texts
    contradicted: list[str] = field(default_factory=list)  # B sentences that contradict A (planted)
    corpus_relation: str = ""  # the label the corpus gives (a "rewrite" is derived), before the summary rule

    def __post_init__(self) -> None:
        self.corpus_relation = self.corpus_relation or self.relation


def rewrite_relation(original: str, rewrite: str) -> str:
    """Gold relation of an LLM "rewrite": a summary when it has at most a third of the original's words."""
    return "summary" if len(rewrite.split()) <= SUMMARY_GOLD_SHARE * len(original.split()) else "derived"


def split_of(group: str) -> str:
    """Half of the groups tune, the other half report (stable across runs and machines)."""
    return SPLITS[int(hashlib.sha1(group.encode()).hexdigest(), 16) % 2]


def _rows(name: str) -> list[dict]:
    path = shared_data_dir() / "ai_text" / name
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _translation_module():
    spec = importlib.util.spec_from_file_location("translations_nl", TRANSLATIONS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _translations() -> list[dict]:
    return _translation_module().TRANSLATIONS


def planted_pairs(split: str) -> list[Pair]:
    """Each translation with its planted contradictions swapped in: which sentences must be flagged."""
    planted = _translation_module().PLANTED
    out = []
    for pair in translation_pairs(split):
        key = pair.id.split(":", 1)[1]
        dutch = [nl for _, nl in pair.gold_alignment]
        changed = []
        for index, sentence, _ in planted.get(key, []):
            dutch[index] = sentence
            changed.append(sentence)
        out.append(Pair(f"planted:{key}", "translation", pair.a_text, "en", " ".join(dutch), "nl",
                        contradicted=changed))
    return out


def translation_pairs(split: str) -> list[Pair]:
    from credibility.document import build_document

    originals = {r["id"]: r for r in _rows("l2r_news.jsonl")}
    out = []
    for item in _translations():
        if item["split"] != split or item["id"] not in originals:
            continue
        text = originals[item["id"]]["text"]
        doc = build_document(text, lang="en")
        english = [doc.sentence_text(s) for s in doc.sentences]
        if len(english) != len(item["nl"]):
            raise ValueError(f"{item['id']}: {len(item['nl'])} Dutch sentences for {len(english)} English ones")
        dutch = " ".join(item["nl"])
        out.append(Pair(f"translation:{item['id']}", "translation", text, "en", dutch, "nl",
                        list(zip(english, item["nl"], strict=True))))
    return out


def rewrite_pairs(split: str, limit: int) -> list[Pair]:
    out = []
    for name, task in (("l2r_news.jsonl", "rewrite"), ("sheepdog_politifact.jsonl", "rewrite:objective")):
        groups: dict[str, dict[str, dict]] = {}
        for row in _rows(name):
            slot = groups.setdefault(row["group"], {})
            kind = "human" if row["label"] == "human" else row.get("task")
            slot.setdefault(kind, row)
        n = 0
        for group, slot in groups.items():
            if "human" in slot and task in slot and split_of(group) == split and n < limit:
                n += 1
                a, b = slot["human"]["text"], slot[task]["text"]
                out.append(Pair(f"derived:{name.split('_')[0]}:{group}", rewrite_relation(a, b), a, "en", b, "en",
                                corpus_relation="derived"))
    return out


def independent_pairs(split: str, limit: int) -> list[Pair]:
    english = [r for r in _rows("clin33_en_news.jsonl") if r["label"] == "human" and split_of(r["group"]) == split]
    dutch = [r for r in _rows("clin33_nl_news.jsonl") if r["label"] == "human" and split_of(r["group"]) == split]
    out = []
    for i in range(min(limit, len(english) - 1, len(dutch))):
        out.append(Pair(f"independent:en-en:{i}", "independent", english[i]["text"], "en",
                        english[i + 1]["text"], "en"))
        out.append(Pair(f"independent:en-nl:{i}", "independent", english[i]["text"], "en", dutch[i]["text"], "nl"))
    return out


def real_pairs(split: str, limit: int = 20) -> list[Pair]:
    """Every real pair of one split (``limit`` per corpus and kind keeps a run to a few minutes)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    return translation_pairs(split) + rewrite_pairs(split, limit) + independent_pairs(split, limit // 2)
