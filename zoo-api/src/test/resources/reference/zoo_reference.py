"""Reference numbers for ModelZooTest: parameters and multiply-accumulates measured on PyTorch.

Run with the Debian PyTorch (1.13) and torchvision: /usr/bin/python3 zoo_reference.py
ImageNet models are torchvision's own; the small-image forms and the CIFAR ResNets are written
here in plain PyTorch after He et al. 2015 (section 4.2) and the zoo's documented small forms, so
the Java builders are checked against an independent implementation.
Prints one CSV row per case: name,input,classes,options,params,buffers,macs
(params = sum of parameters(); buffers = batch-norm running mean/var; macs = conv + linear).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.models as tvm


def macs(model, shape):
    total = [0]

    def conv_hook(m, i, o):
        total[0] += o.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    def linear_hook(m, i, o):
        total[0] += m.in_features * m.out_features

    hooks = []
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(linear_hook))
    model.eval()
    with torch.no_grad():
        out = model(torch.zeros(1, *shape))
    for h in hooks:
        h.remove()
    return total[0], tuple(out.shape)


def report(name, shape, classes, options, model):
    params = sum(p.numel() for p in model.parameters())
    buffers = sum(b.numel() for n, b in model.named_buffers() if n.endswith(("running_mean", "running_var")))
    m, out = macs(model, shape)
    assert out == (1, classes), (name, out)
    print(f"{name},{'x'.join(map(str, shape))},{classes},{options},{params},{buffers},{m}", flush=True)


class ZeroPadShortcut(nn.Module):
    def __init__(self, stride, out_channels):
        super().__init__()
        self.stride, self.out_channels = stride, out_channels

    def forward(self, x):
        x = x[:, :, ::self.stride, ::self.stride]
        return F.pad(x, (0, 0, 0, 0, 0, self.out_channels - x.shape[1]))


class Basic(nn.Module):
    expansion = 1

    def __init__(self, cin, width, stride, shortcut, skip):
        super().__init__()
        cout = width
        self.body = nn.Sequential(nn.Conv2d(cin, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
                                  nn.Conv2d(width, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.skip = skip
        self.short = make_shortcut(cin, cout, stride, shortcut) if skip else nn.Identity()

    def forward(self, x):
        y = self.body(x)
        return F.relu(y + self.short(x)) if self.skip else F.relu(y)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, cin, width, stride, shortcut, skip):
        super().__init__()
        cout = width * 4
        self.body = nn.Sequential(nn.Conv2d(cin, width, 1, 1, 0, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
                                  nn.Conv2d(width, width, 3, stride, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(),
                                  nn.Conv2d(width, cout, 1, 1, 0, bias=False), nn.BatchNorm2d(cout))
        self.skip = skip
        self.short = make_shortcut(cin, cout, stride, shortcut) if skip else nn.Identity()

    def forward(self, x):
        y = self.body(x)
        return F.relu(y + self.short(x)) if self.skip else F.relu(y)


def make_shortcut(cin, cout, stride, shortcut):
    if stride == 1 and cin == cout:
        return nn.Identity()
    if shortcut == "A":
        return ZeroPadShortcut(stride, cout)
    return nn.Sequential(nn.Conv2d(cin, cout, 1, stride, 0, bias=False), nn.BatchNorm2d(cout))


def resnet(block, depths, widths, stem, classes, shortcut="B", skip=True):
    layers = []
    if stem == "imagenet":
        layers += [nn.Conv2d(3, widths[0], 7, 2, 3, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU(),
                   nn.MaxPool2d(3, 2, 1)]
    else:
        layers += [nn.Conv2d(3, widths[0], 3, 1, 1, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU()]
    cin = widths[0]
    for s, (n, w) in enumerate(zip(depths, widths)):
        for b in range(n):
            stride = 2 if s > 0 and b == 0 else 1
            layers.append(block(cin, w, stride, shortcut, skip))
            cin = w * block.expansion
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    return nn.Sequential(*layers)


def with_input_channels(model, channels):
    """Replaces the first convolution so the model takes `channels` input channels."""
    for name, m in model.named_modules():
        if isinstance(m, nn.Conv2d):
            parent = model
            *path, last = name.split(".")
            for p in path:
                parent = getattr(parent, p)
            setattr(parent, last, nn.Conv2d(channels, m.out_channels, m.kernel_size, m.stride, m.padding,
                                            bias=m.bias is not None))
            return model


def alexnet_small(classes):
    features = nn.Sequential(
        nn.Conv2d(3, 64, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(64, 192, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(192, 384, 3, 1, 1), nn.ReLU(),
        nn.Conv2d(384, 256, 3, 1, 1), nn.ReLU(),
        nn.Conv2d(256, 256, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2, 2))
    return features, lambda flat: nn.Sequential(
        nn.Flatten(), nn.Dropout(0.5), nn.Linear(flat, 512), nn.ReLU(), nn.Dropout(0.5), nn.Linear(512, 512),
        nn.ReLU(), nn.Linear(512, classes))


VGG = {"vgg11": "A", "vgg13": "B", "vgg16": "D", "vgg19": "E"}
CFG = {
    "A": [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "B": [64, 64, "M", 128, 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"],
    "D": [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"],
    "E": [64, 64, "M", 128, 128, "M", 256, 256, 256, 256, "M", 512, 512, 512, 512, "M", 512, 512, 512, 512, "M"],
}


def vgg_small(cfg, bn, channels, size, classes):
    layers, cin = [], channels
    for v in CFG[cfg]:
        if v == "M":
            if size >= 2:
                layers.append(nn.MaxPool2d(2, 2))
                size //= 2
        else:
            layers += [nn.Conv2d(cin, v, 3, 1, 1)] + ([nn.BatchNorm2d(v)] if bn else []) + [nn.ReLU()]
            cin = v
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    return nn.Sequential(*layers)


def lesson_cnn(channels, size, classes):
    s = ((size - 2) // 2 - 2) // 2
    return nn.Sequential(nn.Conv2d(channels, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Flatten(), nn.Linear(32 * s * s, 256), nn.ReLU(), nn.Linear(256, classes))


IMAGENET_RESNETS = {"resnet18": (Basic, [2, 2, 2, 2]), "resnet34": (Basic, [3, 4, 6, 3]),
                    "resnet50": (Bottleneck, [3, 4, 6, 3]), "resnet101": (Bottleneck, [3, 4, 23, 3]),
                    "resnet152": (Bottleneck, [3, 8, 36, 3])}

if __name__ == "__main__":
    torch.set_grad_enabled(False)
    image = (3, 224, 224)
    report("alexnet", image, 1000, "", tvm.alexnet())
    for name in VGG:
        report(name, image, 1000, "", getattr(tvm, name)())
        report(name + "_bn", image, 1000, "", getattr(tvm, name + "_bn")())
    for name in IMAGENET_RESNETS:
        tv = getattr(tvm, name)()
        report(name, image, 1000, "", tv)
        block, depths = IMAGENET_RESNETS[name]
        mine = resnet(block, depths, [64, 128, 256, 512], "imagenet", 1000)
        assert sum(p.numel() for p in mine.parameters()) == sum(p.numel() for p in tv.parameters()), name
        report(name, (3, 32, 32), 10, "", resnet(block, depths, [64, 128, 256, 512], "cifar", 10))
        report("plain" + name[6:], image, 1000, "",
               resnet(block, depths, [64, 128, 256, 512], "imagenet", 1000, skip=False))
    report("resnet50", (3, 224, 224), 1000, "shortcut=A",
           resnet(Bottleneck, [3, 4, 6, 3], [64, 128, 256, 512], "imagenet", 1000, shortcut="A"))
    report("resnet18", (3, 32, 32), 10, "head=imagenet",
           resnet(Basic, [2, 2, 2, 2], [64, 128, 256, 512], "imagenet", 10))
    for n in [3, 5, 7, 9, 18]:
        depth = 6 * n + 2
        for shortcut in ["A", "B"]:
            report(f"resnet{depth}", (3, 32, 32), 10, f"shortcut={shortcut}",
                   resnet(Basic, [n] * 3, [16, 32, 64], "cifar", 10, shortcut=shortcut))
        report(f"plain{depth}", (3, 32, 32), 10, "", resnet(Basic, [n] * 3, [16, 32, 64], "cifar", 10, skip=False))
    report("resnet20", (3, 32, 32), 100, "shortcut=A",
           resnet(Basic, [3] * 3, [16, 32, 64], "cifar", 100, shortcut="A"))
    report("resnet20", (1, 28, 28), 10, "shortcut=A",
           with_input_channels(resnet(Basic, [3] * 3, [16, 32, 64], "cifar", 10, shortcut="A"), 1))
    for shape in [(3, 32, 32), (1, 28, 28)]:
        features, head = alexnet_small(10)
        if shape[0] == 1:
            features = with_input_channels(features, 1)
        flat = features(torch.zeros(1, *shape)).numel()
        report("alexnet", shape, 10, "", nn.Sequential(features, head(flat)))
        for name in ["vgg11", "vgg16", "vgg19"]:
            for bn in [False, True]:
                report(name + ("_bn" if bn else ""), shape, 10, "",
                       vgg_small(VGG[name], bn, shape[0], shape[1], 10))
        report("lesson_cnn", shape, 10, "", lesson_cnn(shape[0], shape[1], 10))
