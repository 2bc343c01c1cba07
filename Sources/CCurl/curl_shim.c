#include "curl_shim.h"
#include "lazy_library.h"

#include <pthread.h>
#include <stdio.h>

/* libcurl's functions, filled once by load(). */
static struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *h);
    CURLcode (*easy_perform)(CURL *h);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *h, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *h, CURLINFO info, ...);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
} api;
static char failure[1024];
static const char *result = failure;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    static const char *const candidates[] = {
#ifdef __APPLE__
        "libcurl.4.dylib", "/usr/lib/libcurl.4.dylib",
#else
        "libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so",
#endif
        NULL};
    const ar_lazy_symbol symbols[] = {
        {"curl_global_init", (void **)&api.global_init},
        {"curl_easy_init", (void **)&api.easy_init},
        {"curl_easy_cleanup", (void **)&api.easy_cleanup},
        {"curl_easy_perform", (void **)&api.easy_perform},
        {"curl_easy_strerror", (void **)&api.easy_strerror},
        {"curl_easy_setopt", (void **)&api.easy_setopt},
        {"curl_easy_getinfo", (void **)&api.easy_getinfo},
        {"curl_slist_append", (void **)&api.slist_append},
        {"curl_slist_free_all", (void **)&api.slist_free_all},
    };
    if (ar_lazy_load("REPORT_LIBCURL", candidates, symbols, sizeof symbols / sizeof symbols[0], failure, sizeof failure) != 0)
        return;
    if (api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(failure, sizeof failure, "curl_global_init failed");
        return;
    }
    result = NULL;
}

const char *ar_curl_load(void) {
    pthread_once(&once, load);
    return result;
}

CURL *ar_curl_easy_init(void) { return api.easy_init(); }
void ar_curl_easy_cleanup(CURL *h) { api.easy_cleanup(h); }
CURLcode ar_curl_easy_perform(CURL *h) { return api.easy_perform(h); }
const char *ar_curl_easy_strerror(CURLcode code) { return api.easy_strerror(code); }
struct curl_slist *ar_curl_slist_append(struct curl_slist *list, const char *text) { return api.slist_append(list, text); }
void ar_curl_slist_free_all(struct curl_slist *list) { api.slist_free_all(list); }

CURLcode ar_curl_set_long(CURL *h, CURLoption option, long value) { return api.easy_setopt(h, option, value); }
CURLcode ar_curl_set_offset(CURL *h, CURLoption option, curl_off_t value) { return api.easy_setopt(h, option, value); }
CURLcode ar_curl_set_string(CURL *h, CURLoption option, const char *value) { return api.easy_setopt(h, option, value); }
CURLcode ar_curl_set_pointer(CURL *h, CURLoption option, void *value) { return api.easy_setopt(h, option, value); }
CURLcode ar_curl_set_list(CURL *h, CURLoption option, struct curl_slist *value) { return api.easy_setopt(h, option, value); }
CURLcode ar_curl_set_data_callback(CURL *h, CURLoption option, ar_curl_data_callback value) {
    return api.easy_setopt(h, option, value);
}
CURLcode ar_curl_set_debug_callback(CURL *h, ar_curl_debug_callback value) {
    return api.easy_setopt(h, CURLOPT_DEBUGFUNCTION, value);
}
CURLcode ar_curl_get_long(CURL *h, CURLINFO info, long *value) { return api.easy_getinfo(h, info, value); }
