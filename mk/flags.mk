# mk/flags.mk: compiler and linker flags; SAN=1 adds ASan and UBSan.
#
# Objects live in bin/.obj/. bin/.obj/flags records the flags they were
# built with; when the flags change (SAN=1, WITH_CURL=0, ...) everything is
# rebuilt, so a sanitizer build never mixes with a plain one.

CC ?= cc
ifeq ($(origin CC),default)
CC = cc
endif

OPT ?= -O2
WARN = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wpointer-arith -Wformat=2 -Wno-format-nonliteral -Wvla
STD = -std=c11 -D_GNU_SOURCE
CFLAGS ?= $(OPT) -g
LDFLAGS ?=
LDLIBS ?=

ifeq ($(SAN),1)
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT = -O1
endif

ALL_CFLAGS = $(STD) $(WARN) $(CFLAGS) $(SANFLAGS) -iquote lib -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

# V=1 shows the full commands.
ifeq ($(V),1)
Q =
say =
else
Q = @
say = @printf '  %-6s %s\n'
endif

OBJ = bin/.obj
FLAGS_STAMP = $(OBJ)/flags

# Rewrite the stamp only when its contents change.
FLAGS_LINE = $(CC) $(ALL_CFLAGS) $(CONFIG_CFLAGS) | $(ALL_LDFLAGS) | $(VERSION)
$(FLAGS_STAMP): FORCE
	@mkdir -p $(OBJ)
	@if [ "$$(cat $@ 2>/dev/null)" != '$(FLAGS_LINE)' ]; then \
		printf '%s\n' '$(FLAGS_LINE)' > $@; fi

.PHONY: FORCE
FORCE:
