"""Any zoo network in PyTorch, built from its architecture file: the peer row of `zoo compare --speed-only`.

Builds the network that `--architecture` (the zoo's architecture JSON, docs/architecture-format.md)
describes with torch.nn, in PyTorch's own semantics that the zoo follows (average pooling counts
padded zeros, flatten in C, H, W order, option-A shortcuts subsample and append zero channels), and
refuses to run unless its trainable parameters number `--parameters`, the zoo's own count.

Speaks the protocol of dev.zoo.bench.compare.SpeedRunner: warms up, writes `@zoo {"kind":"ready"}`,
then on each `round N` line of standard input trains N steps on synthetic batches and answers with
the round's seconds and images, on `predict N` runs N batches through the inference pass, and on
`end` reports its peak resident memory. The same optimiser (SGD momentum 0.9, weight decay 5e-4,
lr 0.05) and batch as the Java runners; the threads follow OMP_NUM_THREADS, as the engines' do.
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class GlobalPool(nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def forward(self, x):
        return x.mean((2, 3)) if self.kind == "avg" else x.amax((2, 3))


class ZeroPad(nn.Module):
    """Option A: subsample by the stride, then append zero channels up to out_channels."""

    def __init__(self, stride, extra):
        super().__init__()
        self.stride = stride
        self.extra = extra

    def forward(self, x):
        x = x[:, :, ::self.stride, ::self.stride] if self.stride > 1 else x
        return F.pad(x, (0, 0, 0, 0, 0, self.extra)) if self.extra else x


class Residual(nn.Module):
    def __init__(self, body, shortcut, activation):
        super().__init__()
        self.body = body
        self.shortcut = shortcut
        self.activation = activation

    def forward(self, x):
        y = self.body(x) + self.shortcut(x)
        return self.activation(y) if self.activation is not None else y


ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}


def window(size, kernel, stride, padding):
    return (size + 2 * padding - kernel) // stride + 1


def sequence(layers, shape):
    modules = []
    for spec in layers:
        module, shape = layer(spec, shape)
        modules.append(module)
    return nn.Sequential(*modules), shape


def layer(spec, shape):
    t = spec["type"]
    if t == "Conv2d":
        c, h, w = shape
        k, s, p = spec["kernel"], spec.get("stride", 1), spec.get("padding", 0)
        conv = nn.Conv2d(c, spec["filters"], k, s, p, bias=spec.get("bias", True))
        return conv, (spec["filters"], window(h, k, s, p), window(w, k, s, p))
    if t == "Dense":
        return nn.Linear(shape[0], spec["units"], bias=spec.get("bias", True)), (spec["units"],)
    if t == "Pool":
        c, h, w = shape
        k, p = spec["kernel"], spec.get("padding", 0)
        s = spec.get("stride", k)
        pool = nn.MaxPool2d(k, s, p) if spec["pool"].lower() == "max" else nn.AvgPool2d(k, s, p, count_include_pad=True)
        return pool, (c, window(h, k, s, p), window(w, k, s, p))
    if t == "GlobalPool":
        return GlobalPool(spec["pool"].lower()), (shape[0],)
    if t == "BatchNorm":
        norm = nn.BatchNorm2d if len(shape) == 3 else nn.BatchNorm1d
        return norm(shape[0], eps=spec.get("epsilon", 1e-5), momentum=spec.get("momentum", 0.1)), shape
    if t == "Activation":
        return ACTIVATIONS[spec["function"].lower()](), shape
    if t == "Dropout":
        return nn.Dropout(spec["rate"]), shape
    if t == "Flatten":
        size = 1
        for d in shape:
            size *= d
        return nn.Flatten(), (size,)
    if t == "LocalResponseNorm":
        return nn.LocalResponseNorm(spec["size"], spec.get("alpha", 1e-4), spec.get("beta", 0.75), spec.get("k", 1.0)), shape
    if t == "Sequential":
        return sequence(spec["layers"], shape)
    if t == "Residual":
        body, out = sequence(spec["body"]["layers"], shape)
        short = spec["shortcut"]
        if short["type"] == "Identity":
            shortcut = nn.Identity()
        elif short["type"] == "ZeroPad":
            shortcut = ZeroPad(short["stride"], short["outChannels"] - shape[0])
        else:
            shortcut, _ = sequence(short["layers"], shape)
        activation = spec.get("activation", "relu")
        act = None if activation is None or activation.lower() == "none" else ACTIVATIONS[activation.lower()]()
        return Residual(body, shortcut, act), out
    raise SystemExit("zoo_speed_runner: unknown layer type " + t)


def send(kind, **fields):
    print("@zoo " + json.dumps(dict(kind=kind, **fields)), flush=True)


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--architecture", required=True)
    p.add_argument("--parameters", type=int, required=True)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    torch.manual_seed(a.seed)
    with open(a.architecture) as f:
        arch = json.load(f)
    shape = tuple(arch["input"])
    model, out = sequence(arch["network"]["layers"], shape)
    count = sum(t.numel() for t in model.parameters())
    if count != a.parameters or out != (arch["classes"],):
        raise SystemExit("zoo_speed_runner: %s built with %d trainable parameters and output %s; the zoo says %d and %d"
                         % (arch["name"], count, out, a.parameters, arch["classes"]))
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    batches = [(torch.randn(a.batch, *shape), torch.randint(0, arch["classes"], (a.batch,))) for _ in range(4)]
    model.train()
    done = [0]

    def step():
        x, y = batches[done[0] % len(batches)]
        done[0] += 1
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()

    for _ in range(a.warmup):
        step()
    send("ready")
    for line in sys.stdin:
        line = line.strip()
        if line == "end":
            break
        if line.startswith("predict "):
            steps = int(line[len("predict "):])
            model.eval()
            start = time.perf_counter()
            with torch.no_grad():
                for i in range(steps):
                    model(batches[i % len(batches)][0])
            send("predicted", seconds=time.perf_counter() - start, images=steps * a.batch)
            model.train()
            continue
        steps = int(line[len("round "):])
        start = time.perf_counter()
        for _ in range(steps):
            step()
        send("round", seconds=time.perf_counter() - start, images=steps * a.batch)
    send("memory", peakRssMb=peak_rss_mb())
    send("done")


if __name__ == "__main__":
    main()
