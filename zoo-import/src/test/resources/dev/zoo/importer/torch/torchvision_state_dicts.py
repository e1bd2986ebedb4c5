"""Writes torchvision state dicts and their logits for TorchvisionLogitsTest.

Usage: /usr/bin/python3 torchvision_state_dicts.py OUT_DIR [MODEL...]
Needs Debian's python3-torch and python3-torchvision. For each model named (default: all): OUT_DIR/<model>.pth
(torch.save of the state dict at random init, batch-norm parameters and running statistics also
drawn at random so that every tensor matters), <model>.input.f32 and <model>.logits.f32 (raw
little-endian float32, NCHW input and [batch, classes] logits in eval mode). Also views.pth: tensors
that are views of one storage (offset, transposed, strided, float64) plus an int64 scalar.
resnet18 and the views are also written in the stream format of PyTorch before 1.6
(<name>.legacy.pth, _use_new_zipfile_serialization=False).
"""
import sys

import torch
import torchvision

MODELS = [("resnet18", 2, 64), ("alexnet", 1, 224), ("vgg11_bn", 1, 224)]


def randomise_batch_norms(model, generator):
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            n = m.num_features
            m.weight.data = torch.rand(n, generator=generator) + 0.5
            m.bias.data = torch.randn(n, generator=generator) * 0.1
            m.running_mean = torch.randn(n, generator=generator) * 0.1
            m.running_var = torch.rand(n, generator=generator) + 0.5


def main(out, names):
    torch.manual_seed(12)
    generator = torch.Generator().manual_seed(12)
    for name, batch, side in MODELS:
        if names and name not in names:
            continue
        model = getattr(torchvision.models, name)()
        randomise_batch_norms(model, generator)
        model.eval()
        torch.save(model.state_dict(), f"{out}/{name}.pth")
        if name == "resnet18":
            torch.save(model.state_dict(), f"{out}/{name}.legacy.pth", _use_new_zipfile_serialization=False)
        x = torch.randn(batch, 3, side, side, generator=generator)
        with torch.no_grad():
            logits = model(x)
        x.numpy().astype("<f4").tofile(f"{out}/{name}.input.f32")
        logits.numpy().astype("<f4").tofile(f"{out}/{name}.logits.f32")
    base = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    views = {"slice": base[1:3, 2:5], "transposed": base.t(), "whole": base,
             "strided": base.double()[::2, ::3], "count": torch.tensor(7)}
    torch.save(views, f"{out}/views.pth")
    torch.save(views, f"{out}/views.legacy.pth", _use_new_zipfile_serialization=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
