#!/usr/bin/env bash
# Reads of a 100,000-record ledger (cold, cold + board queries, warm re-read) against a bare Jackson tree
# parse of the same file, measured in the same JMH run. Prints times and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -f engine/pom.xml -Pbench package -Dquick
java -jar engine/target/benchmarks.jar LedgerReadBenchmark -rf json -rff engine/target/ledger-bench.json "$@"
python3 bench/jmh-ratios.py engine/target/ledger-bench.json baselineJacksonTree
