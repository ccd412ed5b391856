#include "labels.h"

#include <string.h>

static const char *const FORWARDED[] = {
    "CLIENT_RANDOM",
    "CLIENT_EARLY_TRAFFIC_SECRET",
    "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
    "SERVER_HANDSHAKE_TRAFFIC_SECRET",
    "CLIENT_TRAFFIC_SECRET_0",
    "SERVER_TRAFFIC_SECRET_0",
    "EARLY_EXPORTER_SECRET",
    "EXPORTER_SECRET",
};

bool label_is_forwarded(const char *line) {
    for (size_t i = 0; i < sizeof FORWARDED / sizeof FORWARDED[0]; i++) {
        size_t length = strlen(FORWARDED[i]);
        if (strncmp(line, FORWARDED[i], length) == 0 && line[length] == ' ') {
            return true;
        }
    }
    return false;
}
