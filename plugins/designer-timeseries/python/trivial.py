"""Tier trivial: the naive forecast — every future step of a series gets its last training value."""
import numpy as np

from series import run


def naive(task, key, history, future):
    return np.full(len(future), history[-1])


if __name__ == "__main__":
    run(naive)
