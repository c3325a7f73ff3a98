"""Driver of scripts/bench/vs-pytorch: interleaved range-test steps of lrlab and of a plain PyTorch loop.

For each model (MLP 784-256-256-10, small CNN) and each repetition, in a freshly shuffled order: lrlab's range test
(scripts/bench/LrlabSteps.java, one long-lived JVM per lrlab setting, model and data loaded once) and the same steps in
PyTorch (same network, data, batch, rates and threads), each timed as seconds per step. Prints medians and the ratio
lrlab / PyTorch of the medians, with the median of the per-repetition ratios. Not part of the tests.
"""
import gzip
import os
import random
import statistics
import struct
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(784, 256), nn.Linear(256, 256), nn.Linear(256, 10)

    def forward(self, x):
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class Cnn(nn.Module):
    """The network of scripts/bench/CnnModel.java: conv 3x3x32, pool, conv 3x3x64, pool, dense 10 (VALID padding)."""

    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 32, 3), nn.Conv2d(32, 64, 3)
        self.dense = nn.Linear(1600, 10)

    def forward(self, x):
        h = x.view(-1, 1, 28, 28)
        h = F.max_pool2d(F.relu(self.conv1(h)), 2)
        h = F.max_pool2d(F.relu(self.conv2(h)), 2)
        return self.dense(h.flatten(1))


class TorchRangeTest:
    """A plain range-test loop: exponential rates, SGD, batches drawn from a fresh permutation each epoch."""

    def __init__(self, model, images, labels, batch):
        self.model, self.images, self.labels, self.batch = model, images, labels, batch
        self.initial = {k: v.clone() for k, v in model.state_dict().items()}
        self.optimizer = torch.optim.SGD(model.parameters(), lr=1e-7)
        self.order, self.position = torch.randperm(len(labels)), 0

    def seconds_per_step(self, steps):
        self.model.load_state_dict(self.initial)  # as lrlab restores the model after each range test
        start = time.perf_counter()
        for k in range(steps):
            lr = 1e-7 * (0.1 / 1e-7) ** (k / (steps - 1))
            for group in self.optimizer.param_groups:
                group["lr"] = lr
            if self.position + self.batch > len(self.order):
                self.order, self.position = torch.randperm(len(self.labels)), 0
            rows = self.order[self.position:self.position + self.batch]
            self.position += self.batch
            loss = F.cross_entropy(self.model(self.images[rows]), self.labels[rows])
            self.optimizer.zero_grad(set_to_none=True)
            loss.backward()
            self.optimizer.step()
            loss.item()
        return (time.perf_counter() - start) / steps


class LrlabProcess:
    def __init__(self, root, model, images, labels, batch, intra, inter, xla):
        cp = f"{root}/target/lrlab.jar:{root}/target/lib/*"
        env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
        self.process = subprocess.Popen(
            ["java", "-Xmx4g", "-cp", cp, f"{root}/scripts/bench/LrlabSteps.java", model, images, labels, str(batch),
             str(intra), str(inter), str(xla).lower()],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        line = self.process.stdout.readline().strip()
        if line != "ready":
            raise SystemExit(f"bench: lrlab did not start on {model} (got {line!r})")

    def seconds_per_step(self, steps):
        self.process.stdin.write(f"{steps}\n")
        self.process.stdin.flush()
        return float(self.process.stdout.readline())

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def main():
    root, images_path, labels_path = sys.argv[1], sys.argv[2], sys.argv[3]
    repeats, threads, batch = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    variants = sys.argv[7].split(",")  # lrlab settings to compare: default, t1, t2, t1x2..., xla
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    images = torch.from_numpy(idx(images_path).reshape(-1, 784).astype(np.float32) / 255)
    labels = torch.from_numpy(idx(labels_path).astype(np.int64))
    models = {
        "mlp": (f"{root}/target/bench/fashion-mnist-mlp", Mlp(), 200),
        "cnn": (f"{root}/target/bench/fashion-mnist-cnn", Cnn(), 20),
    }
    loops, times = {}, {}
    for name, (model_dir, net, steps) in models.items():
        torch_loop = TorchRangeTest(net, images, labels, batch)
        torch_loop.seconds_per_step(5)  # warm-up
        loops[(name, "pytorch")] = (torch_loop, steps)
        for variant in variants:
            intra, inter, xla = settings(variant, threads)
            loops[(name, "lrlab-" + variant)] = (LrlabProcess(root, model_dir, images_path, labels_path, batch, intra,
                                                              inter, xla), steps)
    for key in loops:
        times[key] = []
    shuffle = random.Random(1)
    for r in range(repeats):
        order = list(loops)
        shuffle.shuffle(order)
        for key in order:
            loop, steps = loops[key]
            times[key].append(loop.seconds_per_step(steps))
        print(f"repetition {r + 1}/{repeats} done, load average {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    for (name, loop), _ in loops.items():
        if loop != "pytorch" and hasattr(loops[(name, loop)][0], "close"):
            loops[(name, loop)][0].close()
    print(f"batch {batch}, {threads} threads (torch.set_num_threads; lrlab intra-op and inter-op), {repeats} repetitions,"
          f" seconds per step (median):")
    for name in models:
        base = times[(name, "pytorch")]
        print(f"  {name}: pytorch {statistics.median(base) * 1e3:.2f} ms")
        for variant in variants:
            mine = times[(name, "lrlab-" + variant)]
            paired = statistics.median(m / b for m, b in zip(mine, base))
            print(f"  {name}: lrlab-{variant} {statistics.median(mine) * 1e3:.2f} ms, ratio to pytorch "
                  f"{statistics.median(mine) / statistics.median(base):.3f} (median of paired ratios {paired:.3f})")


def settings(variant, threads):
    """default: TensorFlow's choice; tN: N intra and N inter; tNxM: N intra, M inter; xla: --threads given, XLA on."""
    if variant == "default":
        return 0, 0, False
    if variant == "xla":
        return threads, threads, True
    if variant.startswith("t"):
        parts = variant[1:].split("x")
        return int(parts[0]), int(parts[-1]), False
    raise SystemExit(f"bench: unknown lrlab setting {variant}")


if __name__ == "__main__":
    main()
