/* t/unit/files.c: io, afile, lock and pid files (lib/io.c, afile.c, lock.c). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "afile.h"
#include "io.h"
#include "lock.h"
#include "tap.h"

int
main(void)
{
	char dir[] = "/tmp/tk-unit-files.XXXXXX";
	char path[256], pid2[300], *data;
	size_t len;
	int fd, p[2], st;
	pid_t pid, holder;
	struct stat sb;
	static char big[1 << 20];

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof path, "%s/a/b/c", dir);
	ok(afile_mkdirs(path, 0755) == 0, "mkdirs creates nested directories");
	ok(afile_mkdirs(path, 0755) == 0, "mkdirs on an existing path");

	snprintf(path, sizeof path, "%s/status", dir);
	ok(afile_write(path, "state=up\n", 9, 0644, AFILE_SYNC) == 0, "atomic write");
	ok(io_readfile(path, 100, &data, &len) == 0 && len == 9 &&
	    strcmp(data, "state=up\n") == 0, "read back");
	free(data);
	snprintf(pid2, sizeof pid2, "%s.new", path);
	ok(access(pid2, F_OK) < 0, "no .new file left behind");
	ok(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0644, "mode kept");
	ok(io_readfile(path, 4, &data, &len) < 0 && errno == EFBIG, "readfile max");
	{
		char sm[16];

		ok(io_readsmall(path, sm, sizeof sm) == 9 &&
		    strcmp(sm, "state=up\n") == 0, "readsmall: one read");
		ok(io_readsmall(path, sm, 10) < 0 && errno == EFBIG,
		    "readsmall: a file that fills the buffer is EFBIG");
		ok(io_readsmall(path, sm, 11) == 9, "readsmall: one to spare");
		ok(io_readsmall("/proc/self/stat", sm, sizeof sm) < 0 &&
		    errno == EFBIG, "readsmall: /proc, larger than the buffer");
		ok(io_readsmall(dir, sm, sizeof sm) < 0 && errno == EISDIR,
		    "readsmall: a directory");
		snprintf(pid2, sizeof pid2, "%s/none", dir);
		ok(io_readsmall(pid2, sm, sizeof sm) < 0 && errno == ENOENT,
		    "readsmall: missing");
		data = io_readsmall_or_file(path, sm, sizeof sm, 100, &len);
		ok(data == sm && len == 9, "readsmall_or_file: in small");
		data = io_readsmall_or_file(path, sm, 4, 100, &len);
		ok(data != NULL && data != sm && len == 9 &&
		    strcmp(data, "state=up\n") == 0,
		    "readsmall_or_file: larger, malloc'd");
		if (data != sm)
			free(data);
		ok(io_readsmall_or_file(path, sm, 4, 5, &len) == NULL &&
		    errno == EFBIG, "readsmall_or_file: over max");
		ok(io_readsmall_or_file(pid2, sm, sizeof sm, 100, &len) ==
		    NULL && errno == ENOENT, "readsmall_or_file: missing");
	}
	snprintf(pid2, sizeof pid2, "%s/nodir/x", dir);
	ok(afile_write(pid2, "x", 1, 0644, 0) < 0 && errno == ENOENT,
	    "atomic write into a missing directory fails");

	/* writeall across a pipe larger than its buffer, reader in a child */
	memset(big, 'x', sizeof big);
	if (pipe(p) == 0 && (pid = fork()) == 0) {
		static char rb[1 << 20];
		close(p[1]);
		_exit(io_readfull(p[0], rb, sizeof rb) == (ssize_t)sizeof rb ? 0 : 1);
	}
	close(p[0]);
	io_nonblock(p[1], 1);
	ok(io_writeall(p[1], big, sizeof big) == 0, "writeall 1 MiB to a non-blocking pipe");
	close(p[1]);
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "reader got every byte");

	/* pid files */
	snprintf(path, sizeof path, "%s/x.pid", dir);
	fd = pidfile_acquire(path, getpid(), &holder);
	ok(fd >= 0, "pidfile acquired");
	ok(pidfile_read(path, &pid) == 1 && pid == getpid(), "own pid file reads as held, by us");
	ok(pidfile_read(path, &pid) == 1, "reading it did not drop the lock");
	pid = fork();
	if (pid == 0) {
		pid_t h = 0, q = 0;
		int r1 = pidfile_acquire(path, getpid(), &h);
		int r2 = pidfile_read(path, &q);
		_exit(r1 < 0 && errno == EWOULDBLOCK && h == getppid() &&
		    r2 == 1 && q == getppid() ? 0 : 1);
		/* h comes from the file's contents when the lock cannot say */
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "another process sees it held, with our pid, and cannot take it");
	close(fd);	/* as if we had died */
	pid = fork();
	if (pid == 0) {
		pid_t q = 0;
		int r = pidfile_read(path, &q);
		int nfd = pidfile_acquire(path, getpid(), NULL);
		_exit(r == 0 && q == getppid() && nfd >= 0 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "a stale pid file is seen as stale and replaced");
	ok(io_readfile(path, 100, &data, &len) == 0, "pid file readable");
	ok(atoi(data) == pid, "replaced pid file names the new owner");
	free(data);
	ok(pidfile_read(path, &pid) == 0, "after the owner exits the file is stale");
	fd = pidfile_acquire(path, getpid(), NULL);
	pid = fork();
	if (pid == 0)
		_exit(0);	/* a child sharing the fd exits: lock stays */
	waitpid(pid, &st, 0);
	ok(pidfile_read(path, &pid) == 1, "a forked child's exit does not drop the lock");
	close(fd);
	fd = pidfile_acquire(path, getpid(), NULL);
	pidfile_release(path, fd);
	ok(access(path, F_OK) < 0, "release removes the file");
	ok(pidfile_read(path, &pid) < 0 && errno == ENOENT, "missing pid file");
	ok(lock_holder_path(path) == 0, "no file: no holder");

	snprintf(path, sizeof path, "rm -rf %s", dir);
	return system(path) == 0 ? done_testing() : 1;
}
