"""What the mixed load (bench/mixed.py) reads around its runs: Redis memory against the deploy guide's
``maxmemory``, the gunicorn workers' memory, the database's size, its largest tables and indexes and
the indexes never scanned.
"""

import re
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_GUIDE = ROOT / "docs" / "deploy.md"
REDIS_SAMPLE_SECONDS = 0.5
DEFAULT_MAXMEMORY = ("512mb", "allkeys-lru")


def redis_url():
    """BENCH_REDIS, or None when off; exits at once when that Redis does not answer."""
    from bench.server import setting

    url = setting("BENCH_REDIS", "redis://127.0.0.1:6379/0")
    if url.lower() in ("off", "none", "no", "false", "0"):
        return None
    import redis

    try:
        redis.Redis.from_url(url, socket_timeout=5).ping()
    except redis.RedisError as error:
        sys.exit(f"Redis ở BENCH_REDIS không trả lời ({error}): hãy chạy redis-server, hoặc BENCH_REDIS=off.")
    return url


def guide_maxmemory():
    """(maxmemory, maxmemory-policy) as docs/deploy.md sets them."""
    text = DEPLOY_GUIDE.read_text(encoding="utf-8") if DEPLOY_GUIDE.exists() else ""
    size = re.search(r"^maxmemory\s+(\d+\s*[kmg]?b?)\s*$", text, re.MULTILINE | re.IGNORECASE)
    policy = re.search(r"^maxmemory-policy\s+(\S+)\s*$", text, re.MULTILINE)
    return (size.group(1).replace(" ", "") if size else DEFAULT_MAXMEMORY[0],
            policy.group(1) if policy else DEFAULT_MAXMEMORY[1])


class RedisWatch:
    """The bench's Redis, set to the deploy guide's ``maxmemory`` for the run (restored by
    ``close``), its memory sampled every half second, and the run's keys deleted at the end."""

    def __init__(self, url, prefix):
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=10)
        self.client.ping()
        self.prefix = prefix
        self.saved = {name: self.client.config_get(name)[name] for name in ("maxmemory", "maxmemory-policy")}
        self.size, self.policy = guide_maxmemory()
        self.client.config_set("maxmemory", self.size)
        self.client.config_set("maxmemory-policy", self.policy)
        self.maxmemory = int(self.client.config_get("maxmemory")["maxmemory"])
        self.highest, self.stopping = 0, threading.Event()
        self.start = self.snapshot()
        self.sampler = threading.Thread(target=self._sample, daemon=True)
        self.sampler.start()

    def _sample(self):
        while not self.stopping.wait(REDIS_SAMPLE_SECONDS):
            try:
                self.highest = max(self.highest, int(self.client.info("memory")["used_memory"]))
            except Exception:  # noqa: BLE001 - a missed sample
                pass

    def snapshot(self):
        memory, stats = self.client.info("memory"), self.client.info("stats")
        errors = {name.removeprefix("errorstat_"): int(value.get("count", 0)) if isinstance(value, dict) else 0
                  for name, value in self.client.info("errorstats").items()}
        self.highest = max(self.highest, int(memory["used_memory"]))
        return {
            "used_memory": int(memory["used_memory"]), "used_memory_peak": int(memory["used_memory_peak"]),
            "evicted_keys": int(stats.get("evicted_keys", 0)), "error_replies": int(stats.get("total_error_replies", 0)),
            "errors_by_type": errors, "keys": sum(1 for _ in self.client.scan_iter(f"{self.prefix}:*", count=1000)),
        }

    def summary(self, snapshots):
        """What the run did to Redis. It holds when memory stayed under ``maxmemory`` (sampled, and the
        server's peak unless that peak predates the run) and no command was refused for memory (OOM);
        other error replies are the portal's own (a fold renaming a pending hash nobody wrote)."""
        end, start = snapshots[-1][1], self.start
        by_type = {name: count - start["errors_by_type"].get(name, 0) for name, count in end["errors_by_type"].items()}
        by_type = {name: count for name, count in by_type.items() if count}
        peak_ok = end["used_memory_peak"] <= self.maxmemory or end["used_memory_peak"] == start["used_memory_peak"]
        return {
            "maxmemory": self.maxmemory, "maxmemory_setting": self.size, "policy": self.policy,
            "saved": {name: str(value) for name, value in self.saved.items()},
            "snapshots": [{"when": when, **values} for when, values in [("start", self.start), *snapshots]],
            "highest_sampled": self.highest,
            "evicted": end["evicted_keys"] - self.start["evicted_keys"],
            "errors": end["error_replies"] - start["error_replies"],
            "errors_by_type": by_type, "oom_errors": by_type.get("OOM", 0),
            "holds": self.highest <= self.maxmemory and peak_ok and not by_type.get("OOM"),
        }

    def close(self):
        self.stopping.set()
        try:
            for name, value in self.saved.items():
                self.client.config_set(name, value)
            keys = list(self.client.scan_iter(f"{self.prefix}:*", count=1000))
            for start in range(0, len(keys), 1000):
                self.client.unlink(*keys[start:start + 1000])
        finally:
            self.client.close()


def worker_memory(master):
    from bench.soak import rss_kb, worker_pids

    sizes = [rss_kb(pid) / 1024 for pid in worker_pids(master)]
    return {"workers": len(sizes), "sum_mib": round(sum(sizes), 1), "max_mib": round(max(sizes, default=0), 1),
            "each_mib": [round(size, 1) for size in sizes]}


def database_sizes(db_url, top=10):
    """The database's size, its largest tables (with their indexes and TOAST) and indexes, and the
    indexes no query has scanned since the statistics were last reset."""
    import psycopg

    with psycopg.connect(db_url.replace("postgres://", "postgresql://", 1)) as connection:
        def rows(sql):
            return connection.execute(sql).fetchall()

        size, reset = rows("SELECT pg_database_size(current_database()), "
                           "(SELECT stats_reset FROM pg_stat_database WHERE datname = current_database())")[0]
        tables = rows(f"""
            SELECT c.relname, pg_total_relation_size(c.oid), pg_relation_size(c.oid), pg_indexes_size(c.oid),
                   c.reltuples::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY 2 DESC LIMIT {top}""")
        indexes = rows(f"""
            SELECT s.indexrelname, s.relname, pg_relation_size(s.indexrelid), s.idx_scan
            FROM pg_stat_user_indexes s ORDER BY 3 DESC LIMIT {top}""")
        unused = rows("""
            SELECT s.indexrelname, s.relname, pg_relation_size(s.indexrelid), i.indisunique, i.indisprimary
            FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
            WHERE s.idx_scan = 0 ORDER BY 3 DESC, 1""")
    mib = 1024 * 1024
    return {
        "size_mib": round(size / mib, 1), "stats_reset": reset.isoformat(timespec="seconds") if reset else None,
        "tables": [{"name": name, "total_mib": round(total / mib, 1), "table_mib": round(heap / mib, 1),
                    "indexes_mib": round(index / mib, 1), "rows": max(rows_, 0)}
                   for name, total, heap, index, rows_ in tables],
        "indexes": [{"name": name, "table": table, "mib": round(bytes_ / mib, 1), "scans": scans}
                    for name, table, bytes_, scans in indexes],
        "unused_indexes": [{"name": name, "table": table, "mib": round(bytes_ / mib, 2),
                            "kind": "primary" if primary else "unique" if unique else "index"}
                           for name, table, bytes_, unique, primary in unused],
    }
