#include "tcp_socket.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int tcp_socket_connect(const struct sockaddr *address, socklen_t address_length, char *why, size_t why_size) {
    int fd = socket(address->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
    if (fd < 0) {
        snprintf(why, why_size, "socket: %s", strerror(errno));
        return -1;
    }
    int on = 1;
    unsigned int user_timeout = TCP_SOCKET_USER_TIMEOUT_MS;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_timeout, sizeof user_timeout);
    if (connect(fd, address, address_length) != 0 && errno != EINPROGRESS) {
        snprintf(why, why_size, "connect: %s", strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

enum tcp_connect_state tcp_socket_connect_state(int fd, char *why, size_t why_size) {
    struct pollfd ready = { .fd = fd, .events = POLLOUT };
    int found = poll(&ready, 1, 0);
    if (found == 0 || (found < 0 && errno == EINTR)) {
        return TCP_CONNECTING;
    }
    int error = 0;
    socklen_t length = sizeof error;
    if (found < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) {
        error = errno;
    }
    if (error != 0) {
        snprintf(why, why_size, "connect: %s", strerror(error));
        return TCP_FAILED;
    }
    return TCP_CONNECTED;
}

void tcp_socket_discard_sigpipe(void) {
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    sigset_t pending;
    if (sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1) {
        struct timespec now = { 0, 0 };
        sigtimedwait(&pipe_only, NULL, &now);
    }
}
