/* logw_sys.h: the system-specific calls under logw (logw_linux.c).
 *
 * Private to logw.c. On Linux: splice(2), tee(2), sync_file_range(2),
 * renameat2(2) with RENAME_NOREPLACE. Elsewhere: ENOSYS for the first two, and a rename
 * preceded by an existence check (logw is the only writer of its names). */
#ifndef TK_LOGW_SYS_H
#define TK_LOGW_SYS_H

#include <stddef.h>
#include <sys/types.h>

/* Move up to len bytes from pipe in to the file out at its offset. */
ssize_t logw_sys_splice(int in, int out, size_t len);
/* Duplicate up to len bytes of pipe in into pipe out. */
ssize_t logw_sys_tee(int in, int out, size_t len);
/* Start writing [off, off + len) of fd back to disk, without waiting
 * (Linux sync_file_range); nothing elsewhere. */
void logw_sys_writeback(int fd, off_t off, off_t len);
/* rename(from, to) failing with EEXIST if to exists. */
int logw_sys_rename_excl(const char *from, const char *to);

#endif
