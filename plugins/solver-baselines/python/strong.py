"""Tier strong: histogram gradient boosting (HistGradientBoostingClassifier / Regressor).

Three settings (library default, shallow, very shallow) are compared by 3-fold CV on train when
it has at most 20 000 rows, and the best is refit on all of train: the default overfits a few
hundred rows, where a linear model would otherwise beat the "strong" rung.

Categorical columns are ordinal-encoded (unknown and missing levels become NaN, which the
trees route natively); columns with at most 250 levels use the trees' native categorical
splits, wider ones are treated as ordered codes. Numeric columns go in as they are: the trees
handle missing values themselves, so no imputation or scaling.
"""
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score
from sklearn.preprocessing import OrdinalEncoder

from common import SEED, align_proba, log, run

# Native categorical splits need codes below max_bins (255); keep a margin.
MAX_NATIVE_LEVELS = 250


def encode(task):
    X_train, X_test = task.X(task.train), task.X(task.test)
    native = []
    for c in task.categorical:
        encoder = OneColumnEncoder()
        X_train[c] = encoder.fit_transform(X_train[c])
        X_test[c] = encoder.transform(X_test[c])
        native.append(encoder.levels <= MAX_NATIVE_LEVELS)
    columns = task.numeric + task.categorical
    mask = np.array([False] * len(task.numeric) + native, dtype=bool)
    return X_train[columns].to_numpy(dtype=float), X_test[columns].to_numpy(dtype=float), mask


class OneColumnEncoder:
    def __init__(self):
        self.encoder = OrdinalEncoder(
            handle_unknown="use_encoded_value", unknown_value=np.nan, encoded_missing_value=np.nan, dtype=float
        )
        self.levels = 0

    def fit_transform(self, series):
        out = self.encoder.fit_transform(series.to_frame())[:, 0]
        self.levels = sum(1 for v in self.encoder.categories_[0] if isinstance(v, str))
        return out

    def transform(self, series):
        return self.encoder.transform(series.to_frame())[:, 0]


# Candidate settings, from the library default to shallow, slow, regularized trees that hold up
# on a few hundred rows; on small data 3-fold CV picks one, on large data the default is used.
CANDIDATES = (
    dict(learning_rate=0.1, max_iter=100, max_leaf_nodes=31, min_samples_leaf=20),
    dict(learning_rate=0.05, max_iter=200, max_depth=3, min_samples_leaf=20, l2_regularization=1.0),
    dict(learning_rate=0.05, max_iter=150, max_depth=2, min_samples_leaf=30, l2_regularization=1.0),
)
CV_MAX_ROWS = 20000
ABSOLUTE_ERROR_METRICS = ("mae", "mean_absolute_error", "median_absolute_error", "mdae")


def make_model(task, categorical, settings):
    cls = HistGradientBoostingClassifier if task.is_classification else HistGradientBoostingRegressor
    return cls(
        random_state=SEED,
        categorical_features=categorical if categorical.any() else None,
        # Early stopping on a held-out 10 % only pays off on large data.
        early_stopping="auto",
        **settings,
    )


def choose_settings(task, X, y, categorical):
    if len(y) > CV_MAX_ROWS:
        return CANDIDATES[0]
    if task.is_classification:
        smallest = pd.Series(y).value_counts().min()
        folds = StratifiedKFold(3, shuffle=True, random_state=SEED) if smallest >= 3 else KFold(3, shuffle=True, random_state=SEED)
        scoring = "neg_log_loss"
    else:
        folds = KFold(3, shuffle=True, random_state=SEED)
        absolute = str(task.metric.get("name", "")).lower() in ABSOLUTE_ERROR_METRICS
        scoring = "neg_mean_absolute_error" if absolute else "neg_root_mean_squared_error"
    results = []
    for settings in CANDIDATES:
        scores = cross_val_score(make_model(task, categorical, settings), X, y, cv=folds, scoring=scoring, error_score=np.nan)
        results.append(np.nanmean(scores) if np.isfinite(scores).any() else -np.inf)
    best = int(np.argmax(results))
    log(f"strong: 3-fold CV {scoring} per setting {[round(float(r), 4) for r in results]} -> setting {best}")
    return CANDIDATES[best]


def build_and_predict(task):
    X_train, X_test, categorical = encode(task)
    y, inverse = task.regression_target() if not task.is_classification else (task.y.to_numpy(), None)
    model = make_model(task, categorical, choose_settings(task, X_train, y, categorical))
    model.fit(X_train, y)
    if inverse is not None:
        return {"values": inverse(model.predict(X_test))}
    proba = align_proba(task, model.predict_proba(X_test), model.classes_)
    return {"labels": model.predict(X_test), "proba": proba}


if __name__ == "__main__":
    run(build_and_predict)
