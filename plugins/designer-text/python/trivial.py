"""Tier trivial: a constant prediction from the labels alone (the text is ignored).

Majority class for label metrics, the class prior for probability metrics, the mean for
regression (the median for an absolute-error metric). Every other rung must clear this floor.
"""
from mle_smith_baseline import prior_predictions
from text import run

if __name__ == "__main__":
    run(prior_predictions)
