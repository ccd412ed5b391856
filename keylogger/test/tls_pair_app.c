/* A program linked with libssl as usual (through libtls_pair.so and directly). */
#include "tls_pair.h"

int main(int argc, char **argv) {
    return tls_pair_run(argc, argv);
}
