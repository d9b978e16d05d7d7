#!/usr/bin/env bash
# Smoke test of a built bundle, offscreen and without touching the user's profile:
#   packaging/smoke-test.sh [dist/workbench]
# It runs what a frozen app gets wrong when a file, a plugin or a package's metadata was left
# out: --version (metadata), analyze (the sample ships), an HTML page (trafilatura's data),
# import + export PDF + audit verify (Alembic migrations as files, fpdf2 and its fonts) and a
# screenshot (Qt platform, image and icon plugins, fonts), checked to be a real picture.
set -euo pipefail
cd "$(dirname "$0")/.."

bundle="${1:-dist/workbench}"
app="$bundle/workbench"
[ -x "$app" ] || { echo "smoke test: no bundle at $app (run make bundle)"; exit 1; }

work="$(mktemp -d /tmp/workbench-smoke.XXXXXX)"
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
export WORKBENCH_DB="$work/review.sqlite"

step() { printf 'smoke test: %s\n' "$*"; }
fail() { printf 'smoke test FAILED: %s\n' "$*" >&2; exit 1; }

# The sample as the bundle ships it (PyInstaller 6 keeps data under _internal/).
sample="$(find "$bundle" -path '*/resources/samples/harbour-bridge-inquiry.txt' | head -n 1)"
[ -n "$sample" ] || fail "the sample article is not in the bundle"

py=python3; [ -x .venv/bin/python ] && py=.venv/bin/python
expected="workbench $("$py" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
got="$("$app" --version)"
step "--version: $got"
[ "$got" = "$expected" ] || fail "--version printed '$got', pyproject.toml says '$expected'"

step "analyze the bundled sample"
"$app" analyze "$sample" | tee "$work/analyze.txt" | head -n 4
grep -Eq ': [1-9][0-9]* quotes' "$work/analyze.txt" || fail "analyze found no quotes"

step "analyze a saved web page (trafilatura in the bundle)"
"$py" - "$sample" "$work/page.html" <<'EOF'
import html, sys
paragraphs = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n\n") if p.strip()]
body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
title = html.escape(paragraphs[0])
page = f"<html><head><title>{title}</title></head><body><nav>Home</nav><article><h1>{title}</h1>{body}</article></body></html>"
open(sys.argv[2], "w", encoding="utf-8").write(page)
EOF
"$app" analyze "$work/page.html" >"$work/page.txt"
grep -Eq ': [1-9][0-9]* quotes' "$work/page.txt" || fail "analyze found no quotes in the web page"

step "import into a fresh database, export a PDF report, verify the audit chain"
article_id="$("$app" import "$sample" --reviewer "Smoke Test")"
"$app" quotes "$article_id" >/dev/null
"$app" export "$article_id" --format pdf --output "$work/report.pdf"
[ "$(head -c 5 "$work/report.pdf")" = "%PDF-" ] || fail "the PDF report is not a PDF"
"$app" audit verify

if [ -n "${WORKBENCH_SMOKE_PG_URL:-}" ]; then
  step "import into PostgreSQL (newsroom mode: psycopg in the bundle)"
  pg_id="$("$app" --db "$WORKBENCH_SMOKE_PG_URL" import "$sample" --reviewer "Smoke Test")"
  "$app" --db "$WORKBENCH_SMOKE_PG_URL" quotes "$pg_id" >/dev/null
  "$app" --db "$WORKBENCH_SMOKE_PG_URL" audit verify
fi

step "screenshot offscreen"
"$app" screenshot "$sample" "$work/shot.png" --size 1400x900 >/dev/null
"$py" - "$work/shot.png" <<'EOF'
import struct, sys, zlib

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1400, 900), f"{width}x{height}, asked for 1400x900"
# A window that drew text and widgets has many distinct rows; a blank or failed render has few.
chunks, pos = [], 8
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos : pos + 8])
    if kind == b"IDAT":
        chunks.append(data[pos + 8 : pos + 8 + length])
    pos += 12 + length
raw = zlib.decompress(b"".join(chunks))
stride = len(raw) // height
rows = {raw[i * stride + 1 : (i + 1) * stride] for i in range(height)}
assert len(data) > 30_000 and len(rows) > 200, f"looks empty: {len(data)} bytes, {len(rows)} rows"
print(f"smoke test: screenshot {width}x{height}, {len(data) // 1024} KiB, {len(rows)} distinct rows")
EOF
if [ -n "${WORKBENCH_SMOKE_KEEP:-}" ]; then cp "$work/shot.png" "$WORKBENCH_SMOKE_KEEP"; fi
step "passed"
