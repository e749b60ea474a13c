#!/usr/bin/env bash
# System packages the tests need: Chromium for the browser tests, Noto Color Emoji for the data tests.
set -euo pipefail
packages=(chromium fonts-noto-color-emoji)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
