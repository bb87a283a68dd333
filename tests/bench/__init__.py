"""`make bench` (`python -m tests.bench`): figures for a reviewer, measured in one run. Asserts nothing
about time; a smoke test (test_bench.py) runs every section at a tiny size.

One module per section, listed in `config.SECTIONS` and run in that order by `__main__`:
- pages: SQL queries, bytes, p50/p95 at concurrency 1 and 4 of every page under gunicorn, as ratios
  to a bare view measured in the same rounds, at each data size, and the largest size against the
  smallest;
- pdf: render times of the PDF reports (the largest verslag the limits allow among them), "PDF maken"
  → klaar through a real Celery worker, and that worker's memory over 500 session summaries.
A new section is a module with `run(bench: Bench)`; `Bench` (context.py) holds the settings of the
run, the data generator (data.py, the one module that imports the models) and the server.

Environment: BENCH_SIZES (circles, default 100,1000,5000), BENCH_ROUNDS (20), BENCH_SECONDS (5),
BENCH_SECTIONS (all), RUNS (5), WORKER_RUNS (3), MEMORY_REPORTS (500), and DATABASE_URL / REDIS_URL as for the app. The
bench creates and drops its own test database and uses its own Redis database (TEST_REDIS_DB).
"""
