# mk/test.mk: unit tests (t/unit/*.c), test helpers (t/helpers/*.c), make check.
#
# Every test is an executable printing TAP; prove runs them all.
#   make check T='t/t1000-*.sh'   run a subset
#   make check PROVE_FLAGS=-v     verbose

UNIT_SRCS := $(wildcard t/unit/*.c)
UNIT_BINS := $(UNIT_SRCS:t/unit/%.c=$(OBJ)/t/unit/%)
HELPER_SRCS := $(wildcard t/helpers/*.c)
HELPER_BINS := $(HELPER_SRCS:t/helpers/%.c=$(OBJ)/t/helpers/%)

$(OBJ)/t/unit/%: $(OBJ)/t/unit/%.o $(LIBTK)
	$(say) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBTK) $(SQLITE_LIBS) $(CURL_LIBS) $(LDLIBS)
$(OBJ)/t/helpers/%: $(OBJ)/t/helpers/%.o $(LIBTK)
	$(say) LD $@
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBTK) $(SQLITE_LIBS) $(CURL_LIBS) $(LDLIBS)

-include $(UNIT_BINS:=.d) $(HELPER_BINS:=.d)

JOBS ?= $(shell n=$$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)
PROVE_FLAGS ?=
T ?= $(UNIT_BINS) $(sort $(wildcard t/t[0-9]*.sh))

build-tests: all $(UNIT_BINS) $(HELPER_BINS)

check: build-tests
	@TOOLKIT_SAN=$(SAN) TOOLKIT_WITH_SQLITE=$(WITH_SQLITE) TOOLKIT_WITH_CURL=$(WITH_CURL) \
		prove -e '' -j$(JOBS) $(PROVE_FLAGS) $(T)

.PHONY: check build-tests

# Keep the objects of unit tests and helpers (no rebuild every time).
.SECONDARY:

# Static analysis: cppcheck over the library and every tool (CI runs it).
CPPCHECK ?= cppcheck
CPPCHECK_FLAGS = -q --enable=warning,portability,performance --inline-suppr \
	--error-exitcode=1 --suppress=toomanyconfigs -I lib
lint:
	$(CPPCHECK) $(CPPCHECK_FLAGS) lib $(TOOLS:%=src/%)

.PHONY: lint
