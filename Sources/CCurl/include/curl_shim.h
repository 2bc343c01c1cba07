#ifndef ACTIVITYREPORT_CURL_SHIM_H
#define ACTIVITYREPORT_CURL_SHIM_H
/* libcurl for Swift, loaded with dlopen by the first transfer (see CLazyLibraries'
 * lazy_library.h): the binary does not link libcurl, so a run that sends nothing does not map it
 * (nor its TLS, SSH, LDAP, Kerberos and HTTP/2 libraries). <curl/curl.h> gives the types and
 * constants; the functions are called only through the ar_curl_* functions below, which go
 * through the table that ar_curl_load fills. curl_easy_setopt and curl_easy_getinfo are variadic,
 * which Swift cannot call, so each argument type gets a typed wrapper. Only Sources/CurlTransport
 * includes this. */
#include <curl/curl.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef size_t (*ar_curl_data_callback)(char *buffer, size_t size, size_t count, void *context);
typedef int (*ar_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *context);

/* Loads libcurl (REPORT_LIBCURL when set, else libcurl.so.4 / libcurl.4.dylib) and runs
 * curl_global_init, once per process (thread-safe). NULL when it is ready; otherwise why not, in
 * one sentence. Every other function here may only be called once this returned NULL. */
const char *ar_curl_load(void);

CURL *ar_curl_easy_init(void);
void ar_curl_easy_cleanup(CURL *h);
CURLcode ar_curl_easy_perform(CURL *h);
const char *ar_curl_easy_strerror(CURLcode code);
struct curl_slist *ar_curl_slist_append(struct curl_slist *list, const char *text);
void ar_curl_slist_free_all(struct curl_slist *list);

CURLcode ar_curl_set_long(CURL *h, CURLoption option, long value);
CURLcode ar_curl_set_offset(CURL *h, CURLoption option, curl_off_t value);
CURLcode ar_curl_set_string(CURL *h, CURLoption option, const char *value);
CURLcode ar_curl_set_pointer(CURL *h, CURLoption option, void *value);
CURLcode ar_curl_set_list(CURL *h, CURLoption option, struct curl_slist *value);
CURLcode ar_curl_set_data_callback(CURL *h, CURLoption option, ar_curl_data_callback value);
CURLcode ar_curl_set_debug_callback(CURL *h, ar_curl_debug_callback value);
CURLcode ar_curl_get_long(CURL *h, CURLINFO info, long *value);

#ifdef __cplusplus
}
#endif
#endif
