# mk/perf.mk: make perf runs every benchmark in t/perf/ (never part of
# make check). Each script prints its own table; see t/perf/README.

PERF_SCRIPTS := $(sort $(wildcard t/perf/*.sh))

perf: all
	@mkdir -p t/perf/out
	@for s in $(PERF_SCRIPTS); do echo "== $$s"; sh $$s || exit 1; done

.PHONY: perf
