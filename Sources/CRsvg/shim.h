#ifndef ACTIVITYREPORT_CRSVG_SHIM_H
#define ACTIVITYREPORT_CRSVG_SHIM_H
#include <librsvg/rsvg.h>
#include <cairo.h>
#endif
