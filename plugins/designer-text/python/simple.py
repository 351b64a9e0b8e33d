"""Tier simple: TF-IDF of words (unigrams, sublinear tf) + a linear model: logistic regression
for classification, Ridge for regression."""
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression, Ridge

from text import N_JOBS, SEED, align_proba, run


def build_and_predict(task):
    vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.95, max_features=50000, dtype=float)
    X_train = vectorizer.fit_transform(task.train_texts)
    X_test = vectorizer.transform(task.test_texts)
    if not task.is_classification:
        model = Ridge(alpha=1.0, random_state=SEED).fit(X_train, task.y)
        return {"values": model.predict(X_test)}
    model = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED, n_jobs=N_JOBS).fit(X_train, task.y)
    proba = align_proba(task, model.predict_proba(X_test), model.classes_)
    return {"labels": model.predict(X_test), "proba": proba}


if __name__ == "__main__":
    run(build_and_predict)
