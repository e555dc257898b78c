# mk/lib.mk: the optional-library switches and the shared library bin/.obj/libtk.a.

mk/config.mk: mk/probe.sh
	@CC='$(CC)' sh mk/probe.sh > $@.new && mv $@.new $@

WITH_SQLITE ?= $(PROBED_SQLITE)
WITH_CURL ?= $(PROBED_CURL)

ifeq ($(WITH_SQLITE),1)
CONFIG_CFLAGS += -DHAVE_SQLITE=1
SQLITE_LIBS = -lsqlite3
endif
ifeq ($(WITH_CURL),1)
CONFIG_CFLAGS += -DHAVE_CURL=1
CURL_LIBS = -lcurl
endif

LIB_SRCS := $(wildcard lib/*.c)
LIB_OBJS := $(LIB_SRCS:%.c=$(OBJ)/%.o)
LIBTK = $(OBJ)/libtk.a

$(OBJ)/%.o: %.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(say) CC $<
	$(Q)$(CC) $(ALL_CFLAGS) $(CONFIG_CFLAGS) -DTK_VERSION='"$(VERSION)"' -c -o $@ $<

$(LIBTK): $(LIB_OBJS)
	$(say) AR $@
	@rm -f $@
	$(Q)$(AR) rcs $@ $(LIB_OBJS)

-include $(LIB_OBJS:.o=.d)
