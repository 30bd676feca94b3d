#!/usr/bin/env bash
# Install the Debian packages the workbench needs when they are missing (idempotent, quick when present).
set -euo pipefail
what=${1:-runtime}
need=()
# Read the list first: `fc-list | grep -q` under pipefail fails on SIGPIPE when grep exits early.
fonts=$(fc-list 2>/dev/null || true)
if ! grep -qiE 'Noto Sans CJK|Noto Serif CJK|WenQuanYi' <<<"$fonts"; then need+=(fonts-noto-cjk fontconfig); fi
# PDFs (notices/): ReportLab embeds only TrueType-outline fonts, not Noto CJK's CFF ones.
if ! grep -qi 'WenQuanYi' <<<"$fonts"; then need+=(fonts-wqy-microhei); fi
if [ "$what" = test ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v pdffonts >/dev/null 2>&1 || need+=(poppler-utils)
fi
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing system packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "error: need root (or sudo) to install: ${need[*]}" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${need[@]}"
