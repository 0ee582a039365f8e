#!/usr/bin/env bash
# Makes sure the servers the test suite runs against are installed: a real redis-server
# for @tokenwise/store-redis (no Redis mock). Tests start and stop their own instances
# on random loopback ports; this only installs the binary (Debian/Ubuntu) when missing.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "redis-server is not installed and apt-get is not available: install Redis (redis-server on PATH) to run the store-redis tests." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "Installing redis-server for the store-redis tests (apt-get)..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
# Debian starts a system instance on 6379; the tests never use it.
