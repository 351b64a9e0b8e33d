"""The names an MLE-Dojo metric imports from mledojo.metrics.base: the base class and the exception."""


class InvalidSubmissionError(Exception):
    """The submission cannot be graded (raised by validate_submission)."""


class CompetitionMetrics:
    def __init__(self, higher_is_better=True):
        self.higher_is_better = higher_is_better

    def evaluate(self, y_true, y_pred):
        raise NotImplementedError

    def validate_submission(self, submission, ground_truth):
        raise NotImplementedError
