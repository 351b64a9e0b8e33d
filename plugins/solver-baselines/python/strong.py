"""Tier strong: histogram gradient boosting (HistGradientBoostingClassifier / Regressor).

Categorical columns are ordinal-encoded (unknown and missing levels become NaN, which the
trees route natively); columns with at most 250 levels use the trees' native categorical
splits, wider ones are treated as ordered codes. Numeric columns go in as they are: the trees
handle missing values themselves, so no imputation or scaling.
"""
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.preprocessing import OrdinalEncoder

from common import SEED, align_proba, run

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


def build_and_predict(task):
    X_train, X_test, categorical = encode(task)
    params = dict(
        max_iter=300,
        learning_rate=0.06,
        min_samples_leaf=20,
        l2_regularization=1.0,
        early_stopping="auto",
        random_state=SEED,
        categorical_features=categorical if categorical.any() else None,
    )
    if not task.is_classification:
        model = HistGradientBoostingRegressor(**params)
        model.fit(X_train, task.y.to_numpy())
        return {"values": model.predict(X_test)}
    model = HistGradientBoostingClassifier(**params)
    y = task.y.to_numpy()
    model.fit(X_train, y)
    proba = align_proba(task, model.predict_proba(X_test), model.classes_)
    return {"labels": model.predict(X_test), "proba": proba}


if __name__ == "__main__":
    run(build_and_predict)
