"""Trains the peer tools on exactly the rows Blocksmith's Split chose, and scores them on its test part.

scikit-learn with its defaults (LogisticRegression or LinearRegression, RandomForest, MLP; the
linear model and the MLP behind a StandardScaler, as scikit-learn's guide recommends), and a PyTorch
MLP (2 hidden layers of 64, Adam 0.001, batches of 32, early stopping on the validation part with
patience 20 epochs, best weights kept). Fitted on the training part; the validation part is used only
by the PyTorch MLP for early stopping.

The analyst exports (`NAME-export.csv`) are read the way a scikit-learn user would prepare them by
hand, with the same columns Blocksmith learns from: `;` and decimal commas parsed, `record_id` and
the free-text `note` dropped, `visit_date` turned into year, month and weekday, `site` one-hot
encoded, empty cells filled with the training mean (SimpleImputer, fitted inside each model's
pipeline on the training rows only).

Usage: peers.py DATA_DIR OUT_DIR SEEDS NAME...   (writes OUT_DIR/peers.jsonl)
"""
import csv
import datetime
import json
import os
import sys
import time
import warnings

import numpy as np
import torch
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, r2_score
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)
torch.set_num_threads(1)


def load(path):
    if path.endswith("-export.csv"):
        return load_export(path)
    with open(path) as f:
        rows = list(csv.reader(f))
    header, rows = rows[0], rows[1:]
    x = np.array([[float(v) for v in r[:-1]] for r in rows])
    y = [r[-1] for r in rows]
    return x, y


SITES = ["East", "North", "South", "West"]


def load_export(path):
    """record_id;visit_date;site;FEATURES...;note;target with decimal commas and empty cells."""
    with open(path, encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter=";"))
    rows = rows[1:]
    x = []
    for r in rows:
        d = datetime.datetime.strptime(r[1], "%d.%m.%Y").date()
        feats = [float(v.replace(",", ".")) if v else np.nan for v in r[3:-2]]
        x.append([d.year, d.month, d.isoweekday()] + [1.0 if r[2] == s else 0.0 for s in SITES]
                 + feats)
    return np.array(x), [r[-1].replace(",", ".") for r in rows]


def parts(path):
    out = {"train": [], "validation": [], "test": []}
    with open(path) as f:
        for r in list(csv.reader(f))[1:]:
            out[r[1]].append(int(r[0]))
    return out


def torch_mlp(xtr, ytr, xva, yva, xte, regression, seed):
    torch.manual_seed(seed)
    scaler = make_pipeline(SimpleImputer(), StandardScaler()).fit(xtr)
    t = lambda a: torch.tensor(scaler.transform(a), dtype=torch.float32)
    xtr_, xva_, xte_ = t(xtr), t(xva), t(xte)
    if regression:
        mu, sd = ytr.mean(), ytr.std()
        ytr_ = torch.tensor((ytr - mu) / sd, dtype=torch.float32).unsqueeze(1)
        yva_ = torch.tensor((yva - mu) / sd, dtype=torch.float32).unsqueeze(1)
        outs, loss_fn = 1, torch.nn.MSELoss()
    else:
        ytr_, yva_ = torch.tensor(ytr), torch.tensor(yva)
        outs, loss_fn = int(max(ytr.max(), yva.max())) + 1, torch.nn.CrossEntropyLoss()
    net = torch.nn.Sequential(torch.nn.Linear(xtr.shape[1], 64), torch.nn.ReLU(),
                              torch.nn.Linear(64, 64), torch.nn.ReLU(), torch.nn.Linear(64, outs))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(seed)
    best, best_state, waited = float("inf"), None, 0
    for _ in range(500):
        net.train()
        for idx in torch.randperm(len(xtr_), generator=g).split(32):
            opt.zero_grad()
            loss_fn(net(xtr_[idx]), ytr_[idx]).backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            v = loss_fn(net(xva_), yva_).item()
        if v < best:
            best, best_state, waited = v, {k: p.clone() for k, p in net.state_dict().items()}, 0
        else:
            waited += 1
            if waited >= 20:
                break
    net.load_state_dict(best_state)
    with torch.no_grad():
        p = net(xte_)
    return (p.squeeze(1).numpy() * sd + mu) if regression else p.argmax(1).numpy()


def main():
    data, out, seeds, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
    lines = []
    for name in names:
        x, labels = load(os.path.join(data, name + ".csv"))
        regression = name.startswith("diabetes")
        if regression:
            y = np.array([float(v) for v in labels])
        else:
            classes = sorted(set(labels))
            y = np.array([classes.index(v) for v in labels])
        for seed in range(1, seeds + 1):
            p = parts(os.path.join(out, "splits", f"{name}-s{seed}.csv"))
            tr, va, te = (np.array(p[k]) for k in ("train", "validation", "test"))
            # SimpleImputer leaves the clean tables (no empty cells) unchanged.
            if regression:
                models = {"linear": make_pipeline(SimpleImputer(), StandardScaler(),
                                                  LinearRegression()),
                          "random forest": make_pipeline(
                              SimpleImputer(), RandomForestRegressor(random_state=seed)),
                          "sklearn MLP": make_pipeline(SimpleImputer(), StandardScaler(),
                                                       MLPRegressor(random_state=seed))}
            else:
                models = {"linear": make_pipeline(SimpleImputer(), StandardScaler(),
                                                  LogisticRegression()),
                          "random forest": make_pipeline(
                              SimpleImputer(), RandomForestClassifier(random_state=seed)),
                          "sklearn MLP": make_pipeline(SimpleImputer(), StandardScaler(),
                                                       MLPClassifier(random_state=seed))}
            score = r2_score if regression else accuracy_score
            for tool, m in models.items():
                t0 = time.time()
                m.fit(x[tr], y[tr])
                s = score(y[te], m.predict(x[te]))
                lines.append({"data": name, "seed": seed, "tool": tool, "score": s,
                              "wall_s": time.time() - t0})
            t0 = time.time()
            pred = torch_mlp(x[tr], y[tr], x[va], y[va], x[te], regression, seed)
            lines.append({"data": name, "seed": seed, "tool": "PyTorch MLP",
                          "score": score(y[te], pred), "wall_s": time.time() - t0})
            print(name, seed, " ".join(f"{l['tool']}={l['score']:.3f}" for l in lines[-4:]),
                  flush=True)
    with open(os.path.join(out, "peers.jsonl"), "w") as f:
        f.write("\n".join(json.dumps(l) for l in lines) + "\n")


if __name__ == "__main__":
    main()
