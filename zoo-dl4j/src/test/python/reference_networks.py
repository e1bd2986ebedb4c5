"""Reference numbers for zoo-dl4j's PyTorch agreement test.

Builds the small networks that Dl4jAgreesWithPytorchTest builds from zoo specs, with the same
parameter names, and writes for each: initial weights, a batch, eval-mode logits, and for several
optimiser settings the loss of each of three training steps and every tensor after them.
Run with Debian's python3-torch:  /usr/bin/python3 reference_networks.py OUT_DIR
Output: one text file per network; each line is `name|shape|values` (shape comma-separated,
values space-separated, float32 printed with 9 significant digits).
"""
import sys
import torch
import torch.nn as nn
import torch.nn.functional as F

LRS = [0.1, 0.05, 0.02]
OPTIMIZERS = {
    "sgd": lambda p: torch.optim.SGD(p, lr=LRS[0]),
    "momentum": lambda p: torch.optim.SGD(p, lr=LRS[0], momentum=0.9, weight_decay=5e-4),
    "nesterov": lambda p: torch.optim.SGD(p, lr=LRS[0], momentum=0.9, nesterov=True, weight_decay=1e-3),
    "adam": lambda p: torch.optim.Adam(p, lr=LRS[0] / 10, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-4),
}


class ConvStack(nn.Module):
    """conv(bias) bn relu maxpool(k3 s2 p1) lrn(3) avgpool(k2 s1 p1) flatten dense tanh dropout(0) bn sigmoid dense."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, 1, 1)
        self.bn1 = nn.BatchNorm2d(4)
        self.lrn = nn.LocalResponseNorm(3, alpha=0.3, beta=0.75, k=2.0)
        self.dense1 = nn.Linear(4 * 5 * 5, 6)
        self.bn2 = nn.BatchNorm1d(6)
        self.fc = nn.Linear(6, 5)

    def forward(self, x):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.max_pool2d(x, 3, 2, 1)
        x = self.lrn(x)
        x = F.avg_pool2d(x, 2, 1, 1, count_include_pad=True)
        x = torch.flatten(x, 1)
        x = torch.tanh(self.dense1(x))
        x = torch.sigmoid(self.bn2(x))
        return self.fc(x)


class Block(nn.Module):
    def __init__(self, cin, cout, stride, shortcut):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.kind = shortcut
        self.stride = stride
        self.cin, self.cout = cin, cout
        if shortcut == "projection":
            self.shortcut = nn.Sequential()
            self.shortcut.add_module("conv", nn.Conv2d(cin, cout, 1, stride, 0, bias=False))
            self.shortcut.add_module("bn", nn.BatchNorm2d(cout))

    def forward(self, x):
        y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        if self.kind == "identity":
            s = x
        elif self.kind == "zeropad":
            s = x[:, :, ::self.stride, ::self.stride]
            s = F.pad(s, (0, 0, 0, 0, 0, self.cout - self.cin))
        else:
            s = self.shortcut(x)
        return F.relu(y + s)


class Residuals(nn.Module):
    """stem conv bn relu; identity block; zero-pad (option A) block; projection block; global avg; dense."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(2, 4, 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(4)
        self.block1 = Block(4, 4, 1, "identity")
        self.block2 = Block(4, 8, 2, "zeropad")
        self.block3 = Block(8, 6, 1, "projection")
        self.fc = nn.Linear(6, 3)

    def forward(self, x):
        x = F.relu(self.bn(self.stem(x)))
        x = self.block3(self.block2(self.block1(x)))
        x = torch.mean(x, dim=(2, 3))
        return self.fc(x)


class GlobalMax(nn.Module):
    """conv(k2, no padding) relu global max pool dense."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 3, 2, 1, 0)
        self.fc = nn.Linear(3, 2)

    def forward(self, x):
        x = F.relu(self.conv(x))
        x = torch.amax(x, dim=(2, 3))
        return self.fc(x)


NETWORKS = {
    "conv_stack": (ConvStack, (3, 8, 8), 5),
    "residuals": (Residuals, (2, 8, 8), 3),
    "global_max": (GlobalMax, (1, 5, 5), 2),
}


def randomise(model, gen):
    for name, t in model.state_dict().items():
        if name.endswith("num_batches_tracked"):
            continue
        if name.endswith("running_var"):
            t.copy_(torch.rand(t.shape, generator=gen) + 0.5)
        elif name.endswith("running_mean") or name.endswith(".bias"):
            t.copy_(torch.randn(t.shape, generator=gen) * 0.1)
        elif t.dim() == 1:
            t.copy_(torch.rand(t.shape, generator=gen) + 0.5)
        else:
            t.copy_(torch.randn(t.shape, generator=gen) * (2.0 / t[0].numel()) ** 0.5)


def tensors(model, prefix=""):
    return {prefix + k: v for k, v in model.state_dict().items() if not k.endswith("num_batches_tracked")}


def write(path, entries):
    with open(path, "w") as f:
        for name, t in entries:
            shape = list(t.shape)
            values = t.detach().to(torch.float32).reshape(-1).tolist()
            f.write(name + "|" + ",".join(str(d) for d in shape) + "|" + " ".join("%.9g" % v for v in values) + "\n")


def main(out):
    torch.set_default_dtype(torch.float32)
    for name, (cls, shape, classes) in NETWORKS.items():
        gen = torch.Generator().manual_seed(1234)
        base = cls()
        randomise(base, gen)
        batch = 6
        x = torch.randn((batch,) + shape, generator=gen)
        y = torch.randint(0, classes, (batch,), generator=gen)
        entries = [("init." + k, v.clone()) for k, v in tensors(base).items()]
        entries += [("batch.images", x), ("batch.labels", y.to(torch.float32))]
        base.eval()
        with torch.no_grad():
            entries.append(("eval.logits", base(x)))
        for opt_name, make in OPTIMIZERS.items():
            model = cls()
            model.load_state_dict(base.state_dict())
            model.train()
            opt = make(model.parameters())
            losses = []
            for lr in LRS:
                for g in opt.param_groups:
                    g["lr"] = lr if opt_name != "adam" else lr / 10
                opt.zero_grad()
                loss = F.cross_entropy(model(x), y)
                losses.append(loss.item())
                loss.backward()
                opt.step()
            entries.append((opt_name + ".losses", torch.tensor(losses)))
            entries += [(opt_name + ".after." + k, v.clone()) for k, v in tensors(model).items()]
        write(out + "/" + name + ".txt", entries)


if __name__ == "__main__":
    main(sys.argv[1])
