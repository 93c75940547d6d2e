/* Hand-written for xsysgen's fallback tests: the calls that fail to compile on CentOS 7.9
 * ('__NR_preadv2' undeclared, 'SYS_statx' undeclared, ...). Prints "name result errno" per call
 * and exits non-zero if the kernel answered ENOSYS. C89-clean so every -std mode can build it. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#ifdef FALLBACK_AFTER
#include "syscall_fallback.h"
#endif

/* Prints "name rc errno" and says whether the kernel did not know the call. */
static int report(const char *name, long rc, int err)
{
    printf("%s %ld %d\n", name, rc, rc < 0 ? err : 0);
    return rc < 0 && err == ENOSYS;
}

int main(void)
{
    char data[16];
    unsigned long statxbuf[64];
    unsigned long how[3];
    struct iovec iov;
    int fd;
    int bad = 0;
    long rc;

    fd = open("/proc/self/exe", O_RDONLY);
    iov.iov_base = data;
    iov.iov_len = sizeof data;
    errno = 0;
    rc = syscall(__NR_preadv2, fd, &iov, 1, 0L, 0L, 0);
    bad |= report("preadv2", rc, errno);
    errno = 0;
    rc = syscall(SYS_statx, AT_FDCWD, "/", 0, 0x7ffU, statxbuf);
    bad |= report("statx", rc, errno);
    errno = 0;
    rc = syscall(SYS_getrandom, data, sizeof data, 0U);
    bad |= report("getrandom", rc, errno);
    memset(how, 0, sizeof how);
    errno = 0;
    rc = syscall(__NR_openat2, AT_FDCWD, "/", how, sizeof how);
    bad |= report("openat2", rc, errno);
    return bad;
}
