// utils/prepare.py of an exported competition: MLE-Dojo's prepare(raw, public, private) step.
// `raw` is the MLE-Smith task package (public/ and private/answers.csv); prepare copies its files
// into the harness's layout and checks each against the sha256 recorded at export.
import type { TaskManifest } from '@mle-smith/core';

export function preparePy(manifest: TaskManifest): string {
  const files = manifest.files.map((f) => ({ path: f.path, sha256: f.sha256 }));
  return `"""MLE-Dojo prepare step of ${manifest.id}, exported by MLE-Smith.

prepare(raw, public, private): raw is the MLE-Smith task package (public/, private/answers.csv,
description.md). Copies the public files and description.txt into public/ and the answers into
private/test_answer.csv, checking every file against the sha256 recorded at export.
"""
import hashlib
import json
import shutil
from pathlib import Path

FILES = json.loads(${JSON.stringify(JSON.stringify(files))})


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def prepare(raw: Path, public: Path, private: Path):
    raw, public, private = Path(raw), Path(public), Path(private)
    for entry in FILES:
        source = raw / entry["path"]
        if _sha256(source) != entry["sha256"]:
            raise ValueError(f"{source}: sha256 differs from the exported task's")
    for entry in FILES:
        source = raw / entry["path"]
        if entry["path"].startswith("public/"):
            target = public / entry["path"][len("public/"):]
        elif entry["path"] == "private/answers.csv":
            target = private / "test_answer.csv"
        else:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    shutil.copyfile(raw / "description.md", public / "description.txt")
`;
}
