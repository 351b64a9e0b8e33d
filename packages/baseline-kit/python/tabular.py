"""Tabular part of the baseline ladder: the public task's columns as numeric and categorical
features, and the linear pipeline of the simple tier (also blended into the strong tier).

Loading, thread caps, prediction formatting and the self-check are @mle-smith/baseline-kit's
mle_smith_baseline.py, shipped next to this module and the tier script (solution.py).
Only numpy, pandas, scikit-learn and scipy are used (Debian bookworm versions, sklearn 1.2).
"""
import numpy as np
import pandas as pd

import mle_smith_baseline as kit
from mle_smith_baseline import N_JOBS, SEED, TEST_PATH, TRAIN_PATH, align_proba, log  # noqa: F401


EXTREME_MAGNITUDE = 1e100


class TabularTask(kit.Task):
    """The public task: spec from task_public.json, train/test frames, feature lists."""

    modality = "tabular"

    def __init__(self):
        super().__init__()
        as_text = {self.id_column: str}
        if self.is_classification:
            as_text[self.target] = str
        train = pd.read_csv(TRAIN_PATH, dtype=as_text, keep_default_na=True)
        test = pd.read_csv(TEST_PATH, dtype={self.id_column: str}, keep_default_na=True)
        for frame, name in ((train, TRAIN_PATH), (test, TEST_PATH)):
            if self.id_column not in frame.columns:
                raise SystemExit(f"{name} has no id column {self.id_column!r}")
        if self.target not in train.columns:
            raise SystemExit(f"{TRAIN_PATH} has no target column {self.target!r}")
        self.set_frames(train, test)
        skip = {self.id_column, self.target}
        self.features = [c for c in self.train.columns if c not in skip and c in self.test.columns]
        self.numeric = [c for c in self.features if is_numeric(self.train[c])]
        self.categorical = [c for c in self.features if c not in self.numeric]
        log(
            f"objective={self.objective} metric={self.metric.get('name')} train={len(self.train)} "
            f"test={len(self.test)} numeric={len(self.numeric)} categorical={len(self.categorical)}"
        )

    def X(self, frame):
        """Features in a stable order, categoricals as strings (missing stays NaN)."""
        out = frame[self.features].copy()
        for c in self.categorical:
            missing = out[c].isna()
            out[c] = out[c].astype(str).astype(object).where(~missing, np.nan)
        for c in self.numeric:
            values = pd.to_numeric(out[c], errors="coerce").astype(float)
            # inf, -inf and magnitudes past 1e100 (whose squares overflow the scaler) count as missing
            out[c] = values.where(np.isfinite(values) & (values.abs() <= EXTREME_MAGNITUDE))
        return out


def is_numeric(series):
    return pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)


def run(build_and_predict):
    """Entry point of every tabular tier script."""
    kit.run(TabularTask, build_and_predict)


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
