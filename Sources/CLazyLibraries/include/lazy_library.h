#ifndef ACTIVITYREPORT_LAZY_LIBRARY_H
#define ACTIVITYREPORT_LAZY_LIBRARY_H
/* Loading a system library only when a run needs it: dlopen of the first of a few names (or of
 * the path in an environment variable), then every symbol of a table, once per process.
 *
 * A library that only some runs use (librsvg for --email's PNGs; later libcurl for SMTP) is not
 * linked: a run that does not need it neither maps it nor pays the dynamic loader for it. Each
 * such library gets a header with its few types and a table of function pointers (see
 * lazy_rsvg.h), filled by ar_lazy_load. */

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One symbol to look up: its name, and where its address goes. */
typedef struct ar_lazy_symbol {
    const char *name;
    void **slot;
} ar_lazy_symbol;

/* Opens the library named by the environment variable `override_variable` when it is set and
 * not empty, otherwise the first of `candidates` (NULL-terminated) that dlopen finds; then looks
 * up every symbol of `symbols`. Returns 0 on success. On failure returns -1 and writes a sentence
 * to `error` (what was tried, dlerror's words, or the missing symbol); nothing stays loaded. */
int ar_lazy_load(const char *override_variable, const char *const *candidates, const ar_lazy_symbol *symbols,
                 size_t symbol_count, char *error, size_t error_size);

#ifdef __cplusplus
}
#endif
#endif
