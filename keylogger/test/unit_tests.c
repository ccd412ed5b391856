/* Unit tests of the pieces that need no TLS: address parsing, the label filter, the queue, and
 * the secure TCP destination's secret, reconnect backoff, held lines and acknowledgement reader.
 * Prints "ok - NAME" or "FAIL - NAME: why" per test. */
#include "ack_reader.h"
#include "backoff.h"
#include "held_lines.h"
#include "hostport.h"
#include "labels.h"
#include "line_queue.h"
#include "secret.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

static void backoff_doubles_to_thirty_seconds_with_jitter(void) {
    const char *test_name = "backoff: 0.5 s doubling to 30 s, each within 20 %, reset after a handshake";
    static const unsigned bases[] = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000};
    for (uint64_t seed = 1; seed <= 200; seed++) {
        struct backoff backoff;
        backoff_init(&backoff, seed * 7919u);
        for (int round = 0; round < 2; round++) {
            for (size_t i = 0; i < sizeof bases / sizeof bases[0]; i++) {
                unsigned wait = backoff_next_ms(&backoff);
                CHECK(wait >= bases[i] * 8 / 10 && wait <= bases[i] * 12 / 10,
                      "seed %lu, attempt %zu: waits %u ms, want %u ms +-20 %%", (unsigned long) seed, i + 1, wait,
                      bases[i]);
            }
            backoff_reset(&backoff);
        }
    }
    struct backoff backoff;
    backoff_init(&backoff, 42);
    unsigned lowest = 100000;
    unsigned highest = 0;
    double sum = 0;
    for (int i = 0; i < 1000; i++) {
        backoff_reset(&backoff);
        unsigned wait = backoff_next_ms(&backoff);
        lowest = wait < lowest ? wait : lowest;
        highest = wait > highest ? wait : highest;
        sum += wait;
    }
    CHECK(lowest < 430 && highest > 570, "first waits only spread over %u..%u ms", lowest, highest);
    CHECK(sum / 1000 > 485 && sum / 1000 < 515, "first waits average %.0f ms, want about 500", sum / 1000);
    printf("ok - %s\n", test_name);
}

static enum ack_event push_text(struct ack_reader *reader, const char *text, uint64_t *count) {
    enum ack_event last = ACK_NONE;
    for (const char *p = text; *p != '\0'; p++) {
        enum ack_event event = ack_reader_push(reader, *p, count);
        if (event != ACK_NONE) {
            last = event;
        }
    }
    return last;
}

static void ack_reader_takes_ack_lines_only(void) {
    const char *test_name = "ack reader: ACK <n> lines, split anywhere; anything else is malformed";
    struct ack_reader reader;
    ack_reader_init(&reader);
    uint64_t count = 99;
    CHECK(push_text(&reader, "ACK 0\n", &count) == ACK_RECEIVED && count == 0, "ACK 0");
    CHECK(push_text(&reader, "ACK 18446744073709551615\n", &count) == ACK_RECEIVED && count == UINT64_MAX,
          "the largest count");
    CHECK(push_text(&reader, "\n", &count) == ACK_NONE, "a blank line is not an event");
    CHECK(push_text(&reader, "AC", &count) == ACK_NONE && push_text(&reader, "K 12", &count) == ACK_NONE
              && push_text(&reader, "3\n", &count) == ACK_RECEIVED && count == 123,
          "a line in three pieces");
    static const char *const malformed[] = {
        "ACK 18446744073709551616\n", "ack 1\n", "ACK\n", "ACK \n", "ACK -1\n", "ACK 1 \n", "ACK 1\r\n",
        "ACK  1\n", "NAK 1\n", "ACK 0x10\n", "ACK 000000000000000000001\n",
    };
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        ack_reader_init(&reader);
        CHECK(push_text(&reader, malformed[i], &count) == ACK_MALFORMED, "took \"%.30s\"", malformed[i]);
    }
    ack_reader_init(&reader);
    enum ack_event event = ACK_NONE;
    int pushed = 0;
    while (event == ACK_NONE && pushed < 1000) {
        event = ack_reader_push(&reader, '7', &count);
        pushed++;
    }
    CHECK(event == ACK_MALFORMED && pushed <= ACK_LINE_MAX + 1,
          "an endless line is said to be malformed after %d bytes", pushed);
    CHECK(push_text(&reader, "ACK 5\n", &count) == ACK_RECEIVED && count == 5, "no recovery after a malformed line");
    unsigned state = 7u;
    for (int i = 0; i < 200000; i++) { /* random bytes: events only, a count only with an ACK */
        state = state * 1103515245u + 12345u;
        static const char alphabet[] = "ACK 0123456789\n\r\xff";
        char byte = alphabet[(state >> 16) % (sizeof alphabet - 1)];
        count = 12345;
        event = ack_reader_push(&reader, byte, &count);
        CHECK(event == ACK_RECEIVED || count == 12345, "a count given without an ACK");
    }
    printf("ok - %s\n", test_name);
}

static size_t take(struct held_lines *held, uint64_t number, char *out) {
    size_t length = 0;
    const char *text = held_lines_take_next(held, number, &length);
    if (text == NULL) {
        return 0;
    }
    memcpy(out, text, length);
    out[length] = '\0';
    return length;
}

static void held_lines_keep_until_acknowledged(void) {
    const char *test_name = "held lines: kept until an ACK covers their number, sent again after a reconnect";
    struct held_lines held;
    held_lines_init(&held, 4);
    char out[HELD_LINE_MAX + 1];
    CHECK(held_lines_add(&held, "A", 1) == HELD_ADDED && held_lines_add(&held, "B", 1) == HELD_ADDED
              && held_lines_add(&held, "C", 1) == HELD_ADDED, "adding");
    /* On the connection: A is line 0, a keep-alive line 1, B line 2, C line 3. */
    CHECK(take(&held, 0, out) == 1 && strcmp(out, "A") == 0, "A first");
    CHECK(take(&held, 2, out) == 1 && strcmp(out, "B") == 0, "then B");
    CHECK(held_lines_unsent(&held), "C is not sent yet");
    CHECK(take(&held, 3, out) == 1 && strcmp(out, "C") == 0, "then C");
    CHECK(!held_lines_unsent(&held) && take(&held, 4, out) == 0, "nothing more to send");
    CHECK(held_lines_acknowledge(&held, 2) == 1 && held_lines_count(&held) == 2, "ACK 2 covers A only");
    CHECK(held_lines_acknowledge(&held, 2) == 0, "a repeated ACK forgets nothing more");
    /* The connection drops: B and C again, under the new connection's numbers. */
    held_lines_resend_all(&held);
    CHECK(take(&held, 0, out) == 1 && strcmp(out, "B") == 0, "B sent again first");
    CHECK(held_lines_acknowledge(&held, 10) == 1 && held_lines_count(&held) == 1,
          "an ACK covers only lines sent on this connection");
    CHECK(take(&held, 1, out) == 1 && strcmp(out, "C") == 0, "C sent again");
    CHECK(held_lines_acknowledge(&held, 2) == 1 && held_lines_count(&held) == 0, "C acknowledged");
    printf("ok - %s\n", test_name);
}

static void held_lines_drop_the_oldest_when_full(void) {
    const char *test_name = "held lines: when full the oldest is dropped, sent or not, and wiped";
    struct held_lines held;
    held_lines_init(&held, 3);
    char out[HELD_LINE_MAX + 1];
    char line[16];
    int drops = 0;
    for (int i = 0; i < 5; i++) {
        int length = snprintf(line, sizeof line, "line %d", i);
        enum held_add_result result = held_lines_add(&held, line, (size_t) length);
        CHECK(result != HELD_NO_MEMORY, "line %d not held", i);
        drops += result == HELD_ADDED_OLDEST_DROPPED;
        if (i == 0) {
            CHECK(take(&held, 0, out) > 0 && strcmp(out, "line 0") == 0, "line 0 sent");
        }
    }
    CHECK(drops == 2 && held_lines_count(&held) == 3, "%d dropped, %zu held; want 2 and 3", drops,
          held_lines_count(&held));
    CHECK(take(&held, 1, out) > 0 && strcmp(out, "line 2") == 0, "the oldest left is line 2, got %s", out);
    for (size_t i = 0; i < held.capacity; i++) {
        CHECK(strcmp(held.text[i], "line 0") != 0 && strcmp(held.text[i], "line 1") != 0,
              "a dropped line is still in memory");
    }
    CHECK(held_lines_acknowledge(&held, 2) == 1, "ACK 2 covers line 2 (number 1)");
    CHECK(held.text[2][0] == '\0', "an acknowledged line is still in memory");
    char longest[HELD_LINE_MAX + 1];
    memset(longest, 'x', sizeof longest);
    CHECK(held_lines_add(&held, longest, HELD_LINE_MAX) != HELD_NO_MEMORY, "a line of the longest length refused");
    CHECK(held_lines_add(&held, longest, HELD_LINE_MAX + 1) == HELD_NO_MEMORY, "an over-long line taken");
    held_lines_forget(&held);
    CHECK(held_lines_count(&held) == 0 && !held_lines_unsent(&held), "forgetting leaves lines held");
    held_lines_init(&held, HELD_LINES_MAX);
    for (int i = 0; i < HELD_LINES_MAX + 1000; i++) {
        int length = snprintf(line, sizeof line, "line %d", i);
        held_lines_add(&held, line, (size_t) length);
    }
    CHECK(held_lines_count(&held) == HELD_LINES_MAX && take(&held, 0, out) > 0 && strcmp(out, "line 1000") == 0,
          "10,000 held after 11,000 added, the oldest being line 1000 (got %s)", out);
    printf("ok - %s\n", test_name);
}

static bool write_file(const char *path, const char *content, mode_t mode) {
    FILE *file = fopen(path, "w");
    if (file == NULL) {
        return false;
    }
    fputs(content, file);
    fclose(file);
    return chmod(path, mode) == 0;
}

static void secret_comes_from_the_variable_or_the_first_line_of_the_file(void) {
    const char *test_name =
        "secret: from the variable or the file's first line, at least 16 bytes, file not for others";
    char path[] = "/tmp/callscope-keylog-secret.XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "mkstemp");
    close(fd);
    struct secret secret;
    char why[300];
    char warning[300];
    CHECK(secret_load("0123456789abcdef", NULL, &secret, why, sizeof why, warning, sizeof warning)
              && secret.length == 16 && memcmp(secret.bytes, "0123456789abcdef", 16) == 0 && warning[0] == '\0',
          "a 16-byte variable: %s", why);
    CHECK(!secret_load("0123456789abcde", "", &secret, why, sizeof why, warning, sizeof warning)
              && strstr(why, "15 bytes") != NULL && strstr(why, "0123456789abcde") == NULL,
          "a 15-byte secret taken, or the reason quotes it: %s", why);
    static const char *const files[] = {"sixteen bytes ok\nsecond line\n", "sixteen bytes ok\r\nx",
                                        "sixteen bytes ok", "sixteen bytes ok\rold mac"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        CHECK(write_file(path, files[i], 0600), "write %s", path);
        CHECK(secret_load(NULL, path, &secret, why, sizeof why, warning, sizeof warning) && secret.length == 16
                  && memcmp(secret.bytes, "sixteen bytes ok", 16) == 0 && warning[0] == '\0',
              "file %zu: %s", i, why);
    }
    CHECK(write_file(path, " fifteen bytes\n", 0600), "write");
    CHECK(!secret_load(NULL, path, &secret, why, sizeof why, warning, sizeof warning) && strstr(why, "14 bytes"),
          "a short first line taken: %s", why);
    CHECK(write_file(path, "sixteen bytes ok\n", 0640), "write");
    CHECK(secret_load(NULL, path, &secret, why, sizeof why, warning, sizeof warning)
              && strstr(warning, "its group can read") != NULL,
          "a group-readable file is not used with a warning: %s / %s", why, warning);
    for (mode_t mode = 0604; mode <= 0606; mode += 2) {
        CHECK(write_file(path, "sixteen bytes ok\n", mode), "write");
        CHECK(!secret_load(NULL, path, &secret, why, sizeof why, warning, sizeof warning)
                  && strstr(why, "other users") != NULL,
              "a file others can read or write (mode %03o) was used: %s", (unsigned) mode, why);
    }
    char longest[SECRET_MAX_BYTES + 3];
    memset(longest, 's', SECRET_MAX_BYTES);
    strcpy(longest + SECRET_MAX_BYTES, "\n");
    CHECK(write_file(path, longest, 0600), "write");
    CHECK(secret_load(NULL, path, &secret, why, sizeof why, warning, sizeof warning)
              && secret.length == SECRET_MAX_BYTES, "the longest secret refused: %s", why);
    strcpy(longest + SECRET_MAX_BYTES, "s\n");
    CHECK(write_file(path, longest, 0600), "write");
    CHECK(!secret_load(NULL, path, &secret, why, sizeof why, warning, sizeof warning) && strstr(why, "longer"),
          "an over-long first line taken: %s", why);
    CHECK(!secret_load("0123456789abcdef", path, &secret, why, sizeof why, warning, sizeof warning)
              && strstr(why, "both") != NULL, "both set: %s", why);
    CHECK(!secret_load(NULL, "", &secret, why, sizeof why, warning, sizeof warning) && strstr(why, "no secret"),
          "neither set: %s", why);
    CHECK(!secret_load(NULL, "/tmp", &secret, why, sizeof why, warning, sizeof warning)
              && strstr(why, "not a regular file"), "a directory: %s", why);
    unsigned state = 99u;
    static char content[SECRET_MAX_BYTES + 80];
    for (int round = 0; round < 1000; round++) { /* random files: the first line, or a reason */
        state = state * 1103515245u + 12345u;
        size_t length = (state >> 8) % (sizeof content - 1);
        for (size_t i = 0; i < length; i++) {
            state = state * 1103515245u + 12345u;
            unsigned pick = (state >> 16) % 64;
            content[i] = pick == 0 ? '\n' : pick == 1 ? '\r' : pick == 2 ? '\0' : (char) ('a' + pick % 26);
        }
        FILE *file = fopen(path, "w");
        CHECK(file != NULL, "write %s", path);
        fwrite(content, 1, length, file);
        fclose(file);
        size_t line = 0;
        while (line < length && content[line] != '\n' && content[line] != '\r') {
            line++;
        }
        bool usable = line >= SECRET_MIN_BYTES && line <= SECRET_MAX_BYTES;
        bool loaded = secret_load(NULL, path, &secret, why, sizeof why, warning, sizeof warning);
        CHECK(loaded == usable, "round %d: a %zu-byte first line %s", round, line, loaded ? "taken" : "refused");
        CHECK(!loaded || (secret.length == line && memcmp(secret.bytes, content, line) == 0),
              "round %d: the secret is not the first line", round);
    }
    unlink(path);
    CHECK(!secret_load(NULL, path, &secret, why, sizeof why, warning, sizeof warning)
              && strstr(why, "cannot open") != NULL, "a missing file: %s", why);
    secret_load("0123456789abcdef", NULL, &secret, why, sizeof why, warning, sizeof warning);
    secret_wipe(&secret);
    CHECK(secret.length == 0 && secret.bytes[0] == 0, "wiping left the secret");
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
    backoff_doubles_to_thirty_seconds_with_jitter();
    ack_reader_takes_ack_lines_only();
    held_lines_keep_until_acknowledged();
    held_lines_drop_the_oldest_when_full();
    secret_comes_from_the_variable_or_the_first_line_of_the_file();
    return failures == 0 ? 0 : 1;
}
