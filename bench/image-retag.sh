#!/usr/bin/env bash
# Image retagging: our promotion against the raw protocol minimum (HEAD+GET+PUT) and a sequential
# `skopeo copy --all --preserve-digests` loop, on one docker-registry started on 127.0.0.1 for the run,
# with 200 images unless --images N. Prints images/second and HTTP requests per image (counted from the
# registry's access log), each as a ratio to ours. Needs /usr/bin/docker-registry and /usr/bin/skopeo.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -f engine/pom.xml -Pbench package -Dquick
java -cp engine/target/benchmarks.jar io.jenkins.plugins.releasetrain.bench.ImageRetagBench "$@"
