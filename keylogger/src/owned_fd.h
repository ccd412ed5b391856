/* A file descriptor this library opened, remembered with the identity (device and inode) of what
 * it refers to. Daemons close every descriptor when they start and open their own under the same
 * numbers; checking the identity before each use means a key line is never written into one of
 * the host program's files or sockets. */
#ifndef CALLSCOPE_KEYLOG_OWNED_FD_H
#define CALLSCOPE_KEYLOG_OWNED_FD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <sys/types.h>

struct owned_fd {
    atomic_int fd; /* -1 when none; read by a forked child, written by the sender thread */
    dev_t device;
    ino_t inode;
};

#define OWNED_FD_NONE { .fd = -1 }

/* Takes fd (just opened by this library) into owned; false, with fd closed, if fstat fails. */
bool owned_fd_adopt(struct owned_fd *owned, int fd);

/* The descriptor when it still refers to what was opened; otherwise forgets it (without closing
 * it: the number belongs to someone else now) and returns -1. */
int owned_fd_check(struct owned_fd *owned);

/* Closes the descriptor if it is still ours, and forgets it. */
void owned_fd_close(struct owned_fd *owned);

#endif
