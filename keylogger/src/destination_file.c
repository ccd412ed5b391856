/* SSLKEYLOG_FILE=PATH: appends one key log line and a line feed per secret, the SSLKEYLOGFILE
 * format Wireshark and `callscope tls --keylog` read. Each line goes out in one write() on an
 * O_APPEND descriptor, so several processes can share the file without tearing lines. */
#include "destination.h"
#include "debug.h"
#include "line_queue.h"
#include "owned_fd.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct file_destination {
    struct destination base; /* first: the sender sees only this part */
    char path[PATH_MAX];
    struct owned_fd file;
};

/* Whether the path still names the file we have open: after log rotation (rename) or removal the
 * next line goes to a new file at the path. */
static bool still_at_path(const struct file_destination *self) {
    struct stat status;
    return lstat(self->path, &status) == 0 && status.st_dev == self->file.device
           && status.st_ino == self->file.inode;
}

static int open_file(struct file_destination *self) {
    int fd = owned_fd_check(&self->file);
    if (fd >= 0 && still_at_path(self)) {
        return fd;
    }
    if (fd >= 0) {
        owned_fd_close(&self->file);
    }
    /* O_NOFOLLOW: a link planted where the file should be cannot redirect secrets elsewhere.
     * O_NONBLOCK only while opening: a named pipe without a reader fails instead of waiting. */
    fd = open(self->path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW | O_NONBLOCK, 0600);
    if (fd < 0) {
        debug_say("FAILED open %s: %s", self->base.name,
                  errno == ELOOP ? "it is a symbolic link, which is not followed" : strerror(errno));
        return -1;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
        close(fd);
        return -1;
    }
    if (!owned_fd_adopt(&self->file, fd)) {
        return -1;
    }
    struct stat status;
    if (debug_on() && fstat(fd, &status) == 0 && (status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        debug_say("WARNING %s has mode %03o: other users can read the secrets (chmod 600 it)",
                  self->base.name, (unsigned) (status.st_mode & 0777));
    }
    debug_say("OK open %s", self->base.name);
    return fd;
}

static bool file_send(struct destination *base, const char *line, size_t length) {
    struct file_destination *self = (struct file_destination *) base;
    int fd = open_file(self);
    if (fd < 0) {
        return false;
    }
    char record[LINE_QUEUE_LINE_MAX + 1];
    if (length > LINE_QUEUE_LINE_MAX) {
        return false;
    }
    memcpy(record, line, length);
    record[length] = '\n';
    size_t done = 0;
    while (done < length + 1) {
        ssize_t written = write(fd, record + done, length + 1 - done);
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            debug_say("FAILED write %s: %s", base->name, written < 0 ? strerror(errno) : "nothing written");
            memset(record, 0, sizeof record);
            return false;
        }
        done += (size_t) written;
    }
    memset(record, 0, sizeof record);
    return true;
}

static void file_drop_inherited(struct destination *base) {
    owned_fd_close(&((struct file_destination *) base)->file);
}

struct destination *file_destination_from_environment(void) {
    const char *path = getenv("SSLKEYLOG_FILE");
    if (path == NULL || path[0] == '\0') {
        return NULL;
    }
    struct file_destination *self = calloc(1, sizeof *self);
    if (self == NULL) {
        return NULL;
    }
    /* A daemon may change directory after start-up: a relative path is taken from where it started. */
    int written;
    char directory[PATH_MAX];
    if (path[0] == '/') {
        written = snprintf(self->path, sizeof self->path, "%s", path);
    } else if (getcwd(directory, sizeof directory) != NULL) {
        written = snprintf(self->path, sizeof self->path, "%s/%s", directory, path);
    } else {
        debug_say("FAILED SSLKEYLOG_FILE=%.200s: relative path and no current directory; no keys written to a file",
                  path);
        free(self);
        return NULL;
    }
    if (written < 0 || (size_t) written >= sizeof self->path) {
        debug_say("FAILED SSLKEYLOG_FILE: path too long; no keys written to a file");
        free(self);
        return NULL;
    }
    atomic_init(&self->file.fd, -1);
    snprintf(self->base.name, sizeof self->base.name, "file %.280s", self->path);
    self->base.send = file_send;
    self->base.drop_inherited = file_drop_inherited;
    return &self->base;
}
