# Convenience targets; the scripts are the real entry points (README "Set up" and "Speed: make bench").
.PHONY: run test bench

run:
	scripts/run

test:
	scripts/test

# Fresh PostgreSQL database, national data import, gunicorn under wrk; report in var/bench-report.md.
bench:
	scripts/bootstrap requirements.txt
	.venv/bin/python -m bench $(BENCH_ARGS)
