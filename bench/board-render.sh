#!/usr/bin/env bash
# First render of the 50-environment x 500-artifact release board in headless chromium, read from the
# page's Performance API marks, against a naive render of every row with the same cell code in the same
# run. Prints medians and the ratio. Needs Debian's chromium and chromium-driver. Argument: iterations (7).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -f engine/pom.xml test-compile -Dquick
mvn -q -B -f engine/pom.xml dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/engine/target/board-bench-classpath.txt"
java -cp "engine/target/test-classes:engine/target/classes:$(cat engine/target/board-bench-classpath.txt)" \
  io.jenkins.plugins.releasetrain.board.BoardRenderBenchmark "$@"
