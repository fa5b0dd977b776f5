"""Fixtures for the dashboard tests: the app under AppTest with a chosen models folder, and downloads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from credibility.dashboard_app import APP_PATH
from credibility.dashboard_app.services import reload_models

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def models_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty models folder, so the app behaves as before any model is installed."""
    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setenv("CREDIBILITY_MODELS_DIR", str(folder))
    monkeypatch.setenv("CREDIBILITY_MODELS", str(folder))
    return folder


@pytest.fixture
def make_app():
    """Start the app afresh (caches cleared) on its default page or the given view."""

    def start(view: str | None = None) -> AppTest:
        reload_models()  # the scorer and analyses are cached per process; the models folder may differ
        at = AppTest.from_file(str(APP_PATH), default_timeout=90)
        at.run()
        if view is not None:
            at.switch_page(f"views/{view}").run()
        assert not at.exception, at.exception
        return at

    return start


@pytest.fixture
def app(models_dir: Path, make_app) -> AppTest:
    """The Analyze page with no model installed."""
    return make_app()


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Bytes handed to every ``st.download_button``, by file name (AppTest keeps no media files)."""
    captured: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes | str) and filename:
            captured[filename] = path_or_data if isinstance(path_or_data, bytes) else path_or_data.encode()
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return captured


@pytest.fixture
def articles_csv() -> bytes:
    return (DATA / "articles.csv").read_bytes()


def _walk(block):
    for child in getattr(block, "children", {}).values():
        yield child
        yield from _walk(child)


@pytest.fixture
def chart_specs():
    """Function giving the Vega-Lite specs of the Altair charts on the current page."""

    def specs(at: AppTest) -> list[dict]:
        return [json.loads(node.proto.spec) for node in _walk(at.main) if node.type == "vega_lite_chart"]

    return specs
