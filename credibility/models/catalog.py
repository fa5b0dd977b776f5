"""The models in the models folder, and a scorer that uses a chosen one instead of the shipped model.

A model retrained in the dashboard or with ``credibility train`` is saved under its own name beside the
shipped ones; its card says its task (``ai_generated`` or ``credibility``). ``credibility score --model
NAME`` and the dashboard's model picker put it in the place of the shipped model of that task, with no
renaming of files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..paths import models_dir
from .model_card import read_card_file
from .store import MODEL_SUFFIX, card_path, load_model
from .tasks import AI_GENERATED, CREDIBILITY, TASK_NAMES

TASKS = TASK_NAMES


@dataclass(frozen=True, slots=True)
class ModelEntry:
    name: str  # the file stem, what --model takes
    task: str | None  # from its card; None when the card is missing or names no known task
    path: Path

    def describe(self) -> str:
        return f"{self.name} ({self.task or 'unknown task'})"


class UnknownModelError(ValueError):
    """The named model is not in the models folder (the message lists the ones that are)."""


def list_models(folder: Path | None = None) -> list[ModelEntry]:
    """Every ``<name>.npz`` in ``folder`` (default: the models folder) with the task its card names."""
    base = Path(folder) if folder is not None else models_dir()
    if not base.is_dir():
        return []
    return [ModelEntry(path.stem, _task(path), path) for path in sorted(base.glob(f"*{MODEL_SUFFIX}"))]


def find_model(name: str, folder: Path | None = None) -> ModelEntry:
    """The model called ``name`` (with or without ``.npz``); raises :class:`UnknownModelError` naming the
    models there are."""
    entries = list_models(folder)
    wanted = name.removesuffix(MODEL_SUFFIX)
    for entry in entries:
        if entry.name == wanted:
            if entry.task not in TASKS:
                raise UnknownModelError(f"model '{wanted}': its card names no task this tool scores "
                                        f"({', '.join(TASKS)})")
            return entry
    where = folder if folder is not None else models_dir()
    listed = ", ".join(e.describe() for e in entries) or "none"
    raise UnknownModelError(f"no model called '{wanted}' in {where}; models there: {listed}")


def scorer_with(names: list[str] | tuple[str, ...], folder: Path | None = None, *, trust_unverified: bool = False):
    """The shipped scorer with each named model in the place of the shipped model of its task."""
    from .scorer import ModelScorer, load_default_scorer

    base = load_default_scorer(folder, trust_unverified=trust_unverified)
    models = {AI_GENERATED.name: getattr(base, "ai_model", None),
              CREDIBILITY.name: getattr(base, "credibility_model", None)}
    chosen: dict[str, str] = {}
    for name in names:
        entry = find_model(name, folder)
        if entry.task in chosen and chosen[entry.task] != entry.name:
            raise UnknownModelError(f"two {entry.task} models chosen: '{chosen[entry.task]}' and '{entry.name}'")
        chosen[entry.task] = entry.name
        model = load_model(entry.path, trust_unverified=trust_unverified)
        model.name = entry.name  # reports name the model as it was chosen (its file), and find its card by it
        models[entry.task] = model
    return ModelScorer(models[AI_GENERATED.name], models[CREDIBILITY.name])


def _task(path: Path) -> str | None:
    card = read_card_file(card_path(path))
    return card.task if card is not None and card.task in TASKS else None
