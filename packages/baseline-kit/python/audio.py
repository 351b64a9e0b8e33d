"""Audio part of the baseline ladder: the public task's WAV files (data/<audio column> paths)
as samples and mel-spaced band energies.

Loading, thread caps, prediction formatting and the self-check are @mle-smith/baseline-kit's
mle_smith_baseline.py, shipped next to this module and the tier script (solution.py).
Only numpy, pandas and scikit-learn are used (Debian bookworm versions); WAV files are parsed
with struct, spectra come from numpy's FFT.
"""
import numpy as np

import mle_smith_baseline as kit
from mle_smith_baseline import SEED, fit_predict, prior_predictions  # noqa: F401


class AudioTask(kit.MediaTask):
    modality = "audio"


def run(build_and_predict):
    """Entry point of every audio tier script."""
    kit.run(AudioTask, build_and_predict)


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
