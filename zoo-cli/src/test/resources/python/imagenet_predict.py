# Writes, into the folder given as the only argument: torchvision's ResNet-18 at random initial
# weights (batch-norm statistics randomised too) as resnet18.pth, a 256x256 RGB noise image as
# image.png, and the softmax probabilities torchvision's ImageNet evaluation transform and that
# network give for the image, as little-endian float32 in probabilities.f32.
import sys

import numpy as np
import torch
import torchvision
from PIL import Image
from torchvision import transforms

out = sys.argv[1]
torch.manual_seed(0)
model = torchvision.models.resnet18()
for module in model.modules():
    if isinstance(module, torch.nn.BatchNorm2d):
        module.running_mean.uniform_(-0.2, 0.2)
        module.running_var.uniform_(0.5, 1.5)
        module.weight.data.uniform_(0.5, 1.5)
        module.bias.data.uniform_(-0.2, 0.2)
model.eval()
torch.save(model.state_dict(), out + "/resnet18.pth")
pixels = np.random.default_rng(0).integers(0, 256, (256, 256, 3), dtype=np.uint8)
Image.fromarray(pixels, "RGB").save(out + "/image.png")
prepare = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                              transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
x = prepare(Image.open(out + "/image.png").convert("RGB")).unsqueeze(0)
with torch.no_grad():
    probabilities = torch.softmax(model(x), 1)[0]
probabilities.numpy().astype("<f4").tofile(out + "/probabilities.f32")
