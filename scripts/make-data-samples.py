#!/usr/bin/env python3
"""Write lrlab's small demo data sets (data-samples/*.csv) from scikit-learn's bundled files.

Uses only the Python standard library. It reads the CSV files that the scikit-learn package
ships under sklearn/datasets/data (Debian: `apt-get install python3-sklearn`) and writes clean
CSVs with a header row. See data-samples/README.md for what each file holds.

Usage: scripts/make-data-samples.py [--sklearn-data DIR] [--out DIR]
"""
import argparse
import csv
import glob
import gzip
import math
import os
import sys

CANDIDATE_DIRS = [
    "/usr/lib/python3/dist-packages/sklearn/datasets/data",
    *sorted(glob.glob("/usr/lib/python3*/site-packages/sklearn/datasets/data")),
    *sorted(glob.glob("/usr/local/lib/python3*/dist-packages/sklearn/datasets/data")),
    *sorted(glob.glob("/usr/local/lib/python3*/site-packages/sklearn/datasets/data")),
]

IRIS_SPECIES = ["setosa", "versicolor", "virginica"]

# sklearn's feature names ("mean radius", "radius error", "worst radius", ...) in snake_case
_BC_NAMES = ("radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
             "concave_points", "symmetry", "fractal_dimension")
BREAST_CANCER_FEATURES = ([f"mean_{n}" for n in _BC_NAMES] + [f"{n}_error" for n in _BC_NAMES]
                          + [f"worst_{n}" for n in _BC_NAMES])

DIABETES_FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


def find_sklearn_data(explicit):
    candidates = [explicit] if explicit else CANDIDATE_DIRS
    for d in candidates:
        if d and os.path.isfile(os.path.join(d, "iris.csv")):
            return d
    sys.exit("make-data-samples: expected scikit-learn's datasets/data folder, found none in "
             + ", ".join(c for c in candidates if c)
             + "; install it with `apt-get install -y python3-sklearn` or pass --sklearn-data DIR")


def read_rows(path, delimiter=","):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="") as f:
        if delimiter == " ":
            return [line.split() for line in f if line.strip()]
        return [row for row in csv.reader(f, delimiter=delimiter) if row]


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {path}: {len(rows)} rows x {len(header)} columns")


def fmt(x, digits):
    """Shortest fixed text for a float with `digits` significant digits; ints stay ints."""
    text = f"{x:.{digits}g}"
    return "0" if text == "-0" else text


def column_stats(matrix):
    n = len(matrix)
    cols = list(zip(*matrix))
    means = [math.fsum(c) / n for c in cols]
    # population standard deviation (ddof=0), as sklearn.preprocessing.scale uses
    stds = [math.sqrt(math.fsum((v - m) ** 2 for v in c) / n) for c, m in zip(cols, means)]
    return means, stds


def make_iris(src, out):
    rows = read_rows(os.path.join(src, "iris.csv"))[1:]  # first line: counts and class names
    body = [r[:4] + [IRIS_SPECIES[int(r[4])]] for r in rows]
    write_csv(os.path.join(out, "iris.csv"),
              ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"], body)


def make_iris_two_inputs(src, out):
    """iris again, with columns named for a model with inputs `sepal` [-1,2] and `petal` [-1,2]."""
    rows = read_rows(os.path.join(src, "iris.csv"))[1:]
    body = [r[:4] + [IRIS_SPECIES[int(r[4])]] for r in rows]
    write_csv(os.path.join(out, "iris-two-inputs.csv"),
              ["sepal_0", "sepal_1", "petal_0", "petal_1", "species"], body)


def make_digits(src, out):
    rows = read_rows(os.path.join(src, "digits.csv.gz"))
    body = [[str(int(float(v))) for v in r] for r in rows]
    write_csv(os.path.join(out, "digits.csv"),
              [f"pixel{i}" for i in range(64)] + ["label"], body)


def make_diabetes(src, out):
    raw = [[float(v) for v in r] for r in read_rows(os.path.join(src, "diabetes_data_raw.csv.gz"), " ")]
    target = [float(r[0]) for r in read_rows(os.path.join(src, "diabetes_target.csv.gz"), " ")]
    # sklearn.datasets.load_diabetes(scaled=True): centre each column, divide by its population
    # standard deviation times sqrt(n_samples), so each column's sum of squares is 1
    n = len(raw)
    means, stds = column_stats(raw)
    body = [[fmt((v - m) / (s * math.sqrt(n)), 10) for v, m, s in zip(r, means, stds)]
            + [fmt(t, 10)] for r, t in zip(raw, target)]
    write_csv(os.path.join(out, "diabetes.csv"), DIABETES_FEATURES + ["progression"], body)


def make_breast_cancer(src, out):
    rows = read_rows(os.path.join(src, "breast_cancer.csv"))[1:]
    x = [[float(v) for v in r[:30]] for r in rows]
    # sklearn's target: 0 = malignant, 1 = benign; we write malignant = 1 - target
    malignant = [1 - int(r[30]) for r in rows]
    means, stds = column_stats(x)
    body = [[fmt((v - m) / s, 6) for v, m, s in zip(r, means, stds)] + [str(y)]
            for r, y in zip(x, malignant)]
    write_csv(os.path.join(out, "breast_cancer.csv"), BREAST_CANCER_FEATURES + ["malignant"], body)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sklearn-data", help="scikit-learn's sklearn/datasets/data folder")
    p.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                 "..", "data-samples"))
    args = p.parse_args()
    src = find_sklearn_data(args.sklearn_data)
    os.makedirs(args.out, exist_ok=True)
    make_iris(src, args.out)
    make_iris_two_inputs(src, args.out)
    make_digits(src, args.out)
    make_diabetes(src, args.out)
    make_breast_cancer(src, args.out)


if __name__ == "__main__":
    main()
