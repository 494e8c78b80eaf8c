#!/bin/sh
# Installs the official Intercom Node SDK, at the exact version the
# benchmark compares against, into a project-local directory (default
# .cache/bench-node), once. Prints the directory.
set -eu
VERSION=7.0.3
DIR=${1:-.cache/bench-node}
mkdir -p "$DIR"
if [ ! -f "$DIR/node_modules/intercom-client/package.json" ] ||
	! grep -q "\"version\": \"$VERSION\"" "$DIR/node_modules/intercom-client/package.json"; then
	command -v npm >/dev/null || { echo "bench-node: npm is needed (apt-get install nodejs npm)" >&2; exit 1; }
	[ -f "$DIR/package.json" ] || echo '{"private": true}' >"$DIR/package.json"
	npm install --prefix "$DIR" --no-audit --no-fund --save-exact "intercom-client@$VERSION" >&2
fi
echo "$DIR"
