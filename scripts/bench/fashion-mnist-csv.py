#!/usr/bin/env python3
"""Writes Fashion-MNIST as a numeric CSV: a header (label,pixel0..pixel783), then one row per image, the label
first and the 784 pixels as integers 0..255 (as Kaggle's fashion-mnist_train.csv). Generated, never committed.

    scripts/bench/fashion-mnist-csv.py OUT.csv [ROWS] [--scaled]

ROWS (default 60000) repeats the 60,000 training images when larger. --scaled writes pixels / 255 with 6
significant digits (e.g. 0.00392157), the kind of decimal text a float parser has to round.
"""
import gzip
import sys

import numpy as np

SRC = "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    scaled = "--scaled" in sys.argv
    out = args[0]
    rows = int(args[1]) if len(args) > 1 else 60000
    images = idx(f"{SRC}/train-images-idx3-ubyte.gz").reshape(-1, 784)
    labels = idx(f"{SRC}/train-labels-idx1-ubyte.gz")
    with open(out, "w", newline="\n") as f:
        f.write("label," + ",".join(f"pixel{i}" for i in range(784)) + "\n")
        done = 0
        while done < rows:
            n = min(rows - done, 5000)
            at = np.arange(done, done + n) % len(images)
            block = np.concatenate([labels[at, None].astype(np.float64),
                                    images[at].astype(np.float64) / 255.0 if scaled else images[at]], axis=1)
            if scaled:
                lines = [",".join([str(int(r[0]))] + [f"{v:.6g}" for v in r[1:]]) for r in block]
            else:
                lines = [",".join(map(str, r)) for r in block.astype(np.int64).tolist()]
            f.write("\n".join(lines) + "\n")
            done += n


if __name__ == "__main__":
    main()
