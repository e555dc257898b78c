# mk/install.mk: install and uninstall binaries and man pages.
#
# Each binary is copied to NAME.new and renamed over NAME, so a running
# copy is replaced, never overwritten in place. Tools that run another
# (daemonctl, plotq, pbroute) find it beside their own executable first,
# so the prefix works without being on PATH. uninstall removes the files
# install wrote and leaves the directories, as GNU packages do.

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
MANS := $(wildcard $(TOOLS:%=doc/%.1))

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)
	for t in $(TOOLS); do cp bin/$$t $(DESTDIR)$(BINDIR)/$$t.new && \
		chmod 755 $(DESTDIR)$(BINDIR)/$$t.new && \
		mv -f $(DESTDIR)$(BINDIR)/$$t.new $(DESTDIR)$(BINDIR)/$$t || exit 1; done
	for m in $(MANS); do cp $$m $(DESTDIR)$(MANDIR)/ && chmod 644 $(DESTDIR)$(MANDIR)/$${m#doc/} || exit 1; done

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$t; done
	for m in $(MANS); do rm -f $(DESTDIR)$(MANDIR)/$${m#doc/}; done

.PHONY: install uninstall
