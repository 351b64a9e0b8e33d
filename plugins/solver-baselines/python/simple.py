"""Tier simple: a linear model — logistic regression (classification) or Ridge (regression).

Numeric columns: median imputation and standard scaling. Categorical columns: constant
imputation and one-hot encoding, rare levels merged (at most 30 levels per column).
"""
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from common import N_JOBS, SEED, align_proba, run


def preprocessor(task):
    parts = []
    if task.numeric:
        parts.append(("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), task.numeric))
    if task.categorical:
        encoder = OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=30, sparse_output=False)
        imputer = SimpleImputer(strategy="constant", fill_value="__missing__")
        parts.append(("cat", make_pipeline(imputer, encoder), task.categorical))
    # A task with no usable feature still gets a (constant-like) model rather than a crash.
    return ColumnTransformer(parts or [("none", "drop", [])], remainder="drop")


def build_and_predict(task):
    X_train, X_test = task.X(task.train), task.X(task.test)
    if task.is_classification:
        model = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED, n_jobs=N_JOBS)
    else:
        model = Ridge(alpha=1.0, random_state=SEED)
    pipeline = Pipeline([("prep", preprocessor(task)), ("model", model)])
    if not task.is_classification:
        y, inverse = task.regression_target()
        pipeline.fit(X_train, y)
        return {"values": inverse(pipeline.predict(X_test))}
    pipeline.fit(X_train, task.y)

    proba = align_proba(task, pipeline.predict_proba(X_test), pipeline.classes_)
    return {"labels": pipeline.predict(X_test), "proba": proba}


if __name__ == "__main__":
    run(build_and_predict)
