"""Image rungs of the solver zoo: from mean intensity up to a tuned RBF SVM on PCA-reduced
pixels. Images are read by image.py's load_gray (grayscale, box-filtered to a square)."""
import numpy as np

import mle_smith_baseline as kit
from image import ImageTask, load_gray
from mle_smith_baseline import log
from zoo_models import budget_rungs, predict, rung_parts


def intensity(paths):
    """Mean and spread of the grayscale intensity: almost no information about the content."""
    rows = []
    for p in paths:
        img = load_gray(p, 16)
        rows.append([img.mean(), img.std()])
    return np.asarray(rows)


def pixels(size):
    return lambda paths: np.stack([load_gray(p, size).ravel() for p in paths])


def pca_pixels(paths_train, paths_test):
    from sklearn.decomposition import PCA
    X_train, X_test = pixels(16)(paths_train), pixels(16)(paths_test)
    pca = PCA(n_components=min(40, X_train.shape[0] - 1, X_train.shape[1]), random_state=kit.SEED)
    return pca.fit_transform(X_train), pca.transform(X_test)


def per_image(extract):
    return lambda train, test: (extract(train), extract(test))


# rung -> (features of (train paths, test paths), learner)
RUNGS = {
    "constant": (None, "constant"),
    "intensity": (per_image(intensity), "linear"),
    "pixels-nb": (per_image(pixels(8)), "nb"),
    "pixels-knn": (per_image(pixels(8)), "knn"),
    "pixels-linear": (per_image(pixels(16)), "linear"),
    "pixels-rf": (per_image(pixels(16)), "rf"),
    "pixels-gbm": (per_image(pixels(12)), "gbm"),
    "pca-svm": (pca_pixels, "svm"),
    **budget_rungs((per_image(pixels(16)), "rf")),
}


def main(rung):
    (make_features, learner), fraction = rung_parts(RUNGS[rung])

    def build_and_predict(task):
        if make_features is None:
            return predict(task, learner, None, None)
        X_train, X_test = make_features(task.paths(task.train), task.paths(task.test))
        log(f"zoo-image-{rung}: {X_train.shape[1]} features")
        return predict(task, learner, X_train, X_test, fraction)
    kit.run(ImageTask, build_and_predict)
