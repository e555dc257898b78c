/* sock.c: socket location, directory checks, listen/connect, peer
 * credentials (see sock.h). */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "net.h"
#include "path.h"
#include "sock.h"

int
sock_paths(struct sockpaths *sp, const char *override, const char **why)
{
	const char *env, *rt;
	int n;

	memset(sp, 0, sizeof *sp);
	env = override ? override : getenv("PLOTQ_SOCKET");
	if (env && *env) {
		n = snprintf(sp->sock, sizeof sp->sock, "%s", env);
	} else {
		rt = getenv("XDG_RUNTIME_DIR");
		if (rt && *rt == '/')
			n = snprintf(sp->dir, sizeof sp->dir, "%s/plotq", rt);
		else
			n = snprintf(sp->dir, sizeof sp->dir, "/tmp/plotq-%lu",
			    (unsigned long)geteuid());
		if (n < 0 || (size_t)n >= sizeof sp->dir)
			goto toolong;
		n = snprintf(sp->sock, sizeof sp->sock, "%s/sock", sp->dir);
	}
	if (n < 0 || (size_t)n >= sizeof sp->sock ||
	    (size_t)n >= sizeof ((struct sockaddr_un *)0)->sun_path)
		goto toolong;
	snprintf(sp->pid, sizeof sp->pid, "%s.pid", sp->sock);
	snprintf(sp->spawn, sizeof sp->spawn, "%s.spawn", sp->sock);
	return 0;
toolong:
	*why = "socket path too long";
	return -1;
}

int
sock_dir_check(const struct sockpaths *sp, int create, char *why, size_t len)
{
	struct stat st;

	if (sp->dir[0] == '\0')
		return 0;
	if (create && mkdir(sp->dir, 0700) < 0 && errno != EEXIST) {
		snprintf(why, len, "unable to create %s: %s", sp->dir,
		    strerror(errno));
		return -1;
	}
	if (lstat(sp->dir, &st) < 0) {
		int e = errno;
		snprintf(why, len, "unable to stat %s: %s", sp->dir,
		    strerror(e));
		errno = e;
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(why, len, "unsafe socket directory %s: not a directory",
		    sp->dir);
		errno = ENOTDIR;
		return -1;
	}
	if (st.st_uid != geteuid()) {
		snprintf(why, len, "unsafe socket directory %s: owned by uid %lu, "
		    "not %lu", sp->dir, (unsigned long)st.st_uid,
		    (unsigned long)geteuid());
		errno = EPERM;
		return -1;
	}
	if ((st.st_mode & 077) != 0) {
		snprintf(why, len, "unsafe socket directory %s: mode %04o, "
		    "want 0700", sp->dir, (unsigned)(st.st_mode & 07777));
		errno = EPERM;
		return -1;
	}
	return 0;
}

int
sock_listen(const char *path)
{
	const char *why;
	mode_t old;
	int fd, e;

	/* The umask makes the socket 0600 from birth: no window in which
	 * another user could connect. */
	old = umask(077);
	fd = net_listen_unix(path, 128, &why);
	umask(old);
	if (fd >= 0 && chmod(path, 0600) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int
sock_connect(const char *path)
{
	const char *why;
	int fd;

	fd = net_connect_unix(path, -1, &why);
	if (fd >= 0 && io_nonblock(fd, 0) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int
sock_peer(int fd, uid_t *uid, pid_t *pid)
{
#if defined(SO_PEERCRED) && defined(__linux__)
	struct ucred uc;
	socklen_t l = sizeof uc;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &l) < 0)
		return -1;
	*uid = uc.uid;
	*pid = uc.pid;
	return 0;
#else
	gid_t gid;

	if (getpeereid(fd, uid, &gid) < 0)
		return -1;
	*pid = -1;
	return 0;
#endif
}

int
ws_default(char *buf, size_t len)
{
	return path_xdg("XDG_DATA_HOME", ".local/share", "plotq", buf, len);
}
