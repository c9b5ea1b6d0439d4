#!/usr/bin/env bash
# Parse + validate + plan of generated manifests (100, 1,000, 5,000 artifacts) against SnakeYAML's bare
# safe load of the same bytes, measured in the same JMH run. Prints times and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -f engine/pom.xml -Pbench package -Dquick
java -jar engine/target/benchmarks.jar ManifestBenchmark -rf json -rff engine/target/manifest-bench.json "$@"
python3 bench/jmh-ratios.py engine/target/manifest-bench.json snakeYamlSafeLoadOnly
