/* Destination addresses as operators write them: 127.0.0.1:1234, [::1]:1234. */
#ifndef CALLSCOPE_KEYLOG_HOSTPORT_H
#define CALLSCOPE_KEYLOG_HOSTPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/* Parses "IPV4:PORT" or "[IPV6]:PORT" (literal addresses only: a name would need a DNS look-up in
 * the host program). On failure returns false and writes into error why, naming the part at fault. */
bool hostport_parse(const char *text, struct sockaddr_storage *address, socklen_t *address_length,
                    char *error, size_t error_size);

#endif
