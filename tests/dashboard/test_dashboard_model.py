"""The Model page driven headlessly with AppTest: cards, plots, retraining; and scores once a model exists."""

from __future__ import annotations

import html
import json
import re

import pytest

from credibility import analyze
from credibility.dashboard_app.cards import load_cards, parse_card
from credibility.models.scorer import load_default_scorer


def test_no_cards_degrades_gracefully(models_dir, make_app):
    at = make_app("model.py")
    assert at.title[0].value == "Models"
    assert any("No model cards found" in i.value for i in at.info)
    assert any("No model installed" in i.value for i in at.info)


def test_parse_card_reads_metrics_curves_and_importances():
    card = parse_card(
        {
            "name": "m", "threshold": 0.7, "metrics": {"auroc": 0.9, "n": 10, "nested": {"f1": 0.5}},
            "roc": {"fpr": [0, 0.5, 1], "tpr": [0, 0.9, 1]},
            "reliability": [{"prob_pred": 0.2, "prob_true": 0.1}, {"prob_pred": 0.8, "prob_true": 0.9}],
            "feature_importances": [{"feature": "a", "importance": 0.3}, ["b", -0.1]],
            "evaluation": [{"title": "held out", "columns": ["auroc"], "rows": [{"auroc": 0.8}]}],
        },
        default_name="file",
    )  # fmt: skip
    assert card.name == "m" and card.threshold == 0.7 and card.auc == 0.9
    assert card.metrics == {"auroc": 0.9, "n": 10.0, "nested.f1": 0.5}
    assert card.roc == ([0.0, 0.5, 1.0], [0.0, 0.9, 1.0])
    assert card.reliability == ([0.2, 0.8], [0.1, 0.9])
    assert card.importances == {"a": 0.3, "b": -0.1}
    assert card.tables[0]["rows"] == [{"auroc": 0.8}]


def test_trained_card_is_shown_with_metrics_and_plots(trained_folder, monkeypatch, make_app, chart_specs):
    monkeypatch.setenv("CREDIBILITY_MODELS_DIR", str(trained_folder))
    (card,) = load_cards(trained_folder)
    assert card.name == "newsroom" and card.roc and card.reliability and card.markdown
    assert card.metrics["auroc"] > 0.9  # the two styles are easy to tell apart out of fold
    at = make_app("model.py")
    assert [t.label for t in at.tabs] == ["newsroom"]
    metrics = at.tabs[0].dataframe[1].value.set_index("metric")["value"]
    assert metrics["auroc"] == pytest.approx(card.metrics["auroc"])
    titles = [json.dumps(spec.get("title", "")) + json.dumps(spec.get("layer", "")) for spec in chart_specs(at)]
    assert any("ROC (AUC" in t for t in titles)
    assert any("Reliability" in t for t in titles)
    assert any("Feature importances" in t for t in titles)


def test_retrain_from_uploaded_csv(models_dir, make_app, labeled_csv):
    at = make_app("model.py")
    at.file_uploader(key="train_file").upload("labels.csv", labeled_csv, "text/csv").run()
    assert at.selectbox(key="train_text_col").value == "text"
    assert at.selectbox(key="train_label_col").value == "label"
    at.selectbox(key="train_task").set_value("credibility").run()
    assert at.selectbox(key="train_positive").value == "not_credible"
    at.text_input(key="train_name").input("credibility").run()
    at.button(key="train_button").click().run()
    assert "shipped model's name" in at.error[0].value  # never replaces a shipped model
    at.text_input(key="train_name").input("my-model").run()
    at.button(key="train_button").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value.startswith("Saved my-model.npz")
    assert (models_dir / "my-model.npz").is_file() and (models_dir / "my-model.card.json").is_file()
    assert [t.label for t in at.tabs] == ["my-model"]
    metrics = at.dataframe[-1].value.set_index("metric")["value"]
    assert metrics["n"] == 40 and 0.0 <= metrics["auroc"] <= 1.0


def test_scores_appear_once_a_model_is_installed(installed_models, make_app, vague_text):
    """Installed as the credibility model, the trained model scores pasted text on the Analyze page."""
    text = vague_text
    expected = analyze(text, scorer=load_default_scorer(installed_models)).scores["credibility"]
    at = make_app()
    at.text_area(key="paste_text").input(text).run()
    assert not at.exception
    block = at.html[0].value
    assert block.startswith('<div class="cred-verdicts">')
    assert f'data-verdict="{expected.verdict}"' in block and f"· {expected.value:.0f}/100" in block
    top = sorted(expected.reasons, key=lambda r: abs(r.contribution), reverse=True)[:3]
    assert [html.unescape(t) for t in re.findall(r"</span> ([^<]*)</(?:summary|div)>", block)] == [r.text for r in top]
    assert "Machine-written?" not in block  # no AI model installed: no answer invented


def test_auc_is_found_under_a_prefixed_metric_name():
    card = parse_card({"metrics": {"held_out_news_auroc": 0.93, "held_out_news_ece": 0.04}}, default_name="m")
    assert card.auc == 0.93


def test_retraining_warns_when_one_class_alone_has_line_breaks(models_dir, make_app, labeled_csv):
    import csv
    import io

    rows = list(csv.reader(io.StringIO(labeled_csv.decode())))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(rows[0])
    for row_id, text, label in rows[1:]:
        writer.writerow([row_id, text.replace(". ", ".\n\n") if label == "credible" else text, label])
    at = make_app("model.py")
    at.file_uploader(key="train_file").upload("layout.csv", out.getvalue().encode(), "text/csv").run()
    at.selectbox(key="train_task").set_value("credibility").run()
    at.text_input(key="train_name").input("layout-model").run()
    at.button(key="train_button").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value.startswith("Saved layout-model.npz")
    assert any("of 'credible' texts have line breaks" in w.value for w in at.warning), [w.value for w in at.warning]


def test_a_self_declared_ai_summary_shows_the_declaration_beside_the_models_view(make_app, example_text,
                                                                                  monkeypatch):
    from credibility.models.scorer import MODELS_DIR

    monkeypatch.setenv("CREDIBILITY_MODELS_DIR", str(MODELS_DIR))  # the shipped models
    at = make_app()
    at.text_area(key="paste_text").input(example_text("ai_summary_nl")).run()
    assert not at.exception, at.exception
    block = at.html[0].value
    assert 'data-verdict="declared machine-written"' in block
    assert "■ decisive</span> the text says AI made it: &#x27;Samengevat door AI&#x27;" in block
    assert re.search(r"the model alone: (likely human|possibly machine|likely machine)-written \(p = 0\.\d\d; ", block)


def test_uploaded_tables_are_read_by_the_reader_of_credibility_train(labeled_csv, tmp_path):
    """CSV, JSONL and Parquet uploads give the same frame; messages name the upload and the row."""
    import io

    import pandas as pd

    from credibility.dashboard_app.training import TrainingInputError, read_labeled_table

    frame = pd.read_csv(io.BytesIO(labeled_csv), dtype=str)
    path = tmp_path / "labels.parquet"
    frame.to_parquet(path, index=False)
    from_csv = read_labeled_table("labels.csv", labeled_csv)
    from_parquet = read_labeled_table("labels.parquet", path.read_bytes())
    from_jsonl = read_labeled_table("labels.jsonl", frame.to_json(orient="records", lines=True).encode())
    for other in (from_parquet, from_jsonl):
        assert other.to_dict("list") == from_csv.to_dict("list")
    assert list(from_csv.index[:2]) == [1, 2]
    bad = labeled_csv.decode().splitlines()
    bad[2] += ",extra"
    with pytest.raises(TrainingInputError, match=r"^labels\.csv: row 2 \(line 3\): 4 fields, the header has 3$"):
        read_labeled_table("labels.csv", "\n".join(bad).encode())
