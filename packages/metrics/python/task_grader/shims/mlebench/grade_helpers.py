"""The one name an MLE-bench grader imports from mlebench.grade_helpers."""


class InvalidSubmissionError(Exception):
    """The submission cannot be graded (raised by a competition's grade())."""
