"""Tier trivial: a constant prediction learned from the target alone (features ignored).

Majority class for label metrics, class prior probabilities for probability metrics, and the
mean for regression (the median when the metric is an absolute error, since that is the best
constant there; on the log1p scale for rmsle). This is the floor every other rung must clear by a margin.
"""
import numpy as np

from common import run

ABSOLUTE_ERROR_METRICS = ("mae", "mean_absolute_error", "median_absolute_error", "mdae")


def build_and_predict(task):
    n = len(task.test)
    if not task.is_classification:
        y, inverse = task.regression_target()
        use_median = str(task.metric.get("name", "")).lower() in ABSOLUTE_ERROR_METRICS
        constant = np.median(y) if use_median else np.mean(y)
        return {"values": inverse(np.full(n, constant))}
    counts = task.y.value_counts()
    prior = np.array([counts.get(c, 0) for c in task.classes], dtype=float)
    prior /= prior.sum()
    # argmax takes the first maximum, so ties go to the first class in sorted order.
    majority = task.classes[int(np.argmax(prior))]
    return {"labels": np.full(n, majority, dtype=object), "proba": np.tile(prior, (n, 1))}


if __name__ == "__main__":
    run(build_and_predict)
