/* A program that does not link libssl: it dlopen()s a module that does (RTLD_LOCAL, as Kamailio
 * loads tls.so and Python its _ssl module), so libssl arrives after start-up and outside the global
 * symbol scope. Usage: dlopen_host MODULE.so [tls_pair options] */
#include "tls_pair.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: dlopen_host MODULE.so [options]\n");
        return 2;
    }
    void *module = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (module == NULL) {
        fprintf(stderr, "dlopen_host: %s\n", dlerror());
        return 1;
    }
    tls_pair_run_function run;
    void *address = dlsym(module, "tls_pair_run");
    if (address == NULL) {
        fprintf(stderr, "dlopen_host: no tls_pair_run in %s\n", argv[1]);
        return 1;
    }
    memcpy(&run, &address, sizeof run);
    argv[1] = argv[0];
    return run(argc - 1, argv + 1);
}
