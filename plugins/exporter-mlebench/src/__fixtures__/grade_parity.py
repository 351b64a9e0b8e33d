"""Grades submissions with exported MLE-bench grade.py files, as the harness calls them.

    python3 grade_parity.py ROOT JOBS_JSON
        ROOT: a folder laid out like MLE-bench's repository (mlebench/grade_helpers.py and the
        exported competitions under mlebench/competitions/)
        JOBS_JSON: [{"id": competition id, "answers": csv, "submissions": [csv, ...]}, ...]
        prints one JSON line per submission: {"score": x} | {"invalid": msg} | {"error": msg}, each
        with "grader": the score of the MLE-Smith Python grader that grade.py wraps, called directly

Submissions and answers are read as mlebench.utils.read_csv reads them.
"""
import importlib
import json
import sys

import pandas as pd


def read_csv(path):
    return pd.read_csv(path, float_precision="round_trip")


def main(root, jobs_file):
    sys.path.insert(0, root)
    from mlebench.grade_helpers import InvalidSubmissionError

    with open(jobs_file) as f:
        jobs = json.load(f)
    for job in jobs:
        module = importlib.import_module(f"mlebench.competitions.{job['id']}.grade")
        answers = read_csv(job["answers"])
        for path in job["submissions"]:
            submission = read_csv(path)
            try:
                result = {"score": module.grade(submission.copy(), answers.copy())}
            except InvalidSubmissionError as err:
                result = {"invalid": str(err)}
            except Exception as err:  # anything else is a bug in the export
                result = {"error": f"{type(err).__name__}: {err}"}
            try:
                result["grader"] = module._GRADER.grade(submission, answers, module.TASK)
            except module._GRADER.InvalidSubmission:
                result["grader"] = None
            print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
