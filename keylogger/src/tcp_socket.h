/* The TCP side of the secure destination's connection: non-blocking from the start, so the sender
 * thread never waits on the network. */
#ifndef CALLSCOPE_KEYLOG_TCP_SOCKET_H
#define CALLSCOPE_KEYLOG_TCP_SOCKET_H

#include <stddef.h>
#include <sys/socket.h>

/* A peer that stops acknowledging TCP data for this long (host gone, cable cut) ends the
 * connection, which is then made again. */
#define TCP_SOCKET_USER_TIMEOUT_MS 30000

enum tcp_connect_state { TCP_CONNECTING, TCP_CONNECTED, TCP_FAILED };

/* A new socket with its connect() under way (or done); -1 with why on failure. */
int tcp_socket_connect(const struct sockaddr *address, socklen_t address_length, char *why, size_t why_size);

/* Whether the connect() on fd has completed, without waiting. */
enum tcp_connect_state tcp_socket_connect_state(int fd, char *why, size_t why_size);

/* OpenSSL writes to the socket with write(): a peer that has gone raises SIGPIPE, which the
 * sender thread keeps blocked. Takes such a pending signal away again. */
void tcp_socket_discard_sigpipe(void);

#endif
