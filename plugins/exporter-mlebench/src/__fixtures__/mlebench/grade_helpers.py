"""Test shim of mlebench.grade_helpers: only the exception an exported grade.py raises (the harness
itself is not installable here)."""


class InvalidSubmissionError(Exception):
    """A submission the competition's grader rejects."""
