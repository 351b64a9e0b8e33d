"""Drives an exported competition as MLE-bench does, for the tests. sys.argv[1] is a folder laid
out like the harness's repository (mlebench/grade_helpers.py from this shim folder, the exported
competitions/<id>/ copied into mlebench/competitions/):

  driver.py ROOT ID grade ANSWERS_CSV SUBMISSION_CSV...   one JSON line each: {"score"} | {"invalid"}
  driver.py ROOT ID prepare RAW PUBLIC PRIVATE           runs prepare(raw, public, private)
"""
import importlib
import json
import sys
from pathlib import Path

import pandas as pd

root, comp, command, *args = sys.argv[1:]
sys.path.insert(0, root)
from mlebench.grade_helpers import InvalidSubmissionError  # noqa: E402


def read_csv(path):
    # as mlebench.utils.read_csv
    return pd.read_csv(path, float_precision="round_trip")


if command == "grade":
    grade = importlib.import_module(f"mlebench.competitions.{comp}.grade").grade
    answers = read_csv(args[0])
    for path in args[1:]:
        try:
            print(json.dumps({"score": grade(read_csv(path), answers)}))
        except InvalidSubmissionError as err:
            print(json.dumps({"invalid": str(err)}))
else:
    prepare = importlib.import_module(f"mlebench.competitions.{comp}.prepare").prepare
    prepare(*(Path(a) for a in args))
