# mk/fuzz.mk: libFuzzer targets, t/fuzz/NAME.c, each with a seed corpus in
# t/fuzz/NAME/ (optional). make fuzz runs each for FUZZ_TIME seconds.

FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_SRCS := $(wildcard t/fuzz/*.c)
FUZZ_NAMES := $(FUZZ_SRCS:t/fuzz/%.c=%)
FUZZ_BINS := $(FUZZ_NAMES:%=$(OBJ)/fuzz/%)
FUZZ_FLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -iquote lib -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined $(CONFIG_CFLAGS)

$(OBJ)/fuzz/%: t/fuzz/%.c $(LIB_SRCS) $(wildcard lib/*.h src/*/*.c src/*/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(LIB_SRCS) $(SQLITE_LIBS) $(CURL_LIBS)

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@set -e; for n in $(FUZZ_NAMES); do \
		mkdir -p t/fuzz/corpus-run/$$n; \
		seeds=; [ -d t/fuzz/$$n ] && seeds=t/fuzz/$$n; \
		echo "fuzz: $$n for $(FUZZ_TIME)s"; \
		$(OBJ)/fuzz/$$n -max_total_time=$(FUZZ_TIME) -print_final_stats=0 \
			t/fuzz/corpus-run/$$n $$seeds 2>t/fuzz/corpus-run/$$n.log || \
			{ tail -40 t/fuzz/corpus-run/$$n.log; exit 1; }; \
	done; echo "fuzz: all targets clean"

.PHONY: fuzz fuzz-build
