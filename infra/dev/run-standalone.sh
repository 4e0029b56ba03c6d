#!/usr/bin/env bash
# Builds (if needed) and runs the standalone platform: every service in one JVM with embedded
# PostgreSQL and Kafka, data under $SLIPWAY_HOME (default ~/.slipway). Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
jar=services/standalone/target/slipway-standalone.jar
if [ ! -f "$jar" ] || [ -n "$(find . -path ./services/standalone/target -prune -o \( -name '*.java' -o -name '*.yml' -o -name '*.sql' -o -name pom.xml \) -newer "$jar" -print -quit)" ]; then
  ./mvnw -B -q -ntp -DskipTests -pl services/standalone -am package
fi
exec "$JAVA_HOME/bin/java" -jar "$jar" "$@"
