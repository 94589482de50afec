"""Loads a model saved by `descent train --save-model` into PyTorch and predicts the rows of a CSV file.

This is how Nn/SavedModelTests checks that a saved model is a PyTorch model: the module named in the spec's "pytorch"
field takes the safetensors weights through load_state_dict(strict=True), so every name and shape must match, then
predicts as the spec says: x -> model((x - mean) / scale) * scale + mean, categorical columns one-hot over their
categories. Debian has no python3-safetensors, so the file is read as the format's specification gives it: an 8-byte
little-endian header length, the JSON header, then the little-endian data at each tensor's data_offsets.

Run with Debian's PyTorch 1.13 (apt-get install -y python3-torch):
  /usr/bin/python3 saved_model_predict.py MODEL.json DATA.csv > predictions.csv
"""
import csv
import json
import os
import struct
import sys

import torch
from torch import nn  # noqa: F401 (the spec's "pytorch" field is an nn expression)

DTYPES = {"F32": torch.float32, "F64": torch.float64}


def load_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        tensors[name] = torch.frombuffer(bytearray(data[begin:end]), dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
    return tensors


def main(spec_path, data_path):
    with open(spec_path) as f:
        spec = json.load(f)
    dtype = torch.float32 if spec["dtype"] == "float32" else torch.float64
    model = eval(spec["pytorch"]).to(dtype)
    model.load_state_dict(load_safetensors(os.path.join(os.path.dirname(spec_path), spec["weights"])), strict=True)
    model.eval()

    with open(data_path, newline="") as f:
        text = f.read()
    delimiter = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t").delimiter
    rows = list(csv.DictReader(text.splitlines(), delimiter=delimiter))
    features = []
    for row in rows:
        x = []
        for column in spec["features"]:
            value = row[column["name"]].strip()
            if "categories" in column:
                x.extend(1.0 if value == c else 0.0 for c in column["categories"])
            else:
                x.append(float(value))
        features.append(x)
    # Parsed as the model's dtype, as Descent reads a CSV; standardized in float64, then rounded to the dtype.
    x = torch.tensor(features, dtype=dtype).double()
    scaling = spec["standardize"] or {}
    if "features" in scaling:
        x = (x - torch.tensor(scaling["features"]["mean"], dtype=torch.float64)) / torch.tensor(scaling["features"]["scale"], dtype=torch.float64)
    with torch.no_grad():
        y = model(x.to(dtype)).double()
    if "targets" in scaling:
        y = y * torch.tensor(scaling["targets"]["scale"], dtype=torch.float64) + torch.tensor(scaling["targets"]["mean"], dtype=torch.float64)
    y = y.to(dtype)
    print(",".join(spec["targets"]))
    for r in y.tolist():
        print(",".join(repr(v) for v in r))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
