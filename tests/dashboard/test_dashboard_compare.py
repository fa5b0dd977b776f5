"""The Compare page driven headlessly with AppTest: a bundled story set, uploads, download."""

from __future__ import annotations

import json


def test_bundled_story_shows_contradictions_and_matrix(models_dir, make_app, downloads):
    at = make_app("compare.py")
    assert at.title[0].value == "Compare versions of one story"
    # a story whose planted contradiction the detector finds (in the first set, battery_recall, it finds none)
    names = list(at.selectbox(key="story").options)
    at.selectbox(key="story").select_index(names.index("migraine_trial")).run()
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["contradicted"] >= 1 and metrics["uncorroborated"] >= 1
    assert len(at.dataframe) == 2
    sources = at.dataframe[0].value
    assert len(sources) == 4 and set(sources["lang"]) == {"en", "nl"}
    assert all(sources["verdict"]) and any(r.startswith("translation of") for r in sources["relation"])
    texts = [t.value for t in at.text]
    assert any("[" in t and "]" in t for t in texts), "evidence sentences are shown per source"
    record = json.loads(downloads["comparison.json"])
    assert record["counts"]["contradicted"] == metrics["contradicted"]


def test_uploaded_versions_are_compared_and_markup_stays_text(models_dir, make_app):
    at = make_app("compare.py")
    at.radio(key="compare_source").set_value("Upload files").run()
    uploader = at.file_uploader(key="compare_files")
    original = "The council said on Monday that the network is unclassified and cost €2 million. <script>alert(1)</script>"
    rewrite = "The network is classified and cost €5 million, the council said on Monday."
    uploader.upload("a.txt", original.encode(), "text/plain").upload("b.txt", rewrite.encode(), "text/plain").run()
    assert not at.exception
    statuses = {m.label: int(m.value) for m in at.metric}
    assert statuses["contradicted"] >= 1
    assert all("<script>" not in md.value for md in at.markdown)
