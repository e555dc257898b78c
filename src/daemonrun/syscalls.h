/* syscalls.h: every Linux system call name glibc knows, with its number on
 * this architecture (-1 where it has none), for seccomp profiles.
 * Generated from <bits/syscall.h>:
 *   grep -o 'SYS_[a-z0-9_]*' bits/syscall.h | sort -u
 * wrapped in #ifdef so each architecture keeps its own numbers. */
#ifndef DAEMONRUN_SYSCALLS_H
#define DAEMONRUN_SYSCALLS_H

#include <sys/syscall.h>

struct syscall_name {
	const char *name;
	long nr;
};

static const struct syscall_name syscall_names[] = {
#ifdef SYS__llseek
	{ "_llseek", SYS__llseek },
#else
	{ "_llseek", -1 },
#endif
#ifdef SYS__newselect
	{ "_newselect", SYS__newselect },
#else
	{ "_newselect", -1 },
#endif
#ifdef SYS__sysctl
	{ "_sysctl", SYS__sysctl },
#else
	{ "_sysctl", -1 },
#endif
#ifdef SYS_accept
	{ "accept", SYS_accept },
#else
	{ "accept", -1 },
#endif
#ifdef SYS_accept4
	{ "accept4", SYS_accept4 },
#else
	{ "accept4", -1 },
#endif
#ifdef SYS_access
	{ "access", SYS_access },
#else
	{ "access", -1 },
#endif
#ifdef SYS_acct
	{ "acct", SYS_acct },
#else
	{ "acct", -1 },
#endif
#ifdef SYS_acl_get
	{ "acl_get", SYS_acl_get },
#else
	{ "acl_get", -1 },
#endif
#ifdef SYS_acl_set
	{ "acl_set", SYS_acl_set },
#else
	{ "acl_set", -1 },
#endif
#ifdef SYS_add_key
	{ "add_key", SYS_add_key },
#else
	{ "add_key", -1 },
#endif
#ifdef SYS_adjtimex
	{ "adjtimex", SYS_adjtimex },
#else
	{ "adjtimex", -1 },
#endif
#ifdef SYS_afs_syscall
	{ "afs_syscall", SYS_afs_syscall },
#else
	{ "afs_syscall", -1 },
#endif
#ifdef SYS_alarm
	{ "alarm", SYS_alarm },
#else
	{ "alarm", -1 },
#endif
#ifdef SYS_alloc_hugepages
	{ "alloc_hugepages", SYS_alloc_hugepages },
#else
	{ "alloc_hugepages", -1 },
#endif
#ifdef SYS_arc_gettls
	{ "arc_gettls", SYS_arc_gettls },
#else
	{ "arc_gettls", -1 },
#endif
#ifdef SYS_arc_settls
	{ "arc_settls", SYS_arc_settls },
#else
	{ "arc_settls", -1 },
#endif
#ifdef SYS_arc_usr_cmpxchg
	{ "arc_usr_cmpxchg", SYS_arc_usr_cmpxchg },
#else
	{ "arc_usr_cmpxchg", -1 },
#endif
#ifdef SYS_arch_prctl
	{ "arch_prctl", SYS_arch_prctl },
#else
	{ "arch_prctl", -1 },
#endif
#ifdef SYS_arm_fadvise64_64
	{ "arm_fadvise64_64", SYS_arm_fadvise64_64 },
#else
	{ "arm_fadvise64_64", -1 },
#endif
#ifdef SYS_arm_sync_file_range
	{ "arm_sync_file_range", SYS_arm_sync_file_range },
#else
	{ "arm_sync_file_range", -1 },
#endif
#ifdef SYS_atomic_barrier
	{ "atomic_barrier", SYS_atomic_barrier },
#else
	{ "atomic_barrier", -1 },
#endif
#ifdef SYS_atomic_cmpxchg_32
	{ "atomic_cmpxchg_32", SYS_atomic_cmpxchg_32 },
#else
	{ "atomic_cmpxchg_32", -1 },
#endif
#ifdef SYS_attrctl
	{ "attrctl", SYS_attrctl },
#else
	{ "attrctl", -1 },
#endif
#ifdef SYS_bdflush
	{ "bdflush", SYS_bdflush },
#else
	{ "bdflush", -1 },
#endif
#ifdef SYS_bind
	{ "bind", SYS_bind },
#else
	{ "bind", -1 },
#endif
#ifdef SYS_bpf
	{ "bpf", SYS_bpf },
#else
	{ "bpf", -1 },
#endif
#ifdef SYS_break
	{ "break", SYS_break },
#else
	{ "break", -1 },
#endif
#ifdef SYS_breakpoint
	{ "breakpoint", SYS_breakpoint },
#else
	{ "breakpoint", -1 },
#endif
#ifdef SYS_brk
	{ "brk", SYS_brk },
#else
	{ "brk", -1 },
#endif
#ifdef SYS_cachectl
	{ "cachectl", SYS_cachectl },
#else
	{ "cachectl", -1 },
#endif
#ifdef SYS_cacheflush
	{ "cacheflush", SYS_cacheflush },
#else
	{ "cacheflush", -1 },
#endif
#ifdef SYS_capget
	{ "capget", SYS_capget },
#else
	{ "capget", -1 },
#endif
#ifdef SYS_capset
	{ "capset", SYS_capset },
#else
	{ "capset", -1 },
#endif
#ifdef SYS_chdir
	{ "chdir", SYS_chdir },
#else
	{ "chdir", -1 },
#endif
#ifdef SYS_chmod
	{ "chmod", SYS_chmod },
#else
	{ "chmod", -1 },
#endif
#ifdef SYS_chown
	{ "chown", SYS_chown },
#else
	{ "chown", -1 },
#endif
#ifdef SYS_chown32
	{ "chown32", SYS_chown32 },
#else
	{ "chown32", -1 },
#endif
#ifdef SYS_chroot
	{ "chroot", SYS_chroot },
#else
	{ "chroot", -1 },
#endif
#ifdef SYS_clock_adjtime
	{ "clock_adjtime", SYS_clock_adjtime },
#else
	{ "clock_adjtime", -1 },
#endif
#ifdef SYS_clock_adjtime64
	{ "clock_adjtime64", SYS_clock_adjtime64 },
#else
	{ "clock_adjtime64", -1 },
#endif
#ifdef SYS_clock_getres
	{ "clock_getres", SYS_clock_getres },
#else
	{ "clock_getres", -1 },
#endif
#ifdef SYS_clock_getres_time64
	{ "clock_getres_time64", SYS_clock_getres_time64 },
#else
	{ "clock_getres_time64", -1 },
#endif
#ifdef SYS_clock_gettime
	{ "clock_gettime", SYS_clock_gettime },
#else
	{ "clock_gettime", -1 },
#endif
#ifdef SYS_clock_gettime64
	{ "clock_gettime64", SYS_clock_gettime64 },
#else
	{ "clock_gettime64", -1 },
#endif
#ifdef SYS_clock_nanosleep
	{ "clock_nanosleep", SYS_clock_nanosleep },
#else
	{ "clock_nanosleep", -1 },
#endif
#ifdef SYS_clock_nanosleep_time64
	{ "clock_nanosleep_time64", SYS_clock_nanosleep_time64 },
#else
	{ "clock_nanosleep_time64", -1 },
#endif
#ifdef SYS_clock_settime
	{ "clock_settime", SYS_clock_settime },
#else
	{ "clock_settime", -1 },
#endif
#ifdef SYS_clock_settime64
	{ "clock_settime64", SYS_clock_settime64 },
#else
	{ "clock_settime64", -1 },
#endif
#ifdef SYS_clone
	{ "clone", SYS_clone },
#else
	{ "clone", -1 },
#endif
#ifdef SYS_clone2
	{ "clone2", SYS_clone2 },
#else
	{ "clone2", -1 },
#endif
#ifdef SYS_clone3
	{ "clone3", SYS_clone3 },
#else
	{ "clone3", -1 },
#endif
#ifdef SYS_close
	{ "close", SYS_close },
#else
	{ "close", -1 },
#endif
#ifdef SYS_close_range
	{ "close_range", SYS_close_range },
#else
	{ "close_range", -1 },
#endif
#ifdef SYS_cmpxchg_badaddr
	{ "cmpxchg_badaddr", SYS_cmpxchg_badaddr },
#else
	{ "cmpxchg_badaddr", -1 },
#endif
#ifdef SYS_connect
	{ "connect", SYS_connect },
#else
	{ "connect", -1 },
#endif
#ifdef SYS_copy_file_range
	{ "copy_file_range", SYS_copy_file_range },
#else
	{ "copy_file_range", -1 },
#endif
#ifdef SYS_creat
	{ "creat", SYS_creat },
#else
	{ "creat", -1 },
#endif
#ifdef SYS_create_module
	{ "create_module", SYS_create_module },
#else
	{ "create_module", -1 },
#endif
#ifdef SYS_delete_module
	{ "delete_module", SYS_delete_module },
#else
	{ "delete_module", -1 },
#endif
#ifdef SYS_dipc
	{ "dipc", SYS_dipc },
#else
	{ "dipc", -1 },
#endif
#ifdef SYS_dup
	{ "dup", SYS_dup },
#else
	{ "dup", -1 },
#endif
#ifdef SYS_dup2
	{ "dup2", SYS_dup2 },
#else
	{ "dup2", -1 },
#endif
#ifdef SYS_dup3
	{ "dup3", SYS_dup3 },
#else
	{ "dup3", -1 },
#endif
#ifdef SYS_epoll_create
	{ "epoll_create", SYS_epoll_create },
#else
	{ "epoll_create", -1 },
#endif
#ifdef SYS_epoll_create1
	{ "epoll_create1", SYS_epoll_create1 },
#else
	{ "epoll_create1", -1 },
#endif
#ifdef SYS_epoll_ctl
	{ "epoll_ctl", SYS_epoll_ctl },
#else
	{ "epoll_ctl", -1 },
#endif
#ifdef SYS_epoll_ctl_old
	{ "epoll_ctl_old", SYS_epoll_ctl_old },
#else
	{ "epoll_ctl_old", -1 },
#endif
#ifdef SYS_epoll_pwait
	{ "epoll_pwait", SYS_epoll_pwait },
#else
	{ "epoll_pwait", -1 },
#endif
#ifdef SYS_epoll_pwait2
	{ "epoll_pwait2", SYS_epoll_pwait2 },
#else
	{ "epoll_pwait2", -1 },
#endif
#ifdef SYS_epoll_wait
	{ "epoll_wait", SYS_epoll_wait },
#else
	{ "epoll_wait", -1 },
#endif
#ifdef SYS_epoll_wait_old
	{ "epoll_wait_old", SYS_epoll_wait_old },
#else
	{ "epoll_wait_old", -1 },
#endif
#ifdef SYS_eventfd
	{ "eventfd", SYS_eventfd },
#else
	{ "eventfd", -1 },
#endif
#ifdef SYS_eventfd2
	{ "eventfd2", SYS_eventfd2 },
#else
	{ "eventfd2", -1 },
#endif
#ifdef SYS_exec_with_loader
	{ "exec_with_loader", SYS_exec_with_loader },
#else
	{ "exec_with_loader", -1 },
#endif
#ifdef SYS_execv
	{ "execv", SYS_execv },
#else
	{ "execv", -1 },
#endif
#ifdef SYS_execve
	{ "execve", SYS_execve },
#else
	{ "execve", -1 },
#endif
#ifdef SYS_execveat
	{ "execveat", SYS_execveat },
#else
	{ "execveat", -1 },
#endif
#ifdef SYS_exit
	{ "exit", SYS_exit },
#else
	{ "exit", -1 },
#endif
#ifdef SYS_exit_group
	{ "exit_group", SYS_exit_group },
#else
	{ "exit_group", -1 },
#endif
#ifdef SYS_faccessat
	{ "faccessat", SYS_faccessat },
#else
	{ "faccessat", -1 },
#endif
#ifdef SYS_faccessat2
	{ "faccessat2", SYS_faccessat2 },
#else
	{ "faccessat2", -1 },
#endif
#ifdef SYS_fadvise64
	{ "fadvise64", SYS_fadvise64 },
#else
	{ "fadvise64", -1 },
#endif
#ifdef SYS_fadvise64_64
	{ "fadvise64_64", SYS_fadvise64_64 },
#else
	{ "fadvise64_64", -1 },
#endif
#ifdef SYS_fallocate
	{ "fallocate", SYS_fallocate },
#else
	{ "fallocate", -1 },
#endif
#ifdef SYS_fanotify_init
	{ "fanotify_init", SYS_fanotify_init },
#else
	{ "fanotify_init", -1 },
#endif
#ifdef SYS_fanotify_mark
	{ "fanotify_mark", SYS_fanotify_mark },
#else
	{ "fanotify_mark", -1 },
#endif
#ifdef SYS_fchdir
	{ "fchdir", SYS_fchdir },
#else
	{ "fchdir", -1 },
#endif
#ifdef SYS_fchmod
	{ "fchmod", SYS_fchmod },
#else
	{ "fchmod", -1 },
#endif
#ifdef SYS_fchmodat
	{ "fchmodat", SYS_fchmodat },
#else
	{ "fchmodat", -1 },
#endif
#ifdef SYS_fchown
	{ "fchown", SYS_fchown },
#else
	{ "fchown", -1 },
#endif
#ifdef SYS_fchown32
	{ "fchown32", SYS_fchown32 },
#else
	{ "fchown32", -1 },
#endif
#ifdef SYS_fchownat
	{ "fchownat", SYS_fchownat },
#else
	{ "fchownat", -1 },
#endif
#ifdef SYS_fcntl
	{ "fcntl", SYS_fcntl },
#else
	{ "fcntl", -1 },
#endif
#ifdef SYS_fcntl64
	{ "fcntl64", SYS_fcntl64 },
#else
	{ "fcntl64", -1 },
#endif
#ifdef SYS_fdatasync
	{ "fdatasync", SYS_fdatasync },
#else
	{ "fdatasync", -1 },
#endif
#ifdef SYS_fgetxattr
	{ "fgetxattr", SYS_fgetxattr },
#else
	{ "fgetxattr", -1 },
#endif
#ifdef SYS_finit_module
	{ "finit_module", SYS_finit_module },
#else
	{ "finit_module", -1 },
#endif
#ifdef SYS_flistxattr
	{ "flistxattr", SYS_flistxattr },
#else
	{ "flistxattr", -1 },
#endif
#ifdef SYS_flock
	{ "flock", SYS_flock },
#else
	{ "flock", -1 },
#endif
#ifdef SYS_fork
	{ "fork", SYS_fork },
#else
	{ "fork", -1 },
#endif
#ifdef SYS_fp_udfiex_crtl
	{ "fp_udfiex_crtl", SYS_fp_udfiex_crtl },
#else
	{ "fp_udfiex_crtl", -1 },
#endif
#ifdef SYS_free_hugepages
	{ "free_hugepages", SYS_free_hugepages },
#else
	{ "free_hugepages", -1 },
#endif
#ifdef SYS_fremovexattr
	{ "fremovexattr", SYS_fremovexattr },
#else
	{ "fremovexattr", -1 },
#endif
#ifdef SYS_fsconfig
	{ "fsconfig", SYS_fsconfig },
#else
	{ "fsconfig", -1 },
#endif
#ifdef SYS_fsetxattr
	{ "fsetxattr", SYS_fsetxattr },
#else
	{ "fsetxattr", -1 },
#endif
#ifdef SYS_fsmount
	{ "fsmount", SYS_fsmount },
#else
	{ "fsmount", -1 },
#endif
#ifdef SYS_fsopen
	{ "fsopen", SYS_fsopen },
#else
	{ "fsopen", -1 },
#endif
#ifdef SYS_fspick
	{ "fspick", SYS_fspick },
#else
	{ "fspick", -1 },
#endif
#ifdef SYS_fstat
	{ "fstat", SYS_fstat },
#else
	{ "fstat", -1 },
#endif
#ifdef SYS_fstat64
	{ "fstat64", SYS_fstat64 },
#else
	{ "fstat64", -1 },
#endif
#ifdef SYS_fstatat64
	{ "fstatat64", SYS_fstatat64 },
#else
	{ "fstatat64", -1 },
#endif
#ifdef SYS_fstatfs
	{ "fstatfs", SYS_fstatfs },
#else
	{ "fstatfs", -1 },
#endif
#ifdef SYS_fstatfs64
	{ "fstatfs64", SYS_fstatfs64 },
#else
	{ "fstatfs64", -1 },
#endif
#ifdef SYS_fsync
	{ "fsync", SYS_fsync },
#else
	{ "fsync", -1 },
#endif
#ifdef SYS_ftime
	{ "ftime", SYS_ftime },
#else
	{ "ftime", -1 },
#endif
#ifdef SYS_ftruncate
	{ "ftruncate", SYS_ftruncate },
#else
	{ "ftruncate", -1 },
#endif
#ifdef SYS_ftruncate64
	{ "ftruncate64", SYS_ftruncate64 },
#else
	{ "ftruncate64", -1 },
#endif
#ifdef SYS_futex
	{ "futex", SYS_futex },
#else
	{ "futex", -1 },
#endif
#ifdef SYS_futex_time64
	{ "futex_time64", SYS_futex_time64 },
#else
	{ "futex_time64", -1 },
#endif
#ifdef SYS_futex_waitv
	{ "futex_waitv", SYS_futex_waitv },
#else
	{ "futex_waitv", -1 },
#endif
#ifdef SYS_futimesat
	{ "futimesat", SYS_futimesat },
#else
	{ "futimesat", -1 },
#endif
#ifdef SYS_get_kernel_syms
	{ "get_kernel_syms", SYS_get_kernel_syms },
#else
	{ "get_kernel_syms", -1 },
#endif
#ifdef SYS_get_mempolicy
	{ "get_mempolicy", SYS_get_mempolicy },
#else
	{ "get_mempolicy", -1 },
#endif
#ifdef SYS_get_robust_list
	{ "get_robust_list", SYS_get_robust_list },
#else
	{ "get_robust_list", -1 },
#endif
#ifdef SYS_get_thread_area
	{ "get_thread_area", SYS_get_thread_area },
#else
	{ "get_thread_area", -1 },
#endif
#ifdef SYS_get_tls
	{ "get_tls", SYS_get_tls },
#else
	{ "get_tls", -1 },
#endif
#ifdef SYS_getcpu
	{ "getcpu", SYS_getcpu },
#else
	{ "getcpu", -1 },
#endif
#ifdef SYS_getcwd
	{ "getcwd", SYS_getcwd },
#else
	{ "getcwd", -1 },
#endif
#ifdef SYS_getdents
	{ "getdents", SYS_getdents },
#else
	{ "getdents", -1 },
#endif
#ifdef SYS_getdents64
	{ "getdents64", SYS_getdents64 },
#else
	{ "getdents64", -1 },
#endif
#ifdef SYS_getdomainname
	{ "getdomainname", SYS_getdomainname },
#else
	{ "getdomainname", -1 },
#endif
#ifdef SYS_getdtablesize
	{ "getdtablesize", SYS_getdtablesize },
#else
	{ "getdtablesize", -1 },
#endif
#ifdef SYS_getegid
	{ "getegid", SYS_getegid },
#else
	{ "getegid", -1 },
#endif
#ifdef SYS_getegid32
	{ "getegid32", SYS_getegid32 },
#else
	{ "getegid32", -1 },
#endif
#ifdef SYS_geteuid
	{ "geteuid", SYS_geteuid },
#else
	{ "geteuid", -1 },
#endif
#ifdef SYS_geteuid32
	{ "geteuid32", SYS_geteuid32 },
#else
	{ "geteuid32", -1 },
#endif
#ifdef SYS_getgid
	{ "getgid", SYS_getgid },
#else
	{ "getgid", -1 },
#endif
#ifdef SYS_getgid32
	{ "getgid32", SYS_getgid32 },
#else
	{ "getgid32", -1 },
#endif
#ifdef SYS_getgroups
	{ "getgroups", SYS_getgroups },
#else
	{ "getgroups", -1 },
#endif
#ifdef SYS_getgroups32
	{ "getgroups32", SYS_getgroups32 },
#else
	{ "getgroups32", -1 },
#endif
#ifdef SYS_gethostname
	{ "gethostname", SYS_gethostname },
#else
	{ "gethostname", -1 },
#endif
#ifdef SYS_getitimer
	{ "getitimer", SYS_getitimer },
#else
	{ "getitimer", -1 },
#endif
#ifdef SYS_getpagesize
	{ "getpagesize", SYS_getpagesize },
#else
	{ "getpagesize", -1 },
#endif
#ifdef SYS_getpeername
	{ "getpeername", SYS_getpeername },
#else
	{ "getpeername", -1 },
#endif
#ifdef SYS_getpgid
	{ "getpgid", SYS_getpgid },
#else
	{ "getpgid", -1 },
#endif
#ifdef SYS_getpgrp
	{ "getpgrp", SYS_getpgrp },
#else
	{ "getpgrp", -1 },
#endif
#ifdef SYS_getpid
	{ "getpid", SYS_getpid },
#else
	{ "getpid", -1 },
#endif
#ifdef SYS_getpmsg
	{ "getpmsg", SYS_getpmsg },
#else
	{ "getpmsg", -1 },
#endif
#ifdef SYS_getppid
	{ "getppid", SYS_getppid },
#else
	{ "getppid", -1 },
#endif
#ifdef SYS_getpriority
	{ "getpriority", SYS_getpriority },
#else
	{ "getpriority", -1 },
#endif
#ifdef SYS_getrandom
	{ "getrandom", SYS_getrandom },
#else
	{ "getrandom", -1 },
#endif
#ifdef SYS_getresgid
	{ "getresgid", SYS_getresgid },
#else
	{ "getresgid", -1 },
#endif
#ifdef SYS_getresgid32
	{ "getresgid32", SYS_getresgid32 },
#else
	{ "getresgid32", -1 },
#endif
#ifdef SYS_getresuid
	{ "getresuid", SYS_getresuid },
#else
	{ "getresuid", -1 },
#endif
#ifdef SYS_getresuid32
	{ "getresuid32", SYS_getresuid32 },
#else
	{ "getresuid32", -1 },
#endif
#ifdef SYS_getrlimit
	{ "getrlimit", SYS_getrlimit },
#else
	{ "getrlimit", -1 },
#endif
#ifdef SYS_getrusage
	{ "getrusage", SYS_getrusage },
#else
	{ "getrusage", -1 },
#endif
#ifdef SYS_getsid
	{ "getsid", SYS_getsid },
#else
	{ "getsid", -1 },
#endif
#ifdef SYS_getsockname
	{ "getsockname", SYS_getsockname },
#else
	{ "getsockname", -1 },
#endif
#ifdef SYS_getsockopt
	{ "getsockopt", SYS_getsockopt },
#else
	{ "getsockopt", -1 },
#endif
#ifdef SYS_gettid
	{ "gettid", SYS_gettid },
#else
	{ "gettid", -1 },
#endif
#ifdef SYS_gettimeofday
	{ "gettimeofday", SYS_gettimeofday },
#else
	{ "gettimeofday", -1 },
#endif
#ifdef SYS_getuid
	{ "getuid", SYS_getuid },
#else
	{ "getuid", -1 },
#endif
#ifdef SYS_getuid32
	{ "getuid32", SYS_getuid32 },
#else
	{ "getuid32", -1 },
#endif
#ifdef SYS_getunwind
	{ "getunwind", SYS_getunwind },
#else
	{ "getunwind", -1 },
#endif
#ifdef SYS_getxattr
	{ "getxattr", SYS_getxattr },
#else
	{ "getxattr", -1 },
#endif
#ifdef SYS_getxgid
	{ "getxgid", SYS_getxgid },
#else
	{ "getxgid", -1 },
#endif
#ifdef SYS_getxpid
	{ "getxpid", SYS_getxpid },
#else
	{ "getxpid", -1 },
#endif
#ifdef SYS_getxuid
	{ "getxuid", SYS_getxuid },
#else
	{ "getxuid", -1 },
#endif
#ifdef SYS_gtty
	{ "gtty", SYS_gtty },
#else
	{ "gtty", -1 },
#endif
#ifdef SYS_idle
	{ "idle", SYS_idle },
#else
	{ "idle", -1 },
#endif
#ifdef SYS_init_module
	{ "init_module", SYS_init_module },
#else
	{ "init_module", -1 },
#endif
#ifdef SYS_inotify_add_watch
	{ "inotify_add_watch", SYS_inotify_add_watch },
#else
	{ "inotify_add_watch", -1 },
#endif
#ifdef SYS_inotify_init
	{ "inotify_init", SYS_inotify_init },
#else
	{ "inotify_init", -1 },
#endif
#ifdef SYS_inotify_init1
	{ "inotify_init1", SYS_inotify_init1 },
#else
	{ "inotify_init1", -1 },
#endif
#ifdef SYS_inotify_rm_watch
	{ "inotify_rm_watch", SYS_inotify_rm_watch },
#else
	{ "inotify_rm_watch", -1 },
#endif
#ifdef SYS_io_cancel
	{ "io_cancel", SYS_io_cancel },
#else
	{ "io_cancel", -1 },
#endif
#ifdef SYS_io_destroy
	{ "io_destroy", SYS_io_destroy },
#else
	{ "io_destroy", -1 },
#endif
#ifdef SYS_io_getevents
	{ "io_getevents", SYS_io_getevents },
#else
	{ "io_getevents", -1 },
#endif
#ifdef SYS_io_pgetevents
	{ "io_pgetevents", SYS_io_pgetevents },
#else
	{ "io_pgetevents", -1 },
#endif
#ifdef SYS_io_pgetevents_time64
	{ "io_pgetevents_time64", SYS_io_pgetevents_time64 },
#else
	{ "io_pgetevents_time64", -1 },
#endif
#ifdef SYS_io_setup
	{ "io_setup", SYS_io_setup },
#else
	{ "io_setup", -1 },
#endif
#ifdef SYS_io_submit
	{ "io_submit", SYS_io_submit },
#else
	{ "io_submit", -1 },
#endif
#ifdef SYS_io_uring_enter
	{ "io_uring_enter", SYS_io_uring_enter },
#else
	{ "io_uring_enter", -1 },
#endif
#ifdef SYS_io_uring_register
	{ "io_uring_register", SYS_io_uring_register },
#else
	{ "io_uring_register", -1 },
#endif
#ifdef SYS_io_uring_setup
	{ "io_uring_setup", SYS_io_uring_setup },
#else
	{ "io_uring_setup", -1 },
#endif
#ifdef SYS_ioctl
	{ "ioctl", SYS_ioctl },
#else
	{ "ioctl", -1 },
#endif
#ifdef SYS_ioperm
	{ "ioperm", SYS_ioperm },
#else
	{ "ioperm", -1 },
#endif
#ifdef SYS_iopl
	{ "iopl", SYS_iopl },
#else
	{ "iopl", -1 },
#endif
#ifdef SYS_ioprio_get
	{ "ioprio_get", SYS_ioprio_get },
#else
	{ "ioprio_get", -1 },
#endif
#ifdef SYS_ioprio_set
	{ "ioprio_set", SYS_ioprio_set },
#else
	{ "ioprio_set", -1 },
#endif
#ifdef SYS_ipc
	{ "ipc", SYS_ipc },
#else
	{ "ipc", -1 },
#endif
#ifdef SYS_kcmp
	{ "kcmp", SYS_kcmp },
#else
	{ "kcmp", -1 },
#endif
#ifdef SYS_kern_features
	{ "kern_features", SYS_kern_features },
#else
	{ "kern_features", -1 },
#endif
#ifdef SYS_kexec_file_load
	{ "kexec_file_load", SYS_kexec_file_load },
#else
	{ "kexec_file_load", -1 },
#endif
#ifdef SYS_kexec_load
	{ "kexec_load", SYS_kexec_load },
#else
	{ "kexec_load", -1 },
#endif
#ifdef SYS_keyctl
	{ "keyctl", SYS_keyctl },
#else
	{ "keyctl", -1 },
#endif
#ifdef SYS_kill
	{ "kill", SYS_kill },
#else
	{ "kill", -1 },
#endif
#ifdef SYS_landlock_add_rule
	{ "landlock_add_rule", SYS_landlock_add_rule },
#else
	{ "landlock_add_rule", -1 },
#endif
#ifdef SYS_landlock_create_ruleset
	{ "landlock_create_ruleset", SYS_landlock_create_ruleset },
#else
	{ "landlock_create_ruleset", -1 },
#endif
#ifdef SYS_landlock_restrict_self
	{ "landlock_restrict_self", SYS_landlock_restrict_self },
#else
	{ "landlock_restrict_self", -1 },
#endif
#ifdef SYS_lchown
	{ "lchown", SYS_lchown },
#else
	{ "lchown", -1 },
#endif
#ifdef SYS_lchown32
	{ "lchown32", SYS_lchown32 },
#else
	{ "lchown32", -1 },
#endif
#ifdef SYS_lgetxattr
	{ "lgetxattr", SYS_lgetxattr },
#else
	{ "lgetxattr", -1 },
#endif
#ifdef SYS_link
	{ "link", SYS_link },
#else
	{ "link", -1 },
#endif
#ifdef SYS_linkat
	{ "linkat", SYS_linkat },
#else
	{ "linkat", -1 },
#endif
#ifdef SYS_listen
	{ "listen", SYS_listen },
#else
	{ "listen", -1 },
#endif
#ifdef SYS_listxattr
	{ "listxattr", SYS_listxattr },
#else
	{ "listxattr", -1 },
#endif
#ifdef SYS_llistxattr
	{ "llistxattr", SYS_llistxattr },
#else
	{ "llistxattr", -1 },
#endif
#ifdef SYS_llseek
	{ "llseek", SYS_llseek },
#else
	{ "llseek", -1 },
#endif
#ifdef SYS_lock
	{ "lock", SYS_lock },
#else
	{ "lock", -1 },
#endif
#ifdef SYS_lookup_dcookie
	{ "lookup_dcookie", SYS_lookup_dcookie },
#else
	{ "lookup_dcookie", -1 },
#endif
#ifdef SYS_lremovexattr
	{ "lremovexattr", SYS_lremovexattr },
#else
	{ "lremovexattr", -1 },
#endif
#ifdef SYS_lseek
	{ "lseek", SYS_lseek },
#else
	{ "lseek", -1 },
#endif
#ifdef SYS_lsetxattr
	{ "lsetxattr", SYS_lsetxattr },
#else
	{ "lsetxattr", -1 },
#endif
#ifdef SYS_lstat
	{ "lstat", SYS_lstat },
#else
	{ "lstat", -1 },
#endif
#ifdef SYS_lstat64
	{ "lstat64", SYS_lstat64 },
#else
	{ "lstat64", -1 },
#endif
#ifdef SYS_madvise
	{ "madvise", SYS_madvise },
#else
	{ "madvise", -1 },
#endif
#ifdef SYS_mbind
	{ "mbind", SYS_mbind },
#else
	{ "mbind", -1 },
#endif
#ifdef SYS_membarrier
	{ "membarrier", SYS_membarrier },
#else
	{ "membarrier", -1 },
#endif
#ifdef SYS_memfd_create
	{ "memfd_create", SYS_memfd_create },
#else
	{ "memfd_create", -1 },
#endif
#ifdef SYS_memfd_secret
	{ "memfd_secret", SYS_memfd_secret },
#else
	{ "memfd_secret", -1 },
#endif
#ifdef SYS_memory_ordering
	{ "memory_ordering", SYS_memory_ordering },
#else
	{ "memory_ordering", -1 },
#endif
#ifdef SYS_migrate_pages
	{ "migrate_pages", SYS_migrate_pages },
#else
	{ "migrate_pages", -1 },
#endif
#ifdef SYS_mincore
	{ "mincore", SYS_mincore },
#else
	{ "mincore", -1 },
#endif
#ifdef SYS_mkdir
	{ "mkdir", SYS_mkdir },
#else
	{ "mkdir", -1 },
#endif
#ifdef SYS_mkdirat
	{ "mkdirat", SYS_mkdirat },
#else
	{ "mkdirat", -1 },
#endif
#ifdef SYS_mknod
	{ "mknod", SYS_mknod },
#else
	{ "mknod", -1 },
#endif
#ifdef SYS_mknodat
	{ "mknodat", SYS_mknodat },
#else
	{ "mknodat", -1 },
#endif
#ifdef SYS_mlock
	{ "mlock", SYS_mlock },
#else
	{ "mlock", -1 },
#endif
#ifdef SYS_mlock2
	{ "mlock2", SYS_mlock2 },
#else
	{ "mlock2", -1 },
#endif
#ifdef SYS_mlockall
	{ "mlockall", SYS_mlockall },
#else
	{ "mlockall", -1 },
#endif
#ifdef SYS_mmap
	{ "mmap", SYS_mmap },
#else
	{ "mmap", -1 },
#endif
#ifdef SYS_mmap2
	{ "mmap2", SYS_mmap2 },
#else
	{ "mmap2", -1 },
#endif
#ifdef SYS_modify_ldt
	{ "modify_ldt", SYS_modify_ldt },
#else
	{ "modify_ldt", -1 },
#endif
#ifdef SYS_mount
	{ "mount", SYS_mount },
#else
	{ "mount", -1 },
#endif
#ifdef SYS_mount_setattr
	{ "mount_setattr", SYS_mount_setattr },
#else
	{ "mount_setattr", -1 },
#endif
#ifdef SYS_move_mount
	{ "move_mount", SYS_move_mount },
#else
	{ "move_mount", -1 },
#endif
#ifdef SYS_move_pages
	{ "move_pages", SYS_move_pages },
#else
	{ "move_pages", -1 },
#endif
#ifdef SYS_mprotect
	{ "mprotect", SYS_mprotect },
#else
	{ "mprotect", -1 },
#endif
#ifdef SYS_mpx
	{ "mpx", SYS_mpx },
#else
	{ "mpx", -1 },
#endif
#ifdef SYS_mq_getsetattr
	{ "mq_getsetattr", SYS_mq_getsetattr },
#else
	{ "mq_getsetattr", -1 },
#endif
#ifdef SYS_mq_notify
	{ "mq_notify", SYS_mq_notify },
#else
	{ "mq_notify", -1 },
#endif
#ifdef SYS_mq_open
	{ "mq_open", SYS_mq_open },
#else
	{ "mq_open", -1 },
#endif
#ifdef SYS_mq_timedreceive
	{ "mq_timedreceive", SYS_mq_timedreceive },
#else
	{ "mq_timedreceive", -1 },
#endif
#ifdef SYS_mq_timedreceive_time64
	{ "mq_timedreceive_time64", SYS_mq_timedreceive_time64 },
#else
	{ "mq_timedreceive_time64", -1 },
#endif
#ifdef SYS_mq_timedsend
	{ "mq_timedsend", SYS_mq_timedsend },
#else
	{ "mq_timedsend", -1 },
#endif
#ifdef SYS_mq_timedsend_time64
	{ "mq_timedsend_time64", SYS_mq_timedsend_time64 },
#else
	{ "mq_timedsend_time64", -1 },
#endif
#ifdef SYS_mq_unlink
	{ "mq_unlink", SYS_mq_unlink },
#else
	{ "mq_unlink", -1 },
#endif
#ifdef SYS_mremap
	{ "mremap", SYS_mremap },
#else
	{ "mremap", -1 },
#endif
#ifdef SYS_msgctl
	{ "msgctl", SYS_msgctl },
#else
	{ "msgctl", -1 },
#endif
#ifdef SYS_msgget
	{ "msgget", SYS_msgget },
#else
	{ "msgget", -1 },
#endif
#ifdef SYS_msgrcv
	{ "msgrcv", SYS_msgrcv },
#else
	{ "msgrcv", -1 },
#endif
#ifdef SYS_msgsnd
	{ "msgsnd", SYS_msgsnd },
#else
	{ "msgsnd", -1 },
#endif
#ifdef SYS_msync
	{ "msync", SYS_msync },
#else
	{ "msync", -1 },
#endif
#ifdef SYS_multiplexer
	{ "multiplexer", SYS_multiplexer },
#else
	{ "multiplexer", -1 },
#endif
#ifdef SYS_munlock
	{ "munlock", SYS_munlock },
#else
	{ "munlock", -1 },
#endif
#ifdef SYS_munlockall
	{ "munlockall", SYS_munlockall },
#else
	{ "munlockall", -1 },
#endif
#ifdef SYS_munmap
	{ "munmap", SYS_munmap },
#else
	{ "munmap", -1 },
#endif
#ifdef SYS_name_to_handle_at
	{ "name_to_handle_at", SYS_name_to_handle_at },
#else
	{ "name_to_handle_at", -1 },
#endif
#ifdef SYS_nanosleep
	{ "nanosleep", SYS_nanosleep },
#else
	{ "nanosleep", -1 },
#endif
#ifdef SYS_newfstatat
	{ "newfstatat", SYS_newfstatat },
#else
	{ "newfstatat", -1 },
#endif
#ifdef SYS_nfsservctl
	{ "nfsservctl", SYS_nfsservctl },
#else
	{ "nfsservctl", -1 },
#endif
#ifdef SYS_ni_syscall
	{ "ni_syscall", SYS_ni_syscall },
#else
	{ "ni_syscall", -1 },
#endif
#ifdef SYS_nice
	{ "nice", SYS_nice },
#else
	{ "nice", -1 },
#endif
#ifdef SYS_old_adjtimex
	{ "old_adjtimex", SYS_old_adjtimex },
#else
	{ "old_adjtimex", -1 },
#endif
#ifdef SYS_old_getpagesize
	{ "old_getpagesize", SYS_old_getpagesize },
#else
	{ "old_getpagesize", -1 },
#endif
#ifdef SYS_oldfstat
	{ "oldfstat", SYS_oldfstat },
#else
	{ "oldfstat", -1 },
#endif
#ifdef SYS_oldlstat
	{ "oldlstat", SYS_oldlstat },
#else
	{ "oldlstat", -1 },
#endif
#ifdef SYS_oldolduname
	{ "oldolduname", SYS_oldolduname },
#else
	{ "oldolduname", -1 },
#endif
#ifdef SYS_oldstat
	{ "oldstat", SYS_oldstat },
#else
	{ "oldstat", -1 },
#endif
#ifdef SYS_oldumount
	{ "oldumount", SYS_oldumount },
#else
	{ "oldumount", -1 },
#endif
#ifdef SYS_olduname
	{ "olduname", SYS_olduname },
#else
	{ "olduname", -1 },
#endif
#ifdef SYS_open
	{ "open", SYS_open },
#else
	{ "open", -1 },
#endif
#ifdef SYS_open_by_handle_at
	{ "open_by_handle_at", SYS_open_by_handle_at },
#else
	{ "open_by_handle_at", -1 },
#endif
#ifdef SYS_open_tree
	{ "open_tree", SYS_open_tree },
#else
	{ "open_tree", -1 },
#endif
#ifdef SYS_openat
	{ "openat", SYS_openat },
#else
	{ "openat", -1 },
#endif
#ifdef SYS_openat2
	{ "openat2", SYS_openat2 },
#else
	{ "openat2", -1 },
#endif
#ifdef SYS_or1k_atomic
	{ "or1k_atomic", SYS_or1k_atomic },
#else
	{ "or1k_atomic", -1 },
#endif
#ifdef SYS_osf_adjtime
	{ "osf_adjtime", SYS_osf_adjtime },
#else
	{ "osf_adjtime", -1 },
#endif
#ifdef SYS_osf_afs_syscall
	{ "osf_afs_syscall", SYS_osf_afs_syscall },
#else
	{ "osf_afs_syscall", -1 },
#endif
#ifdef SYS_osf_alt_plock
	{ "osf_alt_plock", SYS_osf_alt_plock },
#else
	{ "osf_alt_plock", -1 },
#endif
#ifdef SYS_osf_alt_setsid
	{ "osf_alt_setsid", SYS_osf_alt_setsid },
#else
	{ "osf_alt_setsid", -1 },
#endif
#ifdef SYS_osf_alt_sigpending
	{ "osf_alt_sigpending", SYS_osf_alt_sigpending },
#else
	{ "osf_alt_sigpending", -1 },
#endif
#ifdef SYS_osf_asynch_daemon
	{ "osf_asynch_daemon", SYS_osf_asynch_daemon },
#else
	{ "osf_asynch_daemon", -1 },
#endif
#ifdef SYS_osf_audcntl
	{ "osf_audcntl", SYS_osf_audcntl },
#else
	{ "osf_audcntl", -1 },
#endif
#ifdef SYS_osf_audgen
	{ "osf_audgen", SYS_osf_audgen },
#else
	{ "osf_audgen", -1 },
#endif
#ifdef SYS_osf_chflags
	{ "osf_chflags", SYS_osf_chflags },
#else
	{ "osf_chflags", -1 },
#endif
#ifdef SYS_osf_execve
	{ "osf_execve", SYS_osf_execve },
#else
	{ "osf_execve", -1 },
#endif
#ifdef SYS_osf_exportfs
	{ "osf_exportfs", SYS_osf_exportfs },
#else
	{ "osf_exportfs", -1 },
#endif
#ifdef SYS_osf_fchflags
	{ "osf_fchflags", SYS_osf_fchflags },
#else
	{ "osf_fchflags", -1 },
#endif
#ifdef SYS_osf_fdatasync
	{ "osf_fdatasync", SYS_osf_fdatasync },
#else
	{ "osf_fdatasync", -1 },
#endif
#ifdef SYS_osf_fpathconf
	{ "osf_fpathconf", SYS_osf_fpathconf },
#else
	{ "osf_fpathconf", -1 },
#endif
#ifdef SYS_osf_fstat
	{ "osf_fstat", SYS_osf_fstat },
#else
	{ "osf_fstat", -1 },
#endif
#ifdef SYS_osf_fstatfs
	{ "osf_fstatfs", SYS_osf_fstatfs },
#else
	{ "osf_fstatfs", -1 },
#endif
#ifdef SYS_osf_fstatfs64
	{ "osf_fstatfs64", SYS_osf_fstatfs64 },
#else
	{ "osf_fstatfs64", -1 },
#endif
#ifdef SYS_osf_fuser
	{ "osf_fuser", SYS_osf_fuser },
#else
	{ "osf_fuser", -1 },
#endif
#ifdef SYS_osf_getaddressconf
	{ "osf_getaddressconf", SYS_osf_getaddressconf },
#else
	{ "osf_getaddressconf", -1 },
#endif
#ifdef SYS_osf_getdirentries
	{ "osf_getdirentries", SYS_osf_getdirentries },
#else
	{ "osf_getdirentries", -1 },
#endif
#ifdef SYS_osf_getdomainname
	{ "osf_getdomainname", SYS_osf_getdomainname },
#else
	{ "osf_getdomainname", -1 },
#endif
#ifdef SYS_osf_getfh
	{ "osf_getfh", SYS_osf_getfh },
#else
	{ "osf_getfh", -1 },
#endif
#ifdef SYS_osf_getfsstat
	{ "osf_getfsstat", SYS_osf_getfsstat },
#else
	{ "osf_getfsstat", -1 },
#endif
#ifdef SYS_osf_gethostid
	{ "osf_gethostid", SYS_osf_gethostid },
#else
	{ "osf_gethostid", -1 },
#endif
#ifdef SYS_osf_getitimer
	{ "osf_getitimer", SYS_osf_getitimer },
#else
	{ "osf_getitimer", -1 },
#endif
#ifdef SYS_osf_getlogin
	{ "osf_getlogin", SYS_osf_getlogin },
#else
	{ "osf_getlogin", -1 },
#endif
#ifdef SYS_osf_getmnt
	{ "osf_getmnt", SYS_osf_getmnt },
#else
	{ "osf_getmnt", -1 },
#endif
#ifdef SYS_osf_getrusage
	{ "osf_getrusage", SYS_osf_getrusage },
#else
	{ "osf_getrusage", -1 },
#endif
#ifdef SYS_osf_getsysinfo
	{ "osf_getsysinfo", SYS_osf_getsysinfo },
#else
	{ "osf_getsysinfo", -1 },
#endif
#ifdef SYS_osf_gettimeofday
	{ "osf_gettimeofday", SYS_osf_gettimeofday },
#else
	{ "osf_gettimeofday", -1 },
#endif
#ifdef SYS_osf_kloadcall
	{ "osf_kloadcall", SYS_osf_kloadcall },
#else
	{ "osf_kloadcall", -1 },
#endif
#ifdef SYS_osf_kmodcall
	{ "osf_kmodcall", SYS_osf_kmodcall },
#else
	{ "osf_kmodcall", -1 },
#endif
#ifdef SYS_osf_lstat
	{ "osf_lstat", SYS_osf_lstat },
#else
	{ "osf_lstat", -1 },
#endif
#ifdef SYS_osf_memcntl
	{ "osf_memcntl", SYS_osf_memcntl },
#else
	{ "osf_memcntl", -1 },
#endif
#ifdef SYS_osf_mincore
	{ "osf_mincore", SYS_osf_mincore },
#else
	{ "osf_mincore", -1 },
#endif
#ifdef SYS_osf_mount
	{ "osf_mount", SYS_osf_mount },
#else
	{ "osf_mount", -1 },
#endif
#ifdef SYS_osf_mremap
	{ "osf_mremap", SYS_osf_mremap },
#else
	{ "osf_mremap", -1 },
#endif
#ifdef SYS_osf_msfs_syscall
	{ "osf_msfs_syscall", SYS_osf_msfs_syscall },
#else
	{ "osf_msfs_syscall", -1 },
#endif
#ifdef SYS_osf_msleep
	{ "osf_msleep", SYS_osf_msleep },
#else
	{ "osf_msleep", -1 },
#endif
#ifdef SYS_osf_mvalid
	{ "osf_mvalid", SYS_osf_mvalid },
#else
	{ "osf_mvalid", -1 },
#endif
#ifdef SYS_osf_mwakeup
	{ "osf_mwakeup", SYS_osf_mwakeup },
#else
	{ "osf_mwakeup", -1 },
#endif
#ifdef SYS_osf_naccept
	{ "osf_naccept", SYS_osf_naccept },
#else
	{ "osf_naccept", -1 },
#endif
#ifdef SYS_osf_nfssvc
	{ "osf_nfssvc", SYS_osf_nfssvc },
#else
	{ "osf_nfssvc", -1 },
#endif
#ifdef SYS_osf_ngetpeername
	{ "osf_ngetpeername", SYS_osf_ngetpeername },
#else
	{ "osf_ngetpeername", -1 },
#endif
#ifdef SYS_osf_ngetsockname
	{ "osf_ngetsockname", SYS_osf_ngetsockname },
#else
	{ "osf_ngetsockname", -1 },
#endif
#ifdef SYS_osf_nrecvfrom
	{ "osf_nrecvfrom", SYS_osf_nrecvfrom },
#else
	{ "osf_nrecvfrom", -1 },
#endif
#ifdef SYS_osf_nrecvmsg
	{ "osf_nrecvmsg", SYS_osf_nrecvmsg },
#else
	{ "osf_nrecvmsg", -1 },
#endif
#ifdef SYS_osf_nsendmsg
	{ "osf_nsendmsg", SYS_osf_nsendmsg },
#else
	{ "osf_nsendmsg", -1 },
#endif
#ifdef SYS_osf_ntp_adjtime
	{ "osf_ntp_adjtime", SYS_osf_ntp_adjtime },
#else
	{ "osf_ntp_adjtime", -1 },
#endif
#ifdef SYS_osf_ntp_gettime
	{ "osf_ntp_gettime", SYS_osf_ntp_gettime },
#else
	{ "osf_ntp_gettime", -1 },
#endif
#ifdef SYS_osf_old_creat
	{ "osf_old_creat", SYS_osf_old_creat },
#else
	{ "osf_old_creat", -1 },
#endif
#ifdef SYS_osf_old_fstat
	{ "osf_old_fstat", SYS_osf_old_fstat },
#else
	{ "osf_old_fstat", -1 },
#endif
#ifdef SYS_osf_old_getpgrp
	{ "osf_old_getpgrp", SYS_osf_old_getpgrp },
#else
	{ "osf_old_getpgrp", -1 },
#endif
#ifdef SYS_osf_old_killpg
	{ "osf_old_killpg", SYS_osf_old_killpg },
#else
	{ "osf_old_killpg", -1 },
#endif
#ifdef SYS_osf_old_lstat
	{ "osf_old_lstat", SYS_osf_old_lstat },
#else
	{ "osf_old_lstat", -1 },
#endif
#ifdef SYS_osf_old_open
	{ "osf_old_open", SYS_osf_old_open },
#else
	{ "osf_old_open", -1 },
#endif
#ifdef SYS_osf_old_sigaction
	{ "osf_old_sigaction", SYS_osf_old_sigaction },
#else
	{ "osf_old_sigaction", -1 },
#endif
#ifdef SYS_osf_old_sigblock
	{ "osf_old_sigblock", SYS_osf_old_sigblock },
#else
	{ "osf_old_sigblock", -1 },
#endif
#ifdef SYS_osf_old_sigreturn
	{ "osf_old_sigreturn", SYS_osf_old_sigreturn },
#else
	{ "osf_old_sigreturn", -1 },
#endif
#ifdef SYS_osf_old_sigsetmask
	{ "osf_old_sigsetmask", SYS_osf_old_sigsetmask },
#else
	{ "osf_old_sigsetmask", -1 },
#endif
#ifdef SYS_osf_old_sigvec
	{ "osf_old_sigvec", SYS_osf_old_sigvec },
#else
	{ "osf_old_sigvec", -1 },
#endif
#ifdef SYS_osf_old_stat
	{ "osf_old_stat", SYS_osf_old_stat },
#else
	{ "osf_old_stat", -1 },
#endif
#ifdef SYS_osf_old_vadvise
	{ "osf_old_vadvise", SYS_osf_old_vadvise },
#else
	{ "osf_old_vadvise", -1 },
#endif
#ifdef SYS_osf_old_vtrace
	{ "osf_old_vtrace", SYS_osf_old_vtrace },
#else
	{ "osf_old_vtrace", -1 },
#endif
#ifdef SYS_osf_old_wait
	{ "osf_old_wait", SYS_osf_old_wait },
#else
	{ "osf_old_wait", -1 },
#endif
#ifdef SYS_osf_oldquota
	{ "osf_oldquota", SYS_osf_oldquota },
#else
	{ "osf_oldquota", -1 },
#endif
#ifdef SYS_osf_pathconf
	{ "osf_pathconf", SYS_osf_pathconf },
#else
	{ "osf_pathconf", -1 },
#endif
#ifdef SYS_osf_pid_block
	{ "osf_pid_block", SYS_osf_pid_block },
#else
	{ "osf_pid_block", -1 },
#endif
#ifdef SYS_osf_pid_unblock
	{ "osf_pid_unblock", SYS_osf_pid_unblock },
#else
	{ "osf_pid_unblock", -1 },
#endif
#ifdef SYS_osf_plock
	{ "osf_plock", SYS_osf_plock },
#else
	{ "osf_plock", -1 },
#endif
#ifdef SYS_osf_priocntlset
	{ "osf_priocntlset", SYS_osf_priocntlset },
#else
	{ "osf_priocntlset", -1 },
#endif
#ifdef SYS_osf_profil
	{ "osf_profil", SYS_osf_profil },
#else
	{ "osf_profil", -1 },
#endif
#ifdef SYS_osf_proplist_syscall
	{ "osf_proplist_syscall", SYS_osf_proplist_syscall },
#else
	{ "osf_proplist_syscall", -1 },
#endif
#ifdef SYS_osf_reboot
	{ "osf_reboot", SYS_osf_reboot },
#else
	{ "osf_reboot", -1 },
#endif
#ifdef SYS_osf_revoke
	{ "osf_revoke", SYS_osf_revoke },
#else
	{ "osf_revoke", -1 },
#endif
#ifdef SYS_osf_sbrk
	{ "osf_sbrk", SYS_osf_sbrk },
#else
	{ "osf_sbrk", -1 },
#endif
#ifdef SYS_osf_security
	{ "osf_security", SYS_osf_security },
#else
	{ "osf_security", -1 },
#endif
#ifdef SYS_osf_select
	{ "osf_select", SYS_osf_select },
#else
	{ "osf_select", -1 },
#endif
#ifdef SYS_osf_set_program_attributes
	{ "osf_set_program_attributes", SYS_osf_set_program_attributes },
#else
	{ "osf_set_program_attributes", -1 },
#endif
#ifdef SYS_osf_set_speculative
	{ "osf_set_speculative", SYS_osf_set_speculative },
#else
	{ "osf_set_speculative", -1 },
#endif
#ifdef SYS_osf_sethostid
	{ "osf_sethostid", SYS_osf_sethostid },
#else
	{ "osf_sethostid", -1 },
#endif
#ifdef SYS_osf_setitimer
	{ "osf_setitimer", SYS_osf_setitimer },
#else
	{ "osf_setitimer", -1 },
#endif
#ifdef SYS_osf_setlogin
	{ "osf_setlogin", SYS_osf_setlogin },
#else
	{ "osf_setlogin", -1 },
#endif
#ifdef SYS_osf_setsysinfo
	{ "osf_setsysinfo", SYS_osf_setsysinfo },
#else
	{ "osf_setsysinfo", -1 },
#endif
#ifdef SYS_osf_settimeofday
	{ "osf_settimeofday", SYS_osf_settimeofday },
#else
	{ "osf_settimeofday", -1 },
#endif
#ifdef SYS_osf_shmat
	{ "osf_shmat", SYS_osf_shmat },
#else
	{ "osf_shmat", -1 },
#endif
#ifdef SYS_osf_signal
	{ "osf_signal", SYS_osf_signal },
#else
	{ "osf_signal", -1 },
#endif
#ifdef SYS_osf_sigprocmask
	{ "osf_sigprocmask", SYS_osf_sigprocmask },
#else
	{ "osf_sigprocmask", -1 },
#endif
#ifdef SYS_osf_sigsendset
	{ "osf_sigsendset", SYS_osf_sigsendset },
#else
	{ "osf_sigsendset", -1 },
#endif
#ifdef SYS_osf_sigstack
	{ "osf_sigstack", SYS_osf_sigstack },
#else
	{ "osf_sigstack", -1 },
#endif
#ifdef SYS_osf_sigwaitprim
	{ "osf_sigwaitprim", SYS_osf_sigwaitprim },
#else
	{ "osf_sigwaitprim", -1 },
#endif
#ifdef SYS_osf_sstk
	{ "osf_sstk", SYS_osf_sstk },
#else
	{ "osf_sstk", -1 },
#endif
#ifdef SYS_osf_stat
	{ "osf_stat", SYS_osf_stat },
#else
	{ "osf_stat", -1 },
#endif
#ifdef SYS_osf_statfs
	{ "osf_statfs", SYS_osf_statfs },
#else
	{ "osf_statfs", -1 },
#endif
#ifdef SYS_osf_statfs64
	{ "osf_statfs64", SYS_osf_statfs64 },
#else
	{ "osf_statfs64", -1 },
#endif
#ifdef SYS_osf_subsys_info
	{ "osf_subsys_info", SYS_osf_subsys_info },
#else
	{ "osf_subsys_info", -1 },
#endif
#ifdef SYS_osf_swapctl
	{ "osf_swapctl", SYS_osf_swapctl },
#else
	{ "osf_swapctl", -1 },
#endif
#ifdef SYS_osf_swapon
	{ "osf_swapon", SYS_osf_swapon },
#else
	{ "osf_swapon", -1 },
#endif
#ifdef SYS_osf_syscall
	{ "osf_syscall", SYS_osf_syscall },
#else
	{ "osf_syscall", -1 },
#endif
#ifdef SYS_osf_sysinfo
	{ "osf_sysinfo", SYS_osf_sysinfo },
#else
	{ "osf_sysinfo", -1 },
#endif
#ifdef SYS_osf_table
	{ "osf_table", SYS_osf_table },
#else
	{ "osf_table", -1 },
#endif
#ifdef SYS_osf_uadmin
	{ "osf_uadmin", SYS_osf_uadmin },
#else
	{ "osf_uadmin", -1 },
#endif
#ifdef SYS_osf_usleep_thread
	{ "osf_usleep_thread", SYS_osf_usleep_thread },
#else
	{ "osf_usleep_thread", -1 },
#endif
#ifdef SYS_osf_uswitch
	{ "osf_uswitch", SYS_osf_uswitch },
#else
	{ "osf_uswitch", -1 },
#endif
#ifdef SYS_osf_utc_adjtime
	{ "osf_utc_adjtime", SYS_osf_utc_adjtime },
#else
	{ "osf_utc_adjtime", -1 },
#endif
#ifdef SYS_osf_utc_gettime
	{ "osf_utc_gettime", SYS_osf_utc_gettime },
#else
	{ "osf_utc_gettime", -1 },
#endif
#ifdef SYS_osf_utimes
	{ "osf_utimes", SYS_osf_utimes },
#else
	{ "osf_utimes", -1 },
#endif
#ifdef SYS_osf_utsname
	{ "osf_utsname", SYS_osf_utsname },
#else
	{ "osf_utsname", -1 },
#endif
#ifdef SYS_osf_wait4
	{ "osf_wait4", SYS_osf_wait4 },
#else
	{ "osf_wait4", -1 },
#endif
#ifdef SYS_osf_waitid
	{ "osf_waitid", SYS_osf_waitid },
#else
	{ "osf_waitid", -1 },
#endif
#ifdef SYS_pause
	{ "pause", SYS_pause },
#else
	{ "pause", -1 },
#endif
#ifdef SYS_pciconfig_iobase
	{ "pciconfig_iobase", SYS_pciconfig_iobase },
#else
	{ "pciconfig_iobase", -1 },
#endif
#ifdef SYS_pciconfig_read
	{ "pciconfig_read", SYS_pciconfig_read },
#else
	{ "pciconfig_read", -1 },
#endif
#ifdef SYS_pciconfig_write
	{ "pciconfig_write", SYS_pciconfig_write },
#else
	{ "pciconfig_write", -1 },
#endif
#ifdef SYS_perf_event_open
	{ "perf_event_open", SYS_perf_event_open },
#else
	{ "perf_event_open", -1 },
#endif
#ifdef SYS_perfctr
	{ "perfctr", SYS_perfctr },
#else
	{ "perfctr", -1 },
#endif
#ifdef SYS_perfmonctl
	{ "perfmonctl", SYS_perfmonctl },
#else
	{ "perfmonctl", -1 },
#endif
#ifdef SYS_personality
	{ "personality", SYS_personality },
#else
	{ "personality", -1 },
#endif
#ifdef SYS_pidfd_getfd
	{ "pidfd_getfd", SYS_pidfd_getfd },
#else
	{ "pidfd_getfd", -1 },
#endif
#ifdef SYS_pidfd_open
	{ "pidfd_open", SYS_pidfd_open },
#else
	{ "pidfd_open", -1 },
#endif
#ifdef SYS_pidfd_send_signal
	{ "pidfd_send_signal", SYS_pidfd_send_signal },
#else
	{ "pidfd_send_signal", -1 },
#endif
#ifdef SYS_pipe
	{ "pipe", SYS_pipe },
#else
	{ "pipe", -1 },
#endif
#ifdef SYS_pipe2
	{ "pipe2", SYS_pipe2 },
#else
	{ "pipe2", -1 },
#endif
#ifdef SYS_pivot_root
	{ "pivot_root", SYS_pivot_root },
#else
	{ "pivot_root", -1 },
#endif
#ifdef SYS_pkey_alloc
	{ "pkey_alloc", SYS_pkey_alloc },
#else
	{ "pkey_alloc", -1 },
#endif
#ifdef SYS_pkey_free
	{ "pkey_free", SYS_pkey_free },
#else
	{ "pkey_free", -1 },
#endif
#ifdef SYS_pkey_mprotect
	{ "pkey_mprotect", SYS_pkey_mprotect },
#else
	{ "pkey_mprotect", -1 },
#endif
#ifdef SYS_poll
	{ "poll", SYS_poll },
#else
	{ "poll", -1 },
#endif
#ifdef SYS_ppoll
	{ "ppoll", SYS_ppoll },
#else
	{ "ppoll", -1 },
#endif
#ifdef SYS_ppoll_time64
	{ "ppoll_time64", SYS_ppoll_time64 },
#else
	{ "ppoll_time64", -1 },
#endif
#ifdef SYS_prctl
	{ "prctl", SYS_prctl },
#else
	{ "prctl", -1 },
#endif
#ifdef SYS_pread64
	{ "pread64", SYS_pread64 },
#else
	{ "pread64", -1 },
#endif
#ifdef SYS_preadv
	{ "preadv", SYS_preadv },
#else
	{ "preadv", -1 },
#endif
#ifdef SYS_preadv2
	{ "preadv2", SYS_preadv2 },
#else
	{ "preadv2", -1 },
#endif
#ifdef SYS_prlimit64
	{ "prlimit64", SYS_prlimit64 },
#else
	{ "prlimit64", -1 },
#endif
#ifdef SYS_process_madvise
	{ "process_madvise", SYS_process_madvise },
#else
	{ "process_madvise", -1 },
#endif
#ifdef SYS_process_mrelease
	{ "process_mrelease", SYS_process_mrelease },
#else
	{ "process_mrelease", -1 },
#endif
#ifdef SYS_process_vm_readv
	{ "process_vm_readv", SYS_process_vm_readv },
#else
	{ "process_vm_readv", -1 },
#endif
#ifdef SYS_process_vm_writev
	{ "process_vm_writev", SYS_process_vm_writev },
#else
	{ "process_vm_writev", -1 },
#endif
#ifdef SYS_prof
	{ "prof", SYS_prof },
#else
	{ "prof", -1 },
#endif
#ifdef SYS_profil
	{ "profil", SYS_profil },
#else
	{ "profil", -1 },
#endif
#ifdef SYS_pselect6
	{ "pselect6", SYS_pselect6 },
#else
	{ "pselect6", -1 },
#endif
#ifdef SYS_pselect6_time64
	{ "pselect6_time64", SYS_pselect6_time64 },
#else
	{ "pselect6_time64", -1 },
#endif
#ifdef SYS_ptrace
	{ "ptrace", SYS_ptrace },
#else
	{ "ptrace", -1 },
#endif
#ifdef SYS_putpmsg
	{ "putpmsg", SYS_putpmsg },
#else
	{ "putpmsg", -1 },
#endif
#ifdef SYS_pwrite64
	{ "pwrite64", SYS_pwrite64 },
#else
	{ "pwrite64", -1 },
#endif
#ifdef SYS_pwritev
	{ "pwritev", SYS_pwritev },
#else
	{ "pwritev", -1 },
#endif
#ifdef SYS_pwritev2
	{ "pwritev2", SYS_pwritev2 },
#else
	{ "pwritev2", -1 },
#endif
#ifdef SYS_query_module
	{ "query_module", SYS_query_module },
#else
	{ "query_module", -1 },
#endif
#ifdef SYS_quotactl
	{ "quotactl", SYS_quotactl },
#else
	{ "quotactl", -1 },
#endif
#ifdef SYS_quotactl_fd
	{ "quotactl_fd", SYS_quotactl_fd },
#else
	{ "quotactl_fd", -1 },
#endif
#ifdef SYS_read
	{ "read", SYS_read },
#else
	{ "read", -1 },
#endif
#ifdef SYS_readahead
	{ "readahead", SYS_readahead },
#else
	{ "readahead", -1 },
#endif
#ifdef SYS_readdir
	{ "readdir", SYS_readdir },
#else
	{ "readdir", -1 },
#endif
#ifdef SYS_readlink
	{ "readlink", SYS_readlink },
#else
	{ "readlink", -1 },
#endif
#ifdef SYS_readlinkat
	{ "readlinkat", SYS_readlinkat },
#else
	{ "readlinkat", -1 },
#endif
#ifdef SYS_readv
	{ "readv", SYS_readv },
#else
	{ "readv", -1 },
#endif
#ifdef SYS_reboot
	{ "reboot", SYS_reboot },
#else
	{ "reboot", -1 },
#endif
#ifdef SYS_recv
	{ "recv", SYS_recv },
#else
	{ "recv", -1 },
#endif
#ifdef SYS_recvfrom
	{ "recvfrom", SYS_recvfrom },
#else
	{ "recvfrom", -1 },
#endif
#ifdef SYS_recvmmsg
	{ "recvmmsg", SYS_recvmmsg },
#else
	{ "recvmmsg", -1 },
#endif
#ifdef SYS_recvmmsg_time64
	{ "recvmmsg_time64", SYS_recvmmsg_time64 },
#else
	{ "recvmmsg_time64", -1 },
#endif
#ifdef SYS_recvmsg
	{ "recvmsg", SYS_recvmsg },
#else
	{ "recvmsg", -1 },
#endif
#ifdef SYS_remap_file_pages
	{ "remap_file_pages", SYS_remap_file_pages },
#else
	{ "remap_file_pages", -1 },
#endif
#ifdef SYS_removexattr
	{ "removexattr", SYS_removexattr },
#else
	{ "removexattr", -1 },
#endif
#ifdef SYS_rename
	{ "rename", SYS_rename },
#else
	{ "rename", -1 },
#endif
#ifdef SYS_renameat
	{ "renameat", SYS_renameat },
#else
	{ "renameat", -1 },
#endif
#ifdef SYS_renameat2
	{ "renameat2", SYS_renameat2 },
#else
	{ "renameat2", -1 },
#endif
#ifdef SYS_request_key
	{ "request_key", SYS_request_key },
#else
	{ "request_key", -1 },
#endif
#ifdef SYS_restart_syscall
	{ "restart_syscall", SYS_restart_syscall },
#else
	{ "restart_syscall", -1 },
#endif
#ifdef SYS_riscv_flush_icache
	{ "riscv_flush_icache", SYS_riscv_flush_icache },
#else
	{ "riscv_flush_icache", -1 },
#endif
#ifdef SYS_rmdir
	{ "rmdir", SYS_rmdir },
#else
	{ "rmdir", -1 },
#endif
#ifdef SYS_rseq
	{ "rseq", SYS_rseq },
#else
	{ "rseq", -1 },
#endif
#ifdef SYS_rt_sigaction
	{ "rt_sigaction", SYS_rt_sigaction },
#else
	{ "rt_sigaction", -1 },
#endif
#ifdef SYS_rt_sigpending
	{ "rt_sigpending", SYS_rt_sigpending },
#else
	{ "rt_sigpending", -1 },
#endif
#ifdef SYS_rt_sigprocmask
	{ "rt_sigprocmask", SYS_rt_sigprocmask },
#else
	{ "rt_sigprocmask", -1 },
#endif
#ifdef SYS_rt_sigqueueinfo
	{ "rt_sigqueueinfo", SYS_rt_sigqueueinfo },
#else
	{ "rt_sigqueueinfo", -1 },
#endif
#ifdef SYS_rt_sigreturn
	{ "rt_sigreturn", SYS_rt_sigreturn },
#else
	{ "rt_sigreturn", -1 },
#endif
#ifdef SYS_rt_sigsuspend
	{ "rt_sigsuspend", SYS_rt_sigsuspend },
#else
	{ "rt_sigsuspend", -1 },
#endif
#ifdef SYS_rt_sigtimedwait
	{ "rt_sigtimedwait", SYS_rt_sigtimedwait },
#else
	{ "rt_sigtimedwait", -1 },
#endif
#ifdef SYS_rt_sigtimedwait_time64
	{ "rt_sigtimedwait_time64", SYS_rt_sigtimedwait_time64 },
#else
	{ "rt_sigtimedwait_time64", -1 },
#endif
#ifdef SYS_rt_tgsigqueueinfo
	{ "rt_tgsigqueueinfo", SYS_rt_tgsigqueueinfo },
#else
	{ "rt_tgsigqueueinfo", -1 },
#endif
#ifdef SYS_rtas
	{ "rtas", SYS_rtas },
#else
	{ "rtas", -1 },
#endif
#ifdef SYS_s390_guarded_storage
	{ "s390_guarded_storage", SYS_s390_guarded_storage },
#else
	{ "s390_guarded_storage", -1 },
#endif
#ifdef SYS_s390_pci_mmio_read
	{ "s390_pci_mmio_read", SYS_s390_pci_mmio_read },
#else
	{ "s390_pci_mmio_read", -1 },
#endif
#ifdef SYS_s390_pci_mmio_write
	{ "s390_pci_mmio_write", SYS_s390_pci_mmio_write },
#else
	{ "s390_pci_mmio_write", -1 },
#endif
#ifdef SYS_s390_runtime_instr
	{ "s390_runtime_instr", SYS_s390_runtime_instr },
#else
	{ "s390_runtime_instr", -1 },
#endif
#ifdef SYS_s390_sthyi
	{ "s390_sthyi", SYS_s390_sthyi },
#else
	{ "s390_sthyi", -1 },
#endif
#ifdef SYS_sched_get_affinity
	{ "sched_get_affinity", SYS_sched_get_affinity },
#else
	{ "sched_get_affinity", -1 },
#endif
#ifdef SYS_sched_get_priority_max
	{ "sched_get_priority_max", SYS_sched_get_priority_max },
#else
	{ "sched_get_priority_max", -1 },
#endif
#ifdef SYS_sched_get_priority_min
	{ "sched_get_priority_min", SYS_sched_get_priority_min },
#else
	{ "sched_get_priority_min", -1 },
#endif
#ifdef SYS_sched_getaffinity
	{ "sched_getaffinity", SYS_sched_getaffinity },
#else
	{ "sched_getaffinity", -1 },
#endif
#ifdef SYS_sched_getattr
	{ "sched_getattr", SYS_sched_getattr },
#else
	{ "sched_getattr", -1 },
#endif
#ifdef SYS_sched_getparam
	{ "sched_getparam", SYS_sched_getparam },
#else
	{ "sched_getparam", -1 },
#endif
#ifdef SYS_sched_getscheduler
	{ "sched_getscheduler", SYS_sched_getscheduler },
#else
	{ "sched_getscheduler", -1 },
#endif
#ifdef SYS_sched_rr_get_interval
	{ "sched_rr_get_interval", SYS_sched_rr_get_interval },
#else
	{ "sched_rr_get_interval", -1 },
#endif
#ifdef SYS_sched_rr_get_interval_time64
	{ "sched_rr_get_interval_time64", SYS_sched_rr_get_interval_time64 },
#else
	{ "sched_rr_get_interval_time64", -1 },
#endif
#ifdef SYS_sched_set_affinity
	{ "sched_set_affinity", SYS_sched_set_affinity },
#else
	{ "sched_set_affinity", -1 },
#endif
#ifdef SYS_sched_setaffinity
	{ "sched_setaffinity", SYS_sched_setaffinity },
#else
	{ "sched_setaffinity", -1 },
#endif
#ifdef SYS_sched_setattr
	{ "sched_setattr", SYS_sched_setattr },
#else
	{ "sched_setattr", -1 },
#endif
#ifdef SYS_sched_setparam
	{ "sched_setparam", SYS_sched_setparam },
#else
	{ "sched_setparam", -1 },
#endif
#ifdef SYS_sched_setscheduler
	{ "sched_setscheduler", SYS_sched_setscheduler },
#else
	{ "sched_setscheduler", -1 },
#endif
#ifdef SYS_sched_yield
	{ "sched_yield", SYS_sched_yield },
#else
	{ "sched_yield", -1 },
#endif
#ifdef SYS_seccomp
	{ "seccomp", SYS_seccomp },
#else
	{ "seccomp", -1 },
#endif
#ifdef SYS_security
	{ "security", SYS_security },
#else
	{ "security", -1 },
#endif
#ifdef SYS_select
	{ "select", SYS_select },
#else
	{ "select", -1 },
#endif
#ifdef SYS_semctl
	{ "semctl", SYS_semctl },
#else
	{ "semctl", -1 },
#endif
#ifdef SYS_semget
	{ "semget", SYS_semget },
#else
	{ "semget", -1 },
#endif
#ifdef SYS_semop
	{ "semop", SYS_semop },
#else
	{ "semop", -1 },
#endif
#ifdef SYS_semtimedop
	{ "semtimedop", SYS_semtimedop },
#else
	{ "semtimedop", -1 },
#endif
#ifdef SYS_semtimedop_time64
	{ "semtimedop_time64", SYS_semtimedop_time64 },
#else
	{ "semtimedop_time64", -1 },
#endif
#ifdef SYS_send
	{ "send", SYS_send },
#else
	{ "send", -1 },
#endif
#ifdef SYS_sendfile
	{ "sendfile", SYS_sendfile },
#else
	{ "sendfile", -1 },
#endif
#ifdef SYS_sendfile64
	{ "sendfile64", SYS_sendfile64 },
#else
	{ "sendfile64", -1 },
#endif
#ifdef SYS_sendmmsg
	{ "sendmmsg", SYS_sendmmsg },
#else
	{ "sendmmsg", -1 },
#endif
#ifdef SYS_sendmsg
	{ "sendmsg", SYS_sendmsg },
#else
	{ "sendmsg", -1 },
#endif
#ifdef SYS_sendto
	{ "sendto", SYS_sendto },
#else
	{ "sendto", -1 },
#endif
#ifdef SYS_set_mempolicy
	{ "set_mempolicy", SYS_set_mempolicy },
#else
	{ "set_mempolicy", -1 },
#endif
#ifdef SYS_set_mempolicy_home_node
	{ "set_mempolicy_home_node", SYS_set_mempolicy_home_node },
#else
	{ "set_mempolicy_home_node", -1 },
#endif
#ifdef SYS_set_robust_list
	{ "set_robust_list", SYS_set_robust_list },
#else
	{ "set_robust_list", -1 },
#endif
#ifdef SYS_set_thread_area
	{ "set_thread_area", SYS_set_thread_area },
#else
	{ "set_thread_area", -1 },
#endif
#ifdef SYS_set_tid_address
	{ "set_tid_address", SYS_set_tid_address },
#else
	{ "set_tid_address", -1 },
#endif
#ifdef SYS_set_tls
	{ "set_tls", SYS_set_tls },
#else
	{ "set_tls", -1 },
#endif
#ifdef SYS_setdomainname
	{ "setdomainname", SYS_setdomainname },
#else
	{ "setdomainname", -1 },
#endif
#ifdef SYS_setfsgid
	{ "setfsgid", SYS_setfsgid },
#else
	{ "setfsgid", -1 },
#endif
#ifdef SYS_setfsgid32
	{ "setfsgid32", SYS_setfsgid32 },
#else
	{ "setfsgid32", -1 },
#endif
#ifdef SYS_setfsuid
	{ "setfsuid", SYS_setfsuid },
#else
	{ "setfsuid", -1 },
#endif
#ifdef SYS_setfsuid32
	{ "setfsuid32", SYS_setfsuid32 },
#else
	{ "setfsuid32", -1 },
#endif
#ifdef SYS_setgid
	{ "setgid", SYS_setgid },
#else
	{ "setgid", -1 },
#endif
#ifdef SYS_setgid32
	{ "setgid32", SYS_setgid32 },
#else
	{ "setgid32", -1 },
#endif
#ifdef SYS_setgroups
	{ "setgroups", SYS_setgroups },
#else
	{ "setgroups", -1 },
#endif
#ifdef SYS_setgroups32
	{ "setgroups32", SYS_setgroups32 },
#else
	{ "setgroups32", -1 },
#endif
#ifdef SYS_sethae
	{ "sethae", SYS_sethae },
#else
	{ "sethae", -1 },
#endif
#ifdef SYS_sethostname
	{ "sethostname", SYS_sethostname },
#else
	{ "sethostname", -1 },
#endif
#ifdef SYS_setitimer
	{ "setitimer", SYS_setitimer },
#else
	{ "setitimer", -1 },
#endif
#ifdef SYS_setns
	{ "setns", SYS_setns },
#else
	{ "setns", -1 },
#endif
#ifdef SYS_setpgid
	{ "setpgid", SYS_setpgid },
#else
	{ "setpgid", -1 },
#endif
#ifdef SYS_setpgrp
	{ "setpgrp", SYS_setpgrp },
#else
	{ "setpgrp", -1 },
#endif
#ifdef SYS_setpriority
	{ "setpriority", SYS_setpriority },
#else
	{ "setpriority", -1 },
#endif
#ifdef SYS_setregid
	{ "setregid", SYS_setregid },
#else
	{ "setregid", -1 },
#endif
#ifdef SYS_setregid32
	{ "setregid32", SYS_setregid32 },
#else
	{ "setregid32", -1 },
#endif
#ifdef SYS_setresgid
	{ "setresgid", SYS_setresgid },
#else
	{ "setresgid", -1 },
#endif
#ifdef SYS_setresgid32
	{ "setresgid32", SYS_setresgid32 },
#else
	{ "setresgid32", -1 },
#endif
#ifdef SYS_setresuid
	{ "setresuid", SYS_setresuid },
#else
	{ "setresuid", -1 },
#endif
#ifdef SYS_setresuid32
	{ "setresuid32", SYS_setresuid32 },
#else
	{ "setresuid32", -1 },
#endif
#ifdef SYS_setreuid
	{ "setreuid", SYS_setreuid },
#else
	{ "setreuid", -1 },
#endif
#ifdef SYS_setreuid32
	{ "setreuid32", SYS_setreuid32 },
#else
	{ "setreuid32", -1 },
#endif
#ifdef SYS_setrlimit
	{ "setrlimit", SYS_setrlimit },
#else
	{ "setrlimit", -1 },
#endif
#ifdef SYS_setsid
	{ "setsid", SYS_setsid },
#else
	{ "setsid", -1 },
#endif
#ifdef SYS_setsockopt
	{ "setsockopt", SYS_setsockopt },
#else
	{ "setsockopt", -1 },
#endif
#ifdef SYS_settimeofday
	{ "settimeofday", SYS_settimeofday },
#else
	{ "settimeofday", -1 },
#endif
#ifdef SYS_setuid
	{ "setuid", SYS_setuid },
#else
	{ "setuid", -1 },
#endif
#ifdef SYS_setuid32
	{ "setuid32", SYS_setuid32 },
#else
	{ "setuid32", -1 },
#endif
#ifdef SYS_setxattr
	{ "setxattr", SYS_setxattr },
#else
	{ "setxattr", -1 },
#endif
#ifdef SYS_sgetmask
	{ "sgetmask", SYS_sgetmask },
#else
	{ "sgetmask", -1 },
#endif
#ifdef SYS_shmat
	{ "shmat", SYS_shmat },
#else
	{ "shmat", -1 },
#endif
#ifdef SYS_shmctl
	{ "shmctl", SYS_shmctl },
#else
	{ "shmctl", -1 },
#endif
#ifdef SYS_shmdt
	{ "shmdt", SYS_shmdt },
#else
	{ "shmdt", -1 },
#endif
#ifdef SYS_shmget
	{ "shmget", SYS_shmget },
#else
	{ "shmget", -1 },
#endif
#ifdef SYS_shutdown
	{ "shutdown", SYS_shutdown },
#else
	{ "shutdown", -1 },
#endif
#ifdef SYS_sigaction
	{ "sigaction", SYS_sigaction },
#else
	{ "sigaction", -1 },
#endif
#ifdef SYS_sigaltstack
	{ "sigaltstack", SYS_sigaltstack },
#else
	{ "sigaltstack", -1 },
#endif
#ifdef SYS_signal
	{ "signal", SYS_signal },
#else
	{ "signal", -1 },
#endif
#ifdef SYS_signalfd
	{ "signalfd", SYS_signalfd },
#else
	{ "signalfd", -1 },
#endif
#ifdef SYS_signalfd4
	{ "signalfd4", SYS_signalfd4 },
#else
	{ "signalfd4", -1 },
#endif
#ifdef SYS_sigpending
	{ "sigpending", SYS_sigpending },
#else
	{ "sigpending", -1 },
#endif
#ifdef SYS_sigprocmask
	{ "sigprocmask", SYS_sigprocmask },
#else
	{ "sigprocmask", -1 },
#endif
#ifdef SYS_sigreturn
	{ "sigreturn", SYS_sigreturn },
#else
	{ "sigreturn", -1 },
#endif
#ifdef SYS_sigsuspend
	{ "sigsuspend", SYS_sigsuspend },
#else
	{ "sigsuspend", -1 },
#endif
#ifdef SYS_socket
	{ "socket", SYS_socket },
#else
	{ "socket", -1 },
#endif
#ifdef SYS_socketcall
	{ "socketcall", SYS_socketcall },
#else
	{ "socketcall", -1 },
#endif
#ifdef SYS_socketpair
	{ "socketpair", SYS_socketpair },
#else
	{ "socketpair", -1 },
#endif
#ifdef SYS_splice
	{ "splice", SYS_splice },
#else
	{ "splice", -1 },
#endif
#ifdef SYS_spu_create
	{ "spu_create", SYS_spu_create },
#else
	{ "spu_create", -1 },
#endif
#ifdef SYS_spu_run
	{ "spu_run", SYS_spu_run },
#else
	{ "spu_run", -1 },
#endif
#ifdef SYS_ssetmask
	{ "ssetmask", SYS_ssetmask },
#else
	{ "ssetmask", -1 },
#endif
#ifdef SYS_stat
	{ "stat", SYS_stat },
#else
	{ "stat", -1 },
#endif
#ifdef SYS_stat64
	{ "stat64", SYS_stat64 },
#else
	{ "stat64", -1 },
#endif
#ifdef SYS_statfs
	{ "statfs", SYS_statfs },
#else
	{ "statfs", -1 },
#endif
#ifdef SYS_statfs64
	{ "statfs64", SYS_statfs64 },
#else
	{ "statfs64", -1 },
#endif
#ifdef SYS_statx
	{ "statx", SYS_statx },
#else
	{ "statx", -1 },
#endif
#ifdef SYS_stime
	{ "stime", SYS_stime },
#else
	{ "stime", -1 },
#endif
#ifdef SYS_stty
	{ "stty", SYS_stty },
#else
	{ "stty", -1 },
#endif
#ifdef SYS_subpage_prot
	{ "subpage_prot", SYS_subpage_prot },
#else
	{ "subpage_prot", -1 },
#endif
#ifdef SYS_swapcontext
	{ "swapcontext", SYS_swapcontext },
#else
	{ "swapcontext", -1 },
#endif
#ifdef SYS_swapoff
	{ "swapoff", SYS_swapoff },
#else
	{ "swapoff", -1 },
#endif
#ifdef SYS_swapon
	{ "swapon", SYS_swapon },
#else
	{ "swapon", -1 },
#endif
#ifdef SYS_switch_endian
	{ "switch_endian", SYS_switch_endian },
#else
	{ "switch_endian", -1 },
#endif
#ifdef SYS_symlink
	{ "symlink", SYS_symlink },
#else
	{ "symlink", -1 },
#endif
#ifdef SYS_symlinkat
	{ "symlinkat", SYS_symlinkat },
#else
	{ "symlinkat", -1 },
#endif
#ifdef SYS_sync
	{ "sync", SYS_sync },
#else
	{ "sync", -1 },
#endif
#ifdef SYS_sync_file_range
	{ "sync_file_range", SYS_sync_file_range },
#else
	{ "sync_file_range", -1 },
#endif
#ifdef SYS_sync_file_range2
	{ "sync_file_range2", SYS_sync_file_range2 },
#else
	{ "sync_file_range2", -1 },
#endif
#ifdef SYS_syncfs
	{ "syncfs", SYS_syncfs },
#else
	{ "syncfs", -1 },
#endif
#ifdef SYS_sys_debug_setcontext
	{ "sys_debug_setcontext", SYS_sys_debug_setcontext },
#else
	{ "sys_debug_setcontext", -1 },
#endif
#ifdef SYS_sys_epoll_create
	{ "sys_epoll_create", SYS_sys_epoll_create },
#else
	{ "sys_epoll_create", -1 },
#endif
#ifdef SYS_sys_epoll_ctl
	{ "sys_epoll_ctl", SYS_sys_epoll_ctl },
#else
	{ "sys_epoll_ctl", -1 },
#endif
#ifdef SYS_sys_epoll_wait
	{ "sys_epoll_wait", SYS_sys_epoll_wait },
#else
	{ "sys_epoll_wait", -1 },
#endif
#ifdef SYS_syscall
	{ "syscall", SYS_syscall },
#else
	{ "syscall", -1 },
#endif
#ifdef SYS_sysfs
	{ "sysfs", SYS_sysfs },
#else
	{ "sysfs", -1 },
#endif
#ifdef SYS_sysinfo
	{ "sysinfo", SYS_sysinfo },
#else
	{ "sysinfo", -1 },
#endif
#ifdef SYS_syslog
	{ "syslog", SYS_syslog },
#else
	{ "syslog", -1 },
#endif
#ifdef SYS_sysmips
	{ "sysmips", SYS_sysmips },
#else
	{ "sysmips", -1 },
#endif
#ifdef SYS_tee
	{ "tee", SYS_tee },
#else
	{ "tee", -1 },
#endif
#ifdef SYS_tgkill
	{ "tgkill", SYS_tgkill },
#else
	{ "tgkill", -1 },
#endif
#ifdef SYS_time
	{ "time", SYS_time },
#else
	{ "time", -1 },
#endif
#ifdef SYS_timer_create
	{ "timer_create", SYS_timer_create },
#else
	{ "timer_create", -1 },
#endif
#ifdef SYS_timer_delete
	{ "timer_delete", SYS_timer_delete },
#else
	{ "timer_delete", -1 },
#endif
#ifdef SYS_timer_getoverrun
	{ "timer_getoverrun", SYS_timer_getoverrun },
#else
	{ "timer_getoverrun", -1 },
#endif
#ifdef SYS_timer_gettime
	{ "timer_gettime", SYS_timer_gettime },
#else
	{ "timer_gettime", -1 },
#endif
#ifdef SYS_timer_gettime64
	{ "timer_gettime64", SYS_timer_gettime64 },
#else
	{ "timer_gettime64", -1 },
#endif
#ifdef SYS_timer_settime
	{ "timer_settime", SYS_timer_settime },
#else
	{ "timer_settime", -1 },
#endif
#ifdef SYS_timer_settime64
	{ "timer_settime64", SYS_timer_settime64 },
#else
	{ "timer_settime64", -1 },
#endif
#ifdef SYS_timerfd
	{ "timerfd", SYS_timerfd },
#else
	{ "timerfd", -1 },
#endif
#ifdef SYS_timerfd_create
	{ "timerfd_create", SYS_timerfd_create },
#else
	{ "timerfd_create", -1 },
#endif
#ifdef SYS_timerfd_gettime
	{ "timerfd_gettime", SYS_timerfd_gettime },
#else
	{ "timerfd_gettime", -1 },
#endif
#ifdef SYS_timerfd_gettime64
	{ "timerfd_gettime64", SYS_timerfd_gettime64 },
#else
	{ "timerfd_gettime64", -1 },
#endif
#ifdef SYS_timerfd_settime
	{ "timerfd_settime", SYS_timerfd_settime },
#else
	{ "timerfd_settime", -1 },
#endif
#ifdef SYS_timerfd_settime64
	{ "timerfd_settime64", SYS_timerfd_settime64 },
#else
	{ "timerfd_settime64", -1 },
#endif
#ifdef SYS_times
	{ "times", SYS_times },
#else
	{ "times", -1 },
#endif
#ifdef SYS_tkill
	{ "tkill", SYS_tkill },
#else
	{ "tkill", -1 },
#endif
#ifdef SYS_truncate
	{ "truncate", SYS_truncate },
#else
	{ "truncate", -1 },
#endif
#ifdef SYS_truncate64
	{ "truncate64", SYS_truncate64 },
#else
	{ "truncate64", -1 },
#endif
#ifdef SYS_tuxcall
	{ "tuxcall", SYS_tuxcall },
#else
	{ "tuxcall", -1 },
#endif
#ifdef SYS_udftrap
	{ "udftrap", SYS_udftrap },
#else
	{ "udftrap", -1 },
#endif
#ifdef SYS_ugetrlimit
	{ "ugetrlimit", SYS_ugetrlimit },
#else
	{ "ugetrlimit", -1 },
#endif
#ifdef SYS_ulimit
	{ "ulimit", SYS_ulimit },
#else
	{ "ulimit", -1 },
#endif
#ifdef SYS_umask
	{ "umask", SYS_umask },
#else
	{ "umask", -1 },
#endif
#ifdef SYS_umount
	{ "umount", SYS_umount },
#else
	{ "umount", -1 },
#endif
#ifdef SYS_umount2
	{ "umount2", SYS_umount2 },
#else
	{ "umount2", -1 },
#endif
#ifdef SYS_uname
	{ "uname", SYS_uname },
#else
	{ "uname", -1 },
#endif
#ifdef SYS_unlink
	{ "unlink", SYS_unlink },
#else
	{ "unlink", -1 },
#endif
#ifdef SYS_unlinkat
	{ "unlinkat", SYS_unlinkat },
#else
	{ "unlinkat", -1 },
#endif
#ifdef SYS_unshare
	{ "unshare", SYS_unshare },
#else
	{ "unshare", -1 },
#endif
#ifdef SYS_uselib
	{ "uselib", SYS_uselib },
#else
	{ "uselib", -1 },
#endif
#ifdef SYS_userfaultfd
	{ "userfaultfd", SYS_userfaultfd },
#else
	{ "userfaultfd", -1 },
#endif
#ifdef SYS_usr26
	{ "usr26", SYS_usr26 },
#else
	{ "usr26", -1 },
#endif
#ifdef SYS_usr32
	{ "usr32", SYS_usr32 },
#else
	{ "usr32", -1 },
#endif
#ifdef SYS_ustat
	{ "ustat", SYS_ustat },
#else
	{ "ustat", -1 },
#endif
#ifdef SYS_utime
	{ "utime", SYS_utime },
#else
	{ "utime", -1 },
#endif
#ifdef SYS_utimensat
	{ "utimensat", SYS_utimensat },
#else
	{ "utimensat", -1 },
#endif
#ifdef SYS_utimensat_time64
	{ "utimensat_time64", SYS_utimensat_time64 },
#else
	{ "utimensat_time64", -1 },
#endif
#ifdef SYS_utimes
	{ "utimes", SYS_utimes },
#else
	{ "utimes", -1 },
#endif
#ifdef SYS_utrap_install
	{ "utrap_install", SYS_utrap_install },
#else
	{ "utrap_install", -1 },
#endif
#ifdef SYS_vfork
	{ "vfork", SYS_vfork },
#else
	{ "vfork", -1 },
#endif
#ifdef SYS_vhangup
	{ "vhangup", SYS_vhangup },
#else
	{ "vhangup", -1 },
#endif
#ifdef SYS_vm86
	{ "vm86", SYS_vm86 },
#else
	{ "vm86", -1 },
#endif
#ifdef SYS_vm86old
	{ "vm86old", SYS_vm86old },
#else
	{ "vm86old", -1 },
#endif
#ifdef SYS_vmsplice
	{ "vmsplice", SYS_vmsplice },
#else
	{ "vmsplice", -1 },
#endif
#ifdef SYS_vserver
	{ "vserver", SYS_vserver },
#else
	{ "vserver", -1 },
#endif
#ifdef SYS_wait4
	{ "wait4", SYS_wait4 },
#else
	{ "wait4", -1 },
#endif
#ifdef SYS_waitid
	{ "waitid", SYS_waitid },
#else
	{ "waitid", -1 },
#endif
#ifdef SYS_waitpid
	{ "waitpid", SYS_waitpid },
#else
	{ "waitpid", -1 },
#endif
#ifdef SYS_write
	{ "write", SYS_write },
#else
	{ "write", -1 },
#endif
#ifdef SYS_writev
	{ "writev", SYS_writev },
#else
	{ "writev", -1 },
#endif
};

#endif
