#include "lazy_rsvg.h"
#include "lazy_library.h"

#include <pthread.h>

static ar_rsvg_api api;
static const ar_rsvg_api *loaded;
static char failure[1024];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    static const char *const candidates[] = {
#ifdef __APPLE__
        "librsvg-2.2.dylib", "/opt/homebrew/lib/librsvg-2.2.dylib", "/usr/local/lib/librsvg-2.2.dylib",
#else
        "librsvg-2.so.2", "librsvg-2.so",
#endif
        NULL};
    const ar_lazy_symbol symbols[] = {
        {"rsvg_handle_new_from_data", (void **)&api.handle_new_from_data},
        {"rsvg_handle_get_intrinsic_size_in_pixels", (void **)&api.handle_get_intrinsic_size_in_pixels},
        {"rsvg_handle_render_document", (void **)&api.handle_render_document},
        {"rsvg_handle_get_geometry_for_element", (void **)&api.handle_get_geometry_for_element},
        {"g_object_unref", (void **)&api.object_unref},
        {"g_error_free", (void **)&api.error_free},
        {"cairo_image_surface_create", (void **)&api.image_surface_create},
        {"cairo_surface_destroy", (void **)&api.surface_destroy},
        {"cairo_surface_flush", (void **)&api.surface_flush},
        {"cairo_image_surface_get_data", (void **)&api.image_surface_get_data},
        {"cairo_image_surface_get_stride", (void **)&api.image_surface_get_stride},
        {"cairo_create", (void **)&api.create},
        {"cairo_destroy", (void **)&api.destroy},
        {"cairo_set_source_rgb", (void **)&api.set_source_rgb},
        {"cairo_paint", (void **)&api.paint},
        {"cairo_scale", (void **)&api.scale},
    };
    if (ar_lazy_load("REPORT_LIBRSVG", candidates, symbols, sizeof symbols / sizeof symbols[0], failure, sizeof failure) == 0)
        loaded = &api;
}

const ar_rsvg_api *ar_rsvg_load(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *ar_rsvg_error(void) { return failure; }
