#!/usr/bin/env python3
"""The lesion FCN on a GPU, for a machine that has PyTorch but no Java.

DJL runs the shipped model through libtorch; a GPU machine without Java cannot run DJL, so this
script rebuilds the same network in PyTorch from what `scripts/bench torch-export` wrote (the
shipped parameters, prepared inputs and the Java CPU outputs for them), and then:

  1. CPU replica check: the rebuilt network on the CPU must give the Java outputs (else every
     later figure would describe some other network);
  2. CUDA against CPU: largest probability difference and mask disagreement at 0.5, with
     PyTorch's default TF32 convolutions (what libtorch does unless told otherwise) and with
     strict float32;
  3. forward-pass time on the GPU by batch size (float32, eval mode, synchronised).

Usage: gpu-check.py EXPORT_DIR [--out DIR]   (writes gpu-check.json to DIR when given)
"""
import argparse
import json
import os
import statistics
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvBnRelu(nn.Module):
    def __init__(self, cin, cout, dilation):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=dilation, dilation=dilation, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=1e-5)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))

    def djl_order(self):
        return [self.conv.weight, self.bn.weight, self.bn.bias, self.bn.running_mean, self.bn.running_var]


class DoubleConv(nn.Module):
    def __init__(self, cin, cout, dilation_a, dilation_b):
        super().__init__()
        self.a = ConvBnRelu(cin, cout, dilation_a)
        self.b = ConvBnRelu(cout, cout, dilation_b)

    def forward(self, x):
        return self.b(self.a(x))

    def djl_order(self):
        return self.a.djl_order() + self.b.djl_order()


class LesionFcn(nn.Module):
    """dermaseg.fcn.LesionFcn: encoder of `depth` stages (max-pool between), the deepest atrous
    (dilation 2 then 4) when `dilated`; decoder of bilinear resize (align_corners=False) +
    conv-bn-relu, concatenated after the skip, then a double convolution; a 1x1 head."""

    def __init__(self, base, depth, dilated):
        super().__init__()
        channels = [base * min(1 << s, 8) for s in range(depth)]
        self.encoders = nn.ModuleList()
        cin = 3
        for s in range(depth):
            deepest = s == depth - 1
            self.encoders.append(DoubleConv(cin, channels[s], 2 if deepest and dilated else 1,
                                            4 if deepest and dilated else 1))
            cin = channels[s]
        self.upconvs = nn.ModuleList()
        self.decoders = nn.ModuleList()
        for s in range(depth - 2, -1, -1):
            self.upconvs.append(ConvBnRelu(cin, channels[s], 1))
            self.decoders.append(DoubleConv(2 * channels[s], channels[s], 1, 1))
            cin = channels[s]
        self.head = nn.Conv2d(cin, 1, 1)

    def forward(self, x):
        skips = []
        for s, encoder in enumerate(self.encoders):
            if s > 0:
                x = F.max_pool2d(x, 2, 2)
            x = encoder(x)
            skips.append(x)
        for i, (up, decoder) in enumerate(zip(self.upconvs, self.decoders)):
            skip = skips[len(skips) - 2 - i]
            x = up(F.interpolate(x, size=skip.shape[2:], mode="bilinear", align_corners=False))
            x = decoder(torch.cat([skip, x], dim=1))
        return self.head(x)

    def djl_order(self):
        # DJL lists parameters in the order the Java constructor added the blocks: encoders,
        # then each (upconv, decoder) pair, then the head.
        order = []
        for encoder in self.encoders:
            order += encoder.djl_order()
        for up, decoder in zip(self.upconvs, self.decoders):
            order += up.djl_order() + decoder.djl_order()
        return order + [self.head.weight, self.head.bias]


def load(export):
    with open(os.path.join(export, "export.json")) as f:
        meta = json.load(f)
    arch = meta["architecture"]
    model = LesionFcn(arch["baseChannels"], arch["depth"], arch["dilatedBottleneck"])
    flat = np.fromfile(os.path.join(export, "params.bin"), dtype="<f4")
    targets = model.djl_order()
    if len(targets) != len(meta["parameters"]):
        raise SystemExit(f"{len(meta['parameters'])} exported arrays, {len(targets)} in the replica")
    with torch.no_grad():
        for tensor, p in zip(targets, meta["parameters"]):
            n = int(np.prod(p["shape"]))
            values = flat[p["offset"]:p["offset"] + n].reshape(p["shape"])
            if tuple(tensor.shape) != tuple(p["shape"]):
                raise SystemExit(f"{p['name']}: exported {p['shape']}, replica {tuple(tensor.shape)}")
            tensor.copy_(torch.from_numpy(values))
    model.eval()
    s = meta["workingSize"]
    n = len(meta["images"])
    inputs = np.fromfile(os.path.join(export, "inputs.bin"), dtype="<f4").reshape(n, 3, s, s)
    java = np.fromfile(os.path.join(export, "java_probabilities.bin"), dtype="<f4").reshape(n, s, s)
    return meta, model, torch.from_numpy(inputs), java


def probabilities(model, x):
    with torch.no_grad():
        return torch.sigmoid(model(x))[:, 0].float().cpu().numpy()


def compare(a, b):
    return {"max_abs_difference": float(np.abs(a - b).max()),
            "mask_pixels_disagreeing_at_0.5": float(((a >= 0.5) != (b >= 0.5)).mean())}


def time_batches(model, x, device, sizes, repeats):
    rows = []
    for size in sizes:
        batch = x.repeat((size + len(x) - 1) // len(x), 1, 1, 1)[:size].to(device)
        with torch.no_grad():
            for _ in range(5):
                model(batch)
            torch.cuda.synchronize()
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                model(batch)
                torch.cuda.synchronize()
                times.append((time.perf_counter() - t0) * 1000)
        median = statistics.median(times)
        rows.append({"batch": size, "median_ms_per_batch": median, "ms_per_image": median / size,
                     "images_per_s": size * 1000 / median})
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("export")
    parser.add_argument("--out")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    meta, model, x, java = load(args.export)
    report = {"model": meta["model"], "images": len(meta["images"]), "torch": torch.__version__}

    cpu = probabilities(model, x)
    report["cpu_replica_vs_java"] = compare(cpu, java)
    print(f"model {meta['model']}, {len(x)} inputs at {meta['workingSize']} px, torch {torch.__version__}")
    print("CPU replica vs Java (DJL) CPU:", report["cpu_replica_vs_java"])

    if torch.cuda.is_available():
        report["device"] = torch.cuda.get_device_name(0)
        model = model.cuda()
        torch.backends.cudnn.allow_tf32 = True
        report["cuda_tf32_vs_cpu"] = compare(probabilities(model, x.cuda()), cpu)
        torch.backends.cudnn.allow_tf32 = False
        torch.backends.cuda.matmul.allow_tf32 = False
        report["cuda_fp32_vs_cpu"] = compare(probabilities(model, x.cuda()), cpu)
        print(f"device {report['device']}")
        print("CUDA (TF32 convolutions, PyTorch's default) vs CPU:", report["cuda_tf32_vs_cpu"])
        print("CUDA (strict float32) vs CPU:", report["cuda_fp32_vs_cpu"])
        torch.backends.cudnn.benchmark = True
        for mode, tf32 in (("fp32", False), ("tf32", True)):
            torch.backends.cudnn.allow_tf32 = tf32
            rows = time_batches(model, x, "cuda", [1, 8, 32, 128, 512], args.repeats)
            report[f"timing_{mode}"] = rows
            print(f"\nforward pass on the GPU, {mode} convolutions (median of {args.repeats}):")
            print("| batch | ms per batch | ms per image | images/s |")
            print("|------:|-------------:|-------------:|---------:|")
            for r in rows:
                print(f"| {r['batch']:5d} | {r['median_ms_per_batch']:12.2f} | {r['ms_per_image']:12.3f} "
                      f"| {r['images_per_s']:8.0f} |")
    else:
        print("no CUDA device: CPU replica check only")
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "gpu-check.json"), "w") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
