#!/usr/bin/env bash
# Fetch the JavaScript libraries the web pages use, at exact versions, from the npm registry,
# and copy only the minified build and the licence into src/veille/web/static/vendor/<name>/.
# The vendored files are committed: the package works offline; run this only to upgrade
# (change a version below, run, check the pages, commit the files and vendor/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

# name  npm package@version  file in the package        file in vendor/<name>/
LIBS=(
    "chartjs   chart.js@4.6.1    package/dist/chart.umd.min.js  chart.umd.min.js"
    "cytoscape cytoscape@3.34.4  package/dist/cytoscape.min.js  cytoscape.min.js"
    "swagger-ui swagger-ui-dist@5.35.0 package/swagger-ui-bundle.js swagger-ui-bundle.js"
    "swagger-ui swagger-ui-dist@5.35.0 package/swagger-ui.css swagger-ui.css"
)
VENDOR=src/veille/web/static/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for entry in "${LIBS[@]}"; do
    read -r name spec src dest <<<"$entry"
    (cd "$work" && npm pack --silent "$spec" >/dev/null)
    tarball=$(ls "$work"/*.tgz)
    mkdir -p "$work/x" "$VENDOR/$name"
    tar -xzf "$tarball" -C "$work/x"
    licence=$(ls "$work"/x/package/LICENSE* | head -n 1)
    cp "$work/x/$src" "$VENDOR/$name/$dest"
    cp "$licence" "$VENDOR/$name/LICENSE"
    sha=$(sha256sum "$VENDOR/$name/$dest" | cut -d' ' -f1)
    echo "$name: $spec -> $VENDOR/$name/$dest (sha256 $sha)"
    rm -rf "$work/x" "$tarball"
done
