"""Tier strong: TF-IDF of word 1-2-grams and character 2-5-grams (within word boundaries),
then a linear model tuned by 3-fold cross-validation on the training set:

- classification: a linear SVM, calibrated (sigmoid, 3-fold) when the metric reads
  probabilities, with C chosen from {0.1, 0.3, 1, 3};
- regression: Ridge with alpha chosen from {0.3, 1, 3, 10}.
"""
import numpy as np
import scipy.sparse as sp
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import Ridge
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold
from sklearn.svm import LinearSVC

from text import N_JOBS, SEED, align_proba, log, run


def features(task):
    words = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2, max_df=0.95, max_features=200000, dtype=np.float32)
    chars = TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 5), min_df=2, max_features=200000, dtype=np.float32)
    X_train = sp.hstack([words.fit_transform(task.train_texts), chars.fit_transform(task.train_texts)]).tocsr()
    X_test = sp.hstack([words.transform(task.test_texts), chars.transform(task.test_texts)]).tocsr()
    return X_train, X_test


def build_and_predict(task):
    X_train, X_test = features(task)
    y = task.y
    if not task.is_classification:
        cv = KFold(n_splits=3, shuffle=True, random_state=SEED)
        search = GridSearchCV(Ridge(random_state=SEED), {"alpha": [0.3, 1.0, 3.0, 10.0]}, cv=cv, scoring="neg_root_mean_squared_error", n_jobs=N_JOBS)
        search.fit(X_train, y)
        log(f"ridge alpha={search.best_params_['alpha']}")
        return {"values": search.best_estimator_.predict(X_test)}
    smallest = int(y.value_counts().min())
    folds = max(2, min(3, smallest))
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED)
    scoring = "roc_auc" if task.objective == "binary" and task.wants_probability else "f1_macro"
    search = GridSearchCV(LinearSVC(random_state=SEED), {"C": [0.1, 0.3, 1.0, 3.0]}, cv=cv, scoring=scoring, n_jobs=N_JOBS)
    search.fit(X_train, y)
    c = search.best_params_["C"]
    log(f"linear svm C={c} ({scoring} {search.best_score_:.4f})")
    if not task.wants_probability:
        return {"labels": search.best_estimator_.predict(X_test)}
    model = CalibratedClassifierCV(LinearSVC(C=c, random_state=SEED), method="sigmoid", cv=folds).fit(X_train, y)
    proba = align_proba(task, model.predict_proba(X_test), model.classes_)
    return {"proba": proba}


if __name__ == "__main__":
    run(build_and_predict)
