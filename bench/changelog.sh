#!/usr/bin/env bash
# The changelog of a release changing 100 deployments, 50 commits each, from a warm cache of file://
# repositories, against a loop of `git log live..release` processes over the same repositories in the same
# JMH run. Prints times and the ratio. Needs git on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -f engine/pom.xml -Pbench package -Dquick
java -jar engine/target/benchmarks.jar ChangelogBenchmark -rf json -rff engine/target/changelog-bench.json "$@"
python3 bench/jmh-ratios.py engine/target/changelog-bench.json gitLogLoop
