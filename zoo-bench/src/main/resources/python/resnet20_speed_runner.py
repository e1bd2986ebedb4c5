"""ResNet-20 (option-A shortcuts) in PyTorch, a peer row of `zoo compare resnet20 --speed-only`.

Speaks the protocol of dev.zoo.bench.compare.SpeedRunner: warms up, writes `@zoo {"kind":"ready"}`,
then on each `round N` line of standard input trains N steps on synthetic batches and answers with
the round's seconds and images; on `end` it reports its peak resident memory. The same network,
optimiser (SGD momentum 0.9, weight decay 5e-4, lr 0.05) and batch as the Java runners; the threads
follow OMP_NUM_THREADS, as the engines' do.
"""
import argparse
import json
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.stride = stride
        self.extra = cout - cin

    def forward(self, x):
        out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        skip = x[:, :, ::self.stride, ::self.stride] if self.stride > 1 else x
        if self.extra:
            skip = F.pad(skip, (0, 0, 0, 0, 0, self.extra))
        return F.relu(out + skip)


class ResNet20(nn.Module):
    def __init__(self, channels, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 16, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        layers, cin = [], 16
        for cout in (16, 32, 64):
            for b in range(3):
                layers.append(Block(cin, cout, 2 if cout != 16 and b == 0 else 1))
                cin = cout
        self.blocks = nn.Sequential(*layers)
        self.fc = nn.Linear(64, classes)

    def forward(self, x):
        x = self.blocks(F.relu(self.bn1(self.conv1(x))))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


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
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--input", default="3x32x32")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    torch.manual_seed(a.seed)
    c, h, w = (int(v) for v in a.input.split("x"))
    model = ResNet20(c, 10)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    batches = [(torch.randn(a.batch, c, h, w), torch.randint(0, 10, (a.batch,))) for _ in range(4)]
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
