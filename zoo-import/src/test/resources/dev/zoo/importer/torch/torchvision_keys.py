"""Writes torchvision-keys.txt: every state-dict key and shape of the torchvision models zoo imports.

Usage: /usr/bin/python3 torchvision_keys.py > torchvision-keys.txt
(Debian's python3-torchvision 0.14). One line per tensor: model, key, shape (comma-separated),
num_batches_tracked left out.
"""
import torchvision

MODELS = ["alexnet"] + [f"vgg{d}{bn}" for d in (11, 13, 16, 19) for bn in ("", "_bn")] \
    + [f"resnet{d}" for d in (18, 34, 50, 101, 152)]

for name in MODELS:
    model = getattr(torchvision.models, name)()
    for key, tensor in model.state_dict().items():
        if not key.endswith("num_batches_tracked"):
            print(name, key, ",".join(str(d) for d in tensor.shape))
