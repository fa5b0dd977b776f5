"""The two questions the tool answers, each spelled once: its name, classes, verdict words and default lines.

Every module that needs a task's name (the key of ``Report.scores``, a card's ``task``, the model file's
stem), its class labels or its verdict words takes them from here, never from a string literal. Light on
purpose (no NumPy, no scikit-learn): the writers, the verdict block and the dashboard import it.

A model a user trains on other labels belongs to no task (:data:`CUSTOM`): it is saved and can be evaluated,
but ``--model`` puts a model in place of a shipped one only when its card names one of :data:`TASKS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..verdicts import AI_VERDICTS, CREDIBILITY_VERDICTS


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """One question: ``classes`` is (negative, positive); a model's probability is P(positive)."""

    name: str  # the key in Report.scores, a card's "task", the shipped model's file stem
    classes: tuple[str, str]
    verdicts: tuple[str, ...]  # the verdict words, from least to most flagged
    question: str  # how the verdict block asks it
    title: str  # how the dashboard names the model
    # The false-positive rate the shipped model's stored threshold is set for (its card's target_fpr); a
    # user's training keeps `--target-fpr` (1% unless told), whatever the task.
    shipped_target_fpr: float

    @property
    def negative(self) -> str:
        return self.classes[0]

    @property
    def positive(self) -> str:
        return self.classes[1]

    @property
    def model_file(self) -> str:
        """The shipped model's file name in the models folder."""
        return f"{self.name}.npz"


AI_GENERATED = TaskSpec(
    name="ai_generated", classes=("human", "machine"), verdicts=AI_VERDICTS, question="Machine-written?",
    title="AI-generated text", shipped_target_fpr=0.01,
)
CREDIBILITY = TaskSpec(
    name="credibility", classes=("credible", "not_credible"), verdicts=CREDIBILITY_VERDICTS,
    question="How credible?", title="credibility", shipped_target_fpr=0.08,
)
TASKS: tuple[TaskSpec, ...] = (AI_GENERATED, CREDIBILITY)
TASK_NAMES: tuple[str, ...] = tuple(t.name for t in TASKS)
BY_NAME: dict[str, TaskSpec] = {t.name: t for t in TASKS}
CUSTOM = "custom"  # a card's task for a model trained on labels of neither question


def task_named(name: str | None) -> TaskSpec | None:
    """The task called ``name``, or None (an unknown or custom task)."""
    return BY_NAME.get(name) if isinstance(name, str) else None


def task_for_labels(labels: Iterable[object]) -> TaskSpec | None:
    """The task whose class names any of the labels use (e.g. 'credible' -> credibility), else None: a
    guess for a form's default, which the user confirms."""
    wanted = {str(label).strip().lower() for label in labels}
    return next((task for task in TASKS if wanted & set(task.classes)), None)


def task_for_classes(classes: tuple[str, str]) -> TaskSpec | None:
    """The task whose (negative, positive) classes these are, in that order; else None. Only then is a
    model's probability the one that task's scores and verdicts are made of."""
    wanted = tuple(str(c).strip().lower() for c in classes)
    return next((task for task in TASKS if task.classes == wanted), None)
