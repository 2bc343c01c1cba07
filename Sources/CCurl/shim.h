// libcurl for Swift: curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot
// call, so each argument type gets a typed wrapper. Only Sources/CurlTransport includes this.
#include <curl/curl.h>

typedef size_t (*ar_curl_data_callback)(char *buffer, size_t size, size_t count, void *context);
typedef int (*ar_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *context);

static inline CURLcode ar_curl_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }

static inline CURLcode ar_curl_set_long(CURL *h, CURLoption option, long value) { return curl_easy_setopt(h, option, value); }

static inline CURLcode ar_curl_set_offset(CURL *h, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(h, option, value);
}

static inline CURLcode ar_curl_set_string(CURL *h, CURLoption option, const char *value) {
    return curl_easy_setopt(h, option, value);
}

static inline CURLcode ar_curl_set_pointer(CURL *h, CURLoption option, void *value) { return curl_easy_setopt(h, option, value); }

static inline CURLcode ar_curl_set_list(CURL *h, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(h, option, value);
}

static inline CURLcode ar_curl_set_data_callback(CURL *h, CURLoption option, ar_curl_data_callback value) {
    return curl_easy_setopt(h, option, value);
}

static inline CURLcode ar_curl_set_debug_callback(CURL *h, ar_curl_debug_callback value) {
    return curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, value);
}

static inline CURLcode ar_curl_get_long(CURL *h, CURLINFO info, long *value) { return curl_easy_getinfo(h, info, value); }
