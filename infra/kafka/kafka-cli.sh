#!/usr/bin/env bash
# Run one of Kafka's own CLI tools with the cached classpath (resolved by start.sh,
# or here on first use) and the shared log4j2.properties (WARN, to stderr).
#
# Usage: infra/kafka/kafka-cli.sh <alias | fully.qualified.MainClass> [args...]
#
# Aliases (Kafka 4.x class names, checked in the jars):
#   topics            org.apache.kafka.tools.TopicCommand
#   console-producer  org.apache.kafka.tools.ConsoleProducer
#   console-consumer  org.apache.kafka.tools.consumer.ConsoleConsumer
#   consumer-groups   org.apache.kafka.tools.consumer.group.ConsumerGroupCommand
#   api-versions      org.apache.kafka.tools.BrokerApiVersionsCommand
#   metadata-quorum   org.apache.kafka.tools.MetadataQuorumCommand
#   storage           kafka.tools.StorageTool
#
# For the aliases that talk to a broker, --bootstrap-server defaults to
# $KAFKA_BROKERS, else 127.0.0.1:$KAFKA_PORT, unless you pass
# --bootstrap-server / --bootstrap-controller yourself.
#
# Examples:
#   infra/kafka/kafka-cli.sh topics --create --topic demo --partitions 3
#   echo hello | infra/kafka/kafka-cli.sh console-producer --topic demo
#   infra/kafka/kafka-cli.sh console-consumer --topic demo --from-beginning --max-messages 1
#   infra/kafka/kafka-cli.sh consumer-groups --list
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,24s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

if (($# == 0)); then
  usage >&2
  exit 2
fi
case "$1" in
  -h | --help) usage; exit 0 ;;
esac

target="$1"
shift
needs_bootstrap=true
case "$target" in
  topics) main=org.apache.kafka.tools.TopicCommand ;;
  console-producer) main=org.apache.kafka.tools.ConsoleProducer ;;
  console-consumer) main=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
  consumer-groups) main=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
  api-versions) main=org.apache.kafka.tools.BrokerApiVersionsCommand ;;
  metadata-quorum) main=org.apache.kafka.tools.MetadataQuorumCommand ;;
  storage) main=kafka.tools.StorageTool; needs_bootstrap=false ;;
  *.*) main="$target"; needs_bootstrap=false ;;
  *) kafka_die "unknown alias '$target' (see --help), or give a fully qualified main class" ;;
esac

if $needs_bootstrap; then
  for arg in "$@"; do
    case "$arg" in
      --bootstrap-server | --bootstrap-server=* | --bootstrap-controller | --bootstrap-controller=* | \
        -h | --help | --version) needs_bootstrap=false ;;
    esac
  done
fi
if $needs_bootstrap; then
  set -- --bootstrap-server "${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}" "$@"
fi

kafka_ensure_libs >&2
kafka_exec_tool "$main" "$@"
