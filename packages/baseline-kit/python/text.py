"""Text part of the baseline ladder: the public task's documents. Documents are the text column
of train.csv/test.csv, or UTF-8 files under data/ named by the text-file column.

Loading, thread caps, prediction formatting and the self-check are @mle-smith/baseline-kit's
mle_smith_baseline.py, shipped next to this module and the tier script (solution.py).
Only numpy, pandas, scikit-learn and scipy are used (Debian bookworm versions, sklearn 1.2).
"""
import os

import pandas as pd

import mle_smith_baseline as kit
from mle_smith_baseline import DATA_DIR, N_JOBS, SEED, TEST_PATH, TRAIN_PATH, align_proba, log  # noqa: F401


def read_document(relative):
    # utf-8-sig drops a byte-order mark; the designer has checked every file is UTF-8.
    with open(os.path.join(DATA_DIR, relative), encoding="utf-8-sig") as f:
        return f.read()


class TextTask(kit.Task):
    """The public task: train/test documents and labels."""

    modality = "text"

    def __init__(self):
        super().__init__()
        self.text_column = self.spec["textColumn"]
        self.layout = self.spec["layout"]
        text = {self.id_column: str, self.text_column: str}
        train_types = dict(text)
        if self.is_classification:
            train_types[self.target] = str
        self.set_frames(
            pd.read_csv(TRAIN_PATH, dtype=train_types, keep_default_na=False, na_values=[""]),
            pd.read_csv(TEST_PATH, dtype=text, keep_default_na=False, na_values=[""]),
        )
        self.train_texts = self.documents(self.train)
        self.test_texts = self.documents(self.test)
        log(f"objective={self.objective} metric={self.metric.get('name')} layout={self.layout} train={len(self.train)} test={len(self.test)}")

    def documents(self, frame):
        values = frame[self.text_column].fillna("").astype(str).tolist()
        if self.layout == "files":
            return [read_document(v) if v else "" for v in values]
        return values


def run(build_and_predict):
    """Entry point of every text tier script."""
    kit.run(TextTask, build_and_predict)
