#include "lazy_png.h"
#include "lazy_library.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

/* libpng's types as its header declares them (png_structp and png_infop are opaque here). */
typedef struct ar_png_struct ar_png_struct;
typedef struct ar_png_info ar_png_info;
typedef void (*ar_png_error_fn)(ar_png_struct *, const char *);
typedef void (*ar_png_rw_fn)(ar_png_struct *, uint8_t *, size_t);
typedef void (*ar_png_flush_fn)(ar_png_struct *);

/* PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE,
 * PNG_FILTER_NONE, PNG_FILLER_BEFORE/AFTER and zlib's Z_DEFAULT_STRATEGY. */
enum {
    COLOR_TYPE_RGB = 2,
    INTERLACE_NONE = 0,
    COMPRESSION_TYPE_BASE = 0,
    FILTER_TYPE_BASE = 0,
    FILTER_NONE = 0x08,
    FILLER_BEFORE = 0,
    FILLER_AFTER = 1,
    Z_DEFAULT_STRATEGY_ = 0,
    ZLIB_LEVEL = 3
};

static struct {
    ar_png_struct *(*create_write_struct)(const char *, void *, ar_png_error_fn, ar_png_error_fn);
    ar_png_info *(*create_info_struct)(const ar_png_struct *);
    void (*destroy_write_struct)(ar_png_struct **, ar_png_info **);
    void *(*get_error_ptr)(const ar_png_struct *);
    void *(*get_io_ptr)(const ar_png_struct *);
    void (*set_write_fn)(ar_png_struct *, void *, ar_png_rw_fn, ar_png_flush_fn);
    void (*set_compression_level)(ar_png_struct *, int);
    void (*set_compression_strategy)(ar_png_struct *, int);
    void (*set_filter)(ar_png_struct *, int, int);
    void (*set_IHDR)(const ar_png_struct *, ar_png_info *, uint32_t, uint32_t, int, int, int, int, int);
    void (*write_info)(ar_png_struct *, const ar_png_info *);
    void (*set_bgr)(ar_png_struct *);
    void (*set_filler)(ar_png_struct *, uint32_t, int);
    void (*write_row)(ar_png_struct *, const uint8_t *);
    void (*write_end)(ar_png_struct *, ar_png_info *);
} png;

static int loaded = -1;
static char failure[1024];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    static const char *const candidates[] = {
#ifdef __APPLE__
        "libpng16.16.dylib", "/opt/homebrew/lib/libpng16.16.dylib", "/usr/local/lib/libpng16.16.dylib",
#else
        "libpng16.so.16",
#endif
        NULL};
    const ar_lazy_symbol symbols[] = {
        {"png_create_write_struct", (void **)&png.create_write_struct},
        {"png_create_info_struct", (void **)&png.create_info_struct},
        {"png_destroy_write_struct", (void **)&png.destroy_write_struct},
        {"png_get_error_ptr", (void **)&png.get_error_ptr},
        {"png_get_io_ptr", (void **)&png.get_io_ptr},
        {"png_set_write_fn", (void **)&png.set_write_fn},
        {"png_set_compression_level", (void **)&png.set_compression_level},
        {"png_set_compression_strategy", (void **)&png.set_compression_strategy},
        {"png_set_filter", (void **)&png.set_filter},
        {"png_set_IHDR", (void **)&png.set_IHDR},
        {"png_write_info", (void **)&png.write_info},
        {"png_set_bgr", (void **)&png.set_bgr},
        {"png_set_filler", (void **)&png.set_filler},
        {"png_write_row", (void **)&png.write_row},
        {"png_write_end", (void **)&png.write_end},
    };
    loaded = ar_lazy_load("REPORT_LIBPNG", candidates, symbols, sizeof symbols / sizeof symbols[0], failure, sizeof failure);
}

int ar_png_load(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *ar_png_error(void) { return failure; }

/* One encoding: where libpng's errors go and where the bytes go. */
typedef struct encoding {
    jmp_buf jump;
    char *error;
    size_t error_size;
    ar_png_write_func write;
    void *closure;
} encoding;

static void on_error(ar_png_struct *p, const char *message) {
    encoding *e = png.get_error_ptr(p);
    snprintf(e->error, e->error_size, "libpng: %s", message ? message : "unknown error");
    longjmp(e->jump, 1);
}

static void on_warning(ar_png_struct *p, const char *message) {
    (void)p;
    (void)message;
}

static void on_write(ar_png_struct *p, uint8_t *data, size_t length) {
    encoding *e = png.get_io_ptr(p);
    if (e->write(e->closure, data, length) != 0) {
        snprintf(e->error, e->error_size, "the PNG's bytes could not be kept");
        longjmp(e->jump, 1);
    }
}

static void on_flush(ar_png_struct *p) { (void)p; }

int ar_png_encode_rgb24(const uint8_t *pixels, int width, int height, int stride, ar_png_write_func write, void *closure,
                        char *error, size_t error_size) {
    if (error_size > 0) error[0] = '\0';
    if (ar_png_load() != 0) {
        snprintf(error, error_size, "%s", failure);
        return -1;
    }
    if (width <= 0 || height <= 0 || stride < width * 4) {
        snprintf(error, error_size, "not an image: %dx%d, %d bytes a row", width, height, stride);
        return -1;
    }
    encoding e = {.error = error, .error_size = error_size, .write = write, .closure = closure};
    /* "1.6.0": libpng compares up to the second dot, so any 1.6.x is accepted and another
     * series is refused (png_create_write_struct returns NULL). */
    ar_png_struct *volatile p = png.create_write_struct("1.6.0", &e, on_error, on_warning);
    if (!p) {
        snprintf(error, error_size, "libpng cannot start a PNG (not libpng 1.6?)");
        return -1;
    }
    ar_png_info *volatile info = NULL;
    if (setjmp(e.jump)) {
        ar_png_struct *failed = p;
        ar_png_info *failed_info = info;
        png.destroy_write_struct(&failed, failed_info ? &failed_info : NULL);
        return -1;
    }
    info = png.create_info_struct(p);
    if (!info) {
        snprintf(error, error_size, "libpng: out of memory");
        ar_png_struct *failed = p;
        png.destroy_write_struct(&failed, NULL);
        return -1;
    }
    png.set_write_fn(p, &e, on_write, on_flush);
    png.set_compression_level(p, ZLIB_LEVEL);
    png.set_compression_strategy(p, Z_DEFAULT_STRATEGY_);
    png.set_filter(p, FILTER_TYPE_BASE, FILTER_NONE);
    png.set_IHDR(p, info, (uint32_t)width, (uint32_t)height, 8, COLOR_TYPE_RGB, INTERLACE_NONE, COMPRESSION_TYPE_BASE,
                 FILTER_TYPE_BASE);
    png.write_info(p, info);
    /* Each pixel is a native-endian 32-bit 0x00RRGGBB: in memory B G R x on a little-endian CPU,
     * x R G B on a big-endian one; libpng strips the x (it must be told after write_info). */
    const uint32_t one = 1;
    if (*(const uint8_t *)&one == 1) {
        png.set_bgr(p);
        png.set_filler(p, 0, FILLER_AFTER);
    } else {
        png.set_filler(p, 0, FILLER_BEFORE);
    }
    for (int y = 0; y < height; y++) png.write_row(p, pixels + (size_t)y * (size_t)stride);
    png.write_end(p, info);
    ar_png_struct *done = p;
    ar_png_info *done_info = info;
    png.destroy_write_struct(&done, &done_info);
    return 0;
}
