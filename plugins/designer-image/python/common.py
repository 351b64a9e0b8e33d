"""Shared helpers of the image baseline ladder: load the public task and its images, write the
submission in the task's exact format with a self-check.

Each tier script (trivial.py, simple.py, strong.py, copied into the workspace as solution.py)
only turns images into features and fits a model. Only numpy, pandas, scikit-learn and Pillow
are used (Debian bookworm versions). Images are read from data/<image column> paths.
"""
import json
import os
import sys

with open("task_public.json", encoding="utf-8") as _f:
    TASK = json.load(_f)
N_JOBS = max(1, int(TASK.get("nJobs", 1)))
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(N_JOBS)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

SEED = int(TASK.get("seed", 0)) % (2**32)
DATA = "data"
SUBMISSION_PATH = "submission.csv"
EXIT_INVALID = 3
CLASSIFICATION = ("binary", "multiclass")
POSITIVE_CLASS_KEYS = ("positiveClass", "posLabel", "pos_label", "positive_class", "positiveLabel")


def log(message):
    print(f"[baseline] {message}", flush=True)


def fail_invalid(message):
    print(f"INVALID SUBMISSION: {message}", file=sys.stderr, flush=True)
    sys.exit(EXIT_INVALID)


class Task:
    """The public task: spec from task_public.json, train/test frames, the media column."""

    def __init__(self):
        spec = TASK
        self.objective = spec["objective"]
        self.target = spec["target"]
        self.id_column = spec["idColumn"]
        self.media_column = spec["mediaColumn"]
        self.prediction_columns = spec["predictionColumns"]
        self.classes = [str(c) for c in (spec.get("classes") or [])]
        self.metric = spec.get("metric") or {}
        dtypes = {self.id_column: str, self.media_column: str}
        if self.is_classification:
            dtypes[self.target] = str
        self.train = pd.read_csv(os.path.join(DATA, "train.csv"), dtype=dtypes, keep_default_na=False)
        self.test = pd.read_csv(os.path.join(DATA, "test.csv"), dtype={self.id_column: str, self.media_column: str}, keep_default_na=False)
        if self.is_classification and not self.classes:
            self.classes = sorted(self.train[self.target].unique().tolist())
        log(f"objective={self.objective} metric={self.metric.get('name')} train={len(self.train)} test={len(self.test)}")

    @property
    def is_classification(self):
        return self.objective in CLASSIFICATION

    @property
    def y(self):
        return self.train[self.target].to_numpy() if self.is_classification else self.train[self.target].astype(float).to_numpy()

    def paths(self, frame):
        return [os.path.join(DATA, p) for p in frame[self.media_column]]

    @property
    def output_mode(self):
        cols = self.prediction_columns
        if not self.is_classification:
            return "value"
        if all(c["type"] == "probability" for c in cols):
            return "positive" if len(cols) == 1 else "proba"
        return "label"

    @property
    def positive_class(self):
        params = self.metric.get("params") or {}
        for key in POSITIVE_CLASS_KEYS:
            if params.get(key) is not None:
                return str(params[key])
        return self.classes[-1]


def load_gray(path, size):
    """An image as a float array in [0, 1], grayscale, resized to size x size (box filter)."""
    from PIL import Image

    with Image.open(path) as im:
        im = im.convert("L").resize((size, size), Image.BOX)
        return np.asarray(im, dtype=np.float64) / 255.0


def align_proba(task, proba, model_classes):
    model_classes = [str(c) for c in model_classes]
    out = np.zeros((proba.shape[0], len(task.classes)))
    for j, cls in enumerate(task.classes):
        if cls in model_classes:
            out[:, j] = proba[:, model_classes.index(cls)]
    sums = out.sum(axis=1, keepdims=True)
    sums[sums == 0] = 1.0
    return out / sums


def write_predictions(task, labels=None, proba=None, values=None):
    mode = task.output_mode
    sub = pd.DataFrame({task.id_column: task.test[task.id_column].astype(str).to_numpy()})
    cols = task.prediction_columns
    if mode == "value":
        sub[cols[0]["name"]] = np.asarray(values, dtype=float)
    elif mode == "label":
        if labels is None:
            labels = np.asarray(task.classes, dtype=object)[np.argmax(proba, axis=1)]
        sub[cols[0]["name"]] = [str(v) for v in labels]
    elif mode == "proba":
        names = [c["name"] for c in cols]
        mapping = {c: c for c in task.classes} if set(names) == set(task.classes) else dict(zip(task.classes, names))
        for j, cls in enumerate(task.classes):
            sub[mapping[cls]] = proba[:, j]
        sub = sub[[task.id_column] + names]
    else:
        sub[cols[0]["name"]] = proba[:, task.classes.index(task.positive_class)]
    expected = [task.id_column] + [c["name"] for c in cols]
    if list(sub.columns) != expected:
        fail_invalid(f"columns {list(sub.columns)} != {expected}")
    if len(sub) != len(task.test) or sub[expected[1:]].isna().any().any():
        fail_invalid("wrong row count or missing predictions")
    if mode == "label" and set(sub[expected[1]]) - set(task.classes):
        fail_invalid("labels not in classes")
    tmp = SUBMISSION_PATH + ".tmp"
    sub.to_csv(tmp, index=False, float_format="%.10g", lineterminator="\n")
    os.replace(tmp, SUBMISSION_PATH)
    log(f"wrote {SUBMISSION_PATH}: {len(sub)} rows")


def prior_predictions(task):
    """The constant prediction: class prior (and majority class), or the mean / median."""
    n = len(task.test)
    if not task.is_classification:
        y = task.y
        name = str(task.metric.get("name", "")).lower()
        return {"values": np.full(n, float(np.median(y) if name in ("mae", "median_absolute_error") else np.mean(y)))}
    labels = pd.Series(task.y)
    counts = labels.value_counts()
    prior = np.array([counts.get(c, 0) for c in task.classes], dtype=float)
    prior /= prior.sum()
    return {"labels": np.full(n, task.classes[int(np.argmax(prior))], dtype=object), "proba": np.tile(prior, (n, 1))}


def fit_predict(task, model, X_train, X_test):
    """Fits a sklearn model and returns predictions in write_predictions' form."""
    model.fit(X_train, task.y)
    if not task.is_classification:
        return {"values": model.predict(X_test)}
    proba = align_proba(task, model.predict_proba(X_test), model.classes_)
    return {"labels": model.predict(X_test), "proba": proba}


def run(build_and_predict):
    task = Task()
    np.random.seed(SEED)
    write_predictions(task, **build_and_predict(task))
