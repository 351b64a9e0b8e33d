"""Audio rungs of the solver zoo: from loudness alone up to a tuned RBF SVM on band-energy
statistics. WAV files are read by audio.py's load_wav; spectra are its mel-spaced band_energies."""
import numpy as np

import mle_smith_baseline as kit
from audio import AudioTask, band_energies, load_wav
from mle_smith_baseline import log
from zoo_models import budget_rungs, predict, rung_parts


def energy(path):
    """Loudness (RMS mean and spread over 25 ms frames), zero-crossing rate and duration."""
    x, rate = load_wav(path)
    n = max(1, int(rate * 0.025))
    frames = x[: len(x) // n * n].reshape(-1, n) if len(x) >= n else x.reshape(1, -1)
    rms = np.sqrt((frames ** 2).mean(axis=1) + 1e-12)
    zcr = np.mean(np.abs(np.diff(np.sign(x)))) / 2 if len(x) > 1 else 0.0
    return np.array([np.log(rms.mean()), np.log(rms.std() + 1e-12), zcr, np.log1p(len(x) / rate)])


def spectral_mean(path, bands=20):
    x, rate = load_wav(path)
    return band_energies(x, rate, bands).mean(axis=0)


def spectral_stats(path, bands=32):
    """Mean, spread and mean absolute frame-to-frame change of each band, plus the mean over
    three equal time thirds (a coarse temporal envelope)."""
    x, rate = load_wav(path)
    e = band_energies(x, rate, bands)
    delta = np.abs(np.diff(e, axis=0)).mean(axis=0) if len(e) > 1 else np.zeros(bands)
    thirds = [part.mean(axis=0) if len(part) else e.mean(axis=0) for part in np.array_split(e, 3)]
    return np.concatenate([e.mean(axis=0), e.std(axis=0), delta, *thirds])


def per_file(extract):
    return lambda paths: np.stack([extract(p) for p in paths])


# rung -> (features of one file, learner)
RUNGS = {
    "constant": (None, "constant"),
    "energy": (energy, "linear"),
    "spectral-nb": (spectral_mean, "nb"),
    "spectral-knn": (spectral_mean, "knn"),
    "spectral-linear": (spectral_mean, "linear"),
    "spectral-rf": (spectral_stats, "rf"),
    "spectral-gbm": (spectral_stats, "gbm"),
    "spectral-svm": (spectral_stats, "svm"),
    **budget_rungs((spectral_stats, "rf")),
}


def main(rung):
    (extract, learner), fraction = rung_parts(RUNGS[rung])

    def build_and_predict(task):
        if extract is None:
            return predict(task, learner, None, None)
        X_train, X_test = per_file(extract)(task.paths(task.train)), per_file(extract)(task.paths(task.test))
        log(f"zoo-audio-{rung}: {X_train.shape[1]} features")
        return predict(task, learner, X_train, X_test, fraction)
    kit.run(AudioTask, build_and_predict)
