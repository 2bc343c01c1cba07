#ifndef ACTIVITYREPORT_LAZY_PNG_H
#define ACTIVITYREPORT_LAZY_PNG_H
/* libpng 1.6, loaded with dlopen when the first PNG is encoded (lazy_library.h): cairo links it,
 * so once librsvg is loaded it is already mapped and loading it costs a look-up. Used instead of
 * cairo_surface_write_to_png_stream, which cannot be told a zlib level or a filter: cairo leaves
 * libpng at zlib level 6 with its adaptive filter search, three quarters of an --email run's
 * instructions (docs/performance.md). No libpng header is needed to build. */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Called with the PNG's bytes in order, as libpng writes them; returns 0 to go on, anything else
 * to stop (the encoding then fails). */
typedef int (*ar_png_write_func)(void *_Nullable closure, const uint8_t *_Nonnull data, size_t length);

/* Loads libpng once per process (thread-safe); returns 0, or -1 when it cannot be loaded and
 * ar_png_error then says why. The library is REPORT_LIBPNG when that environment variable is set,
 * otherwise libpng16.so.16 (libpng16.16.dylib on macOS). */
int ar_png_load(void);

/* Why ar_png_load failed (empty when it did not). */
const char *_Nonnull ar_png_error(void);

/* Encodes a cairo CAIRO_FORMAT_RGB24 image (`height` rows of `stride` bytes, each pixel a native
 * endian 32-bit 0x00RRGGBB) as an 8-bit RGB PNG without alpha: filter None on every row and zlib
 * level 3, no ancillary chunks, so the same pixels always give the same bytes. Returns 0, or -1
 * with libpng's words in `error` (also when ar_png_load was not called or failed, or `write`
 * asked to stop). Safe to call on several threads at once. */
int ar_png_encode_rgb24(const uint8_t *_Nonnull pixels, int width, int height, int stride, ar_png_write_func _Nonnull write,
                        void *_Nullable closure, char *_Nonnull error, size_t error_size);

#ifdef __cplusplus
}
#endif
#endif
