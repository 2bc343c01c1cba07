#include "lazy_library.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void append(char *error, size_t size, const char *text) {
    size_t used = strlen(error);
    if (used + 1 < size) snprintf(error + used, size - used, "%s", text);
}

int ar_lazy_load(const char *override_variable, const char *const *candidates, const ar_lazy_symbol *symbols,
                 size_t symbol_count, char *error, size_t error_size) {
    if (error_size > 0) error[0] = '\0';
    const char *chosen = override_variable ? getenv(override_variable) : NULL;
    void *handle = NULL;
    if (chosen && chosen[0]) {
        handle = dlopen(chosen, RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            const char *why = dlerror();
            snprintf(error, error_size, "cannot load %s (from %s): %s", chosen, override_variable, why ? why : "unknown error");
            return -1;
        }
    } else {
        snprintf(error, error_size, "cannot load ");
        for (size_t i = 0; candidates[i]; i++) {
            handle = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
            if (handle) {
                chosen = candidates[i];
                break;
            }
            const char *why = dlerror();
            if (i > 0) append(error, error_size, "; ");
            append(error, error_size, why ? why : candidates[i]);
        }
        if (!handle) return -1;
    }
    for (size_t i = 0; i < symbol_count; i++) {
        dlerror();
        void *address = dlsym(handle, symbols[i].name);
        if (!address) {
            snprintf(error, error_size, "%s has no function %s (too old a version?)", chosen, symbols[i].name);
            dlclose(handle);
            return -1;
        }
        *symbols[i].slot = address;
    }
    if (error_size > 0) error[0] = '\0';
    return 0;  // the handle stays open for the life of the process
}
