"""MLE-bench preparer of an exported MLE-Smith task: prepare(raw, public, private) rebuilds the
prepared files byte for byte (checksums.yaml holds their md5s).

raw/data.csv holds every labelled row of the task: the train rows, then the test rows with their
target. MLE-Smith splits by a hash of a row key and a seed computed in DuckDB; instead of re-running
it, the export records its result in mle_smith_task.json ("prepare.testIds", in test.csv's order),
with the sample submission's predictions (one "sampleRow" for every row, or "sampleRows" per row);
a forecasting task's answers columns after the target (series key, scale) are recorded there too.
Fields are split, never parsed, so every number and quote is written as it was read. Every other
entry of raw/ (media folders) is copied into public/ as is."""
import json
import re
import shutil
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_FIELD = re.compile(r'"(?:[^"]|"")*"|[^,"\r\n]*')
_END = re.compile(r",|\r?\n|\Z")


def _records(text, name):
    """[(field texts, line end)] of a CSV text; quoted fields keep their quotes."""
    records, fields, pos = [], [], 0
    while pos < len(text):
        field = _FIELD.match(text, pos)
        end = _END.match(text, field.end())
        if end is None:
            raise ValueError(f"{name}: cannot split the CSV record at character {field.end()}")
        fields.append(field.group(0))
        pos = end.end()
        if end.group(0) != ",":
            records.append((fields, end.group(0)))
            fields = []
    return records


def _unquote(field):
    return field[1:-1].replace('""', '"') if field.startswith('"') else field


def _write(path, lines):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.writelines(lines)


def prepare(raw: Path, public: Path, private: Path) -> None:
    task = json.loads((_HERE / "mle_smith_task.json").read_text(encoding="utf-8"))
    layout = task["prepare"]
    with open(raw / "data.csv", encoding="utf-8", newline="") as f:
        (header, header_end), *rows = _records(f.read(), "raw/data.csv")
    names = [_unquote(h) for h in header]
    t = names.index(task["target"])
    i = names.index(task["submission"]["idColumn"])
    by_id = {fields[i]: (fields, end) for fields, end in rows}
    test_ids = layout["testIds"]
    test = set(test_ids)
    drop_target = lambda fields: ",".join(fields[:t] + fields[t + 1:])

    _write(public / "train.csv", [",".join(header) + header_end] + [",".join(f) + e for f, e in rows if f[i] not in test])
    _write(public / "test.csv", [drop_target(header) + header_end] + [drop_target(by_id[x][0]) + by_id[x][1] for x in test_ids])
    # one prediction for every row, or (a forecasting task's per-series means) one per test row
    sample = layout["sampleRows"] if "sampleRows" in layout else [layout["sampleRow"]] * len(test_ids)
    _write(public / "sample_submission.csv", [layout["sampleHeader"] + header_end] + [f"{x},{sample[k]}{by_id[x][1]}" for k, x in enumerate(test_ids)])
    # answers columns after the target (a forecasting task's series key and scale), as exported
    extra_header = "," + layout["answerExtraHeader"] if "answerExtraHeader" in layout else ""
    extras = [f",{e}" for e in layout["answerExtras"]] if extra_header else [""] * len(test_ids)
    _write(private / "test.csv", [f"{header[i]},{header[t]}{extra_header}{header_end}"] + [f"{x},{by_id[x][0][t]}{extras[k]}{by_id[x][1]}" for k, x in enumerate(test_ids)])
    for entry in sorted(raw.iterdir()):
        if entry.name == "data.csv":
            continue
        if entry.is_dir():
            shutil.copytree(entry, public / entry.name, dirs_exist_ok=True)
        else:
            shutil.copyfile(entry, public / entry.name)
