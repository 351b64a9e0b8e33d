"""Tier strong: histogram gradient boosting (HistGradientBoostingClassifier / Regressor), blended
with the simple tier's linear model when out-of-fold predictions say the blend is better.

Three settings (library default, shallow, very shallow) are compared by 3-fold CV on train when
it has at most 20 000 rows, and the best is refit on all of train: the default overfits a few
hundred rows, where a linear model would otherwise beat the "strong" rung.

Categorical columns are ordinal-encoded (unknown and missing levels become NaN, which the
trees route natively); columns with at most 250 levels use the trees' native categorical
splits, wider ones are treated as ordered codes. Numeric columns go in as they are: the trees
handle missing values themselves, so no imputation or scaling.

On small data (a few hundred rows) boosted trees alone often lose to a linear model; the average
of the two rarely does. Out-of-fold predictions of both (same folds) decide between the trees
alone and the 50/50 blend of probabilities (classification) or predictions (regression).
"""
import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import log_loss, mean_absolute_error, mean_squared_error
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict, cross_val_score
from sklearn.preprocessing import OrdinalEncoder

from tabular import SEED, align_proba, linear_pipeline, log, run

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


def cv_folds(task, y):
    if task.is_classification:
        smallest = pd.Series(y).value_counts().min()
        return StratifiedKFold(3, shuffle=True, random_state=SEED) if smallest >= 3 else KFold(3, shuffle=True, random_state=SEED)
    return KFold(3, shuffle=True, random_state=SEED)


def is_absolute(task):
    return str(task.metric.get("name", "")).lower() in ABSOLUTE_ERROR_METRICS


def choose_settings(task, X, y, categorical):
    if len(y) > CV_MAX_ROWS:
        return CANDIDATES[0]
    folds = cv_folds(task, y)
    if task.is_classification:
        scoring = "neg_log_loss"
    else:
        scoring = "neg_mean_absolute_error" if is_absolute(task) else "neg_root_mean_squared_error"
    results = []
    for settings in CANDIDATES:
        scores = cross_val_score(make_model(task, categorical, settings), X, y, cv=folds, scoring=scoring, error_score=np.nan)
        results.append(np.nanmean(scores) if np.isfinite(scores).any() else -np.inf)
    best = int(np.argmax(results))
    log(f"strong: 3-fold CV {scoring} per setting {[round(float(r), 4) for r in results]} -> setting {best}")
    return CANDIDATES[best]


def should_blend(task, trees, linear, X_trees, X_linear, y):
    """True when the 50/50 blend beats the trees alone on out-of-fold predictions (small data only)."""
    if len(y) > CV_MAX_ROWS:
        return False
    folds = cv_folds(task, y)
    method = "predict_proba" if task.is_classification else "predict"
    try:
        a = cross_val_predict(trees, X_trees, y, cv=folds, method=method)
        b = cross_val_predict(linear, X_linear, y, cv=folds, method=method)
    except ValueError as err:  # e.g. a class missing from a fold
        log(f"strong: no blend check ({err})")
        return False
    blend = (a + b) / 2
    if task.is_classification:
        labels = np.unique(y)
        loss = lambda p: log_loss(y, np.clip(p, 1e-15, 1), labels=labels)
    else:
        loss = (lambda p: mean_absolute_error(y, p)) if is_absolute(task) else (lambda p: mean_squared_error(y, p) ** 0.5)
    trees_loss, blend_loss = loss(a), loss(blend)
    log(f"strong: out-of-fold loss trees {trees_loss:.4f}, blend with linear {blend_loss:.4f}")
    return blend_loss < trees_loss


def build_and_predict(task):
    X_train, X_test, categorical = encode(task)
    X_linear_train, X_linear_test = task.X(task.train), task.X(task.test)
    y, inverse = task.regression_target() if not task.is_classification else (task.y.to_numpy(), None)
    model = make_model(task, categorical, choose_settings(task, X_train, y, categorical))
    linear = linear_pipeline(task)
    blend = should_blend(task, model, linear, X_train, X_linear_train, y)
    model.fit(X_train, y)
    if blend:
        linear.fit(X_linear_train, y)
    if inverse is not None:
        values = model.predict(X_test)
        if blend:
            values = (values + linear.predict(X_linear_test)) / 2
        return {"values": inverse(values)}
    proba = align_proba(task, model.predict_proba(X_test), model.classes_)
    if blend:
        proba = (proba + align_proba(task, linear.predict_proba(X_linear_test), linear.classes_)) / 2
    labels = np.asarray(task.classes, dtype=object)[np.argmax(proba, axis=1)] if getattr(task, "classes", None) else model.predict(X_test)
    return {"labels": labels, "proba": proba}


if __name__ == "__main__":
    run(build_and_predict)
