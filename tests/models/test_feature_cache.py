"""The on-disk feature cache: rows come back identical, and saving leaves one file and no temporary ones."""

import numpy as np

from credibility.models.features import featurize_texts

TEXTS = [
    "The council approved the budget on Tuesday, the mayor said in a statement.",
    "Experts believe the plan could possibly fail, according to some reports.",
]


def test_cached_rows_are_reused_and_saved_atomically(tmp_path):
    first, names = featurize_texts(TEXTS, cache_dir=tmp_path, n_jobs=1)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) == 1 and files[0].startswith("features-") and files[0].endswith(".npz")
    again, _ = featurize_texts(TEXTS[::-1] + ["A third text about the harbour and its new cranes."],
                               cache_dir=tmp_path, n_jobs=1)
    np.testing.assert_array_equal(again[:2], first[::-1])
    assert sorted(p.name for p in tmp_path.iterdir()) == files  # rewritten in place, no temp file left
    stored = np.load(tmp_path / files[0])
    assert stored["rows"].shape == (3, len(names))
