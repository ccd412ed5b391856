/* A TLS client and server in one process, talking through memory: handshakes without a network,
 * for testing the keylogger from inside a program that links libssl the usual way. */
#ifndef CALLSCOPE_KEYLOG_TEST_TLS_PAIR_H
#define CALLSCOPE_KEYLOG_TEST_TLS_PAIR_H

/* tls_pair_run(argc, argv), options:
 *   --cert FILE --key FILE   the server's certificate and key (PEM), required
 *   --tls 1.2|1.3            protocol version (default 1.3); 1.2 uses an ECDHE suite
 *   --own-callback FILE      set the program's own keylog callback on every context, after it was
 *                            created; it appends "client LINE" or "server LINE" to FILE
 *   --sni                    the server switches to a second context by server name
 *                            (SSL_set_SSL_CTX); that context's keylog callback is set (to the
 *                            program's own, or to none) after creation
 *   --handshakes N           handshakes one after the other (default 1)
 *   --pause MS               wait this long between them
 *   --linger MS              wait this long after the last one, before exiting
 *   --fork                   one handshake, then fork: the child makes one more and exits, then
 *                            the parent makes one more
 *   --close-fds FILE         one handshake, then, as daemons do, close every descriptor from 3 up,
 *                            open FILE a few times (so it takes the freed numbers), and make one
 *                            more handshake
 * Prints nothing unless something fails; returns 0 when every handshake completed. */
int tls_pair_run(int argc, char **argv);

typedef int (*tls_pair_run_function)(int argc, char **argv);

#endif
