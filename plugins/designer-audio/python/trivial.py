"""Tier trivial: the class prior (majority class) or the mean; the audio is ignored."""
from audio import prior_predictions, run

if __name__ == "__main__":
    run(prior_predictions)
