"""Fixtures for the dashboard tests: the app under AppTest with a chosen models folder, and downloads."""

from __future__ import annotations

import csv
import io
import json
import shutil
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
        at = AppTest.from_file(str(APP_PATH), default_timeout=600)
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


CITIES = ["Leeds", "Utrecht", "Boston", "Lyon", "Turin", "Porto", "Ghent", "Bergen", "Graz", "Cork",
          "Malmo", "Basel", "Split", "Brno", "Tartu", "Kaunas", "Aarhus", "Haarlem", "Derby", "Nice"]  # fmt: skip
SOURCED = (
    "The council of {c} voted 7-2 on Tuesday to fund {n} new buses, clerk Maria Lopez said. The buses will "
    "cost {n}.5 million euros, according to the transport department's budget. \"We expect shorter journeys,\" "
    "said transport director Ken Ito. Two councillors opposed the plan, the minutes show."
)
VAGUE = (
    "Experts say the new plan in {c} might possibly change everything. Many people believe it could be "
    "the biggest shift in years, and some say it may perhaps cost {n} times more. It is widely reported that "
    "sources claim the results could be truly amazing, although it seems nobody really knows."
)


@pytest.fixture(scope="session")
def labeled_csv() -> bytes:
    """Forty short articles: named, attributed reporting ('credible') vs vague hedged claims ('not_credible')."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "text", "label"])
    for i, city in enumerate(CITIES):
        writer.writerow([f"s{i}", SOURCED.format(c=city, n=i + 2), "credible"])
        writer.writerow([f"v{i}", VAGUE.format(c=city, n=i + 2), "not_credible"])
    return out.getvalue().encode()


@pytest.fixture(scope="session")
def trained_folder(tmp_path_factory, labeled_csv):
    """A model trained through the dashboard's own training code, with its cards."""
    from credibility.dashboard_app.training import read_labeled_table, train_from_table

    folder = tmp_path_factory.mktemp("trained")
    train_from_table(
        read_labeled_table("labels.csv", labeled_csv), text_col="text", label_col="label",
        positive="not_credible", task="credibility", name="newsroom", folder=folder,
        candidates=("linear",), n_splits=3,
    )  # fmt: skip
    return folder


@pytest.fixture
def vague_text() -> str:
    return VAGUE.format(c="Oslo", n=3)


@pytest.fixture
def installed_models(trained_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A models folder where the trained model is installed as the credibility model."""
    folder = tmp_path / "installed"
    folder.mkdir()
    shutil.copy(trained_folder / "newsroom.npz", folder / "credibility.npz")
    shutil.copy(trained_folder / "newsroom.card.json", folder / "credibility.card.json")
    monkeypatch.setenv("CREDIBILITY_MODELS_DIR", str(folder))
    return folder


@pytest.fixture
def shipped_models(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped models folder (skips when the models are not in this checkout)."""
    from credibility.paths import PROJECT_ROOT

    folder = PROJECT_ROOT / "models"
    if not (folder / "ai_generated.npz").is_file():
        pytest.skip("the shipped models are not in this checkout")
    monkeypatch.setenv("CREDIBILITY_MODELS_DIR", str(folder))
    return folder


@pytest.fixture
def machine_style_text() -> str:
    """An essay in the style of an instruction-tuned model, written for the tests (no banner, no sources):
    the shipped AI model calls it likely machine-written."""
    return (DATA / "machine_style_en.txt").read_text(encoding="utf-8")
