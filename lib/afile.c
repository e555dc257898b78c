/* afile.c: atomic file replacement (see afile.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "afile.h"
#include "io.h"

int
afile_sync_dir(const char *path)
{
	char dir[PATH_MAX];
	const char *s = strrchr(path, '/');
	size_t n;
	int fd, r;

	if (s == NULL) {
		strcpy(dir, ".");
	} else {
		n = s == path ? 1 : (size_t)(s - path);
		if (n >= sizeof dir) {
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(dir, path, n);
		dir[n] = '\0';
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	r = fsync(fd);
	/* Some file systems refuse fsync on a directory: not an error. */
	if (r < 0 && (errno == EINVAL || errno == EBADF))
		r = 0;
	io_close(fd);
	return r;
}

int
afile_write(const char *path, const void *buf, size_t len, mode_t mode, int flags)
{
	char tmp[PATH_MAX];
	int fd, e;

	if (snprintf(tmp, sizeof tmp, "%s.new", path) >= (int)sizeof tmp) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		return -1;
	if (io_writeall(fd, buf, len) < 0)
		goto fail;
	if ((flags & AFILE_SYNC) && fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	if ((flags & AFILE_SYNC) && afile_sync_dir(path) < 0)
		return -1;
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = e;
	return -1;
}

int
afile_mkdirs(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	char *p;
	size_t n = strlen(path);
	struct stat st;

	if (n == 0 || n >= sizeof buf) {
		errno = n ? ENAMETOOLONG : ENOENT;
		return -1;
	}
	memcpy(buf, path, n + 1);
	for (p = buf + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			char c = *p;
			*p = '\0';
			if (mkdir(buf, mode) < 0 && errno != EEXIST)
				return -1;
			*p = c;
			if (c == '\0')
				break;
		}
	}
	if (stat(path, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}
