/* Unit tests of the pieces that need no TLS: address parsing, the label filter, the queue.
 * Prints "ok - NAME" or "FAIL - NAME: why" per test. */
#include "hostport.h"
#include "labels.h"
#include "line_queue.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(condition, ...) \
    do { \
        if (!(condition)) { \
            printf("FAIL - %s: ", test_name); \
            printf(__VA_ARGS__); \
            printf("\n"); \
            failures++; \
            return; \
        } \
    } while (0)

static void hostport_accepts_ipv4_and_bracketed_ipv6(void) {
    const char *test_name = "hostport accepts IPV4:PORT and [IPV6]:PORT";
    struct sockaddr_storage address;
    socklen_t length;
    char error[128];
    CHECK(hostport_parse("127.0.0.1:1234", &address, &length, error, sizeof error), "127.0.0.1:1234: %s", error);
    const struct sockaddr_in *v4 = (const struct sockaddr_in *) &address;
    CHECK(v4->sin_family == AF_INET && ntohs(v4->sin_port) == 1234 && ntohl(v4->sin_addr.s_addr) == 0x7f000001
              && length == sizeof *v4, "127.0.0.1:1234 parsed wrong");
    CHECK(hostport_parse("[::1]:65535", &address, &length, error, sizeof error), "[::1]:65535: %s", error);
    const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *) &address;
    CHECK(v6->sin6_family == AF_INET6 && ntohs(v6->sin6_port) == 65535 && IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)
              && length == sizeof *v6, "[::1]:65535 parsed wrong");
    CHECK(hostport_parse("[fe80::1:2]:1", &address, &length, error, sizeof error), "[fe80::1:2]:1: %s", error);
    CHECK(hostport_parse("[::ffff:10.0.0.1]:5", &address, &length, error, sizeof error), "mapped: %s", error);
    printf("ok - %s\n", test_name);
}

static void hostport_refuses_what_it_cannot_use(void) {
    const char *test_name = "hostport refuses names, missing or bad ports, bare IPv6";
    static const char *const bad[] = {
        "localhost:5000", "127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:12a",
        "127.0.0.1:-1", ":5000", "::1:5000", "[::1]", "[::1]5000", "[]:5000", "[127.0.0.1]:5000",
        "256.1.1.1:5", "1.2.3.4:99999999999999999999", "[::1]:", "",
    };
    struct sockaddr_storage address;
    socklen_t length;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char error[128] = "";
        CHECK(!hostport_parse(bad[i], &address, &length, error, sizeof error), "accepted \"%s\"", bad[i]);
        CHECK(error[0] != '\0', "no reason given for \"%s\"", bad[i]);
    }
    printf("ok - %s\n", test_name);
}

static void labels_forward_the_nss_labels_only(void) {
    const char *test_name = "labels: the NSS key log labels are forwarded, nothing else";
    static const char *const forwarded[] = {
        "CLIENT_RANDOM a b", "CLIENT_EARLY_TRAFFIC_SECRET a b", "CLIENT_HANDSHAKE_TRAFFIC_SECRET a b",
        "SERVER_HANDSHAKE_TRAFFIC_SECRET a b", "CLIENT_TRAFFIC_SECRET_0 a b", "SERVER_TRAFFIC_SECRET_0 a b",
        "EARLY_EXPORTER_SECRET a b", "EXPORTER_SECRET a b",
    };
    static const char *const kept_back[] = {
        "CLIENT_TRAFFIC_SECRET_N a b", "SERVER_TRAFFIC_SECRET_N a b", "CLIENT_TRAFFIC_SECRET_1 a b",
        "CLIENT_RANDOMX a b", "CLIENT_RANDOM", "client_random a b", "# comment", "", "ECH_SECRET a b",
        " CLIENT_RANDOM a b", "EXPORTER_SECRET\ta b",
    };
    for (size_t i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) {
        CHECK(label_is_forwarded(forwarded[i]), "kept back \"%s\"", forwarded[i]);
    }
    for (size_t i = 0; i < sizeof kept_back / sizeof kept_back[0]; i++) {
        CHECK(!label_is_forwarded(kept_back[i]), "forwarded \"%s\"", kept_back[i]);
    }
    printf("ok - %s\n", test_name);
}

static struct line_queue queue;

static void queue_is_fifo_bounded_and_refuses_long_lines(void) {
    const char *test_name = "queue: first in first out, full at its capacity, long lines refused";
    line_queue_init(&queue);
    char line[LINE_QUEUE_LINE_MAX + 2];
    for (int i = 0; i < LINE_QUEUE_CAPACITY; i++) {
        int length = snprintf(line, sizeof line, "CLIENT_RANDOM %d", i);
        CHECK(line_queue_push(&queue, line, (size_t) length) == LINE_QUEUED, "line %d not queued", i);
    }
    CHECK(line_queue_push(&queue, "CLIENT_RANDOM x", 15) == LINE_QUEUE_FULL, "a full queue took a line");
    char out[LINE_QUEUE_LINE_MAX];
    for (int i = 0; i < LINE_QUEUE_CAPACITY / 2; i++) {
        size_t length = line_queue_pop(&queue, out);
        int want_length = snprintf(line, sizeof line, "CLIENT_RANDOM %d", i);
        CHECK(length == (size_t) want_length && memcmp(out, line, length) == 0, "line %d came out wrong", i);
    }
    for (int i = 0; i < LINE_QUEUE_CAPACITY / 2; i++) { /* wraps around the ring */
        int length = snprintf(line, sizeof line, "SERVER %d", i);
        CHECK(line_queue_push(&queue, line, (size_t) length) == LINE_QUEUED, "line %d not queued after pops", i);
    }
    CHECK(line_queue_push(&queue, "x", 1) == LINE_QUEUE_FULL, "full again after wrapping");
    for (int i = LINE_QUEUE_CAPACITY / 2; i < LINE_QUEUE_CAPACITY; i++) {
        size_t length = line_queue_pop(&queue, out);
        int want_length = snprintf(line, sizeof line, "CLIENT_RANDOM %d", i);
        CHECK(length == (size_t) want_length && memcmp(out, line, length) == 0, "line %d came out wrong", i);
    }
    size_t length = line_queue_pop(&queue, out);
    CHECK(length == 8 && memcmp(out, "SERVER 0", 8) == 0, "wrapped line came out wrong");
    memset(line, 'a', sizeof line);
    CHECK(line_queue_push(&queue, line, LINE_QUEUE_LINE_MAX) == LINE_QUEUED, "a line of the maximum length refused");
    CHECK(line_queue_push(&queue, line, LINE_QUEUE_LINE_MAX + 1) == LINE_TOO_LONG, "an over-long line taken");
    printf("ok - %s\n", test_name);
}

static void queue_wait_idle_gives_up_at_the_deadline(void) {
    const char *test_name = "queue: waiting for it to drain ends at the deadline";
    line_queue_init(&queue);
    line_queue_push(&queue, "CLIENT_RANDOM a b", 17);
    line_queue_push(&queue, "CLIENT_RANDOM c d", 17);
    struct timespec start;
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &start);
    deadline = start;
    deadline.tv_nsec += 50 * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    unsigned left = line_queue_wait_idle(&queue, &deadline);
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    double waited = (double) (end.tv_sec - start.tv_sec) + (double) (end.tv_nsec - start.tv_nsec) / 1e9;
    CHECK(left == 2, "%u lines reported left, 2 queued", left);
    CHECK(waited >= 0.045 && waited < 1.0, "waited %.3f s for a 50 ms deadline", waited);
    line_queue_init(&queue);
    CHECK(line_queue_wait_idle(&queue, &deadline) == 0, "an empty queue is not idle");
    printf("ok - %s\n", test_name);
}

static double seconds_between(const struct timespec *start, const struct timespec *end) {
    return (double) (end->tv_sec - start->tv_sec) + (double) (end->tv_nsec - start->tv_nsec) / 1e9;
}

static void *wake_after_a_moment(void *unused) {
    (void) unused;
    struct timespec pause = { .tv_sec = 0, .tv_nsec = 30 * 1000000L };
    nanosleep(&pause, NULL);
    line_queue_wake(&queue);
    return NULL;
}

static void queue_pop_before_times_out_or_wakes(void) {
    const char *test_name = "queue: a timed pop gives a line, ends at its deadline, or when woken";
    line_queue_init(&queue);
    char out[LINE_QUEUE_LINE_MAX];
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    struct timespec deadline = start;
    deadline.tv_sec += 5;
    line_queue_push(&queue, "CLIENT_RANDOM a b", 17);
    CHECK(line_queue_pop_before(&queue, out, &deadline) == 17 && memcmp(out, "CLIENT_RANDOM a b", 17) == 0,
          "a queued line did not come out");
    deadline = start;
    deadline.tv_nsec += 40 * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    CHECK(line_queue_pop_before(&queue, out, &deadline) == -1, "an empty queue gave a line");
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    CHECK(seconds_between(&start, &end) >= 0.035 && seconds_between(&start, &end) < 1.0,
          "waited %.3f s for a 40 ms deadline", seconds_between(&start, &end));
    struct timespec idle_now = end;
    CHECK(line_queue_wait_idle(&queue, &idle_now) == 0, "the consumer counts as busy after a timeout");
    pthread_t waker;
    pthread_create(&waker, NULL, wake_after_a_moment, NULL);
    clock_gettime(CLOCK_MONOTONIC, &start);
    deadline = start;
    deadline.tv_sec += 5;
    long got = line_queue_pop_before(&queue, out, &deadline);
    clock_gettime(CLOCK_MONOTONIC, &end);
    pthread_join(waker, NULL);
    CHECK(got == -1 && seconds_between(&start, &end) < 2.0, "line_queue_wake did not end the wait (%.3f s)",
          seconds_between(&start, &end));
    printf("ok - %s\n", test_name);
}

/* Random and mutated inputs: every one is either accepted with a usable address or refused with a
 * reason; nothing crashes (run under -fsanitize=address,undefined to see more). */
static void hostport_and_labels_survive_random_input(void) {
    const char *test_name = "hostport and labels: random and mutated input";
    static const char *const seeds[] = {"127.0.0.1:1234", "[::1]:5000", "[fe80::1%eth0]:1", "10.0.0.1:65535",
                                        "CLIENT_RANDOM 00 11", "EXPORTER_SECRET a b"};
    static const char alphabet[] = "0123456789abcdef.:[]% -_ACEIKLMNRST\t\n\xff";
    unsigned state = 20240601u;
    char text[64];
    for (int round = 0; round < 200000; round++) {
        state = state * 1103515245u + 12345u;
        size_t length;
        if (round % 2 == 0) { /* mutate a seed */
            const char *seed = seeds[(state >> 8) % (sizeof seeds / sizeof seeds[0])];
            length = strlen(seed);
            memcpy(text, seed, length);
            for (int flips = 1 + (int) ((state >> 4) % 3); flips > 0; flips--) {
                state = state * 1103515245u + 12345u;
                text[(state >> 8) % length] = alphabet[(state >> 16) % (sizeof alphabet - 1)];
            }
        } else { /* random text */
            length = (state >> 8) % (sizeof text - 1);
            for (size_t i = 0; i < length; i++) {
                state = state * 1103515245u + 12345u;
                text[i] = alphabet[(state >> 16) % (sizeof alphabet - 1)];
            }
        }
        text[length] = '\0';
        struct sockaddr_storage address;
        socklen_t address_length = 0;
        char error[128] = "";
        if (hostport_parse(text, &address, &address_length, error, sizeof error)) {
            CHECK((address.ss_family == AF_INET && address_length == sizeof(struct sockaddr_in))
                      || (address.ss_family == AF_INET6 && address_length == sizeof(struct sockaddr_in6)),
                  "accepted \"%s\" without a usable address", text);
        } else {
            CHECK(error[0] != '\0', "refused \"%s\" without a reason", text);
        }
        (void) label_is_forwarded(text);
    }
    printf("ok - %s\n", test_name);
}

int main(void) {
    hostport_accepts_ipv4_and_bracketed_ipv6();
    hostport_refuses_what_it_cannot_use();
    labels_forward_the_nss_labels_only();
    queue_is_fifo_bounded_and_refuses_long_lines();
    queue_wait_idle_gives_up_at_the_deadline();
    queue_pop_before_times_out_or_wakes();
    hostport_and_labels_survive_random_input();
    return failures == 0 ? 0 : 1;
}
