"""Throughput and scale of `credibility score`: articles/s, MB/s, peak memory, linear growth, references.

Run from the project root (needs ../shared/data)::

    python benchmarks/bench_throughput.py                       # quick: 100 and 1,000 articles
    python benchmarks/bench_throughput.py --sizes 100,1000,10000,100000 --output benchmarks/RESULTS.md
    python benchmarks/bench_throughput.py --jobs-only --jobs-size 2000   # --jobs 1 vs 2 only (with CPU s)
    git archive main | tar -x -C /tmp/main_tree                 # before/after, alternating in one run:
    python benchmarks/bench_throughput.py --against /tmp/main_tree --stage-articles 500

What it measures, all in one run so that a busy machine slows every row alike (compare the ratios):
1. the `credibility score` command (a subprocess, JSONL in, JSONL out) on N articles sampled from the
   shared news corpora: wall-clock articles/s, MB/s, and the peak resident memory of the whole process
   tree (the CLI and its joblib workers, sampled every 50 ms); N grows to show memory stays flat;
2. --jobs 1 against --jobs 2 on the same input (identical output is checked);
3. the whole chain as `credibility score` runs it per chunk (``batch.score_chunk``) on N distinct
   articles never seen before in the process (English and Dutch mixed, as they come), and then, on
   other distinct articles, each stage: HTML extraction of the same articles wrapped as web pages,
   parsing (incl. language identification), every extractor, the two models (scored 16 articles per
   call, as `credibility score` does);
4. how time per article grows with article length (texts of 1 to 32 articles glued together): the fitted
   log-log slope must stay near 1 (linear);
5. reference pipelines a user might run instead, on the same articles as the whole chain of 3, in the
   same process: textstat's five common measures (Flesch reading ease, Flesch-Kincaid grade, Gunning
   fog, SMOG, Coleman-Liau) and its ten-measure suite, each article in its own language and with
   Pyphen's per-word cache emptied first (the hyphenation cache is shared by every Pyphen user in the
   process: without this textstat would read syllables our run had just computed), and a TF-IDF +
   logistic-regression classifier (scikit-learn), with the ratios.

In-process sections are timed in CPU seconds of this process (``time.process_time``): on a machine
shared with other work, wall-clock time measures the neighbours as much as the code.

"Both models": the shipped models when ``models/`` has them, otherwise stand-ins of the same kinds
(gradient-boosted trees for AI text, logistic regression for credibility) fitted here on a few hundred
labelled articles, so that the scoring cost is the real one. Sampling repeats articles for large N, which
makes per-word caches warmer than on a real feed; the in-process stage timings use distinct articles.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import psutil

from credibility.paths import shared_data_dir

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_data_dir()  # ../shared/data, or $CREDIBILITY_SHARED_DATA
# Typical news articles (English and Dutch, human and machine-written); their labels fit the stand-in models.
NEWS_FILES = (
    "credibility/articles.jsonl",
    "news_nl/dpgmedia2019.jsonl",
    "ai_text/clin33_en_news.jsonl",
    "ai_text/clin33_nl_news.jsonl",
    "ai_text/l2r_news.jsonl",
    "ai_text/sheepdog_politifact.jsonl",
)
MIN_WORDS, MAX_WORDS = 80, 3000  # a news article, not a tweet or a dump
TEXTSTAT_FIVE = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
)
TEXTSTAT_SUITE = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "difficult_words",
    "linsear_write_formula",
    "gunning_fog",
    "text_standard",
)
POLL_SECONDS = 0.05
CHUNK = 16  # articles per chunk, as `credibility score` (batch.DEFAULT_CHUNK_SIZE)
MODELS_BATCHED = f"models (both, incl. surface features; {CHUNK} articles per score_many call, as `score` does)"
MODELS_SINGLE = "(models, one article per call: not counted)"
TARGET_PER_CORE = 200  # articles/s per core, issue #6
PROGRESS_SECONDS = 60.0


# -- corpus ----------------------------------------------------------------------------------------
def load_pool(seed: int = 0) -> list[dict]:
    """Distinct news articles (text, title, lang, labels) from the shared corpora, shuffled."""
    pool = []
    for name in NEWS_FILES:
        with (SHARED / name).open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                text = record.get("text") or ""
                if MIN_WORDS <= len(text.split()) <= MAX_WORDS:
                    pool.append(
                        {
                            "text": text,
                            "title": record.get("title"),
                            "label": record.get("label"),
                            "file": name,
                            "lang": "nl" if "_nl" in name or name.startswith("news_nl") else "en",
                        }
                    )
    random.Random(seed).shuffle(pool)
    return pool


def write_sample(pool: list[dict], n: int, path: Path, seed: int) -> int:
    """Write ``n`` articles sampled (with replacement) from ``pool`` as JSONL; returns the text bytes."""
    rng = random.Random(seed)
    size = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            article = pool[i] if n <= len(pool) else pool[rng.randrange(len(pool))]
            size += len(article["text"].encode("utf-8"))
            fh.write(json.dumps({"id": f"a{i}", "title": article["title"], "text": article["text"]}) + "\n")
    return size


# -- models ----------------------------------------------------------------------------------------
def prepare_models(pool: list[dict], workdir: Path) -> tuple[object, str]:
    """The scorer to time and a description; sets CREDIBILITY_MODELS_DIR for the CLI when stand-ins are used."""
    from credibility.models.scorer import load_default_scorer

    shipped = load_default_scorer()
    if shipped is not None:
        return shipped, "shipped models (models/)"
    from threadpoolctl import threadpool_limits

    from credibility.models.features import featurize_texts
    from credibility.models.scorer import AI_MODEL_FILE, CREDIBILITY_MODEL_FILE, ModelScorer
    from credibility.models.store import save_model
    from credibility.models.training import fit_binary

    def fit(rows: list[dict], positive: str, kind: str, task: str, classes: tuple[str, str]):
        X, names = featurize_texts([r["text"] for r in rows], [r["title"] for r in rows], cache=False, n_jobs=1)  # noqa: N806
        y = np.array([int(r["label"] == positive) for r in rows])
        # One OpenMP thread: on a busy 2-core machine the trees' thread pool spins (83 s instead of 13 s).
        with threadpool_limits(1):
            fitted = fit_binary(X, y, np.arange(len(rows)), names, name=f"bench-{task}", task=task,
                                classes=classes, candidates=(kind,), n_splits=2, target_fpr=0.05)
        return fitted.model

    ai_rows = [r for r in pool if r["label"] in ("human", "machine") and r["file"].startswith("ai_text")][:300]
    cred_rows = [r for r in pool if r["label"] in ("credible", "not_credible")][:300]
    ai = fit(ai_rows, "machine", "gbt", "ai_generated", ("human", "machine"))
    cred = fit(cred_rows, "not_credible", "linear", "credibility", ("credible", "not_credible"))
    models = workdir / "models"
    models.mkdir()
    save_model(ai, models / AI_MODEL_FILE, markdown=False)
    save_model(cred, models / CREDIBILITY_MODEL_FILE, markdown=False)
    os.environ["CREDIBILITY_MODELS_DIR"] = str(models)
    return ModelScorer(ai, cred), "stand-in models fitted here (gbt AI model, linear credibility model)"


# -- the CLI, measured from outside --------------------------------------------------------------
def run_cli(
    input_path: Path, output_path: Path, jobs: int, no_model: bool = False, mark: int = 0
) -> tuple[float, int, float | None]:
    """Wall seconds, peak resident bytes (process tree) and the second at which ``mark`` records had been
    written (None if ``mark`` is 0), of one `credibility score` run."""
    command = [sys.executable, "-m", "credibility.cli", "score", str(input_path), "-f", "jsonl",
               "-o", str(output_path), "-j", str(jobs), "-q", *(["--no-model"] if no_model else [])]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(process.pid)
    peak = 0
    progress = _Progress(output_path)
    counter = _LineCounter(output_path)
    mark_seconds = None
    while process.poll() is None:
        peak = max(peak, _tree_rss(root))
        progress.maybe_note(time.perf_counter() - start, peak)
        if mark and mark_seconds is None and counter.count() >= mark:
            mark_seconds = time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the CLI and the workers it reaped
    LAST_RUN_CPU_SECONDS[0] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0, 1):
        raise RuntimeError(f"credibility score failed ({process.returncode}): {stderr[-2000:]}")
    return seconds, peak, mark_seconds


# CPU seconds (user + system) of the last ``run_cli``, its workers included: on a shared machine the
# work done does not depend on how many cores other users leave free, the wall time does.
LAST_RUN_CPU_SECONDS = [0.0]


class _LineCounter:
    """Records written so far, reading only the bytes added since the last call."""

    def __init__(self, path: Path) -> None:
        self.path, self.offset, self.lines = path, 0, 0

    def count(self) -> int:
        if self.path.exists():
            with self.path.open("rb") as fh:
                fh.seek(self.offset)
                data = fh.read()
            self.offset += len(data)
            self.lines += data.count(b"\n")
        return self.lines


class _Progress:
    """Every PROGRESS_SECONDS, note the records written so far and the peak memory (a long run that is
    stopped early still shows whether memory stayed flat)."""

    def __init__(self, output_path: Path) -> None:
        self.path = output_path
        self.offset = 0
        self.records = 0
        self.last = 0.0

    def maybe_note(self, elapsed: float, peak: int) -> None:
        if elapsed - self.last < PROGRESS_SECONDS or not self.path.exists():
            return
        self.last = elapsed
        with self.path.open("rb") as fh:
            fh.seek(self.offset)
            data = fh.read()
        self.offset += len(data)
        self.records += data.count(b"\n")
        note(f"  {self.records:,} records after {elapsed:.0f} s ({self.records / elapsed:.0f}/s), peak RSS so far {mib(peak)}")


def _tree_rss(root: psutil.Process) -> int:
    total = 0
    try:
        for proc in [root, *root.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                continue
    except psutil.Error:
        pass
    return total


def same_records(a: Path, b: Path) -> bool:
    """Identical JSONL records (all fields, in order)."""
    with a.open(encoding="utf-8") as fa, b.open(encoding="utf-8") as fb:
        return all(x == y for x, y in zip(fa, fb, strict=True))


def count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for _ in fh)


# -- in-process stage timings --------------------------------------------------------------------
def timed(func: Callable[[], object]) -> float:
    """CPU seconds of this process spent in ``func``."""
    start = time.process_time()
    func()
    return time.process_time() - start


def warm_up(articles: list[dict], scorer) -> None:
    """One-off loads (language model, lexicons, word tables, CMU dictionary, detector) are not timed."""
    from credibility.analysis import analyze_document
    from credibility.document import build_document

    for a in articles:
        analyze_document(build_document(a["text"], title=a["title"]), scorer)


def clear_textstat_caches() -> None:
    """Empty textstat's per-text result caches (so a second set of measures pays its own counting)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", "").startswith("textstat"):
                    value.cache_clear()


def stage_timings(articles: list[dict], scorer, warmup: list[dict]) -> dict[str, float]:
    """CPU seconds of each stage over ``articles`` (distinct; the per-word caches hold the words of the articles
    met before, as in a feed)."""
    from credibility.analysis import analyze_document
    from credibility.document import build_document
    from credibility.report import Report
    from credibility.signals import EXTRACTORS

    warm_up(warmup, scorer)
    seconds: dict[str, float] = {}
    pages = [as_html_page(a) for a in articles]
    seconds[HTML_STAGE] = timed(lambda: [html_item(page, i) for i, page in enumerate(pages)])
    docs: list = []
    seconds["parse (build_document)"] = timed(
        lambda: docs.extend(build_document(a["text"], title=a["title"]) for a in articles)
    )
    for name, extractor in EXTRACTORS.items():
        seconds[f"signal: {name}"] = timed(lambda e=extractor: [e(d) for d in docs])
    reports = [analyze_document(d) for d in docs]  # features for the models, not timed here

    def fresh() -> list:
        for d in docs:
            d.extra.pop("surface_features", None)  # the models compute these: time them too
        return [Report(id=r.id, features=r.features) for r in reports]

    if hasattr(scorer, "score_many"):
        batch = fresh()
        seconds[MODELS_BATCHED] = timed(
            lambda: [scorer.score_many(docs[i : i + CHUNK], batch[i : i + CHUNK]) for i in range(0, len(docs), CHUNK)]
        )
    single = fresh()
    seconds[MODELS_SINGLE] = timed(lambda: [scorer.score(d, r) for d, r in zip(docs, single, strict=True)])
    return seconds


HTML_STAGE = "(ingest: the same articles as HTML pages → text, trafilatura: not counted)"


def as_html_page(article: dict) -> str:
    """A plain news web page holding the article (title, byline-free body in <p> paragraphs)."""
    import html

    title = html.escape(article["title"] or "")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article["text"].split("\n") if p.strip())
    return (f"<!doctype html><html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article><footer>© News site</footer></body></html>")


def html_item(page: str, i: int):
    from credibility.ingest.html import parse_html

    return parse_html(page, id=f"h{i}", source_path=None)


def full_pipeline_seconds(articles: list[dict], scorer) -> float:
    """Parse + every signal + both models, chunk by chunk exactly as `credibility score` runs it."""
    from credibility.batch import score_chunk
    from credibility.ingest.items import InputItem

    items = [InputItem(id=f"f{i}", text=a["text"], title=a["title"]) for i, a in enumerate(articles)]
    return timed(lambda: [score_chunk(items[i : i + CHUNK], scorer) for i in range(0, len(items), CHUNK)])


def textstat_seconds(articles: list[dict], measures: tuple[str, ...], clear: bool = True) -> float:
    """textstat's ``measures`` on each article in the article's language, offline, with Pyphen's shared
    per-word hyphenation cache emptied first (new articles, new words: as our own run met them)."""
    import pyphen

    from credibility.offline_textstat import textstat_module

    textstat = textstat_module()
    functions = [getattr(textstat, name) for name in measures]
    for lang in sorted({a["lang"] for a in articles}):  # one-off loads (CMU phone dictionary, patterns): untimed
        textstat.set_lang(lang)
        for func in functions:
            func(f"Warm up the {lang} dictionaries, once.")
    if clear:
        for hyphenation in pyphen.hdcache.values():
            hyphenation.cache.clear()

    def run() -> None:
        for a in articles:
            textstat.set_lang(a["lang"])
            for func in functions:
                func(a["text"])
        textstat.set_lang("en")

    return timed(run)


def make_bow():
    """The project's bag-of-words baseline (``experiments/baseline.py``)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from experiments.baseline import make_bow as baseline

    return baseline()


def tfidf_seconds(train: list[dict], articles: list[dict]) -> tuple[float, float]:
    """(fit seconds, predict seconds) of a TF-IDF + logistic regression credibility classifier."""

    rows = [r for r in train if r["label"] in ("credible", "not_credible")][:2000]
    model = make_bow()
    fit = timed(lambda: model.fit([r["text"] for r in rows], [r["label"] for r in rows]))
    predict = timed(lambda: [model.predict_proba([a["text"]]) for a in articles])  # one article at a time
    return fit, predict


def tfidf_batch_seconds(train: list[dict], articles: list[dict]) -> float:
    rows = [r for r in train if r["label"] in ("credible", "not_credible")][:2000]
    model = make_bow().fit([r["text"] for r in rows], [r["label"] for r in rows])
    return timed(lambda: model.predict_proba([a["text"] for a in articles]))


def length_growth(pool: list[dict], scorer, factors: tuple[int, ...], per_factor: int) -> list[tuple[int, float, float]]:
    """(factor, mean chars, seconds per article) for texts made of ``factor`` articles glued together."""
    from credibility.analysis import analyze_document
    from credibility.document import build_document

    english = [a for a in pool if a["file"] in ("credibility/articles.jsonl", "ai_text/l2r_news.jsonl")]
    rows = []
    offset = 0
    for factor in factors:
        texts = []
        for _ in range(per_factor):
            parts = english[offset : offset + factor]
            offset = (offset + factor) % max(1, len(english) - 64)
            texts.append("\n\n".join(p["text"] for p in parts))
        seconds = timed(lambda ts=texts: [analyze_document(build_document(t, lang="en"), scorer) for t in ts])
        rows.append((factor, statistics.fmean(len(t) for t in texts), seconds / len(texts)))
    return rows


def loglog_slope(rows: list[tuple[int, float, float]]) -> float:
    x = np.log([r[1] for r in rows])
    y = np.log([r[2] for r in rows])
    return float(np.polyfit(x, y, 1)[0])


# -- report --------------------------------------------------------------------------------------
def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def mib(n: float) -> str:
    return f"{n / (1 << 20):.0f} MiB"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}/{five:.2f}/{fifteen:.2f}"


def machine() -> str:
    load = os.getloadavg()
    return (f"{platform.node()} · {platform.platform()} · Python {platform.python_version()} · "
            f"{os.cpu_count()} cores · {mib(psutil.virtual_memory().total)} RAM · "
            f"load average at start {load[0]:.2f}/{load[1]:.2f}/{load[2]:.2f}")


def note(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message} ({load()})", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated article counts for the CLI runs")
    parser.add_argument("--memory-jobs", type=int, default=2, help="--jobs for the size runs")
    parser.add_argument("--jobs-size", type=int, default=1000, help="articles for the 1-vs-2-jobs runs")
    parser.add_argument("--stage-articles", type=int, default=600, help="distinct articles for stage timings")
    parser.add_argument("--growth", default="1,2,4,8,16,32", help="length factors for the linearity check")
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI runs (in-process sections only)")
    parser.add_argument("--cli-no-model", action="store_true", help="CLI runs with --no-model (signals only)")
    parser.add_argument("--sizes-only", action="store_true", help="only the CLI runs at --sizes (memory check)")
    parser.add_argument("--jobs-only", action="store_true",
                        help="only the --jobs 1 vs --jobs 2 runs (--sizes is then ignored)")
    parser.add_argument("--output", type=Path, help="also write the Markdown report here")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--against", type=Path, metavar="TREE",
                        help="only compare this code with the code in TREE (e.g. `git archive main` unpacked there): "
                             "the whole chain alternately in both, chunk by chunk, and textstat's five measures")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)  # internal: a worker of --against
    args = parser.parse_args(argv)
    if args.worker:
        _worker()
        return
    if args.against:
        compare_trees(args.against.resolve(), args.stage_articles, args.seed, args.output,
                      "python benchmarks/bench_throughput.py " + " ".join(sys.argv[1:] if argv is None else argv))
        return
    sizes = [] if args.jobs_only else [int(s) for s in args.sizes.split(",") if s]
    command = "python benchmarks/bench_throughput.py " + " ".join(sys.argv[1:] if argv is None else argv)
    out: list[str] = [f"# Throughput benchmark — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "", f"Command: `{command.strip()}`",
                      "", f"Machine: {machine()}", ""]

    def emit(text: str = "") -> None:
        out.append(text)
        print(text, flush=True)

    for line in out:
        print(line, flush=True)
    pool = load_pool(args.seed)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        note("preparing models")
        scorer, model_note = prepare_models(pool, work)
        emit(f"Models: {model_note}. Article pool: {len(pool)} distinct news articles "
             f"({MIN_WORDS}–{MAX_WORDS} words) from {', '.join(NEWS_FILES)}.")
        emit()

        if not args.no_cli:
            # 1 and 3: the CLI at growing N, then 1 vs 2 jobs.
            what = "signals only (--no-model)" if args.cli_no_model else "signals + both models"
            if sizes:
                emit(f"## `credibility score` (JSONL in → JSONL out, {what}, --jobs {args.memory_jobs}; {load()} at start)")
                emit()
                rows = []
                previous = (0, 0.0)
                for n in sizes:
                    src, dst = work / f"in{n}.jsonl", work / f"out{n}.jsonl"
                    size = write_sample(pool, n, src, args.seed)
                    note(f"credibility score on {n} articles")
                    seconds, peak, _ = run_cli(src, dst, args.memory_jobs, args.cli_no_model)
                    assert count_lines(dst) == n, "every article must have a record"
                    marginal = (n - previous[0]) / (seconds - previous[1]) if previous[0] and seconds > previous[1] else None
                    previous = (n, seconds)
                    rows.append([f"{n:,}", f"{seconds:.1f}", f"{n / seconds:.0f}", "-" if marginal is None else f"{marginal:.0f}",
                                 f"{size / seconds / 1e6:.2f}", mib(peak), load().split()[-1]])
                    src.unlink()
                    dst.unlink()
                emit(table(["articles", "wall s", "articles/s", "marginal articles/s", "MB/s", "peak RSS (CLI + workers)",
                            "load 1/5/15 min after"], rows))
                emit()
                emit("Wall time includes start-up (imports, model loading, worker start), which dominates small N; "
                     "'marginal' is the extra articles over the extra seconds against the previous row.")
                emit()

            if args.sizes_only:
                _finish(out, args.output)
                return
            n = args.jobs_size
            src = work / "jobs.jsonl"
            size = write_sample(pool, n, src, args.seed + 1)
            results = {}
            start_load = load()
            cpu = {}
            for jobs in (1, 2):
                note(f"credibility score --jobs {jobs} on {n} articles")
                dst = work / f"jobs{jobs}.jsonl"
                results[jobs] = (*run_cli(src, dst, jobs, args.cli_no_model, mark=n // 10), dst)
                cpu[jobs] = LAST_RUN_CPU_SECONDS[0]
            identical = same_records(results[1][3], results[2][3])
            emit(f"## --jobs 1 vs --jobs 2 ({n:,} articles, {what}; {start_load} at start, {load()} at end)")
            emit()
            def steady(s: float, m: float | None) -> float:
                return (n - n // 10) / (s - m) if m is not None and s > m else float("nan")

            emit(table(
                ["jobs", "wall s", "articles/s", "articles/s per core", "MB/s", "peak RSS",
                 "start-up s (to 10% written)", "articles/s after that", "per core after that"],
                [[str(j), f"{s:.1f}", f"{n / s:.0f}", f"{n / s / j:.0f}", f"{size / s / 1e6:.2f}", mib(p),
                  f"{m:.1f}" if m is not None else "-", f"{steady(s, m):.0f}", f"{steady(s, m) / j:.0f}"]
                 for j, (s, p, m, _) in results.items()],
            ))
            emit()
            emit(f"Speed-up with 2 jobs: {results[1][0] / results[2][0]:.2f}× overall, "
                 f"{steady(results[2][0], results[2][2]) / steady(results[1][0], results[1][2]):.2f}× after start-up; "
                 f"records identical and in input order: {'yes' if identical else 'NO'}.")
            emit()
            emit(f"CPU seconds of the whole run (CLI + workers): --jobs 1 {cpu[1]:.1f}, --jobs 2 {cpu[2]:.1f} "
                 f"(ratio {cpu[2] / cpu[1]:.2f}: the extra work two processes do; with two free cores the "
                 f"speed-up would be about {2 * cpu[1] / cpu[2]:.2f}×).")
            emit()
            if args.jobs_only:
                _finish(out, args.output)
                return

    # 3: the whole chain on distinct articles first (nothing of them seen before), then stages on others.
    m = min(args.stage_articles, len(pool) // 3)
    articles = pool[:m]
    mb = sum(len(a["text"].encode("utf-8")) for a in articles) / 1e6
    languages = ", ".join(f"{sum(a['lang'] == lang for a in articles)} {lang}" for lang in ("en", "nl"))
    note("whole chain")
    warm_up(pool[-12:], scorer)
    full = full_pipeline_seconds(articles, scorer)
    note("stage timings")
    stages = stage_timings(pool[m : 2 * m], scorer, warmup=pool[-12:])
    emit(f"## Stages in one process ({m} distinct articles each, {mb / m * 1e6 / 1000:.1f} kB mean, {languages}; "
         f"CPU time; {load()} after)")
    emit()
    stage_rows = [[name, f"{1000 * s / m:.2f}", f"{m / s:.0f}"] for name, s in stages.items()]
    staged = sum(v for k, v in stages.items() if not k.startswith("("))
    stage_rows.append(["sum of the counted stages", f"{1000 * staged / m:.2f}", f"{m / staged:.0f}"])
    stage_rows.append([f"**all stages as `score` runs them** (`batch.score_chunk`, {CHUNK} per chunk; the articles "
                       "of the reference table, met first)", f"{1000 * full / m:.2f}", f"{m / full:.0f}"])
    emit(table(["stage", "ms/article", "articles/s"], stage_rows))
    emit()

    # 5: references on the same articles as the whole chain.
    note("reference pipelines")
    five = textstat_seconds(articles, TEXTSTAT_FIVE)
    clear_textstat_caches()
    ten = textstat_seconds(articles, TEXTSTAT_SUITE)
    fit, one_by_one = tfidf_seconds(pool[2 * m :], articles)
    batch = tfidf_batch_seconds(pool[2 * m :], articles)
    emit(f"## Reference pipelines (the same {m} distinct articles, {languages}, one process, CPU time; {load()} after)")
    emit()
    emit(table(
        ["pipeline", "ms/article", "articles/s", "ours costs × the reference"],
        [[name, f"{1000 * sec / m:.2f}", f"{m / sec:.0f}", f"**{full / sec:.2f}**"] for name, sec in (
            ("credibility: the whole chain as `score` runs it (parse, every signal, both models)", full),
            ("textstat's five common measures (Flesch, Flesch-Kincaid, Gunning fog, SMOG, Coleman-Liau)", five),
            ("textstat's ten-measure suite", ten),
            ("TF-IDF + logistic regression, one article per call", one_by_one),
            ("TF-IDF + logistic regression, one batch", batch),
        )],
    ))
    emit()
    emit(f"(TF-IDF model fitted on up to 2,000 other labelled articles in {fit:.1f} s, not counted above. "
         "Below 1.00 means credibility costs less CPU per article than the reference.)")
    emit()

    # 4: linear growth with length.
    note("length growth")
    factors = tuple(int(f) for f in args.growth.split(","))
    growth = length_growth(pool, scorer, factors, per_factor=max(4, 64 // max(factors)))
    base = growth[0][2] / growth[0][1]
    emit(f"## Time against article length (English news glued together, parse + signals + models; {load()} after)")
    emit()
    emit(table(
        ["articles glued", "mean chars", "ms/article", "µs per 1,000 chars", "relative to 1 article"],
        [[str(f), f"{c:,.0f}", f"{1000 * s:.1f}", f"{1e9 * s / c:.0f}", f"{(s / c) / base:.2f}"]
         for f, c, s in growth],
    ))
    emit()
    slope = loglog_slope(growth)
    emit(f"Fitted slope of log(time) on log(length): {slope:.2f} (1.00 = linear; "
         f"{'linear' if slope < 1.15 else 'SUPER-LINEAR'}).")
    emit()
    per_core = m / full
    emit(f"Per core (one process, all stages as `score` runs them): {per_core:.0f} articles/s against a target of "
         f"{TARGET_PER_CORE} ({'met' if per_core >= TARGET_PER_CORE else 'NOT met'} at {load()}).")
    emit()
    _finish(out, args.output)


# -- before/after: two code trees timed alternately in one run ----------------------------------------
def compare_trees(other: Path, n: int, seed: int, output: Path | None, command: str) -> None:
    """The whole chain of this tree and of ``other`` on the same distinct articles, chunk by chunk in turn
    (each in its own worker process, CPU time), and textstat's five measures in a third worker: a busy
    machine slows the three alike, so the ratios hold even when the absolute times do not."""
    pool = load_pool(seed)
    articles = pool[:n]
    warm = pool[-12:]
    trees = {"this tree": ROOT, f"{other}": other}
    workers = {name: _start_worker(tree) for name, tree in trees.items()}
    workers["textstat five"] = _start_worker(ROOT)
    totals = dict.fromkeys(workers, 0.0)
    try:
        for name in trees:  # one-off loads (models, lexicons, word tables, dictionaries) are not timed
            _ask(workers[name], "chain", warm)
        _ask(workers["textstat five"], "textstat", warm)
        note(f"timing {len(articles)} articles in chunks of {CHUNK}")
        for start in range(0, len(articles), CHUNK):
            chunk = articles[start : start + CHUNK]
            for name in trees:
                totals[name] += _ask(workers[name], "chain", chunk)
            totals["textstat five"] += _ask(workers["textstat five"], "textstat", chunk)
    finally:
        for worker in workers.values():
            worker.stdin.close()
            worker.wait()
    languages = ", ".join(f"{sum(a['lang'] == lang for a in articles)} {lang}" for lang in ("en", "nl"))
    out = [f"# Before/after — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC", "", f"Command: `{command}`", "",
           f"Machine: {machine()}", "",
           f"{len(articles)} distinct articles ({languages}), the whole chain as `score` runs it "
           f"(`batch.score_chunk`, {CHUNK} per chunk, both shipped models), each tree in its own process, "
           f"chunks alternating; CPU time; {load()} at the end.", "",
           table(["pipeline", "ms/article", "costs × textstat's five"],
                 [[name, f"{1000 * sec / len(articles):.2f}", f"{sec / totals['textstat five']:.2f}"]
                  for name, sec in totals.items()]), "",
           f"This tree costs {totals['this tree'] / totals[str(other)]:.2f}× the other "
           f"({totals[str(other)] / totals['this tree']:.2f}× faster).", ""]
    print("\n".join(out), flush=True)
    _finish(out, output)


def _start_worker(tree: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(tree), "CREDIBILITY_SHARED_DATA": str(SHARED)}
    return subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--worker", str(tree)], cwd=tree, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _ask(worker: subprocess.Popen, kind: str, articles: list[dict]) -> float:
    worker.stdin.write(json.dumps({"kind": kind, "articles": articles}) + "\n")
    worker.stdin.flush()
    return float(worker.stdout.readline())


def _worker() -> None:
    """Answer each request on stdin ({"kind": "chain"|"textstat", "articles": [...]}) with CPU seconds."""
    from credibility.batch import score_chunk
    from credibility.ingest.items import InputItem
    from credibility.models.scorer import load_default_scorer

    scorer = load_default_scorer()
    for line in sys.stdin:
        request = json.loads(line)
        articles = request["articles"]
        if request["kind"] == "chain":
            items = [InputItem(id=str(i), text=a["text"], title=a["title"]) for i, a in enumerate(articles)]
            seconds = timed(lambda its=items: score_chunk(its, scorer))
        else:
            seconds = textstat_seconds(articles, TEXTSTAT_FIVE, clear=False)
        print(seconds, flush=True)


def _finish(out: list[str], output: Path | None) -> None:
    if output:
        output.write_text("\n".join(out) + "\n", encoding="utf-8")
        print(f"written to {output}")


if __name__ == "__main__":
    main()
