"""Shared helpers for the baseline ladder: load the public task, split features, write the submission.

Each tier script (trivial.py, simple.py, strong.py, copied into the workspace as solution.py)
only builds a model; loading, thread limits, prediction formatting and the self-check live here,
so every rung writes exactly the same submission format.
Only numpy, pandas, scikit-learn and scipy are used (Debian bookworm versions, sklearn 1.2).
"""
import json
import os
import sys

# Thread limits must be in the environment before numpy/BLAS/OpenMP load.
with open("task_public.json", encoding="utf-8") as _f:
    TASK = json.load(_f)
# nJobs is the cap (the executor's cpu limit). On small data extra BLAS/OpenMP threads only add
# start-up and synchronisation cost (measured: twice the CPU time on a 30 KB train.csv), so
# below SMALL_TRAIN_BYTES one thread is used.
SMALL_TRAIN_BYTES = 5 * 1024 * 1024
_cap = max(1, int(TASK.get("nJobs", 1)))
try:
    _small = os.path.getsize(os.path.join("data", "train.csv")) < SMALL_TRAIN_BYTES
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
TRAIN_PATH = os.path.join("data", "train.csv")
TEST_PATH = os.path.join("data", "test.csv")
SUBMISSION_PATH = "submission.csv"
# Exit code that tells the host the script ran but its own submission failed the self-check.
EXIT_INVALID = 3
CLASSIFICATION = ("binary", "multiclass")
REGRESSION = ("regression",)
# Regression metrics on log(1 + y): models fit log1p(y), so predictions stay above -1 and the
# squared error they minimise is the metric's own.
LOG_TARGET_METRICS = ("rmsle", "msle", "mean_squared_log_error", "root_mean_squared_log_error")
# Keys under which a task may name the positive class of a binary probability metric.
POSITIVE_CLASS_KEYS = ("positiveClass", "posLabel", "pos_label", "positive_class", "positiveLabel")


def log(message):
    print(f"[baseline] {message}", flush=True)


def fail_invalid(message):
    print(f"INVALID SUBMISSION: {message}", file=sys.stderr, flush=True)
    sys.exit(EXIT_INVALID)


class Task:
    """The public task: spec from task_public.json, train/test frames, feature lists."""

    def __init__(self):
        spec = TASK
        self.spec = spec
        self.objective = spec["objective"]
        self.target = spec["target"]
        self.id_column = spec["idColumn"]
        self.prediction_columns = spec["predictionColumns"]
        self.classes = [str(c) for c in (spec.get("classes") or [])]
        self.metric = spec.get("metric") or {}
        if self.objective not in CLASSIFICATION + REGRESSION:
            raise SystemExit(f"unsupported objective for tabular baselines: {self.objective}")
        as_text = {self.id_column: str}
        if self.is_classification:
            as_text[self.target] = str
        self.train = pd.read_csv(TRAIN_PATH, dtype=as_text, keep_default_na=True)
        self.test = pd.read_csv(TEST_PATH, dtype={self.id_column: str}, keep_default_na=True)
        for frame, name in ((self.train, TRAIN_PATH), (self.test, TEST_PATH)):
            if self.id_column not in frame.columns:
                raise SystemExit(f"{name} has no id column {self.id_column!r}")
        if self.target not in self.train.columns:
            raise SystemExit(f"{TRAIN_PATH} has no target column {self.target!r}")
        self.train = self.train[self.train[self.target].notna()].reset_index(drop=True)
        if self.is_classification and not self.classes:
            self.classes = sorted(self.train[self.target].unique().tolist())
        skip = {self.id_column, self.target}
        self.features = [c for c in self.train.columns if c not in skip and c in self.test.columns]
        self.numeric = [c for c in self.features if is_numeric(self.train[c])]
        self.categorical = [c for c in self.features if c not in self.numeric]
        log(
            f"objective={self.objective} metric={self.metric.get('name')} train={len(self.train)} "
            f"test={len(self.test)} numeric={len(self.numeric)} categorical={len(self.categorical)}"
        )

    @property
    def is_classification(self):
        return self.objective in CLASSIFICATION

    @property
    def y(self):
        return self.train[self.target] if self.is_classification else self.train[self.target].astype(float)

    def regression_target(self):
        """(target to fit, inverse applied to predictions) for regression tasks."""
        y = self.y.to_numpy(dtype=float)
        if str(self.metric.get("name", "")).lower() in LOG_TARGET_METRICS and y.min() > -1:
            low = y.min()
            return np.log1p(y), lambda p: np.maximum(np.expm1(p), low)
        return y, lambda p: np.asarray(p, dtype=float)

    def X(self, frame):
        """Features in a stable order, categoricals as strings (missing stays NaN)."""
        out = frame[self.features].copy()
        for c in self.categorical:
            missing = out[c].isna()
            out[c] = out[c].astype(str).astype(object).where(~missing, np.nan)
        for c in self.numeric:
            out[c] = pd.to_numeric(out[c], errors="coerce").astype(float)
        return out

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
            if key in params and params[key] is not None:
                return str(params[key])
        # Classes are sorted; the last one (1, true, yes, ...) is the conventional positive class.
        return self.classes[-1]

    def proba_columns(self):
        """Prediction column name for each class, in `classes` order (by name when names match)."""
        names = [c["name"] for c in self.prediction_columns]
        if set(names) == set(self.classes):
            return {cls: cls for cls in self.classes}
        return {cls: name for cls, name in zip(self.classes, names)}


def is_numeric(series):
    return pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)


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
    """Builds submission.csv in the task's exact format, self-checks it, and writes it."""
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


def run(build_and_predict):
    """Entry point of every tier script: `build_and_predict(task)` returns predictions for
    write_predictions as a dict (labels=..., proba=... or values=...)."""
    task = Task()
    np.random.seed(SEED)
    predictions = build_and_predict(task)
    write_predictions(task, **predictions)


# ---- the linear model of the simple tier, also blended into the strong tier ----

def linear_preprocessor(task):
    """Numeric: median imputation + scaling. Categorical: constant imputation + one-hot (rare levels merged)."""
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    parts = []
    if task.numeric:
        parts.append(("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), task.numeric))
    if task.categorical:
        encoder = OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=30, sparse_output=False)
        imputer = SimpleImputer(strategy="constant", fill_value="__missing__")
        parts.append(("cat", make_pipeline(imputer, encoder), task.categorical))
    # A task with no usable feature still gets a (constant-like) model rather than a crash.
    return ColumnTransformer(parts or [("none", "drop", [])], remainder="drop")


def linear_pipeline(task):
    """Logistic regression (classification) or Ridge (regression) behind linear_preprocessor."""
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.pipeline import Pipeline

    if task.is_classification:
        model = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED, n_jobs=N_JOBS)
    else:
        model = Ridge(alpha=1.0, random_state=SEED)
    return Pipeline([("prep", linear_preprocessor(task)), ("model", model)])
