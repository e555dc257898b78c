# mk/tools.mk: one binary per directory under src/, linked with libtk.
#
# A tool's extra libraries are named TOOL_LIBS here.

# plotq links statically where it can (mk/probe.sh): its client starts
# once per job submitted, and a static binary starts in half the time.
# PLOTQ_STATIC=0 links it dynamically; the sanitizers never link statically.
PLOTQ_STATIC ?= $(PROBED_STATIC)
plotq_LIBS = $(SQLITE_LIBS) $(if $(filter 1,$(PLOTQ_STATIC)),$(if $(filter 1,$(SAN)),,-static -lm))
healthcheck_LIBS = $(if $(CURL_LIBS),-ldl)	# lib/http_curl.c dlopens libcurl
pbroute_LIBS = $(CURL_LIBS)
daemonctl_LIBS =
teelog_LIBS =
daemonrun_LIBS =
tmuxopen_LIBS =

define tool_rules
$(1)_OBJS := $$(patsubst %.c,$(OBJ)/%.o,$$(wildcard src/$(1)/*.c))
bin/$(1): $$($(1)_OBJS) $(LIBTK)
	$$(say) LD $$@
	$$(Q)$$(CC) $$(ALL_LDFLAGS) -o $$@ $$($(1)_OBJS) $(LIBTK) $$($(1)_LIBS) $$(LDLIBS)
-include $$($(1)_OBJS:.o=.d)
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rules,$(t))))

BINS = $(TOOLS:%=bin/%)

all: $(LIBTK) $(BINS)

clean:
	rm -rf bin t/trash.* t/perf/out mk/config.mk

.PHONY: all clean
