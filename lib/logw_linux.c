/* logw_linux.c: splice, tee and no-replace rename for logw (Linux), with
 * the portable fallbacks elsewhere (see logw_sys.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "logw_sys.h"

#ifdef __linux__

ssize_t
logw_sys_splice(int in, int out, size_t len)
{
	ssize_t r;

	do
		r = splice(in, NULL, out, NULL, len,
		    SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
	while (r < 0 && errno == EINTR);
	return r;
}

ssize_t
logw_sys_tee(int in, int out, size_t len)
{
	ssize_t r;

	do
		r = tee(in, out, len, 0);
	while (r < 0 && errno == EINTR);
	return r;
}

void
logw_sys_writeback(int fd, off_t off, off_t len)
{
	(void)sync_file_range(fd, off, len, SYNC_FILE_RANGE_WRITE);
}

int
logw_sys_rename_excl(const char *from, const char *to)
{
	struct stat st;

	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	/* File systems without RENAME_NOREPLACE: check, then rename. */
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (lstat(to, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(from, to);
}

#else

ssize_t
logw_sys_splice(int in, int out, size_t len)
{
	(void)in;
	(void)out;
	(void)len;
	errno = ENOSYS;
	return -1;
}

ssize_t
logw_sys_tee(int in, int out, size_t len)
{
	(void)in;
	(void)out;
	(void)len;
	errno = ENOSYS;
	return -1;
}

void
logw_sys_writeback(int fd, off_t off, off_t len)
{
	(void)fd;
	(void)off;
	(void)len;
}

int
logw_sys_rename_excl(const char *from, const char *to)
{
	struct stat st;

	if (lstat(to, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(from, to);
}

#endif
