#include "hostport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#define HOST_MAX 64 /* longer than any IPv6 literal (45 characters) */

static bool parse_port(const char *text, in_port_t *port) {
    if (text[0] == '\0') {
        return false;
    }
    unsigned long value = 0;
    for (const char *p = text; *p != '\0'; p++) {
        if (*p < '0' || *p > '9') {
            return false;
        }
        value = value * 10 + (unsigned long) (*p - '0');
        if (value > 65535) {
            return false;
        }
    }
    if (value == 0) {
        return false;
    }
    *port = htons((in_port_t) value);
    return true;
}

bool hostport_parse(const char *text, struct sockaddr_storage *address, socklen_t *address_length,
                    char *error, size_t error_size) {
    char host[HOST_MAX];
    const char *port_text;
    bool bracketed = text[0] == '[';
    if (bracketed) {
        const char *close = strchr(text, ']');
        if (close == NULL || close[1] != ':') {
            snprintf(error, error_size, "expected [IPV6]:PORT");
            return false;
        }
        size_t length = (size_t) (close - text - 1);
        if (length == 0 || length >= sizeof host) {
            snprintf(error, error_size, "no IPv6 address between [ and ]");
            return false;
        }
        memcpy(host, text + 1, length);
        host[length] = '\0';
        port_text = close + 2;
    } else {
        const char *colon = strrchr(text, ':');
        if (colon == NULL) {
            snprintf(error, error_size, "no port: expected IPV4:PORT or [IPV6]:PORT");
            return false;
        }
        if (strchr(text, ':') != colon) {
            snprintf(error, error_size, "an IPv6 address goes in brackets: [IPV6]:PORT");
            return false;
        }
        size_t length = (size_t) (colon - text);
        if (length == 0 || length >= sizeof host) {
            snprintf(error, error_size, "no address before the port");
            return false;
        }
        memcpy(host, text, length);
        host[length] = '\0';
        port_text = colon + 1;
    }
    in_port_t port;
    if (!parse_port(port_text, &port)) {
        snprintf(error, error_size, "port \"%.8s\" is not a number from 1 to 65535", port_text);
        return false;
    }
    memset(address, 0, sizeof *address);
    if (bracketed) {
        struct sockaddr_in6 *v6 = (struct sockaddr_in6 *) address;
        if (inet_pton(AF_INET6, host, &v6->sin6_addr) != 1) {
            snprintf(error, error_size, "\"%s\" is not an IPv6 address", host);
            return false;
        }
        v6->sin6_family = AF_INET6;
        v6->sin6_port = port;
        *address_length = sizeof *v6;
    } else {
        struct sockaddr_in *v4 = (struct sockaddr_in *) address;
        if (inet_pton(AF_INET, host, &v4->sin_addr) != 1) {
            snprintf(error, error_size, "\"%s\" is not an IPv4 address (names are not looked up)", host);
            return false;
        }
        v4->sin_family = AF_INET;
        v4->sin_port = port;
        *address_length = sizeof *v4;
    }
    return true;
}
