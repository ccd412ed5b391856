#include "destination.h"

typedef struct destination *(*destination_factory)(void);

static const destination_factory FACTORIES[] = {
    udp_destination_from_environment,
    file_destination_from_environment,
    tcp_destination_from_environment,
};

size_t destinations_from_environment(struct destination *found[DESTINATIONS_MAX]) {
    size_t count = 0;
    for (size_t i = 0; i < sizeof FACTORIES / sizeof FACTORIES[0] && count < DESTINATIONS_MAX; i++) {
        struct destination *destination = FACTORIES[i]();
        if (destination != NULL) {
            found[count++] = destination;
        }
    }
    return count;
}
