# mk/install.mk: install and uninstall binaries and man pages.

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
