#!/usr/bin/env bash
# Creates the topics of topics.conf with Kafka's own CLI (for containers; `./suite up` uses KafkaTopics.java).
# Usage: create-topics.sh BOOTSTRAP TOPICS_FILE [KAFKA_BIN_DIR]
set -euo pipefail
bootstrap=$1 topics=$2 bin=${3:-/opt/kafka/bin}
until "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --list >/dev/null 2>&1; do
  echo "waiting for Kafka at $bootstrap"; sleep 2
done
grep -v '^\s*#' "$topics" | while read -r name partitions policy retention; do
  [ -n "$name" ] || continue
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor 1 --config "cleanup.policy=$policy" --config "retention.ms=$retention"
done
