"""Text rungs of the solver zoo: from document length alone up to tuned word + character
TF-IDF models. Documents come from text.py's TextTask (inline column or .txt files)."""
import re

import numpy as np
import scipy.sparse as sp

import mle_smith_baseline as kit
from text import TextTask
from mle_smith_baseline import log
from zoo_models import budget_rungs, predict, rung_parts


def length_features(texts):
    """Characters, words, mean word length, digits, upper-case and punctuation shares (log-scaled)."""
    rows = []
    for t in texts:
        n = max(1, len(t))
        words = t.split()
        rows.append([
            np.log1p(len(t)), np.log1p(len(words)), np.mean([len(w) for w in words]) if words else 0.0,
            sum(c.isdigit() for c in t) / n, sum(c.isupper() for c in t) / n, len(re.findall(r"[!?$%]", t)) / n,
        ])
    return np.asarray(rows, dtype=float)


def word_counts(task):
    from sklearn.feature_extraction.text import CountVectorizer
    vec = CountVectorizer(min_df=2, max_features=50000)
    return vec.fit_transform(task.train_texts), vec.transform(task.test_texts)


def word_tfidf(task):
    from sklearn.feature_extraction.text import TfidfVectorizer
    vec = TfidfVectorizer(sublinear_tf=True, min_df=2, max_features=50000, dtype=np.float64)
    return vec.fit_transform(task.train_texts), vec.transform(task.test_texts)


def char_tfidf(task):
    from sklearn.feature_extraction.text import TfidfVectorizer
    vec = TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 4), min_df=2, max_features=100000, dtype=np.float64)
    return vec.fit_transform(task.train_texts), vec.transform(task.test_texts)


def word_and_char(task):
    (a, b), (c, d) = word_tfidf(task), char_tfidf(task)
    return sp.hstack([a, c]).tocsr(), sp.hstack([b, d]).tocsr()


def lsa(task):
    """Word TF-IDF reduced to (at most) 100 latent dimensions: dense input for trees."""
    from sklearn.decomposition import TruncatedSVD
    X_train, X_test = word_tfidf(task)
    k = max(2, min(100, X_train.shape[1] - 1, X_train.shape[0] - 1))
    svd = TruncatedSVD(n_components=k, random_state=kit.SEED)
    return svd.fit_transform(X_train), svd.transform(X_test)


# rung -> (features, learner)
RUNGS = {
    "constant": (None, "constant"),
    "length": (lambda task: (length_features(task.train_texts), length_features(task.test_texts)), "linear"),
    "knn": (word_tfidf, "knn"),
    "bow-nb": (word_counts, "multinomial-nb"),
    "lsa-gbm": (lsa, "gbm"),
    "tfidf-linear": (word_tfidf, "linear"),
    "char-linear": (char_tfidf, "linear"),
    "tuned-linear": (word_and_char, "tuned-linear"),
    **budget_rungs((word_tfidf, "linear")),
}


def main(rung):
    (make_features, learner), fraction = rung_parts(RUNGS[rung])

    def build_and_predict(task):
        if make_features is None:
            return predict(task, learner, None, None)
        X_train, X_test = make_features(task)
        log(f"zoo-text-{rung}: {X_train.shape[1]} features")
        return predict(task, learner, X_train, X_test, fraction)
    kit.run(TextTask, build_and_predict)
