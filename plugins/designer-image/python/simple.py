"""Tier simple: 8x8 grayscale pixels (box-downsampled), standardized, into a linear model
(logistic regression for classification, ridge for regression)."""
import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from image import SEED, fit_predict, load_gray, run

SIZE = 8


def features(paths):
    return np.stack([load_gray(p, SIZE).ravel() for p in paths])


def build_and_predict(task):
    X_train, X_test = features(task.paths(task.train)), features(task.paths(task.test))
    if task.is_classification:
        model = LogisticRegression(C=0.1, max_iter=3000, random_state=SEED)
    else:
        model = Ridge(alpha=1.0)
    return fit_predict(task, make_pipeline(StandardScaler(), model), X_train, X_test)


if __name__ == "__main__":
    run(build_and_predict)
