# Sourced by .ci/run: starts what the tests can use on this machine, and says where it is.
# PostgreSQL 15 (installed, not running): the store tests run on it too (ADVISOR_TEST_PG_URL).
# Debian's Chromium: the console's browser test drives it with Playwright (ADVISOR_CHROMIUM).
# Debian's redis-server (installed with apt when missing), on loopback only: the lock store of the
# replica tests (ADVISOR_TEST_REDIS_URL); with PostgreSQL it lets tests/e2e/test_replicas.py run.

start_postgres() {
    command -v pg_ctlcluster >/dev/null 2>&1 || { echo "ci: no PostgreSQL here; store tests run on SQLite only" >&2; return 0; }
    local version
    version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
    [ -n "$version" ] || { echo "ci: no PostgreSQL cluster configured" >&2; return 0; }
    pg_ctlcluster "$version" main start 2>/dev/null || pg_ctlcluster "$version" main status >/dev/null
    su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='advisor'\"" | grep -q 1 ||
        su postgres -c "psql -qc \"create role advisor login createdb password 'advisor-ci'\""
    export ADVISOR_TEST_PG_URL="postgresql://advisor:advisor-ci@127.0.0.1:5432/postgres"
    echo "ci: PostgreSQL $version started" >&2
}

install_chromium() {
    if [ ! -x /usr/bin/chromium ]; then
        echo "ci: installing Debian's chromium" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 ||
            { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
    fi
    export ADVISOR_CHROMIUM=/usr/bin/chromium
}

# The console's browser tests: CJK fonts (so layouts are measured with real glyphs) and axe-core
# (npm registry, pinned in tests/e2e/package-lock.json) injected into the page for the a11y check.
install_console_test_tools() {
    if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || ! fc-list 2>/dev/null | grep -qi "Noto Color Emoji"; then
        echo "ci: installing fonts-noto-cjk fonts-noto-color-emoji" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fonts-noto-color-emoji >/dev/null 2>&1 ||
            { apt-get update -qq >/dev/null 2>&1 &&
              DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk fonts-noto-color-emoji >/dev/null; }
    fi
    local here
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    if [ ! -f "$here/tests/e2e/node_modules/axe-core/axe.min.js" ]; then
        command -v npm >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null 2>&1
        (cd "$here/tests/e2e" && npm ci --no-audit --no-fund --silent) || echo "ci: axe-core not installed" >&2
    fi
    export ADVISOR_AXE="$here/tests/e2e/node_modules/axe-core/axe.min.js"
}

start_redis() {
    if ! command -v redis-server >/dev/null 2>&1; then
        echo "ci: installing Debian's redis-server" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null 2>&1 ||
            { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; } ||
            { echo "ci: no redis-server; the replica tests skip" >&2; return 0; }
    fi
    if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
        redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no \
            --logfile /tmp/advisor-ci-redis.log >/dev/null
        for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 0.1; done
    fi
    export ADVISOR_TEST_REDIS_URL="redis://127.0.0.1:6379/1"
    echo "ci: Redis started" >&2
}

start_postgres
start_redis
install_chromium
install_console_test_tools
