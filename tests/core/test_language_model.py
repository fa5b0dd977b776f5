"""py3langid's model from the user cache (credibility/language_model.py): the same answers as py3langid's
own loader on many texts, no decompression once cached, and a clean fall-back when the cache is unusable."""

from __future__ import annotations

import random

import numpy as np
import pytest
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from credibility import language_model
from credibility.user_cache import CACHE_ENV, cache_dir

# Letters of several scripts and the punctuation news carries, for texts no corpus has.
_ALPHABETS = (
    "abcdefghijklmnopqrstuvwxyz",
    "àáâäçèéêëìíîïñòóôöùúûüÿ",
    "абвгдежзийклмнопрстуфхцчшщыэюя",
    "αβγδεζηθικλμνξοπρστυφχψω",
    "אבגדהוזחטיכלמנסעפצקרשת",
    "的一是不了人我在有他这中大来上",
    "0123456789 .,;:!?'\"-()€$%\n",
)


@pytest.fixture(scope="module")
def reference() -> LanguageIdentifier:
    """py3langid's identifier loaded its own way (LZMA every time)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@pytest.fixture(scope="module")
def model_arrays() -> dict[str, np.ndarray]:
    return language_model._decompressed()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def decompressed_once(monkeypatch, model_arrays):
    """py3langid's arrays decompressed once for the module (the first test decompresses for real)."""
    monkeypatch.setattr(language_model, "_decompressed", lambda: model_arrays)


def _texts(examples_dir) -> list[str | bytes]:
    """Every example article, each of its paragraphs and openings, and seeded random texts of mixed scripts."""
    texts: list[str | bytes] = []
    for path in sorted(examples_dir.iterdir()):
        if path.suffix in (".txt", ".html", ".md"):
            text = path.read_text(encoding="utf-8")
            texts += [text, text.upper(), text[:40], text.encode("utf-8")[:1001]]
            texts += [p for p in text.split("\n\n") if p.strip()]
    rng = random.Random(16)
    for _ in range(400):
        alphabet = "".join(rng.sample(_ALPHABETS, rng.randint(1, 3)))
        texts.append("".join(rng.choice(alphabet + "   ") for _ in range(rng.randint(0, 300))))
    return texts + ["", " ", "???", "123 456"]


def test_cached_identifier_answers_as_py3langid_on_many_texts(cache, reference, examples_dir):
    built = language_model.load_identifier()  # first start: decompresses and writes the cache
    mapped = language_model.load_identifier()  # later starts: memory-mapped from the cache
    assert [p.name for p in cache.iterdir()] == [f"py3langid-{language_model.cache_key()}"]
    texts = _texts(examples_dir)
    assert len(texts) > 450
    for text in texts:
        expected = reference.classify(text)
        assert built.classify(text) == expected, text
        assert mapped.classify(text) == expected, text
    for text in texts[:60]:
        assert mapped.rank(text) == reference.rank(text)


def test_a_later_start_reads_the_cache_without_decompressing(cache, decompressed_once, monkeypatch, reference):
    language_model.load_identifier()

    def no_lzma(path):
        raise AssertionError("the model was decompressed again")

    monkeypatch.setattr(language_model, "load_model", no_lzma)
    identifier = language_model.load_identifier()
    assert isinstance(identifier.nb_ptc, np.ndarray) and not identifier.nb_ptc.flags.owndata  # mapped, not read
    text = "De minister zei maandag dat het plan de kosten mogelijk verlaagt."
    assert identifier.classify(text) == reference.classify(text)


@pytest.mark.parametrize("setting", ["", "file"])
def test_without_a_cache_folder_the_model_loads_as_before(tmp_path, decompressed_once, monkeypatch, reference, setting):
    """Cache turned off (empty setting) or impossible (a file in the way): py3langid's own loading."""
    if setting == "file":
        (tmp_path / "file").write_text("not a folder")
        setting = str(tmp_path / "file" / "cache")
    monkeypatch.setenv(CACHE_ENV, setting)
    assert cache_dir() is None
    text = "The minister said on Monday that the plan might reduce costs."
    assert language_model.load_identifier().classify(text) == reference.classify(text)


def test_a_cache_that_cannot_be_written_leaves_nothing_behind(cache, decompressed_once, monkeypatch, reference):
    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(language_model.os, "rename", refuse)
    text = "The minister said on Monday that the plan might reduce costs."
    assert language_model.load_identifier().classify(text) == reference.classify(text)
    assert list(cache.iterdir()) == []


@pytest.mark.parametrize("damage", ["cut short", "arrays that do not fit"])
def test_a_damaged_cache_is_rebuilt(cache, decompressed_once, reference, damage):
    language_model.load_identifier()
    (folder,) = cache.iterdir()
    if damage == "cut short":
        with open(folder / "nextmove.npy", "r+b") as fh:
            fh.truncate(1000)
    else:  # a well-formed file whose values index past the tables
        np.save(folder / "out_feat.npy", np.full(104583, 10**7, dtype=np.int32))
    text = "De minister zei maandag dat het plan de kosten mogelijk verlaagt."
    assert language_model.load_identifier().classify(text) == reference.classify(text)
    assert (folder / "nextmove.npy").stat().st_size > 1000  # written again
    assert int(np.load(folder / "out_feat.npy").max()) < 10**7
    assert language_model.load_identifier().classify(text) == reference.classify(text)


def test_another_version_of_the_model_replaces_the_old_cache(cache, decompressed_once, monkeypatch):
    language_model.load_identifier()
    monkeypatch.setattr(language_model, "cache_key", lambda: "9.9-0123456789abcdef")
    language_model.load_identifier()
    assert [p.name for p in cache.iterdir()] == ["py3langid-9.9-0123456789abcdef"]
