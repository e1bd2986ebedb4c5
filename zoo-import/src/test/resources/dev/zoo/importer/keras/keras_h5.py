"""Writes a Keras 2 full-model HDF5 file with h5py, and its logits computed in numpy.

Usage: /usr/bin/python3 keras_h5.py OUT_DIR   (Debian's python3-h5py and python3-numpy)
OUT_DIR/tiny.h5 has the layout model.save('tiny.h5') gives in Keras 2: root attributes keras_version,
backend and model_config (the JSON config), and model_weights/<layer>/<layer>/<name>:0 datasets with
the layer_names and weight_names attributes. The network: Conv2D(3, 3x3, ReLU) on 5x5x2,
BatchNormalization, Flatten, BatchNormalization on the 27 features, Dense(4, softmax).
OUT_DIR/tiny.input.f32 holds two NHWC examples, OUT_DIR/tiny.logits.f32 their logits (before the
softmax), both raw little-endian float32.
"""
import json
import sys

import h5py
import numpy as np

EPS = 1e-3


def layer(cls, name, **config):
    return {"class_name": cls, "config": dict(name=name, **config)}


CONFIG = {"class_name": "Sequential", "config": {"name": "tiny", "layers": [
    layer("InputLayer", "input", batch_input_shape=[None, 5, 5, 2], dtype="float32"),
    layer("Conv2D", "conv", filters=3, kernel_size=[3, 3], strides=[1, 1], padding="valid",
          data_format="channels_last", dilation_rate=[1, 1], groups=1, activation="relu", use_bias=True),
    layer("BatchNormalization", "bn", axis=[3], momentum=0.99, epsilon=EPS, center=True, scale=True),
    layer("Flatten", "flatten", data_format="channels_last"),
    layer("BatchNormalization", "bn_flat", axis=[1], momentum=0.99, epsilon=EPS, center=True, scale=True),
    layer("Dense", "dense", units=4, activation="softmax", use_bias=True)]},
    "keras_version": "2.12.0", "backend": "tensorflow"}


def batch_norm(rng, n):
    return {"gamma": rng.uniform(0.5, 1.5, n), "beta": rng.normal(0, 0.3, n),
            "moving_mean": rng.normal(0, 0.3, n), "moving_variance": rng.uniform(0.5, 1.5, n)}


def normalise(y, p):
    return (y - p["moving_mean"]) / np.sqrt(p["moving_variance"] + EPS) * p["gamma"] + p["beta"]


def main(out):
    rng = np.random.default_rng(7)
    weights = {
        "conv": {"kernel": rng.standard_normal((3, 3, 2, 3)), "bias": rng.normal(0, 0.3, 3)},
        "bn": batch_norm(rng, 3),
        "bn_flat": batch_norm(rng, 27),
        "dense": {"kernel": rng.standard_normal((27, 4)), "bias": rng.normal(0, 0.3, 4)},
    }
    weights = {l: {k: v.astype("<f4") for k, v in w.items()} for l, w in weights.items()}
    x = rng.standard_normal((2, 5, 5, 2)).astype("<f4")

    conv = weights["conv"]
    y = np.zeros((2, 3, 3, 3))
    for h in range(3):
        for w in range(3):
            y[:, h, w, :] = np.einsum("bhwi,hwio->bo", x[:, h:h + 3, w:w + 3, :], conv["kernel"]) + conv["bias"]
    y = normalise(np.maximum(y, 0), weights["bn"])
    flat = normalise(y.reshape(2, 27), weights["bn_flat"])
    logits = flat @ weights["dense"]["kernel"] + weights["dense"]["bias"]

    with h5py.File(f"{out}/tiny.h5", "w") as f:
        f.attrs["keras_version"] = b"2.12.0"
        f.attrs["backend"] = b"tensorflow"
        f.attrs["model_config"] = json.dumps(CONFIG).encode("utf-8")
        g = f.create_group("model_weights")
        g.attrs["layer_names"] = [b"conv", b"bn", b"flatten", b"bn_flat", b"dense"]
        g.create_group("flatten").attrs["weight_names"] = []
        for name, tensors in weights.items():
            lg = g.create_group(name)
            lg.attrs["weight_names"] = [f"{name}/{k}:0".encode() for k in tensors]
            for k, v in tensors.items():
                lg.create_dataset(f"{name}/{k}:0", data=v)
    x.tofile(f"{out}/tiny.input.f32")
    logits.astype("<f4").tofile(f"{out}/tiny.logits.f32")


if __name__ == "__main__":
    main(sys.argv[1])
