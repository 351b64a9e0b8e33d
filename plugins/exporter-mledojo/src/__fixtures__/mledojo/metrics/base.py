"""Test shim of mledojo/metrics/base.py (MLE-Dojo is not installable here): the base class and the
exception an exported metric.py imports, with MLE-Dojo's signatures, nothing more."""


class InvalidSubmissionError(Exception):
    pass


class CompetitionMetrics:
    def __init__(self, higher_is_better=True):
        self.higher_is_better = higher_is_better

    def evaluate(self, y_true, y_pred):
        raise NotImplementedError

    def validate_submission(self, submission, ground_truth):
        raise NotImplementedError
