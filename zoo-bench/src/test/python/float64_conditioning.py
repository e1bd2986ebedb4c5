"""Is a deep plain network's float64 SGD step well-conditioned enough to compare engines?

Reads a directory written by dev.zoo.bench.SgdStepDump (start weights, batch, weights after one
step per backend) for a zoo plain network (plainNN: convolution, batch norm, ReLU only; CIFAR stem
at 16x16), redoes the step in PyTorch twice - as is, and with the input in channels-last layout,
which changes only the summation order - and counts values outside |a-b| <= 1e-5 + 1e-3|b| for
PyTorch against itself and for each backend against PyTorch.
Run with Debian's python3-torch:  /usr/bin/python3 float64_conditioning.py DUMP_DIR/plain110
"""
import json
import os
import struct
import sys

import torch
import torch.nn.functional as F


def load(path):
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    out = {}
    for name, v in header.items():
        if name == "__metadata__":
            continue
        start, end = v["data_offsets"]
        raw = bytearray(data[8 + n + start:8 + n + end])
        out[name] = torch.frombuffer(raw, dtype=torch.float32).reshape(v["shape"]).clone()
    return out


def main(directory):
    start = load(os.path.join(directory, "start.safetensors"))
    x = load(os.path.join(directory, "batch.safetensors"))["x"].double()
    labels = torch.tensor([3, 7])
    params = {k: v.double().requires_grad_(k.endswith("weight") or k.endswith("bias")) for k, v in start.items()}
    convs = [k[:-len(".weight")] for k, v in start.items() if v.dim() == 4]
    strided, seen = set(), set()
    for c in convs:  # the first 3x3 convolution of a later stage's first block strides by 2
        block = c.rsplit(".", 1)[0]
        if c.startswith("stage") and not c.startswith("stage1.") and block.endswith(".block1") \
                and start[c + ".weight"].shape[-1] == 3 and block not in seen:
            strided.add(c)
            seen.add(block)

    def step(images):
        for p in params.values():
            p.grad = None
        h = images
        for c in convs:
            w = params[c + ".weight"]
            h = F.conv2d(h, w, None, 2 if c in strided else 1, w.shape[-1] // 2)
            bn = c.replace("conv", "bn")
            h = F.relu(F.batch_norm(h, params[bn + ".running_mean"].detach().clone(),
                                    params[bn + ".running_var"].detach().clone(), params[bn + ".weight"],
                                    params[bn + ".bias"], True, 0.1, 1e-5))
        logits = F.linear(h.mean((2, 3)), params["head.fc.weight"], params["head.fc.bias"])
        loss = F.cross_entropy(logits, labels)
        loss.backward()
        return {k: (p.detach() - 0.05 * p.grad).float() for k, p in params.items() if p.grad is not None}, loss.item()

    def differ(a, b):
        tensors = values = 0
        for k in b:
            bad = (a[k] - b[k]).abs() > 1e-5 + 1e-3 * b[k].abs()
            tensors += int(bad.any())
            values += int(bad.sum())
        return "%d tensors, %d values" % (tensors, values)

    reference, loss = step(x)
    print("%s: PyTorch %s loss %.12f, %d trainable values" % (os.path.basename(directory), torch.__version__, loss,
                                                             sum(v.numel() for v in reference.values())))
    print("  PyTorch channels-last vs PyTorch: " + differ(step(x.to(memory_format=torch.channels_last))[0], reference))
    for f in sorted(os.listdir(directory)):
        if f.endswith(".safetensors") and f not in ("start.safetensors", "batch.safetensors"):
            print("  %s vs PyTorch: %s" % (f[:-len(".safetensors")], differ(load(os.path.join(directory, f)), reference)))


if __name__ == "__main__":
    main(sys.argv[1])
