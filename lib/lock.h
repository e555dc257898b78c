/* lock.h: advisory locks the kernel releases, and pid files built on them.
 *
 * Locks are fcntl write locks on the whole file, so a reader can ask
 * whether one is held (F_GETLK) without taking it. "Is it running" is "is
 * the lock held", never "does a pid exist". On Linux they are open file
 * description locks (F_OFD_SETLK): held by the open file, shared with
 * children across fork, released when the last fd of it closes (or the
 * holders exit), and not dropped by closing some other fd of the same
 * file. Elsewhere they are classic POSIX locks (per process, not
 * inherited, dropped by any close of the file in the process). */
#ifndef TK_LOCK_H
#define TK_LOCK_H

#include <sys/types.h>

/* Open (creating, mode 0644) and write-lock path. The lock is verified to
 * be on the file the path names now (a file replaced by rename while we
 * waited is retried). wait: block until free. Returns the fd, or -1:
 * errno EWOULDBLOCK when held by another process (its pid in *holder). */
int lock_open(const char *path, int wait, pid_t *holder);

/* Who holds a lock on path: >0 its pid (1 when the system cannot say,
 * as with OFD locks), 0 nobody (or no such file), -1 error. */
pid_t lock_holder_path(const char *path);
pid_t lock_holder_fd(int fd);

/* Take (or wait for) a write lock on an open fd: 0, or -1 (EWOULDBLOCK). */
int lock_fd(int fd, int wait);

/* Pid files (OVERVIEW.md): written atomically, locked for the writer's
 * whole life. pidfile_acquire() fails with EWOULDBLOCK when a live
 * process holds it (pid in *holder); a stale file is replaced. Keep the
 * returned fd open; close it (or exit) to release. */
int pidfile_acquire(const char *path, pid_t pid, pid_t *holder);

/* Read a pid file. Returns 1 with *pid when its lock is held (alive), 0
 * when the file exists but no one holds the lock (stale; *pid is what it
 * says, or 0), -1 on error (ENOENT: no file). */
int pidfile_read(const char *path, pid_t *pid);

/* Unlink path (if it is still ours) and close fd. */
void pidfile_release(const char *path, int fd);

#endif
