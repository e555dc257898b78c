# mk/perf.mk: make perf runs every benchmark in t/perf/ (never part of
# make check) and writes doc/PERFORMANCE.md from that run (mk/perf-report.sh).
#   make perf PERF_SCRIPTS=t/perf/teelog-throughput.sh   one of them

PERF_SCRIPTS := $(sort $(wildcard t/perf/*.sh))

perf: all build-tests
	@sh mk/perf-report.sh $(PERF_SCRIPTS)

.PHONY: perf
