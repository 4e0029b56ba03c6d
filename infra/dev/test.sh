#!/usr/bin/env bash
# Runs every test of Slipway: unit, service (embedded Kafka and PostgreSQL), Docker and system
# tests. Needs Java 25 (JAVA_HOME, or the Temurin 25 default below) and a Docker engine with the
# seeded images (infra/dev/start-dockerd.sh, infra/dev/seed-images.sh); `bash .ci/run` does that
# setup first on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
exec ./mvnw -B -ntp verify "$@"
