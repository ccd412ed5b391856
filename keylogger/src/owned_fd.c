#include "owned_fd.h"

#include <sys/stat.h>
#include <unistd.h>

bool owned_fd_adopt(struct owned_fd *owned, int fd) {
    struct stat status;
    if (fstat(fd, &status) != 0) {
        close(fd);
        return false;
    }
    owned->device = status.st_dev;
    owned->inode = status.st_ino;
    atomic_store(&owned->fd, fd);
    return true;
}

int owned_fd_check(struct owned_fd *owned) {
    int fd = atomic_load(&owned->fd);
    if (fd < 0) {
        return -1;
    }
    struct stat status;
    if (fstat(fd, &status) != 0 || status.st_dev != owned->device || status.st_ino != owned->inode) {
        atomic_store(&owned->fd, -1);
        return -1;
    }
    return fd;
}

void owned_fd_close(struct owned_fd *owned) {
    int fd = owned_fd_check(owned);
    if (fd >= 0) {
        atomic_store(&owned->fd, -1);
        close(fd);
    }
}
