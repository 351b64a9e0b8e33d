"""Builds the Python part of the quality-bench corpus from Debian's
python3-sklearn (bundled data sets only, nothing downloaded) and
python3-vega-datasets (local data sets only). Run with /usr/bin/python3:

    /usr/bin/python3 bench/quality/build-corpus-py.py <out-dir> [name,name,...]

Each table goes to <out-dir>/<name>/<name>.csv with README.txt holding the
package's own description (sklearn's DESCR, vega_datasets' dataset_info).
iris (both packages) and anscombe are skipped: they are R base data sets,
reserved for an independent check.
"""
import csv
import json
import os
import sys

import pandas as pd

out = sys.argv[1]
only = set(sys.argv[2].split(",")) if len(sys.argv) > 2 and sys.argv[2] else None


def write(name, df, readme):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    df.to_csv(os.path.join(d, name + ".csv"), index=False, na_rep="NA", quoting=csv.QUOTE_MINIMAL)
    with open(os.path.join(d, "README.txt"), "w", encoding="utf-8") as f:
        f.write(readme.rstrip() + "\n")
    print(f"{name:16s} {df.shape[0]:6d} rows {df.shape[1]:4d} cols")


def sklearn_tables():
    from sklearn import datasets as ds
    import sklearn

    ver = sklearn.__version__
    head = "Description of the data set '{0}' bundled with scikit-learn {1} (sklearn.datasets.load_{0}().DESCR).\nThe table is {2}.csv in this folder; load_{0}() returns {3} as its target.\n\n"

    b = ds.load_diabetes(scaled=False)
    df = pd.DataFrame(b.data, columns=b.feature_names)
    df["progression"] = b.target
    yield "diabetes_sklearn", df, head.format("diabetes", ver, "diabetes_sklearn", "the column progression") + b.DESCR

    b = ds.load_wine()
    df = pd.DataFrame(b.data, columns=b.feature_names)
    df["class"] = [b.target_names[i] for i in b.target]
    yield "wine", df, head.format("wine", ver, "wine", "the column class") + b.DESCR

    b = ds.load_breast_cancer()
    df = pd.DataFrame(b.data, columns=[c.replace(" ", "_") for c in b.feature_names])
    df["diagnosis"] = [b.target_names[i] for i in b.target]
    yield "breast_cancer_wdbc", df, head.format("breast_cancer", ver, "breast_cancer_wdbc", "the column diagnosis") + b.DESCR

    b = ds.load_digits()
    df = pd.DataFrame(b.data.astype(int), columns=b.feature_names)
    df["digit"] = b.target
    yield "digits_tabular", df, head.format("digits", ver, "digits_tabular", "the column digit") + b.DESCR

    b = ds.load_linnerud()
    df = pd.DataFrame(b.data, columns=b.feature_names)
    for i, c in enumerate(b.target_names):
        df[c] = b.target[:, i]
    yield "linnerud", df, head.format("linnerud", ver, "linnerud", "the columns Weight, Waist and Pulse") + b.DESCR


def vega_tables():
    import vega_datasets
    from vega_datasets import local_data

    info = json.load(open(os.path.join(os.path.dirname(vega_datasets.__file__), "dataset_info.json")))

    def readme(key, name):
        i = info.get(key, {})
        s = f"Description of the data set '{key}' from the Python package vega_datasets (local copy, dataset_info.json).\nThe table is {name}.csv in this folder.\n\n"
        s += i.get("description", "") + "\n"
        if i.get("references"):
            s += "\nReferences:\n" + "\n".join("  " + r for r in i["references"]) + "\n"
        return s

    df = local_data.cars()
    df["Year"] = pd.to_datetime(df["Year"]).dt.year
    yield "cars_vega", df, readme("cars", "cars_vega")

    df = local_data.seattle_weather()
    df["date"] = pd.to_datetime(df["date"]).dt.strftime("%Y-%m-%d")
    yield "seattle_weather", df, readme("seattle-weather", "seattle_weather")

    df = local_data.barley()
    yield "barley", df, readme("barley", "barley")


rows = []
for gen in (sklearn_tables, vega_tables):
    for name, df, text in gen():
        if only is not None and name not in only:
            continue
        write(name, df, text)
        rows.append(f"{name}\t{gen.__name__.split('_')[0]}\t{df.shape[0]}\t{df.shape[1]}")
with open(os.path.join(out, ".py-manifest.tsv"), "w") as f:
    f.write("\n".join(rows) + "\n")
