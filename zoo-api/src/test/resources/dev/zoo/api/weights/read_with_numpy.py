"""Reads a safetensors file with Python's json, struct and numpy only, independently of the Java
reader, and prints every tensor as float32 bit patterns (SafeTensorsNumpyInteropTest compares them).

    /usr/bin/python3 read_with_numpy.py FILE
"""
import json
import struct
import sys

import numpy

with open(sys.argv[1], "rb") as f:
    raw = f.read()
(length,) = struct.unpack("<Q", raw[:8])
assert length % 8 == 0, "header length %d is not a multiple of 8" % length
header = json.loads(raw[8:8 + length].decode("utf-8"))
data = raw[8 + length:]
metadata = header.pop("__metadata__", {})
tensors = []
for name, info in header.items():
    begin, end = info["data_offsets"]
    assert info["dtype"] == "F32", info
    values = numpy.frombuffer(data[begin:end], dtype="<f4").reshape(info["shape"])
    tensors.append({"name": name, "shape": list(values.shape),
                    "bits": values.view("<u4").flatten().tolist()})
json.dump({"metadata": metadata, "tensors": tensors}, sys.stdout)
