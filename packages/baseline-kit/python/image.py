"""Image part of the baseline ladder: the public task's images (data/<image column> paths) as
grayscale arrays.

Loading, thread caps, prediction formatting and the self-check are @mle-smith/baseline-kit's
mle_smith_baseline.py, shipped next to this module and the tier script (solution.py).
Only numpy, pandas, scikit-learn and Pillow are used (Debian bookworm versions).
"""
import numpy as np

import mle_smith_baseline as kit
from mle_smith_baseline import SEED, fit_predict, prior_predictions  # noqa: F401


class ImageTask(kit.MediaTask):
    modality = "image"


def load_gray(path, size):
    """An image as a float array in [0, 1], grayscale, resized to size x size (box filter)."""
    from PIL import Image

    with Image.open(path) as im:
        im = im.convert("L").resize((size, size), Image.BOX)
        return np.asarray(im, dtype=np.float64) / 255.0


def run(build_and_predict):
    """Entry point of every image tier script."""
    kit.run(ImageTask, build_and_predict)
