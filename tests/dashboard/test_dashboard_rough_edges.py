"""Rough edges of #17, each pinned: deprecation warnings, the tab icon, the Batch table's column order, the
retraining form's default task and the model picker. (The /analyze deep link and the absence of external
requests are checked in a real browser: test_dashboard_e2e_browser.py.)"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from credibility.dashboard_app import APP_PATH, FAVICON_PATH
from credibility.paths import PROJECT_ROOT

ARTICLE_TXT = b"Storm news\n\nPolice closed the coastal road on Sunday after a storm, a spokesperson said."


@pytest.fixture
def deprecations():
    """Messages Streamlit logs about deprecated arguments while the test runs."""
    seen: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(record.getMessage())

    logger = logging.getLogger("streamlit.deprecation_util")
    handler = Collect(level=logging.WARNING)
    logger.addHandler(handler)
    yield seen
    logger.removeHandler(handler)


@pytest.mark.parametrize("view", ["compare.py", "batch.py", "model.py", None])
def test_pages_use_no_deprecated_arguments(models_dir, make_app, deprecations, view):
    """The Compare page logged 8 'use_container_width' deprecations per visit."""
    make_app(view)
    assert deprecations == []


def test_the_tab_icon_is_a_file_of_the_package():
    """A Material-icon page icon made the browser fetch it from a font host."""
    assert FAVICON_PATH.is_file() and FAVICON_PATH.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    source = APP_PATH.read_text(encoding="utf-8")
    assert "page_icon=str(FAVICON_PATH)" in source and "page_icon=\":" not in source


def test_batch_table_leads_with_the_verdicts(shipped_models, make_app, articles_csv):
    at = make_app("batch.py")
    at.file_uploader(key="batch_files").set_value(
        [("articles.csv", articles_csv, "text/csv"), ("storm.txt", ARTICLE_TXT, "text/plain")]
    ).run()
    assert not at.exception, at.exception
    columns = list(at.dataframe[0].value.columns)
    assert columns[:5] == ["id", "ai_verdict", "credibility_verdict", "ai_probability", "credibility"]
    # the signals shown first are what the credibility model cites (editorial evidence), not style statistics
    first_signal = at.multiselect(key="batch_signals").value[0]
    assert not first_signal.startswith(("style.", "surface.")), first_signal


def test_retraining_form_picks_the_task_from_the_labels(models_dir, make_app, labeled_csv):
    """credible/not_credible labels defaulted to the AI task."""
    at = make_app("model.py")
    at.file_uploader(key="train_file").upload("labels.csv", labeled_csv, "text/csv").run()
    assert at.selectbox(key="train_task").value == "credibility"
    assert at.selectbox(key="train_positive").value == "not_credible"


@pytest.fixture
def folder_with_a_retrained_model(shipped_models, trained_folder, tmp_path, monkeypatch) -> Path:
    """The shipped models plus 'newsroom' (a credibility model trained in the dashboard), side by side."""
    folder = tmp_path / "models"
    folder.mkdir()
    for path in [*shipped_models.glob("*.npz"), *shipped_models.glob("*.card.json"),
                 *trained_folder.glob("newsroom.*")]:
        shutil.copy(path, folder / path.name)
    monkeypatch.setenv("CREDIBILITY_MODELS_DIR", str(folder))
    return folder


def test_model_picker_uses_a_retrained_model_without_renaming(folder_with_a_retrained_model, make_app, downloads,
                                                                example_text):
    at = make_app()
    picker = at.sidebar.selectbox(key="model_credibility")
    assert picker.options == ["credibility", "newsroom"] and picker.value == "credibility"
    assert not [s for s in at.sidebar.selectbox if s.key == "model_ai_generated"]  # one AI model: no choice
    at.text_area(key="paste_text").input(example_text("well_sourced_en")).run()
    assert json.loads(downloads["credibility_report.json"])["scores"]["credibility"]["model"] == "credibility"
    picker.set_value("newsroom").run()
    assert not at.exception, at.exception
    scores = json.loads(downloads["credibility_report.json"])["scores"]
    assert scores["credibility"]["model"] == "newsroom" and scores["ai_generated"]["model"] == "ai_generated"


def test_readme_promises_no_samples_folder():
    """data/samples/ was promised in the README and never existed (fixed before #17; pinned here)."""
    for readme in (PROJECT_ROOT / "README.md", PROJECT_ROOT / "data" / "README.md"):
        assert "data/samples" not in readme.read_text(encoding="utf-8")
    assert not (PROJECT_ROOT / "data" / "samples").exists()
