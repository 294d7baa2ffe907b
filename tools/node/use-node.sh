# Source this file: puts a Node that meets package.json's `engines` floor first on PATH, installing
# it from the npm registry's node-<platform>-<arch> package when the machine's Node is older.
#   source tools/node/use-node.sh
# Used by .ci/run; a developer on an older Node can source it too. Installs into ~/.local/node<N>.
_shop_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
_shop_floor="$(sed -n 's/.*"node": *">=\([0-9]*\).*/\1/p' "$_shop_root/package.json" | head -n 1)"
_shop_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(_shop_major)" -lt "$_shop_floor" ]; then
  _shop_platform="$(uname -s | tr '[:upper:]' '[:lower:]')"
  case "$(uname -m)" in x86_64|amd64) _shop_arch=x64 ;; aarch64|arm64) _shop_arch=arm64 ;; *) _shop_arch="$(uname -m)" ;; esac
  _shop_pkg="node-${_shop_platform}-${_shop_arch}"
  _shop_prefix="${SHOP_NODE_PREFIX:-$HOME/.local/node$_shop_floor}"
  _shop_bin="$_shop_prefix/node_modules/$_shop_pkg/bin"
  if [ ! -x "$_shop_bin/node" ] || [ "$("$_shop_bin/node" -p 'process.versions.node.split(".")[0]')" -lt "$_shop_floor" ]; then
    echo "Node $(node --version 2>/dev/null || echo 'is missing') is older than $_shop_floor: installing $_shop_pkg@$_shop_floor into $_shop_prefix"
    npm install --prefix "$_shop_prefix" --no-audit --no-fund --no-save "$_shop_pkg@$_shop_floor" >/dev/null
  fi
  export PATH="$_shop_bin:$PATH"
fi
echo "Using Node $(node --version) ($(command -v node)), npm $(npm --version)"
unset -f _shop_major
unset _shop_root _shop_floor _shop_platform _shop_arch _shop_pkg _shop_prefix _shop_bin
