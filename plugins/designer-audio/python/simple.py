"""Tier simple: 20 mel-spaced log band energies per frame (numpy FFT), summarized over time by
their mean and standard deviation, standardized, into logistic regression (ridge for regression)."""
import numpy as np
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from audio import SEED, band_energies, fit_predict, load_wav, run

BANDS = 20


def features(paths):
    rows = []
    for p in paths:
        e = band_energies(*load_wav(p), BANDS)
        rows.append(np.concatenate([e.mean(axis=0), e.std(axis=0)]))
    return np.stack(rows)


def build_and_predict(task):
    X_train, X_test = features(task.paths(task.train)), features(task.paths(task.test))
    model = LogisticRegression(C=0.1, max_iter=3000, random_state=SEED) if task.is_classification else Ridge(alpha=1.0)
    return fit_predict(task, make_pipeline(StandardScaler(), model), X_train, X_test)


if __name__ == "__main__":
    run(build_and_predict)
