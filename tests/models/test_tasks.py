"""The task spec (#16 item 3): each question spelled once, and the shipped models agree with it."""

from __future__ import annotations

import ast

import pytest

from credibility.models.model_card import read_card_file
from credibility.models.tasks import AI_GENERATED, CREDIBILITY, TASKS, task_for_classes, task_for_labels
from credibility.paths import PROJECT_ROOT
from credibility.verdicts import AI_VERDICTS, CREDIBILITY_VERDICTS


@pytest.mark.parametrize("task", TASKS)
def test_shipped_cards_agree_with_the_spec(task):
    card = read_card_file(PROJECT_ROOT / "models" / f"{task.name}.card.json")
    assert (card.name, card.task, card.classes, card.target_fpr) == (
        task.name, task.name, task.classes, task.shipped_target_fpr)
    assert card.file == task.model_file


def test_verdict_words_are_the_reports():
    assert AI_GENERATED.verdicts == AI_VERDICTS and CREDIBILITY.verdicts == CREDIBILITY_VERDICTS


@pytest.mark.parametrize(("classes", "expected"), [
    (("human", "machine"), AI_GENERATED), (("credible", "not_credible"), CREDIBILITY),
    (("Credible", "Not_Credible"), CREDIBILITY),
    (("machine", "human"), None),  # P(human) is not what the AI question's verdicts are made of
    (("real", "fake"), None),
])
def test_a_task_is_recorded_only_for_its_own_classes(classes, expected):
    assert task_for_classes(classes) is expected


def test_the_forms_guess_uses_any_known_label():
    assert task_for_labels(["not_credible", "fake"]) is CREDIBILITY
    assert task_for_labels(["real", "fake"]) is None


def test_no_module_spells_the_ai_task_name_itself():
    """The AI task's name is only in tasks.py ('credibility' is also the package and a column name)."""
    spelled = []
    for path in sorted((PROJECT_ROOT / "credibility").rglob("*.py")):
        if path.name == "tasks.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value == AI_GENERATED.name:
                spelled.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    assert not spelled, spelled
