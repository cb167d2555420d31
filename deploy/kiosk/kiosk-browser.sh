#!/usr/bin/env bash
# Run the dashboard full-screen on an exhibition screen, all day, unattended.
#
#   KIOSK_URL="https://plan.example.vn/?kiosk=1&embed=true&embed_options=hide_loading_screen" ./kiosk-browser.sh
#
# A watchdog: waits until the app answers its health check, starts Chromium in kiosk mode, starts it
# again if it exits or crashes, and restarts it every RESTART_HOURS for a fresh browser process. The app
# itself also reloads the page for every new visitor (the idle reset), so memory does not build up.
set -u

KIOSK_URL="${KIOSK_URL:-http://127.0.0.1:8501/?kiosk=1&embed=true&embed_options=hide_loading_screen}"
RESTART_HOURS="${RESTART_HOURS:-6}"
CHROMIUM="${CHROMIUM:-chromium}"
PROFILE="${PROFILE:-${XDG_RUNTIME_DIR:-/tmp}/lang-son-kiosk-profile}"

health_url() {  # scheme://host[:port][/base] + /_stcore/health
  local base="${KIOSK_URL%%\?*}"
  echo "${base%/}/_stcore/health"
}

wait_for_app() {
  until curl -fsS --max-time 5 "$(health_url)" >/dev/null 2>&1; do
    echo "$(date -Is) waiting for the app at $(health_url)"
    sleep 5
  done
}

while true; do
  wait_for_app
  rm -rf "$PROFILE"  # no cookies, history or cache left from yesterday
  echo "$(date -Is) starting Chromium on $KIOSK_URL"
  "$CHROMIUM" --kiosk --incognito --user-data-dir="$PROFILE" \
    --noerrdialogs --disable-infobars --disable-session-crashed-bubble --no-first-run \
    --disable-translate --disable-features=Translate,TouchpadOverscrollHistoryNavigation \
    --overscroll-history-navigation=0 --disable-pinch --lang=vi --accept-lang=vi-VN,vi \
    --disable-background-networking --disable-component-update --disable-sync --no-pings \
    --check-for-update-interval=31536000 --autoplay-policy=no-user-gesture-required \
    "$KIOSK_URL" &
  pid=$!
  ( sleep "$((RESTART_HOURS * 3600))" && kill "$pid" 2>/dev/null ) &
  timer=$!
  wait "$pid"
  echo "$(date -Is) Chromium exited ($?); starting it again"
  kill "$timer" 2>/dev/null
  sleep 2
done
