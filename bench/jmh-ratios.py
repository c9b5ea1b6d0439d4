#!/usr/bin/env python3
"""Prints JMH average times per parameter set, and each benchmark's time as a ratio to a baseline one.

Usage: jmh-ratios.py RESULT.json BASELINE_METHOD
Machines here are noisy, so the ratio measured in one run is the number to compare, not the time.
"""
import json
import sys
from collections import defaultdict

results = json.load(open(sys.argv[1]))
baseline = sys.argv[2]
by_params = defaultdict(dict)
for r in results:
    method = r["benchmark"].rsplit(".", 1)[1]
    params = ", ".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items())) or "-"
    metric = r["primaryMetric"]
    by_params[params][method] = (metric["score"], metric["scoreError"], metric["scoreUnit"])

for params, methods in by_params.items():
    base = methods.get(baseline)
    for method, (score, error, unit) in sorted(methods.items()):
        ratio = f"{score / base[0]:6.2f}x {baseline}" if base and method != baseline else "baseline"
        print(f"{params:20} {method:28} {score:10.3f} ± {error:8.3f} {unit:8} {ratio}")
