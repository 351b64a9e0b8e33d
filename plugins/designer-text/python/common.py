"""Shared helpers of the text baseline ladder: load the public task and its documents, write the
submission in the task's exact format, and check it before handing it back.

Each tier script (trivial.py, simple.py, strong.py, copied into the workspace as solution.py)
only builds a model. Documents are the text column of train.csv/test.csv, or UTF-8 files under
data/ named by the text-file column. Only numpy, pandas, scikit-learn and scipy are used
(Debian bookworm versions, sklearn 1.2).
"""
import json
import os
import sys

with open("task_public.json", encoding="utf-8") as _f:
    TASK = json.load(_f)
N_JOBS = max(1, int(TASK.get("nJobs", 1)))
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(N_JOBS)
os.environ.setdefault("PYTHONHASHSEED", "0")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

SEED = int(TASK.get("seed", 0)) % (2**32)
DATA_DIR = "data"
SUBMISSION_PATH = "submission.csv"
EXIT_INVALID = 3
CLASSIFICATION = ("binary", "multiclass")
POSITIVE_CLASS_KEYS = ("pos_label", "positiveClass", "posLabel", "positive_class")


def log(message):
    print(f"[text-baseline] {message}", flush=True)


def fail_invalid(message):
    print(f"INVALID SUBMISSION: {message}", file=sys.stderr, flush=True)
    sys.exit(EXIT_INVALID)


def read_document(relative):
    # utf-8-sig drops a byte-order mark; the designer has checked every file is UTF-8.
    with open(os.path.join(DATA_DIR, relative), encoding="utf-8-sig") as f:
        return f.read()


class Task:
    """The public task: train/test documents and labels, and the submission format."""

    def __init__(self):
        spec = TASK
        self.objective = spec["objective"]
        self.target = spec["target"]
        self.id_column = spec["idColumn"]
        self.prediction_columns = spec["predictionColumns"]
        self.classes = [str(c) for c in (spec.get("classes") or [])]
        self.metric = spec.get("metric") or {}
        self.text_column = spec["textColumn"]
        self.layout = spec["layout"]
        if self.objective not in CLASSIFICATION + ("regression",):
            raise SystemExit(f"unsupported objective for text baselines: {self.objective}")
        text = {self.id_column: str, self.text_column: str}
        train_types = dict(text)
        if self.is_classification:
            train_types[self.target] = str
        self.train = pd.read_csv(os.path.join(DATA_DIR, "train.csv"), dtype=train_types, keep_default_na=False, na_values=[""])
        self.test = pd.read_csv(os.path.join(DATA_DIR, "test.csv"), dtype=text, keep_default_na=False, na_values=[""])
        self.train = self.train[self.train[self.target].notna()].reset_index(drop=True)
        if self.is_classification and not self.classes:
            self.classes = sorted(self.train[self.target].unique().tolist())
        self.train_texts = self.documents(self.train)
        self.test_texts = self.documents(self.test)
        log(f"objective={self.objective} metric={self.metric.get('name')} layout={self.layout} train={len(self.train)} test={len(self.test)}")

    def documents(self, frame):
        values = frame[self.text_column].fillna("").astype(str).tolist()
        if self.layout == "files":
            return [read_document(v) if v else "" for v in values]
        return values

    @property
    def is_classification(self):
        return self.objective in CLASSIFICATION

    @property
    def y(self):
        return self.train[self.target] if self.is_classification else self.train[self.target].astype(float)

    @property
    def wants_probability(self):
        return any(c["type"] == "probability" for c in self.prediction_columns)

    @property
    def positive_class(self):
        params = self.metric.get("params") or {}
        for key in POSITIVE_CLASS_KEYS:
            if params.get(key) is not None:
                return str(params[key])
        return self.classes[-1]


def align_proba(task, proba, model_classes):
    """Re-orders predict_proba output into `task.classes` order; classes unseen in train get 0."""
    model_classes = [str(c) for c in model_classes]
    out = np.zeros((proba.shape[0], len(task.classes)))
    for j, cls in enumerate(task.classes):
        if cls in model_classes:
            out[:, j] = proba[:, model_classes.index(cls)]
    sums = out.sum(axis=1, keepdims=True)
    sums[sums == 0] = 1.0
    return out / sums


def write_predictions(task, labels=None, proba=None, values=None):
    """Builds submission.csv in the task's format, checks it, and writes it atomically."""
    sub = pd.DataFrame({task.id_column: task.test[task.id_column].astype(str).to_numpy()})
    col = task.prediction_columns[0]
    if len(task.prediction_columns) != 1:
        raise SystemExit("text baselines write exactly one prediction column")
    if not task.is_classification:
        values = np.asarray(values, dtype=float)
        sub[col["name"]] = np.rint(values).astype(np.int64) if col["type"] == "integer" else values
    elif col["type"] == "probability":
        sub[col["name"]] = proba[:, task.classes.index(task.positive_class)]
    else:
        if labels is None:
            labels = np.asarray(task.classes, dtype=object)[np.argmax(proba, axis=1)]
        sub[col["name"]] = [str(v) for v in labels]
    check_submission(task, sub)
    tmp = SUBMISSION_PATH + ".tmp"
    sub.to_csv(tmp, index=False, float_format="%.10g", lineterminator="\n")
    os.replace(tmp, SUBMISSION_PATH)
    log(f"wrote {SUBMISSION_PATH}: {len(sub)} rows")


def check_submission(task, sub):
    if len(sub) != len(task.test):
        fail_invalid(f"{len(sub)} rows, test has {len(task.test)}")
    values = sub.iloc[:, 1]
    if values.isna().any():
        fail_invalid("missing predictions")
    col = task.prediction_columns[0]
    if col["type"] in ("probability", "number", "integer"):
        arr = values.to_numpy(dtype=float)
        if not np.isfinite(arr).all():
            fail_invalid("non-finite predictions")
        if col["type"] == "probability" and ((arr < 0).any() or (arr > 1).any()):
            fail_invalid("probabilities outside [0, 1]")
    elif task.is_classification:
        unknown = set(values) - set(task.classes)
        if unknown:
            fail_invalid(f"labels not in classes: {sorted(unknown)[:5]}")


def run(build_and_predict):
    """Entry point of every tier script: `build_and_predict(task)` returns a dict for write_predictions."""
    task = Task()
    np.random.seed(SEED)
    write_predictions(task, **build_and_predict(task))
