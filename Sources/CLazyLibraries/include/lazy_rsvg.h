#ifndef ACTIVITYREPORT_LAZY_RSVG_H
#define ACTIVITYREPORT_LAZY_RSVG_H
/* librsvg 2.52+ and cairo, loaded with dlopen when the first PNG is drawn (lazy_library.h).
 * Only the few types and functions PNGRenderer uses, declared as librsvg's and cairo's headers
 * declare them (gboolean is int, gsize is size_t, guint8 is uint8_t, the enums are int), so that
 * building needs neither library nor its headers. */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* GLib's GError. */
typedef struct ar_GError {
    uint32_t domain;
    int code;
    char *_Nullable message;
} ar_GError;

/* RsvgRectangle. */
typedef struct ar_RsvgRectangle {
    double x;
    double y;
    double width;
    double height;
} ar_RsvgRectangle;

typedef struct ar_RsvgHandle ar_RsvgHandle;
typedef struct ar_cairo ar_cairo;
typedef struct ar_cairo_surface ar_cairo_surface;

/* The cairo_format_t value used here. */
enum { AR_CAIRO_FORMAT_RGB24 = 1 };

/* The functions PNGRenderer calls (and its text measure: handle_get_geometry_for_element); every pointer is set once ar_rsvg_load succeeded. */
typedef struct ar_rsvg_api {
    ar_RsvgHandle *_Nullable (*_Nonnull handle_new_from_data)(const uint8_t *_Nullable data, size_t length,
                                                              ar_GError *_Nullable *_Nullable error);
    int (*_Nonnull handle_get_intrinsic_size_in_pixels)(ar_RsvgHandle *_Nonnull handle, double *_Nullable width,
                                                       double *_Nullable height);
    int (*_Nonnull handle_render_document)(ar_RsvgHandle *_Nonnull handle, ar_cairo *_Nonnull cr,
                                          const ar_RsvgRectangle *_Nonnull viewport, ar_GError *_Nullable *_Nullable error);
    int (*_Nonnull handle_get_geometry_for_element)(ar_RsvgHandle *_Nonnull handle, const char *_Nullable id,
                                                   ar_RsvgRectangle *_Nullable out_ink_rect,
                                                   ar_RsvgRectangle *_Nullable out_logical_rect,
                                                   ar_GError *_Nullable *_Nullable error);
    void (*_Nonnull object_unref)(void *_Nonnull object);
    void (*_Nonnull error_free)(ar_GError *_Nonnull error);
    ar_cairo_surface *_Nullable (*_Nonnull image_surface_create)(int format, int width, int height);
    void (*_Nonnull surface_destroy)(ar_cairo_surface *_Nonnull surface);
    void (*_Nonnull surface_flush)(ar_cairo_surface *_Nonnull surface);
    unsigned char *_Nullable (*_Nonnull image_surface_get_data)(ar_cairo_surface *_Nonnull surface);
    int (*_Nonnull image_surface_get_stride)(ar_cairo_surface *_Nonnull surface);
    ar_cairo *_Nullable (*_Nonnull create)(ar_cairo_surface *_Nonnull surface);
    void (*_Nonnull destroy)(ar_cairo *_Nonnull cr);
    void (*_Nonnull set_source_rgb)(ar_cairo *_Nonnull cr, double red, double green, double blue);
    void (*_Nonnull paint)(ar_cairo *_Nonnull cr);
    void (*_Nonnull scale)(ar_cairo *_Nonnull cr, double sx, double sy);
} ar_rsvg_api;

/* Loads librsvg once per process (thread-safe) and returns its functions, or NULL when it cannot
 * be loaded; ar_rsvg_error then says why. The library is REPORT_LIBRSVG when that environment
 * variable is set, otherwise librsvg-2.so.2 (librsvg-2.2.dylib on macOS). */
const ar_rsvg_api *_Nullable ar_rsvg_load(void);

/* Why ar_rsvg_load failed (empty when it did not). */
const char *_Nonnull ar_rsvg_error(void);

#ifdef __cplusplus
}
#endif
#endif
