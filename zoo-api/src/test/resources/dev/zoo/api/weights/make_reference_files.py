"""Writes the safetensors reference files that SafeTensorsTest reads.

Run once from this directory with the Debian PyTorch (1.13):

    /usr/bin/python3 make_reference_files.py

The Python `safetensors` package is not installable here (no Debian package, no PyPI access), so the
files are written with json + struct exactly as the format specifies
(https://github.com/huggingface/safetensors#format): an 8-byte little-endian header length, the
JSON header padded with spaces to a multiple of 8, then each tensor's little-endian bytes, with the
tensor bytes produced by torch itself. Each `.safetensors` file has an `.expected.json` twin listing,
in data order, every tensor's shape and its values as float32 bit patterns (as torch converts them
with `.float()`), so the Java test compares exact bits.
"""
import json
import struct

import torch


def tensor_bytes(t):
    if t.dtype == torch.bfloat16:
        return t.contiguous().view(torch.int16).numpy().tobytes()
    return t.contiguous().numpy().tobytes()


DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16",
          torch.int64: "I64"}


def write(path, tensors, metadata=None, header_order=None):
    """tensors: list of (name, tensor) in data order; header_order: key order of the JSON header."""
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    entries = {}
    data = b""
    for name, t in tensors:
        raw = tensor_bytes(t)
        entries[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape),
                         "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    for name in header_order or [n for n, _ in tensors]:
        header[name] = entries[name]
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)
    expected = {"metadata": metadata or {}, "tensors": [
        {"name": name, "shape": list(t.shape),
         "bits": [struct.unpack("<I", struct.pack("<f", v))[0] for v in t.float().flatten().tolist()]}
        for name, t in tensors if t.dtype != torch.int64]}
    with open(path.replace(".safetensors", ".expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


generator = torch.Generator().manual_seed(0)
write("reference.safetensors", [
    ("conv.weight", torch.arange(-9, 9, dtype=torch.float32).reshape(2, 1, 3, 3) / 8),
    ("conv.bias", torch.tensor([0.5, -0.25])),
    ("fc.weight", torch.randn(3, 18, generator=generator)),
    ("empty", torch.zeros(0, 3)),
    ("step", torch.tensor(7.0)),
], metadata={"architecture": "tiny", "format": "pt"},
    # the header lists the tensors alphabetically, not in data order
    header_order=["conv.bias", "conv.weight", "empty", "fc.weight", "step"])

write("conversions.safetensors", [
    ("half", torch.tensor([1.0, -2.0, 0.1, 65504.0, 6e-8, -0.0, float("inf"), 1e-4], dtype=torch.float16)),
    ("brain", torch.tensor([1.0, -2.5, 0.1, 3e38, -1e-30], dtype=torch.bfloat16)),
    ("double", torch.tensor([[0.1, 1e-40], [-3.5, 1e30]], dtype=torch.float64)),
])

write("int64.safetensors", [
    ("weight", torch.tensor([1.0, 2.0])),
    ("num_batches_tracked", torch.tensor(3, dtype=torch.int64)),
])
