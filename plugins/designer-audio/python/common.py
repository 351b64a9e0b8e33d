"""Shared helpers of the audio baseline ladder: load the public task and its audio files, write the
submission in the task's exact format with a self-check.

Each tier script (trivial.py, simple.py, strong.py, copied into the workspace as solution.py)
only turns audio into features and fits a model. Only numpy, pandas and scikit-learn are used
(Debian bookworm versions); WAV files are parsed with struct, spectra come from numpy's FFT. Audio is read from data/<audio column> paths.
"""
import json
import os
import sys

with open("task_public.json", encoding="utf-8") as _f:
    TASK = json.load(_f)
N_JOBS = max(1, int(TASK.get("nJobs", 1)))
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = str(N_JOBS)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

SEED = int(TASK.get("seed", 0)) % (2**32)
DATA = "data"
SUBMISSION_PATH = "submission.csv"
EXIT_INVALID = 3
CLASSIFICATION = ("binary", "multiclass")
POSITIVE_CLASS_KEYS = ("positiveClass", "posLabel", "pos_label", "positive_class", "positiveLabel")


def log(message):
    print(f"[baseline] {message}", flush=True)


def fail_invalid(message):
    print(f"INVALID SUBMISSION: {message}", file=sys.stderr, flush=True)
    sys.exit(EXIT_INVALID)


class Task:
    """The public task: spec from task_public.json, train/test frames, the media column."""

    def __init__(self):
        spec = TASK
        self.objective = spec["objective"]
        self.target = spec["target"]
        self.id_column = spec["idColumn"]
        self.media_column = spec["mediaColumn"]
        self.prediction_columns = spec["predictionColumns"]
        self.classes = [str(c) for c in (spec.get("classes") or [])]
        self.metric = spec.get("metric") or {}
        dtypes = {self.id_column: str, self.media_column: str}
        if self.is_classification:
            dtypes[self.target] = str
        self.train = pd.read_csv(os.path.join(DATA, "train.csv"), dtype=dtypes, keep_default_na=False)
        self.test = pd.read_csv(os.path.join(DATA, "test.csv"), dtype={self.id_column: str, self.media_column: str}, keep_default_na=False)
        if self.is_classification and not self.classes:
            self.classes = sorted(self.train[self.target].unique().tolist())
        log(f"objective={self.objective} metric={self.metric.get('name')} train={len(self.train)} test={len(self.test)}")

    @property
    def is_classification(self):
        return self.objective in CLASSIFICATION

    @property
    def y(self):
        return self.train[self.target].to_numpy() if self.is_classification else self.train[self.target].astype(float).to_numpy()

    def paths(self, frame):
        return [os.path.join(DATA, p) for p in frame[self.media_column]]

    @property
    def output_mode(self):
        cols = self.prediction_columns
        if not self.is_classification:
            return "value"
        if all(c["type"] == "probability" for c in cols):
            return "positive" if len(cols) == 1 else "proba"
        return "label"

    @property
    def positive_class(self):
        params = self.metric.get("params") or {}
        for key in POSITIVE_CLASS_KEYS:
            if params.get(key) is not None:
                return str(params[key])
        return self.classes[-1]


def load_wav(path):
    """A WAV file as (mono float samples in [-1, 1], sample rate). PCM 8/16/24/32-bit and IEEE
    float 32/64-bit, also as WAVE_FORMAT_EXTENSIBLE (parsed here: the stdlib wave module of
    Python 3.11 reads plain PCM only); channels are averaged."""
    import struct

    with open(path, "rb") as f:
        data = f.read()
    off, fmt, raw = 12, None, None
    while off + 8 <= len(data):
        cid, size = data[off:off + 4], struct.unpack("<I", data[off + 4:off + 8])[0]
        body = data[off + 8:off + 8 + size]
        if cid == b"fmt ":
            tag, channels, rate = struct.unpack("<HHI", body[:8])
            bits = struct.unpack("<H", body[14:16])[0]
            if tag == 0xFFFE:
                tag = struct.unpack("<H", body[24:26])[0]
            fmt = (tag, channels, rate, bits)
        elif cid == b"data":
            raw = body
            break
        off += 8 + size + (size % 2)
    if fmt is None or raw is None:
        raise SystemExit(f"{path}: not a readable WAV file")
    tag, channels, rate, bits = fmt
    width = bits // 8
    raw = raw[: len(raw) // (width * channels) * (width * channels)]
    if tag == 3:
        x = np.frombuffer(raw, dtype="<f4" if width == 4 else "<f8").astype(np.float64)
    elif width == 1:
        x = (np.frombuffer(raw, dtype=np.uint8).astype(np.float64) - 128.0) / 128.0
    elif width == 2:
        x = np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0
    elif width == 3:
        b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        v = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        x = np.where(v >= 1 << 23, v - (1 << 24), v).astype(np.float64) / float(1 << 23)
    else:
        x = np.frombuffer(raw, dtype="<i4").astype(np.float64) / float(1 << 31)
    if channels > 1:
        x = x.reshape(-1, channels).mean(axis=1)
    return x, rate


def band_energies(x, rate, bands, frame_ms=25, hop_ms=10, fmax=8000.0):
    """Log energies of `bands` mel-spaced triangular bands per frame (frames x bands), from a
    Hann-windowed numpy FFT. Band edges are in Hz, so files of any sample rate compare."""
    n = int(round(rate * frame_ms / 1000.0))
    hop = int(round(rate * hop_ms / 1000.0))
    if len(x) < n:
        x = np.pad(x, (0, n - len(x)))
    count = 1 + (len(x) - n) // hop
    idx = np.arange(n)[None, :] + hop * np.arange(count)[:, None]
    frames = x[idx] * np.hanning(n)[None, :]
    nfft = 1 << (n - 1).bit_length()
    power = np.abs(np.fft.rfft(frames, nfft, axis=1)) ** 2
    freqs = np.fft.rfftfreq(nfft, 1.0 / rate)
    top = min(fmax, rate / 2.0)
    mel = lambda f: 2595.0 * np.log10(1.0 + f / 700.0)  # noqa: E731
    edges_mel = np.linspace(mel(60.0), mel(top), bands + 2)
    edges = 700.0 * (10 ** (edges_mel / 2595.0) - 1.0)
    fb = np.zeros((bands, len(freqs)))
    for b in range(bands):
        lo, mid, hi = edges[b], edges[b + 1], edges[b + 2]
        fb[b] = np.clip(np.minimum((freqs - lo) / (mid - lo), (hi - freqs) / (hi - mid)), 0.0, None)
    return np.log(power @ fb.T + 1e-10)


def align_proba(task, proba, model_classes):
    model_classes = [str(c) for c in model_classes]
    out = np.zeros((proba.shape[0], len(task.classes)))
    for j, cls in enumerate(task.classes):
        if cls in model_classes:
            out[:, j] = proba[:, model_classes.index(cls)]
    sums = out.sum(axis=1, keepdims=True)
    sums[sums == 0] = 1.0
    return out / sums


def write_predictions(task, labels=None, proba=None, values=None):
    mode = task.output_mode
    sub = pd.DataFrame({task.id_column: task.test[task.id_column].astype(str).to_numpy()})
    cols = task.prediction_columns
    if mode == "value":
        sub[cols[0]["name"]] = np.asarray(values, dtype=float)
    elif mode == "label":
        if labels is None:
            labels = np.asarray(task.classes, dtype=object)[np.argmax(proba, axis=1)]
        sub[cols[0]["name"]] = [str(v) for v in labels]
    elif mode == "proba":
        names = [c["name"] for c in cols]
        mapping = {c: c for c in task.classes} if set(names) == set(task.classes) else dict(zip(task.classes, names))
        for j, cls in enumerate(task.classes):
            sub[mapping[cls]] = proba[:, j]
        sub = sub[[task.id_column] + names]
    else:
        sub[cols[0]["name"]] = proba[:, task.classes.index(task.positive_class)]
    expected = [task.id_column] + [c["name"] for c in cols]
    if list(sub.columns) != expected:
        fail_invalid(f"columns {list(sub.columns)} != {expected}")
    if len(sub) != len(task.test) or sub[expected[1:]].isna().any().any():
        fail_invalid("wrong row count or missing predictions")
    if mode == "label" and set(sub[expected[1]]) - set(task.classes):
        fail_invalid("labels not in classes")
    tmp = SUBMISSION_PATH + ".tmp"
    sub.to_csv(tmp, index=False, float_format="%.10g", lineterminator="\n")
    os.replace(tmp, SUBMISSION_PATH)
    log(f"wrote {SUBMISSION_PATH}: {len(sub)} rows")


def prior_predictions(task):
    """The constant prediction: class prior (and majority class), or the mean / median."""
    n = len(task.test)
    if not task.is_classification:
        y = task.y
        name = str(task.metric.get("name", "")).lower()
        return {"values": np.full(n, float(np.median(y) if name in ("mae", "median_absolute_error") else np.mean(y)))}
    labels = pd.Series(task.y)
    counts = labels.value_counts()
    prior = np.array([counts.get(c, 0) for c in task.classes], dtype=float)
    prior /= prior.sum()
    return {"labels": np.full(n, task.classes[int(np.argmax(prior))], dtype=object), "proba": np.tile(prior, (n, 1))}


def fit_predict(task, model, X_train, X_test):
    """Fits a sklearn model and returns predictions in write_predictions' form."""
    model.fit(X_train, task.y)
    if not task.is_classification:
        return {"values": model.predict(X_test)}
    proba = align_proba(task, model.predict_proba(X_test), model.classes_)
    return {"labels": model.predict(X_test), "proba": proba}


def run(build_and_predict):
    task = Task()
    np.random.seed(SEED)
    write_predictions(task, **build_and_predict(task))
