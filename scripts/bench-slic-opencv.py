#!/usr/bin/python3
"""OpenCV's SLIC (contrib module ximgproc) measured the way SlicBenchmark measures ours.

The twin of src/test/java/dermaseg/bench/SlicBenchmark.java: same inputs, same resize, same
warm-up and interleaved timed rounds, same boundary-recall definition, same output lines, so the
two can be compared side by side. Needs Debian's python3-opencv (it has ximgproc):

    apt-get install -y python3-opencv
    /usr/bin/python3 scripts/bench-slic-opencv.py ../shared/data/isic2017/val --limit 20

ITEM: an image path, "image,mask", or a folder with images/ID.jpg and masks/ID.png; none: the
same kind of synthetic image is not reproduced here, so at least one ITEM is required.

Stages: "lab" is the conversion to float Lab (true units, as ours); "cluster" is
createSuperpixelSLIC (seeding, gradient) plus iterate(); "connect" is enforceLabelConnectivity(25)
(fragments under 25% of the expected size merged, as our default) plus getLabels().
region_size = round(sqrt(w*h / superpixels)), ruler = compactness: OpenCV's SLIC distance is
d_lab^2 + d_xy^2 * (ruler / region_size)^2, the paper's D^2 with m = ruler and S = region_size.
"""

import argparse
import math
import os
import statistics
import sys
import time

import cv2
import numpy as np


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("items", nargs="+", help="image, image,mask, or folder with images/ masks/")
    p.add_argument("--superpixels", type=int, default=400)
    p.add_argument("--compactness", type=float, default=10.0)
    p.add_argument("--iterations", type=int, default=10)
    p.add_argument("--runs", type=int, default=15)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--size", type=int, default=512)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--threads", type=int, default=1,
                   help="cv2.setNumThreads; 1 to compare with our single-threaded SLIC")
    return p.parse_args()


def load_items(inputs, size, limit):
    pairs = []
    for item in inputs:
        if os.path.isdir(item):
            names = sorted(f for f in os.listdir(os.path.join(item, "images")) if f.endswith(".jpg"))
            for name in names[:limit]:
                ident = name[:-4]
                mask = os.path.join(item, "masks", ident + ".png")
                pairs.append((ident, os.path.join(item, "images", name),
                              mask if os.path.exists(mask) else None))
        else:
            parts = item.split(",", 1)
            ident = os.path.splitext(os.path.basename(parts[0]))[0]
            pairs.append((ident, parts[0], parts[1] if len(parts) > 1 else None))
    items = []
    for ident, image_path, mask_path in pairs:
        native = cv2.imread(image_path, cv2.IMREAD_COLOR)
        if native is None:
            sys.exit("cannot read " + image_path)
        h, w = native.shape[:2]
        scale = size / max(w, h)
        target = (int(round(w * scale)), int(round(h * scale)))
        bgr = cv2.resize(native, target, interpolation=cv2.INTER_LINEAR if scale > 1 else cv2.INTER_AREA)
        native_mask = mask = None
        if mask_path is not None:
            gray = cv2.imread(mask_path, cv2.IMREAD_GRAYSCALE)
            if gray is None:
                sys.exit("cannot read " + mask_path)
            native_mask = (gray > 127).astype(np.uint8)
            mask = cv2.resize(native_mask, target, interpolation=cv2.INTER_NEAREST)
        items.append((ident, bgr, mask, native, native_mask))
    return items


def to_lab(bgr):
    # Float input makes cvtColor return true Lab units (L 0..100), the units of our SLIC.
    return cv2.cvtColor(bgr.astype(np.float32) * np.float32(1.0 / 255.0), cv2.COLOR_BGR2Lab)


def make_slic(lab, superpixels, compactness):
    h, w = lab.shape[:2]
    region = max(1, int(round(math.sqrt(w * h / superpixels))))
    return cv2.ximgproc.createSuperpixelSLIC(lab, algorithm=cv2.ximgproc.SLIC,
                                             region_size=region, ruler=compactness)


def segment(bgr, args):
    slic = make_slic(to_lab(bgr), args.superpixels, args.compactness)
    slic.iterate(args.iterations)
    slic.enforceLabelConnectivity(25)
    return slic.getLabels(), slic.getNumberOfSuperpixels()


def boundary(labels):
    """Pixels with a 4-neighbour of another label (both sides of every edge)."""
    b = np.zeros(labels.shape, dtype=bool)
    dx = labels[:, 1:] != labels[:, :-1]
    dy = labels[1:, :] != labels[:-1, :]
    b[:, 1:] |= dx
    b[:, :-1] |= dx
    b[1:, :] |= dy
    b[:-1, :] |= dy
    return b


def boundary_recall(labels, truth, tolerance=2):
    """Fraction of ground-truth boundary pixels with a superpixel boundary within Euclidean d."""
    truth_b = boundary(truth.astype(np.int32))
    total = int(truth_b.sum())
    if total == 0:
        return float("nan")
    r = np.arange(-tolerance, tolerance + 1)
    disc = ((r[:, None] ** 2 + r[None, :] ** 2) <= tolerance * tolerance).astype(np.uint8)
    near = cv2.dilate(boundary(labels).astype(np.uint8), disc, borderType=cv2.BORDER_CONSTANT,
                      borderValue=0) > 0
    return float((truth_b & near).sum()) / total


def main():
    args = parse_args()
    cv2.setNumThreads(args.threads)
    items = load_items(args.items, args.size, args.limit)
    print("opencv %s: %d images, %d superpixels, compactness %s, %d iterations, %d thread(s),"
          " %d warm-up + %d timed runs each"
          % (cv2.__version__, len(items), args.superpixels, args.compactness, args.iterations,
             args.threads, args.warmup, args.runs))
    for _ in range(args.warmup):
        for item in items:
            segment(item[1], args)

    n = len(items)
    lab_t = [[] for _ in range(n)]
    cluster_t = [[] for _ in range(n)]
    connect_t = [[] for _ in range(n)]
    total_t = [[] for _ in range(n)]
    cpu_t = [[] for _ in range(n)]
    last = [None] * n
    for _ in range(args.runs):
        for i, item in enumerate(items):
            c0 = time.thread_time()
            t0 = time.perf_counter()
            lab = to_lab(item[1])
            t1 = time.perf_counter()
            slic = make_slic(lab, args.superpixels, args.compactness)
            slic.iterate(args.iterations)
            t2 = time.perf_counter()
            slic.enforceLabelConnectivity(25)
            labels = slic.getLabels()
            t3 = time.perf_counter()
            c3 = time.thread_time()
            last[i] = (labels, slic.getNumberOfSuperpixels())
            lab_t[i].append((t1 - t0) * 1e3)
            cluster_t[i].append((t2 - t1) * 1e3)
            connect_t[i].append((t3 - t2) * 1e3)
            total_t[i].append((t3 - t0) * 1e3)
            cpu_t[i].append((c3 - c0) * 1e3)

    print("image               size      lab_ms  cluster_ms  connect_ms  total_ms"
          "  cpu_ms  count  recall  native_size  native_count  native_recall")
    meds = {"lab": [], "cluster": [], "connect": [], "total": [], "cpu": [], "count": []}
    recalls, native_recalls = [], []
    for i, (ident, bgr, mask, native, native_mask) in enumerate(items):
        labels, count = last[i]
        native_labels, native_count = segment(native, args)
        recall = native_recall = float("nan")
        if mask is not None:
            recall = boundary_recall(labels, mask)
            native_recall = boundary_recall(native_labels, native_mask)
            recalls.append(recall)
            native_recalls.append(native_recall)
        row = [statistics.median(t[i]) for t in (lab_t, cluster_t, connect_t, total_t, cpu_t)]
        for key, value in zip(("lab", "cluster", "connect", "total", "cpu"), row):
            meds[key].append(value)
        meds["count"].append(count)
        h, w = labels.shape
        nh, nw = native_labels.shape
        print("%-18s %4dx%-4d %8.2f %11.2f %11.2f %9.2f %7.2f %6d %7.4f  %4dx%-4d %13d %14.4f"
              % (ident, w, h, *row, count, recall, nw, nh, native_count, native_recall))
    mean = lambda v: sum(v) / len(v) if v else float("nan")
    print("SUMMARY opencv: median over images: lab %.2f ms, cluster %.2f ms, connect %.2f ms,"
          " total %.2f ms (thread CPU %.2f ms), count %.0f; mean recall %.4f (native %.4f,"
          " %d masks)"
          % (statistics.median(meds["lab"]), statistics.median(meds["cluster"]),
             statistics.median(meds["connect"]), statistics.median(meds["total"]),
             statistics.median(meds["cpu"]), statistics.median(meds["count"]), mean(recalls), mean(native_recalls), len(recalls)))


if __name__ == "__main__":
    main()
