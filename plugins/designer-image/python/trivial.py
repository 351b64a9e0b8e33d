"""Tier trivial: the class prior (majority class) or the mean; images are ignored."""
from image import prior_predictions, run

if __name__ == "__main__":
    run(prior_predictions)
