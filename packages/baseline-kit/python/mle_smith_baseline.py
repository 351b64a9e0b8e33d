"""What every baseline ladder shares: load the public task (task_public.json), cap threads, read
data/, align probabilities, write submission.csv in the task's exact format and self-check it.

Copied into the workspace next to solution.py (the tier script) and the modality's own module
(tabular.py, text.py, image.py, audio.py), which reads the examples and builds features. Only
numpy and pandas are imported here (Debian bookworm versions).
"""
import json
import os
import sys

# Thread limits must be in the environment before numpy/BLAS/OpenMP load.
with open("task_public.json", encoding="utf-8") as _f:
    TASK = json.load(_f)
DATA_DIR = "data"
TRAIN_PATH = os.path.join(DATA_DIR, "train.csv")
TEST_PATH = os.path.join(DATA_DIR, "test.csv")
# nJobs is the cap (the executor's cpu limit). A solver that sets MLE_SMITH_SINGLE_THREAD_BELOW
# (bytes) runs one thread while train.csv is smaller: on small tables extra BLAS/OpenMP threads
# only add start-up and synchronisation cost (measured: twice the CPU time on a 30 KB train.csv).
_cap = max(1, int(TASK.get("nJobs", 1)))
_single_below = int(os.environ.get("MLE_SMITH_SINGLE_THREAD_BELOW", "0"))
try:
    _small = _single_below > 0 and os.path.getsize(TRAIN_PATH) < _single_below
except OSError:
    _small = True
N_JOBS = 1 if _small else _cap
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(N_JOBS)
# Idle OpenMP workers sleep instead of spinning: a sandbox often shares its cores with other
# jobs, and spinning workers then slow gradient boosting down several times.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
os.environ.setdefault("PYTHONHASHSEED", "0")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

SEED = int(TASK.get("seed", 0)) % (2**32)
SUBMISSION_PATH = "submission.csv"
# Exit code that tells the host the script ran but its own submission failed the self-check.
EXIT_INVALID = 3
CLASSIFICATION = ("binary", "multiclass")
REGRESSION = ("regression",)
# Forecasts are numbers written like regression predictions (one value per test row).
FORECASTING = ("forecasting",)
# Regression metrics on log(1 + y): models fit log1p(y), so predictions stay above -1 and the
# squared error they minimise is the metric's own.
LOG_TARGET_METRICS = ("rmsle", "msle", "mean_squared_log_error", "root_mean_squared_log_error")
ABSOLUTE_ERROR_METRICS = ("mae", "mean_absolute_error", "median_absolute_error", "mdae")
# Keys under which a task may name the positive class of a binary probability metric.
POSITIVE_CLASS_KEYS = ("positiveClass", "posLabel", "pos_label", "positive_class", "positiveLabel")


def log(message):
    print(f"[baseline] {message}", flush=True)


def fail_invalid(message):
    print(f"INVALID SUBMISSION: {message}", file=sys.stderr, flush=True)
    sys.exit(EXIT_INVALID)


class Task:
    """The public task's spec. A modality's subclass reads train/test and calls set_frames()."""

    modality = "baseline"

    def __init__(self):
        spec = TASK
        self.spec = spec
        self.objective = spec["objective"]
        self.target = spec["target"]
        self.id_column = spec["idColumn"]
        self.prediction_columns = spec["predictionColumns"]
        self.classes = [str(c) for c in (spec.get("classes") or [])]
        self.metric = spec.get("metric") or {}
        if self.objective not in CLASSIFICATION + REGRESSION + FORECASTING:
            raise SystemExit(f"unsupported objective for {self.modality} baselines: {self.objective}")

    def set_frames(self, train, test):
        """Keeps the labelled train rows; classes default to the sorted labels seen in train."""
        self.train = train[train[self.target].notna()].reset_index(drop=True)
        self.test = test
        if self.is_classification and not self.classes:
            self.classes = sorted(self.train[self.target].unique().tolist())

    @property
    def metric_name(self):
        return str(self.metric.get("name", "")).lower()

    @property
    def is_classification(self):
        return self.objective in CLASSIFICATION

    @property
    def y(self):
        return self.train[self.target] if self.is_classification else self.train[self.target].astype(float)

    def regression_target(self):
        """(target to fit, inverse applied to predictions) for regression tasks."""
        y = self.y.to_numpy(dtype=float)
        if self.metric_name in LOG_TARGET_METRICS and y.min() > -1:
            low = y.min()
            return np.log1p(y), lambda p: np.maximum(np.expm1(p), low)
        return y, lambda p: np.asarray(p, dtype=float)

    @property
    def wants_probability(self):
        return any(c["type"] == "probability" for c in self.prediction_columns)

    @property
    def output_mode(self):
        """'label', 'proba' (one column per class), 'positive' (binary P(positive)) or 'value'."""
        cols = self.prediction_columns
        if not self.is_classification:
            return "value"
        if all(c["type"] == "probability" for c in cols):
            if len(cols) == 1:
                if self.objective != "binary" and len(self.classes) != 2:
                    raise SystemExit("a single probability column needs a binary task")
                return "positive"
            if len(cols) != len(self.classes):
                raise SystemExit(f"{len(cols)} probability columns for {len(self.classes)} classes")
            return "proba"
        if len(cols) != 1:
            raise SystemExit("a label submission must have exactly one prediction column")
        return "label"

    @property
    def positive_class(self):
        params = self.metric.get("params") or {}
        for key in POSITIVE_CLASS_KEYS:
            if params.get(key) is not None:
                return str(params[key])
        # Classes are sorted; the last one (1, true, yes, ...) is the conventional positive class.
        return self.classes[-1]

    def proba_columns(self):
        """Prediction column name for each class, in `classes` order (by name when names match)."""
        names = [c["name"] for c in self.prediction_columns]
        if set(names) == set(self.classes):
            return {cls: cls for cls in self.classes}
        return {cls: name for cls, name in zip(self.classes, names)}


class MediaTask(Task):
    """A task whose examples are files under data/, named by the spec's mediaColumn of train/test.csv."""

    def __init__(self):
        super().__init__()
        self.media_column = self.spec["mediaColumn"]
        dtypes = {self.id_column: str, self.media_column: str}
        train_types = dict(dtypes)
        if self.is_classification:
            train_types[self.target] = str
        self.set_frames(
            pd.read_csv(TRAIN_PATH, dtype=train_types, keep_default_na=False),
            pd.read_csv(TEST_PATH, dtype=dtypes, keep_default_na=False),
        )
        log(f"objective={self.objective} metric={self.metric.get('name')} train={len(self.train)} test={len(self.test)}")

    def paths(self, frame):
        return [os.path.join(DATA_DIR, p) for p in frame[self.media_column]]


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


def prior_predictions(task):
    """The constant prediction learned from the target alone (features ignored): majority class
    and class prior, or the mean (the median for an absolute-error metric; on the log1p scale for
    rmsle). The floor every other rung must clear."""
    n = len(task.test)
    if not task.is_classification:
        y, inverse = task.regression_target()
        constant = np.median(y) if task.metric_name in ABSOLUTE_ERROR_METRICS else np.mean(y)
        return {"values": inverse(np.full(n, constant))}
    counts = task.y.value_counts()
    prior = np.array([counts.get(c, 0) for c in task.classes], dtype=float)
    prior /= prior.sum()
    # argmax takes the first maximum, so ties go to the first class in sorted order.
    majority = task.classes[int(np.argmax(prior))]
    return {"labels": np.full(n, majority, dtype=object), "proba": np.tile(prior, (n, 1))}


def fit_predict(task, model, X_train, X_test):
    """Fits a sklearn model on task.y and returns predictions in write_predictions' form."""
    model.fit(X_train, task.y)
    if not task.is_classification:
        return {"values": model.predict(X_test)}
    proba = align_proba(task, model.predict_proba(X_test), model.classes_)
    return {"labels": model.predict(X_test), "proba": proba}


def write_predictions(task, labels=None, proba=None, values=None):
    """Builds submission.csv in the task's exact format, self-checks it, and writes it atomically."""
    mode = task.output_mode
    ids = task.test[task.id_column].astype(str).to_numpy()
    sub = pd.DataFrame({task.id_column: ids})
    cols = task.prediction_columns
    if mode == "value":
        values = np.asarray(values, dtype=float)
        if cols[0]["type"] == "integer":
            values = np.rint(values).astype(np.int64)
        sub[cols[0]["name"]] = values
    elif mode == "label":
        if labels is None:
            labels = np.asarray(task.classes, dtype=object)[np.argmax(proba, axis=1)]
        sub[cols[0]["name"]] = [str(v) for v in labels]
    elif mode == "proba":
        mapping = task.proba_columns()
        for j, cls in enumerate(task.classes):
            sub[mapping[cls]] = proba[:, j]
        sub = sub[[task.id_column] + [c["name"] for c in cols]]
    else:  # positive
        sub[cols[0]["name"]] = proba[:, task.classes.index(task.positive_class)]
    check_submission(task, sub, mode)
    tmp = SUBMISSION_PATH + ".tmp"
    sub.to_csv(tmp, index=False, float_format="%.10g", lineterminator="\n")
    os.replace(tmp, SUBMISSION_PATH)
    log(f"wrote {SUBMISSION_PATH}: {len(sub)} rows, columns {list(sub.columns)}")


def check_submission(task, sub, mode):
    expected = [task.id_column] + [c["name"] for c in task.prediction_columns]
    if list(sub.columns) != expected:
        fail_invalid(f"columns {list(sub.columns)} != {expected}")
    if len(sub) != len(task.test):
        fail_invalid(f"{len(sub)} rows, test has {len(task.test)}")
    values = sub[expected[1:]]
    if values.isna().any().any():
        fail_invalid("missing predictions")
    if mode in ("proba", "positive", "value"):
        arr = values.to_numpy(dtype=float)
        if not np.isfinite(arr).all():
            fail_invalid("non-finite predictions")
        if mode != "value" and ((arr < 0).any() or (arr > 1).any()):
            fail_invalid("probabilities outside [0, 1]")
    if mode == "label":
        unknown = set(values.iloc[:, 0]) - set(task.classes)
        if unknown:
            fail_invalid(f"labels not in classes: {sorted(unknown)[:5]}")


def run(task_class, build_and_predict):
    """Entry point of every tier script: builds the modality's task, seeds numpy, and writes what
    `build_and_predict(task)` returns (a dict: labels=..., proba=... or values=...)."""
    task = task_class()
    np.random.seed(SEED)
    write_predictions(task, **build_and_predict(task))
