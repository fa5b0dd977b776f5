"""The Analyze page driven headlessly with AppTest: paste, upload, injection, no-model state, chart."""

from __future__ import annotations

import html
import json
import re

import pytest

from credibility import analyze
from credibility.dashboard_app.render import highlight_html, legend_html
from credibility.dashboard_app.widgets import NO_MODEL

INJECTION = '<script>alert("pwned")</script> Experts say it <img src=x onerror=alert(1)> might rain tomorrow.'


@pytest.fixture
def article(example_text) -> str:
    """A realistic, well-sourced English news article from the bundled examples (title line included)."""
    return example_text("well_sourced_en")


def article_text(at) -> str:
    """The highlighted article as a reader sees it (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]*>", "", at.html[-1].value))


def paste(at, text: str, title: str = ""):
    at.text_input(key="paste_title").input(title)
    at.text_area(key="paste_text").input(text)
    return at.button(key="analyze_button").click().run()


def test_empty_page_shows_the_three_inputs(app):
    assert app.title[0].value == "Analyze an article"
    assert app.radio(key="input_source").options == ["Paste text", "Upload a file", "Example"]
    assert not app.html  # nothing analysed yet


def test_pasted_article_is_highlighted_with_its_evidence(app, article):
    paste(app, article)
    assert not app.exception
    expected = analyze(article, scorer=None)
    assert expected.spans, "the extractors should find evidence in this article"
    legend, article = (h.value for h in app.html)
    assert article == highlight_html(expected.text, expected.spans)
    assert legend == legend_html(expected.spans)
    caption = app.caption[0].value
    assert caption.startswith(f"{expected.word_count} words · {expected.sentence_count} sentences · language en")


def test_without_a_model_the_page_says_so_and_shows_no_score(app, article):
    paste(app, article)
    assert NO_MODEL in [i.value for i in app.info]
    assert not app.metric


def test_script_and_onerror_are_escaped(app):
    paste(app, INJECTION, title="<script>alert('title')</script>")
    assert not app.exception
    assert app.html[1].value.endswith("&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;</h4>")
    article = app.html[2].value
    assert article.startswith('<div class="cred-article"')
    assert "&lt;script&gt;alert(" in article and "&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    assert article_text(app) == INJECTION  # shown exactly as pasted, as text
    for node in [*app.html, *app.markdown]:
        assert "<script" not in node.value and "<img" not in node.value


def test_chart_compares_the_article_with_both_references(app, chart_specs, article):
    paste(app, article)
    specs = chart_specs(app)
    assert len(specs) == 1
    spec = json.dumps(specs[0])
    assert "human news" in spec and "machine text" in spec
    assert app.toggle(key="all_signals").value is False
    app.toggle(key="all_signals").set_value(True).run()
    assert app.multiselect(key="families").value  # every family selected by default


def test_kind_filter_limits_the_highlighted_spans(app, article):
    paste(app, article)
    kinds = app.multiselect(key="kinds")
    assert len(kinds.value) >= 1
    kept = kinds.value[0]
    kinds.set_value([kept]).run()
    article = app.html[-1].value
    assert f'data-kind="{kept}"' in article
    assert all(f'data-kind="{k}"' not in article for k in kinds.options if k != kept)


def test_uploaded_text_file_is_analysed(app, article):
    app.radio(key="input_source").set_value("Upload a file").run()
    app.file_uploader(key="article_file").upload("story.txt", article.encode(), "text/plain").run()
    assert not app.exception
    title, body = article.split("\n\n", 1)
    assert article_text(app) == body.strip()  # the title line is metadata, not article text
    assert app.html[1].value.endswith(f">{title}</h4>")


def test_uploaded_html_file_is_reduced_to_its_article(app, article):
    page = (
        "<html><head><title>Bridge</title><script>alert(1)</script></head><body><nav>Home | News</nav>"
        f"<article><h1>Bridge</h1><p>{article.split(chr(10) * 2, 1)[1].replace(chr(10) * 2, '</p><p>')}</p></article></body></html>"
    )
    app.radio(key="input_source").set_value("Upload a file").run()
    app.file_uploader(key="article_file").upload("page.html", page.encode(), "text/html").run()
    assert not app.exception
    text = article_text(app)
    assert text.startswith("Port Calder's borough council voted") and "Home | News" not in text and "alert(1)" not in text


def test_report_download_is_the_documented_schema(app, downloads, article):
    paste(app, article)
    record = json.loads(downloads["credibility_report.json"])
    assert record["text"] == analyze(article, scorer=None).text
    assert record["ai_probability"] is None and record["credibility"] is None
    assert record["spans"] and all(article[s["start"] : s["end"]] == s["text"] for s in record["spans"])


def test_example_picker(app):
    from credibility.dashboard_app.inputs import example_files

    app.radio(key="input_source").set_value("Example").run()
    examples = example_files()
    if examples:
        assert app.selectbox(key="example").options == [p.name for p in examples]
        assert all(not p.name.lower().startswith("readme") for p in examples)
        expected = analyze(examples[0].read_text(encoding="utf-8"), scorer=None)
        assert app.html, "the first example is analysed straight away"
        assert article_text(app) in expected.text or expected.text.endswith(article_text(app))
    else:
        assert any("No bundled examples" in i.value for i in app.info)


def test_launcher_runs_the_same_app(models_dir):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    launcher = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
    at = AppTest.from_file(str(launcher), default_timeout=600).run()
    assert not at.exception
    assert at.title[0].value == "Analyze an article"


def test_unsupported_language_gets_no_chart(app, chart_specs):
    paste(app, "Le gouvernement a annoncé lundi une nouvelle loi sur le logement, selon le ministre du logement.")
    assert not app.exception
    assert any("not supported" in w.value for w in app.warning)
    assert any("No comparison" in i.value for i in app.info)
    assert not chart_specs(app)
