"""Tier strong: HOG-like features (histograms of gradient orientations over a grid of cells,
block-normalized) plus 12x12 pixels, into an RBF support vector machine (classification) or
histogram gradient boosting (regression)."""
import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

from image import SEED, fit_predict, load_gray, run

SIZE = 32
CELLS = 4
BINS = 9


def hog(img):
    gy, gx = np.gradient(img)
    magnitude = np.hypot(gx, gy)
    # Unsigned orientation in [0, pi), split into BINS bins.
    angle = np.mod(np.arctan2(gy, gx), np.pi)
    bins = np.minimum((angle / np.pi * BINS).astype(int), BINS - 1)
    step = SIZE // CELLS
    hist = np.zeros((CELLS, CELLS, BINS))
    for i in range(CELLS):
        for j in range(CELLS):
            b = bins[i * step:(i + 1) * step, j * step:(j + 1) * step].ravel()
            m = magnitude[i * step:(i + 1) * step, j * step:(j + 1) * step].ravel()
            hist[i, j] = np.bincount(b, weights=m, minlength=BINS)
    # 2x2 block normalization (L2-Hys style clipping).
    blocks = []
    for i in range(CELLS - 1):
        for j in range(CELLS - 1):
            v = hist[i:i + 2, j:j + 2].ravel()
            v = v / np.sqrt(np.sum(v * v) + 1e-6)
            v = np.minimum(v, 0.2)
            blocks.append(v / np.sqrt(np.sum(v * v) + 1e-6))
    return np.concatenate(blocks)


def features(paths):
    rows = []
    for p in paths:
        img = load_gray(p, SIZE)
        small = load_gray(p, 12).ravel()
        rows.append(np.concatenate([hog(img), small]))
    return np.stack(rows)


def build_and_predict(task):
    X_train, X_test = features(task.paths(task.train)), features(task.paths(task.test))
    if task.is_classification:
        model = make_pipeline(StandardScaler(), SVC(C=10.0, gamma="scale", probability=True, random_state=SEED))
    else:
        model = HistGradientBoostingRegressor(random_state=SEED, max_iter=200, learning_rate=0.05)
    return fit_predict(task, model, X_train, X_test)


if __name__ == "__main__":
    run(build_and_predict)
