#!/usr/bin/env python3
"""Converts scikit-learn's 8x8 digits (digits.csv.gz, as shipped inside the scikit-learn
wheel at sklearn/datasets/data/digits.csv.gz) into the four IDX files next to this script.

Reads only the local csv given as the argument; standard library only.
Each row: 64 pixel values 0..16 (row-major 8x8), then the label 0..9. Pixels are scaled to
0..255 as round(v * 255 / 16) (so 16 -> 255, 8 -> 128). The first 1500 rows are the training
file, the last 297 the test file, in the file's order (no shuffling).

    python3 convert_digits.py /path/to/digits.csv.gz
"""
import gzip
import struct
import sys
from pathlib import Path

TRAIN = 1500


def write_images(path, images):
    with open(path, "wb") as f:
        f.write(struct.pack(">IIII", 0x803, len(images), 8, 8))
        for pixels in images:
            f.write(bytes(pixels))


def write_labels(path, labels):
    with open(path, "wb") as f:
        f.write(struct.pack(">II", 0x801, len(labels)))
        f.write(bytes(labels))


def main(source):
    rows = []
    with gzip.open(source, "rt") as f:
        for line in f:
            values = [int(float(v)) for v in line.strip().split(",")]
            assert len(values) == 65 and all(0 <= v <= 16 for v in values[:64]) and 0 <= values[64] <= 9
            rows.append(([(v * 255 + 8) // 16 for v in values[:64]], values[64]))
    assert len(rows) == 1797, len(rows)
    here = Path(__file__).resolve().parent
    for name, part in (("train", rows[:TRAIN]), ("test", rows[TRAIN:])):
        write_images(here / f"digits-{name}-images.idx", [p for p, _ in part])
        write_labels(here / f"digits-{name}-labels.idx", [l for _, l in part])
        print(f"digits-{name}: {len(part)} images")


if __name__ == "__main__":
    main(sys.argv[1])
