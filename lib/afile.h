/* afile.h: files written atomically (runit's file.new + rename).
 *
 * A reader never sees half a file: the data goes to PATH.new, is flushed
 * with fsync when asked, and renamed over PATH; with AFILE_SYNC the
 * directory is fsynced too, so the rename survives a crash. Writers of
 * one PATH must serialize among themselves (they share PATH.new). */
#ifndef TK_AFILE_H
#define TK_AFILE_H

#include <stddef.h>
#include <sys/types.h>

#define AFILE_SYNC 1	/* fsync the file and its directory */

int afile_write(const char *path, const void *buf, size_t len, mode_t mode,
    int flags);
/* fsync the directory containing path. */
int afile_sync_dir(const char *path);
/* mkdir -p with the given mode for the directories created. */
int afile_mkdirs(const char *path, mode_t mode);

#endif
