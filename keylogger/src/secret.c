#include "secret.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool set(const char *text) {
    return text != NULL && text[0] != '\0';
}

/* The first line of the file: up to SECRET_MAX_BYTES and a line end, or the end of the file. */
static bool read_first_line(const char *path, struct secret *secret, char *why, size_t why_size, char *warning,
                            size_t warning_size) {
    /* O_NONBLOCK: a named pipe planted at the path fails the regular-file check instead of waiting. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        snprintf(why, why_size, "cannot open %.200s: %s", path, strerror(errno));
        return false;
    }
    struct stat status;
    if (fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        snprintf(why, why_size, "%.200s is not a regular file", path);
        close(fd);
        return false;
    }
    if ((status.st_mode & (S_IROTH | S_IWOTH)) != 0) {
        snprintf(why, why_size, "%.200s has mode %03o: other users can read or change it (chmod 600 or 640 it)", path,
                 (unsigned) (status.st_mode & 0777));
        close(fd);
        return false;
    }
    if ((status.st_mode & S_IRGRP) != 0) {
        snprintf(warning, warning_size, "%.200s has mode %03o: its group can read the secret", path,
                 (unsigned) (status.st_mode & 0777));
    }
    char buffer[SECRET_MAX_BYTES + 2];
    size_t have = 0;
    while (have < sizeof buffer) {
        ssize_t got = read(fd, buffer + have, sizeof buffer - have);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            snprintf(why, why_size, "cannot read %.200s: %s", path, strerror(errno));
            close(fd);
            memset(buffer, 0, sizeof buffer);
            return false;
        }
        if (got == 0) {
            break;
        }
        have += (size_t) got;
    }
    close(fd);
    size_t length = 0;
    while (length < have && buffer[length] != '\n' && buffer[length] != '\r') {
        length++;
    }
    bool fits = length <= SECRET_MAX_BYTES;
    if (fits) {
        memcpy(secret->bytes, buffer, length);
        secret->length = length;
    } else {
        snprintf(why, why_size, "the first line of %.200s is longer than %d bytes", path, SECRET_MAX_BYTES);
    }
    memset(buffer, 0, sizeof buffer);
    return fits;
}

bool secret_load(const char *value, const char *path, struct secret *secret, char *why, size_t why_size,
                 char *warning, size_t warning_size) {
    secret->length = 0;
    warning[0] = '\0';
    const char *source = set(path) ? "SSLKEYLOG_SECRET_FILE" : "SSLKEYLOG_SECRET";
    if (set(value) && set(path)) {
        snprintf(why, why_size, "both SSLKEYLOG_SECRET and SSLKEYLOG_SECRET_FILE are set: set one");
        return false;
    }
    if (!set(value) && !set(path)) {
        snprintf(why, why_size, "no secret: set SSLKEYLOG_SECRET or SSLKEYLOG_SECRET_FILE");
        return false;
    }
    if (set(value)) {
        size_t length = strlen(value);
        if (length > SECRET_MAX_BYTES) {
            snprintf(why, why_size, "SSLKEYLOG_SECRET is longer than %d bytes", SECRET_MAX_BYTES);
            return false;
        }
        memcpy(secret->bytes, value, length);
        secret->length = length;
    } else if (!read_first_line(path, secret, why, why_size, warning, warning_size)) {
        return false;
    }
    if (secret->length < SECRET_MIN_BYTES) {
        snprintf(why, why_size, "the secret from %s has %zu bytes, fewer than %d", source, secret->length,
                 SECRET_MIN_BYTES);
        secret_wipe(secret);
        return false;
    }
    return true;
}

void secret_wipe(struct secret *secret) {
    explicit_bzero(secret->bytes, sizeof secret->bytes);
    secret->length = 0;
}
