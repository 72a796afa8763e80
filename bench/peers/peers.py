"""One side of the peers benchmark (bench/peers/run): PyTorch or scikit-learn training the same
MLP 784-256-128-10 (or the Train block's small CNN) on the first N Fashion-MNIST photos, batch 128,
Adam 1e-3, one thread. One warm-up epoch (or WARMUPS 1-epoch runs), then the measured epochs. Prints
'RESULT side model samples wall_s cpu_s'. Not a test."""
import gzip, sys, time, warnings
import numpy as np

side, model, rows, epochs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
warmups = int(sys.argv[5]) if len(sys.argv) > 5 else 1  # 1-epoch runs before the measured one
d = "/usr/share/datasets/fashion-mnist/"
with gzip.open(d + "train-images-idx3-ubyte.gz") as f:
    x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784)[:rows].astype(np.float32) / 255
with gzip.open(d + "train-labels-idx1-ubyte.gz") as f:
    y = np.frombuffer(f.read(), np.uint8, offset=8)[:rows].astype(np.int64)

def torch_side(n_epochs):
    import torch
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1) if not hasattr(torch_side, "done") else None
    torch_side.done = True
    torch.manual_seed(42)
    nn = torch.nn
    if model == "mlp":
        net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                            nn.Linear(128, 10))
        xt = torch.from_numpy(x)
    else:
        net = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                            nn.Flatten(), nn.Linear(32 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 10))
        xt = torch.from_numpy(x).reshape(-1, 1, 28, 28)
    yt = torch.from_numpy(y)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(42)
    w0, c0 = time.perf_counter(), time.process_time()
    for _ in range(n_epochs):
        perm = torch.randperm(len(yt), generator=g)
        xs, ys = xt[perm], yt[perm]
        for i in range(0, len(yt), 128):
            opt.zero_grad()
            loss = loss_fn(net(xs[i:i + 128]), ys[i:i + 128])
            loss.backward()
            opt.step()
    return time.perf_counter() - w0, time.process_time() - c0

def sklearn_side(n_epochs):
    from sklearn.neural_network import MLPClassifier
    from sklearn.exceptions import ConvergenceWarning
    warnings.simplefilter("ignore", ConvergenceWarning)
    clf = MLPClassifier(hidden_layer_sizes=(256, 128), batch_size=128, learning_rate_init=1e-3,
                        max_iter=n_epochs, solver="adam", random_state=42, tol=0,
                        n_iter_no_change=10 ** 9, shuffle=True)
    w0, c0 = time.perf_counter(), time.process_time()
    clf.fit(x, y)
    return time.perf_counter() - w0, time.process_time() - c0

fn = torch_side if side == "pytorch" else sklearn_side
warm = fn(1)
for _ in range(warmups - 1):
    fn(1)
print("MEASURED from mono %.6f" % time.monotonic(), file=sys.stderr)
wall, cpu = fn(epochs)
print("MEASURED until mono %.6f" % time.monotonic(), file=sys.stderr)
print("RESULT %s %s %d %.4f %.4f (warm-up %.2f s)" % (side, model, rows * epochs, wall, cpu, warm[0]))
