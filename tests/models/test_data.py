import pytest

from credibility.models.data import SHARED_DIR, common_prefix_words, drop_opening, trim_unfinished_ending
from credibility.models.split import data_fingerprint, is_test_group


def test_trim_unfinished_ending_cuts_after_last_sentence():
    assert trim_unfinished_ending('He left. "Why?" she asked. And then the') == 'He left. "Why?" she asked.'
    assert trim_unfinished_ending("no sentence end here") == "no sentence end here"


def test_drop_opening_removes_prefix_to_end_of_its_sentence():
    text = "One two three four five six. Seven eight nine. Ten eleven."
    assert drop_opening(text, 3) == "Seven eight nine. Ten eleven."
    assert drop_opening(text, 7) == "Ten eleven."
    assert drop_opening(text, 0) == text
    assert drop_opening(text, 50) == ""


def test_common_prefix_words():
    assert common_prefix_words("a b c d", "a b x d") == 2
    assert common_prefix_words("a b", "a b c") == 2


def test_split_is_deterministic_and_by_group():
    groups = [f"g{i}" for i in range(2000)]
    a, b = is_test_group(groups), is_test_group(groups)
    assert (a == b).all()
    assert 0.17 < a.mean() < 0.23
    assert is_test_group(["x", "x"]).tolist() in ([True, True], [False, False])


def test_fingerprint_ignores_order_but_not_labels():
    assert data_fingerprint(["a", "b"], [0, 1]) == data_fingerprint(["b", "a"], [1, 0])
    assert data_fingerprint(["a", "b"], [0, 1]) != data_fingerprint(["a", "b"], [1, 0])


@pytest.mark.shared
@pytest.mark.skipif(not SHARED_DIR.is_dir(), reason="needs ../shared corpora")
def test_fastdetect_humans_once_and_prefix_removed():
    from credibility.models.data import load_ai_text

    df = load_ai_text()
    fd = df[df["source"] == "fastdetect"]
    humans = fd[fd["label"] == "human"]
    assert humans["group"].is_unique
    machines = fd[fd["label"] == "machine"].head(200)
    by_group = humans.set_index("group")["text"]
    shared = [common_prefix_words(by_group[g], t) for g, t in zip(machines["group"], machines["text"], strict=True)
              if g in by_group]
    assert max(shared) < 5  # the ~24 shared opening words are gone from both sides
