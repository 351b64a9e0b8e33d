"""Tier trivial: a constant prediction learned from the target alone (features ignored).

Majority class for label metrics, class prior probabilities for probability metrics, and the
mean for regression (the median when the metric is an absolute error, since that is the best
constant there; on the log1p scale for rmsle). This is the floor every other rung must clear by a margin.
"""
from mle_smith_baseline import prior_predictions
from tabular import run

if __name__ == "__main__":
    run(prior_predictions)
