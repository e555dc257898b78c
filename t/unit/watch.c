/* t/unit/watch.c: file watching, inotify and the stat(2) scanner
 * (lib/watch.c, lib/watch_linux.c). */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"
#include "watch.h"

static char top[64];

static void
put(const char *rel, const char *text)
{
	char p[256];
	FILE *f;

	snprintf(p, sizeof p, "%s/%s", top, rel);
	if ((f = fopen(p, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

/* Wait (up to 5 s) for a change and return its path, or "". */
static const char *
next_change(struct watch *w)
{
	static char buf[512];
	struct pollfd pf;
	int i, r;

	buf[0] = '\0';
	for (i = 0; i < 250; i++) {
		if (watch_fd(w) >= 0) {
			pf.fd = watch_fd(w);
			pf.events = POLLIN;
			if (poll(&pf, 1, 20) <= 0)
				continue;
		} else {
			usleep(20000);
		}
		r = watch_check(w, buf, sizeof buf);
		if (r > 0)
			return buf;
	}
	return "";
}

/* Nothing pending (give the kernel a moment). */
static int
quiet(struct watch *w)
{
	char buf[512];

	usleep(50000);
	return watch_check(w, buf, sizeof buf) == 0;
}

static void
suite(int flags, const char *name)
{
	struct watch *w;
	char p[256], q[256], exp[256];

	snprintf(p, sizeof p, "rm -rf %s/*", top);
	if (system(p) != 0)
		return;
	put("a.txt", "1");
	put("cfg.toml", "x");
	snprintf(p, sizeof p, "%s/sub", top);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/.git", top);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/state", top);
	mkdir(p, 0755);

	w = watch_new(flags);
	snprintf(p, sizeof p, "%s/sub", top);
	ok(watch_add(w, p) == 0, "%s: add a directory", name);
	snprintf(p, sizeof p, "%s/cfg.toml", top);
	ok(watch_add(w, p) == 0, "%s: add a file", name);
	ok(watch_add(w, "/nonexistent/x") == -1, "%s: a missing root fails", name);
	watch_ignore(w, "*.pyc");
	watch_ignore(w, "__pycache__/*");
	watch_ignore(w, ".git/*");
	snprintf(p, sizeof p, "%s/sub/state", top);
	mkdir(p, 0755);
	ok(watch_exclude(w, p) == 0, "%s: exclude", name);
	ok(watch_start(w) == 0, "%s: start", name);
	is_str(watch_mechanism(w), flags & WATCH_POLL ? "poll" : "inotify",
	    "%s: mechanism", name);
	ok(quiet(w), "%s: nothing at first", name);

	put("sub/new.c", "int x;");
	snprintf(exp, sizeof exp, "%s/sub/new.c", top);
	is_str(next_change(w), exp, "%s: a new file in a directory", name);
	usleep(20000);
	put("sub/new.pyc", "junk");
	ok(quiet(w), "%s: an ignored file is not a change", name);
	put("sub/state/status", "junk");
	ok(quiet(w), "%s: an excluded directory is not a change", name);
	snprintf(p, sizeof p, "%s/sub/deep", top);
	mkdir(p, 0755);
	next_change(w);
	snprintf(p, sizeof p, "%s/sub/deep/__pycache__", top);
	mkdir(p, 0755);
	(void)quiet(w);
	put("sub/deep/__pycache__/m.cpython.pyc", "x");
	put("sub/deep/__pycache__/m.txt", "x");
	ok(quiet(w), "%s: __pycache__/ is ignored at any depth", name);
	usleep(20000);
	put("sub/deep/mod.py", "x");
	snprintf(exp, sizeof exp, "%s/sub/deep/mod.py", top);
	is_str(next_change(w), exp, "%s: a file in a new subdirectory", name);

	/* An editor's save: write a copy, rename it over. */
	usleep(20000);
	put("cfg.toml.swp", "y");
	snprintf(p, sizeof p, "%s/cfg.toml.swp", top);
	snprintf(q, sizeof q, "%s/cfg.toml", top);
	rename(p, q);
	snprintf(exp, sizeof exp, "%s/cfg.toml", top);
	is_str(next_change(w), exp, "%s: a file replaced by rename", name);
	usleep(20000);
	put("a.txt", "2");
	ok(quiet(w), "%s: a file beside a watched file is not watched", name);
	usleep(20000);
	snprintf(p, sizeof p, "%s/sub/new.c", top);
	unlink(p);
	snprintf(exp, sizeof exp, "%s/sub/new.c", top);
	is_str(next_change(w), exp, "%s: a deletion", name);
	watch_free(w);
}

int
main(void)
{
	struct watch *w = watch_new(0);

	watch_ignore(w, "*.pyc");
	watch_ignore(w, "__pycache__/*");
	watch_ignore(w, ".git/*");
	ok(watch_ignored(w, "a/b.pyc"), "*.pyc at depth");
	ok(watch_ignored(w, "pkg/__pycache__/m.txt"), "__pycache__/* at depth");
	ok(watch_ignored(w, ".git/"), ".git/ as a directory");
	ok(watch_ignored(w, "x/.git/objects/ab"), ".git/* below");
	ok(!watch_ignored(w, "src/main.py"), "a plain file");
	ok(!watch_ignored(w, "mygit/x"), "not a partial name");
	watch_free(w);

	snprintf(top, sizeof top, "unit-watch.XXXXXX");
	if (mkdtemp(top) == NULL)
		return 1;
#ifdef __linux__
	suite(0, "inotify");
#endif
	suite(WATCH_POLL, "poll");
	{
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf %s", top);
		if (system(cmd) != 0)
			return 1;
	}
	return done_testing();
}
