#!/usr/bin/env bash
# Redraws docs/<process>.png from processes/<process>.bpmn with bpmn-js in headless Chromium.
#   needs: npm install (bpmn-js is a devDependency), python3, chromium (Debian: apt-get install chromium)
#   usage: docs/render-diagram.sh [process-name ...]   (no name: every processes/*.bpmn)
set -euo pipefail

cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for f in processes/*.bpmn; do names+=("$(basename "$f" .bpmn)"); done
fi
for name in "${names[@]}"; do
  [ -f "processes/$name.bpmn" ] || { echo "no processes/$name.bpmn" >&2; exit 1; }
done

[ -f node_modules/bpmn-js/dist/bpmn-viewer.production.min.js ] || { echo "run npm install first" >&2; exit 1; }
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "no chromium found (Debian: apt-get install chromium)" >&2; exit 1; }

# fetch() does not work on file:// pages, so serve the work tree on loopback for the render.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1 &
server=$!
profile="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null; rm -rf "$profile"' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
  sleep 0.1
done

sandbox=()
[ "$(id -u)" = 0 ] && sandbox=(--no-sandbox)
chrome() {
  "$browser" --headless "${sandbox[@]}" --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --disable-sync --hide-scrollbars \
    --user-data-dir="$profile" --force-device-scale-factor=1 "$@" 2>/dev/null
}

render() {
  local bpmn="processes/$1.bpmn" png="docs/$1.png" width height
  # The window is as large as the diagram (its DI bounds plus the page's margin), so it renders at 1:1.
  read -r width height < <(python3 - "$bpmn" <<'PY'
import re, sys
xml = open(sys.argv[1], encoding="utf-8").read()
xs, ys = [], []
for m in re.finditer(r'<dc:Bounds x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"', xml):
    x, y, w, h = map(float, m.groups())
    xs += [x, x + w]
    ys += [y, y + h]
for m in re.finditer(r'<di:waypoint x="([-\d.]+)" y="([-\d.]+)"', xml):
    xs.append(float(m.group(1)))
    ys.append(float(m.group(2)))
margin = 24  # as in render-diagram.html
print(round(max(xs) - min(xs)) + 2 * margin, round(max(ys) - min(ys)) + 2 * margin)
PY
)
  chrome --window-size="$width,$height" --virtual-time-budget=5000 --screenshot="$PWD/$png" \
    "http://127.0.0.1:$port/docs/render-diagram.html?bpmn=$bpmn&width=$width&height=$height"
  echo "wrote $png"
}

for name in "${names[@]}"; do
  render "$name"
done
