#!/usr/bin/env bash
# Takes the screenshots in this folder: Belfry in a real window under Xvfb, against a standalone reference backend,
# driven with xdotool. Needs xvfb, xdotool, x11-utils (xmessage), imagemagick and curl (Debian packages), and
# `mvn package` first; xcompmgr too, for popups' transparent edges (without a compositor they come out white).
# Usage: docs/screenshots/take.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/screenshots
jar=target/belfry.jar
port=3997
url=http://127.0.0.1:$port
display=:79
crop=960x640+160+53     # where a 960x640 window sits on a 1280x800 screen without a window manager

Xvfb $display -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
server=
app=
comp=
cleanup() { kill $app $server $comp $xvfb 2>/dev/null || true; rm -rf "${data:-}"; }
trap cleanup EXIT

start_server() {
  java -cp $jar app.belfry.server.ReferenceServer --port $port --admin-token adm \
    --user ada@example.com:lovelace --user grace@example.com:hopper > target/screenshot-server.log 2>&1 &
  server=$!
  until curl -sf $url/api/health >/dev/null; do sleep 0.2; done
}
token() {
  curl -s -X POST $url/api/auth/sign-in/email -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/'
}
publish() { # type title message -> id
  curl -s -X POST $url/api/notifications -H 'Authorization: Bearer adm' -H 'Content-Type: application/json' \
    -d "{\"email\":\"ada@example.com\",\"type\":\"$1\",\"title\":\"$2\",\"message\":\"$3\"}" \
    | sed 's/.*"id":"\([^"]*\)".*/\1/'
}
data=$(mktemp -d)       # data folders of its own, a fresh one per run: the user's stays untouched
run_app() { # token (or "" for none) options…: the token goes in the environment, never on the command line
  local dir token=$1; shift; dir=$(mktemp -d -p "$data")
  BELFRY_TOKEN=$token DISPLAY=$display java -jar $jar --data-dir "$dir" "$@" > target/screenshot-app.log 2>&1 &
  app=$!; sleep 6
}
stop_app() { kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; app=; }
shot() { DISPLAY=$display import -window root -crop $crop +repage "$out/$1"; echo "$out/$1"; }
click() { DISPLAY=$display xdotool mousemove "$1" "$2" click 1; sleep "${3:-1}"; }

if command -v xcompmgr >/dev/null; then
  until DISPLAY=$display xdpyinfo >/dev/null 2>&1; do sleep 0.2; done
  DISPLAY=$display xcompmgr >/dev/null 2>&1 & comp=$!
fi
start_server
publish success "Deployed to production" "Release 2.14.0 is live in all regions." >/dev/null
publish info "New comment from Grace" "Looks good to me; one nit on line 42 about the retry delay." >/dev/null
publish warning "Certificate expires soon" "api.example.com: the TLS certificate expires in 7 days." >/dev/null
publish error "Build #1042 failed" "checkout-service: 2 tests failed in PaymentFlowTest after the dependency update to 4.2." >/dev/null
publish info "Weekly report ready" "Your report for week 47 has 5 new insights." >/dev/null
publish success "Backup completed" "Nightly backup finished: 38 GB in 14 minutes." >/dev/null
ada=$(token ada@example.com lovelace)

run_app "$ada" --server $url
click 1085 82 1          # the bell
click 900 290 0.5        # the second row: read
click 900 200 1          # the first row: read
shot dropdown.png
DISPLAY=$display xdotool key Escape; sleep 1
shot main-window.png
DISPLAY=$display xdotool key ctrl+f; sleep 0.5
DISPLAY=$display xdotool type "report"; sleep 1.5
shot search.png
DISPLAY=$display xdotool key Escape; sleep 0.5
DISPLAY=$display xdotool key ctrl+comma; sleep 1.5
DISPLAY=$display import -window root "$out/preferences.png"; echo "$out/preferences.png"
DISPLAY=$display xdotool key Escape; sleep 0.5
# Popups show while Belfry's window does not have the focus: a one-pixel window of another program takes it. With no
# desktop notification service on this display, the popup is Belfry's own, with its buttons.
DISPLAY=$display xmessage -geometry 1x1+0+0 " " & other=$!
sleep 1
DISPLAY=$display xdotool windowfocus "$(DISPLAY=$display xdotool search --class xmessage | head -n 1)"; sleep 0.5
publish warning "Disk almost full" "db-2 is at 91%: about 6 hours left at today's rate." >/dev/null
sleep 2
shot popup.png
kill $other 2>/dev/null || true
stop_app

run_app "$ada" --server $url --theme dark
click 1085 82 1          # the bell
DISPLAY=$display xdotool mousemove 900 380; sleep 0.5   # the pointer on an unread row
shot dark.png
stop_app

run_app "$(token grace@example.com hopper)" --server $url
click 1085 82 2
shot empty-state.png
stop_app

run_app "" --server $url
click 640 "${EMAIL_Y:-383}" 0.5
DISPLAY=$display xdotool type ada@example.com
click 640 "${PASSWORD_Y:-438}" 0.5
DISPLAY=$display xdotool type not-the-password
DISPLAY=$display xdotool key Return
sleep 2
shot sign-in-error.png
stop_app

run_app "$ada" --server $url
kill $server; wait $server 2>/dev/null || true; server=
sleep 4
shot disconnected.png
stop_app

# A company server whose certificate comes from its own authority, which Belfry is not given.
pki=$(mktemp -d -p "$data")
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$pki/ca.key" -out "$pki/ca.pem" \
  -days 2 -subj "/CN=Example Corp Root CA" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$pki/server.key" -out "$pki/server.csr" \
  -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$pki/san.ext"
openssl x509 -req -in "$pki/server.csr" -CA "$pki/ca.pem" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
  -extfile "$pki/san.ext" -out "$pki/server.pem" 2>/dev/null
tls_port=3998
java -cp $jar app.belfry.server.ReferenceServer --port $tls_port --user ada@example.com:lovelace \
  --tls-cert "$pki/server.pem" --tls-key "$pki/server.key" > target/screenshot-tls-server.log 2>&1 &
tls_server=$!
trap 'kill $tls_server 2>/dev/null || true; cleanup' EXIT
until curl -sf --cacert "$pki/ca.pem" https://localhost:$tls_port/api/health >/dev/null; do sleep 0.2; done

run_app "" --server https://localhost:$tls_port
click 640 "${TLS_EMAIL_Y:-356}" 0.5
DISPLAY=$display xdotool type ada@example.com
click 640 "${TLS_PASSWORD_Y:-411}" 0.5
DISPLAY=$display xdotool type lovelace
DISPLAY=$display xdotool key Return
sleep 2
shot sign-in-certificate.png
stop_app

tls_token=$(curl -s --cacert "$pki/ca.pem" -X POST https://localhost:$tls_port/api/auth/sign-in/email \
  -H 'Content-Type: application/json' -d '{"email":"ada@example.com","password":"lovelace"}' \
  | sed 's/.*"token":"\([^"]*\)".*/\1/')
run_app "$tls_token" --server https://localhost:$tls_port
shot certificate-untrusted.png
stop_app
