/* ui_term.c: raw mode, the alternate screen and frames (see ui_term.h). */
#include <sys/ioctl.h>

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "io.h"
#include "ui_term.h"

#define ENTER_SEQ "\033[?1049h\033[?7l\033[?25l\033[H\033[2J"
#define LEAVE_SEQ "\033[0m\033[?7h\033[?25h\033[?1049l"

static struct termios saved;
static volatile sig_atomic_t active;	/* the terminal is ours to restore */
static pid_t owner;			/* the process that took it */
static int registered;

/* Async-signal-safe: write(2) and tcsetattr(3) only. */
static void
restore(void)
{
	ssize_t r;

	if (!active || getpid() != owner)
		return;
	active = 0;
	r = write(STDOUT_FILENO, LEAVE_SEQ, sizeof LEAVE_SEQ - 1);
	(void)r;
	tcsetattr(STDIN_FILENO, TCSADRAIN, &saved);
}

#if !defined(__SANITIZE_ADDRESS__)	/* the sanitizers report these */
static void
on_fatal(int sig)
{
	int e = errno;

	restore();
	signal(sig, SIG_DFL);
	raise(sig);
	errno = e;
}

static void
catch_fatal(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}
#else
static void
catch_fatal(void)
{
}
#endif

static int
enter(void)
{
	struct termios raw = saved;

	raw.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON |
	    INLCR | IGNCR);
	raw.c_oflag &= ~(tcflag_t)OPOST;
	raw.c_cflag |= CS8;
	raw.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSADRAIN, &raw) < 0)
		return -1;
	owner = getpid();
	active = 1;
	if (io_writeall(STDOUT_FILENO, ENTER_SEQ, sizeof ENTER_SEQ - 1) < 0) {
		restore();
		return -1;
	}
	return 0;
}

int
term_start(struct term *t)
{
	const char *cs;

	memset(t, 0, sizeof *t);
	t->crow = t->ccol = -1;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		errno = ENOTTY;
		return -1;
	}
	if (tcgetattr(STDIN_FILENO, &saved) < 0)
		return -1;
	setlocale(LC_CTYPE, "");
	cs = nl_langinfo(CODESET);
	t->utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	if (!registered) {
		atexit(restore);
		catch_fatal();
		registered = 1;
	}
	if (enter() < 0)
		return -1;
	if (term_resize(t) < 0) {
		restore();
		return -1;
	}
	return 0;
}

void
term_stop(void)
{
	restore();
}

int
term_resume(struct term *t)
{
	if (tcgetattr(STDIN_FILENO, &saved) < 0 || enter() < 0)
		return -1;
	term_redraw(t);
	return 0;
}

int
term_resize(struct term *t)
{
	struct winsize ws;
	int rows = 24, cols = 80, i;
	struct tline *nl;
	struct buf *ns;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0) {
		rows = ws.ws_row;
		cols = ws.ws_col;
	}
	if (rows == t->rows && cols == t->cols && t->line)
		return 0;
	nl = calloc((size_t)rows, sizeof *nl);
	ns = calloc((size_t)rows, sizeof *ns);
	if (nl == NULL || ns == NULL) {
		free(nl);
		free(ns);
		return -1;
	}
	term_free(t);
	t->line = nl;
	t->shown = ns;
	t->rows = rows;
	t->cols = cols;
	for (i = 0; i < rows; i++)
		tl_reset(&t->line[i], cols, t->utf8);
	t->full = 1;
	return 1;
}

void
term_redraw(struct term *t)
{
	t->full = 1;
}

void
term_clear(struct term *t)
{
	int i;

	for (i = 0; i < t->rows; i++)
		tl_reset(&t->line[i], t->cols, t->utf8);
}

int
term_flush(struct term *t, int row, int col)
{
	struct buf out = BUF_INIT;
	struct tline *l;
	struct buf *s;
	int i, rc = 0;

	if (t->full)
		buf_adds(&out, "\033[0m\033[H\033[2J");
	for (i = 0; i < t->rows; i++) {
		l = &t->line[i];
		s = &t->shown[i];
		if (!t->full && s->len == l->b.len &&
		    (s->len == 0 || memcmp(s->p, l->b.p, s->len) == 0))
			continue;
		buf_printf(&out, "\033[%d;1H", i + 1);
		buf_add(&out, l->b.p ? l->b.p : "", l->b.len);
		buf_adds(&out, "\033[0m");
		/* With autowrap off the cursor stays on the last column, and
		 * erasing from there would take the last character too. */
		if (l->w < t->cols)
			buf_adds(&out, "\033[K");
		buf_reset(s);
		buf_add(s, l->b.p ? l->b.p : "", l->b.len);
		if (s->p == NULL)
			buf_adds(s, "");
	}
	if (row >= 0 && (out.len || row != t->crow || col != t->ccol))
		buf_printf(&out, "\033[%d;%dH\033[?25h", row + 1, col + 1);
	else if (row < 0 && (out.len || t->crow >= 0))
		buf_adds(&out, "\033[?25l");
	t->crow = row;
	t->ccol = row >= 0 ? col : -1;
	t->full = 0;
	if (out.len && io_writeall(STDOUT_FILENO, out.p, out.len) < 0)
		rc = -1;
	buf_free(&out);
	return rc;
}

void
term_free(struct term *t)
{
	int i;

	for (i = 0; i < t->rows && t->line; i++) {
		tl_free(&t->line[i]);
		buf_free(&t->shown[i]);
	}
	free(t->line);
	free(t->shown);
	t->line = NULL;
	t->shown = NULL;
}
