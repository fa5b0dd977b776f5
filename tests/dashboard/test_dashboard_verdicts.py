"""The Analyze page's verdict block, evidence colours and passage view with the shipped models (#17):
a declared, a likely machine-written and a human-written example."""

from __future__ import annotations

import html
import re

from credibility.models.store import read_card
from credibility.verdict_block import one_in


def analyze_page(make_app, text: str):
    at = make_app()
    at.text_area(key="paste_text").input(text).run()
    assert not at.exception, at.exception
    return at


def block_of(at) -> str:
    [block] = [h.value for h in at.html if h.value.startswith('<div class="cred-verdicts">')]
    return block


def answers(block: str) -> dict[str, str]:
    return dict(re.findall(r'data-model="(\w+)" data-verdict="([^"]+)"', block))


def test_declared_example_shows_the_banner_as_decisive_and_the_models_view(shipped_models, make_app, example_text):
    at = analyze_page(make_app, example_text("ai_summary_en"))
    block = block_of(at)
    assert answers(block) == {"ai_generated": "declared machine-written", "credibility": "low credibility"}
    assert "■ decisive</span> the text says AI made it: &#x27;Summarized by NewsBrief AI&#x27;" in block
    assert re.search(r"the model alone: [a-z ]+-written \(p = 0\.\d\d; ", block)
    # the banner reason opens onto its span in the highlighted article below
    target = re.search(r'href="#(cred-at-\d+)"[^>]*>Summarized by NewsBrief AI</a>', block).group(1)
    article = at.html[-2].value if "cred-passages" in at.html[-1].value else at.html[-1].value
    assert f'id="{target}" data-kind="ai_banner" data-direction="machine"' in article


def test_likely_example_states_its_false_positive_rate(shipped_models, make_app, machine_style_text):
    block = block_of(analyze_page(make_app, machine_style_text))
    assert answers(block)["ai_generated"] == "likely machine-written"
    rate = read_card(shipped_models / "ai_generated.npz")["thresholds"]["likely"]["fpr_by_lang"]["en"]
    assert f"flags {one_in(rate)} human news articles" in block and one_in(rate).startswith("about 1 in ")
    assert "→ machine" in block


def test_human_example_is_weak_evidence_and_credible(shipped_models, make_app, example_text):
    at = analyze_page(make_app, example_text("well_sourced_nl"))
    block = block_of(at)
    assert answers(block) == {"ai_generated": "likely human-written", "credibility": "likely credible"}
    assert "weak evidence: much machine text scores this low too" in block
    assert "credible news articles fall too" in block
    # quotes support credibility: green, never the colour of vague sources or banners
    assert 'data-direction="supports"' in at.html[-2].value + at.html[-1].value


def test_passage_view_shades_windows_with_the_same_model(shipped_models, make_app, example_text):
    from credibility.dashboard_app.services import get_scorer
    from credibility.document import build_document
    from credibility.passages import WINDOW_RELIABILITY, score_passages

    text = example_text("ai_summary_en")
    at = analyze_page(make_app, text)
    view = at.html[-1].value
    assert '<div class="cred-passages"' in view
    shown = build_document(text)
    report_text = getattr(shown, "original", shown.text)  # the text as given, once normalisation is merged
    expected = score_passages(build_document(text, lang="en"), get_scorer())
    assert [float(p) for p in re.findall(r'data-p="([\d.]+)"', view)] == [round(p.probability, 3) for p in expected]
    assert html.unescape(re.sub(r"<[^>]+>", "", view.split('<div class="cred-passages"', 1)[1].split(">", 1)[1])) == report_text
    assert any(WINDOW_RELIABILITY in c.value for c in at.caption)


def test_no_model_no_passage_view(models_dir, make_app, example_text):
    at = analyze_page(make_app, example_text("ai_summary_en"))
    assert not any("cred-passages" in h.value or "cred-verdicts" in h.value for h in at.html)
