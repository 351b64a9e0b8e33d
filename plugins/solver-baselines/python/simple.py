"""Tier simple: a linear model — logistic regression (classification) or Ridge (regression).

Numeric columns: median imputation and standard scaling. Categorical columns: constant
imputation and one-hot encoding, rare levels merged (at most 30 levels per column).
"""
from tabular import align_proba, linear_pipeline, run


def build_and_predict(task):
    X_train, X_test = task.X(task.train), task.X(task.test)
    pipeline = linear_pipeline(task)
    if not task.is_classification:
        y, inverse = task.regression_target()
        pipeline.fit(X_train, y)
        return {"values": inverse(pipeline.predict(X_test))}
    pipeline.fit(X_train, task.y)

    proba = align_proba(task, pipeline.predict_proba(X_test), pipeline.classes_)
    return {"labels": pipeline.predict(X_test), "proba": proba}


if __name__ == "__main__":
    run(build_and_predict)
