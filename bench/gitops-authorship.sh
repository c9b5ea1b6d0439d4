#!/usr/bin/env bash
# Who changed the staging manifest, over a generated 10,000-commit history (merged side branches,
# Co-authored-by trailers): the whole history and since a release 1,000 commits back, against JGit's
# `git log -- <manifest>` of the same history in the same JMH run. Prints times and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -f engine/pom.xml -Pbench package -Dquick
java -jar engine/target/benchmarks.jar AuthorshipBenchmark -rf json -rff engine/target/authorship-bench.json "$@"
python3 bench/jmh-ratios.py engine/target/authorship-bench.json gitLogOfTheManifest
