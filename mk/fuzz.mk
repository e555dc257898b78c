# mk/fuzz.mk: libFuzzer targets, t/fuzz/NAME.c, each with a seed corpus in
# t/fuzz/NAME/ (optional). make fuzz runs each for FUZZ_TIME seconds; the
# runs are independent targets, so make -j2 fuzz runs two at once.
# The library is compiled once for all targets (bin/.obj/fuzzlib/).

FUZZ_CC ?= clang
FUZZ_TIME ?= 60
FUZZ_SRCS := $(wildcard t/fuzz/*.c)
FUZZ_NAMES := $(FUZZ_SRCS:t/fuzz/%.c=%)
FUZZ_BINS := $(FUZZ_NAMES:%=$(OBJ)/fuzz/%)
FUZZ_SAN = address,undefined
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -iquote lib \
	-fno-sanitize-recover=undefined $(CONFIG_CFLAGS)
FUZZ_LIBOBJS := $(LIB_SRCS:lib/%.c=$(OBJ)/fuzzlib/%.o)
FUZZ_LIB = $(OBJ)/fuzzlib/libtk.a

$(OBJ)/fuzzlib/%.o: lib/%.c $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(say) FUZZCC $<
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_LIBOBJS)
	@rm -f $@
	$(Q)$(AR) rcs $@ $(FUZZ_LIBOBJS)

# Targets may #include a tool's sources or t/unit helpers: rebuild on any.
$(OBJ)/fuzz/%: t/fuzz/%.c $(FUZZ_LIB) $(wildcard lib/*.h src/*/*.c src/*/*.h t/unit/*.h)
	@mkdir -p $(@D)
	$(say) FUZZLD $@
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) -o $@ $< $(FUZZ_LIB) \
		$(SQLITE_LIBS) $(CURL_LIBS) -ldl

fuzz-build: $(FUZZ_BINS)

fuzz-run-%: $(OBJ)/fuzz/%
	@mkdir -p t/fuzz/corpus-run/$*
	@seeds=; [ -d t/fuzz/$* ] && seeds=t/fuzz/$*; \
	echo "fuzz: $* for $(FUZZ_TIME)s"; \
	$(OBJ)/fuzz/$* -max_total_time=$(FUZZ_TIME) -print_final_stats=0 \
		t/fuzz/corpus-run/$* $$seeds >t/fuzz/corpus-run/$*.log 2>&1 || \
		{ echo "fuzz: $* FAILED"; tail -40 t/fuzz/corpus-run/$*.log; exit 1; }

fuzz: $(FUZZ_NAMES:%=fuzz-run-%)
	@echo "fuzz: all $(words $(FUZZ_NAMES)) targets clean after $(FUZZ_TIME)s each"

.PHONY: fuzz fuzz-build
