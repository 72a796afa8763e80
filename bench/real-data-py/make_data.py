"""Writes the five public scikit-learn datasets as CSV files, clean and analyst-style.

Clean: the feature columns as scikit-learn names them, then the column to predict ("target",
class names where scikit-learn has them). Analyst-style (`<name>-export.csv`): the same rows with
what spreadsheets exported by people look like: a unique record id, a date, a free-text note, a
category column, about 3 % of the feature cells left empty, about 3 % of the rows duplicated,
`;` between values and decimal commas. Neither the id, the date, the note nor the category says
anything about the answer, so a tool that learns from them only adds noise.

Usage: make_data.py OUT_DIR
"""
import csv
import datetime
import os
import random
import sys

from sklearn import datasets

LOADERS = {
    "iris": datasets.load_iris,
    "wine": datasets.load_wine,
    "breast-cancer": datasets.load_breast_cancer,
    "digits": datasets.load_digits,
    "diabetes": datasets.load_diabetes,
}
WORDS = ("checked again by the lab sample arrived late entered by hand from paper form value "
         "looks odd see email follow up next week ok fine copied over from old system").split()


def rows_of(name):
    d = LOADERS[name]()
    names = [str(n) for n in getattr(d, "feature_names", [])] or [
        f"pixel_{i}" for i in range(d.data.shape[1])]
    if name == "digits":
        names = [f"pixel_{i}" for i in range(d.data.shape[1])]
    classes = getattr(d, "target_names", None)
    rows = []
    for x, y in zip(d.data, d.target):
        if name == "diabetes":
            label = int(y)
        elif name == "digits":
            label = int(y)
        else:
            label = str(classes[int(y)])
        rows.append([float(v) for v in x] + [label])
    return names + ["target"], rows


def number(v, decimal_comma):
    s = repr(round(v, 6)) if v != int(v) else str(int(v))
    return s.replace(".", ",") if decimal_comma else s


def write_clean(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([number(v, False) for v in r[:-1]] + [r[-1]])


def write_export(path, header, rows, seed):
    rnd = random.Random(seed)
    ids = rnd.sample(range(100000, 999999), len(rows))
    start = datetime.date(2021, 1, 1)
    out = []
    for i, r in enumerate(rows):
        feats = ["" if rnd.random() < 0.03 else number(v, True) for v in r[:-1]]
        date = start + datetime.timedelta(days=rnd.randrange(0, 1000))
        note = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(3, 9)))
        site = rnd.choice(["North", "South", "East", "West"])
        label = number(r[-1], True) if isinstance(r[-1], (int, float)) else r[-1]
        out.append([str(ids[i]), date.strftime("%d.%m.%Y"), site] + feats + [note, label])
    for k in rnd.sample(range(len(out)), max(1, len(out) * 3 // 100)):
        out.insert(rnd.randrange(len(out)), list(out[k]))
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["record_id", "visit_date", "site"] + header[:-1] + ["note", header[-1]])
        w.writerows(out)


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for i, name in enumerate(LOADERS):
        header, rows = rows_of(name)
        write_clean(os.path.join(out_dir, name + ".csv"), header, rows)
        write_export(os.path.join(out_dir, name + "-export.csv"), header, rows, 1000 + i)
        print(f"{name}: {len(rows)} rows, {len(header) - 1} features")


if __name__ == "__main__":
    main()
