#ifndef ACTIVITYREPORT_CLIBXML2_SHIM_H
#define ACTIVITYREPORT_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian's headers pull in the system ICU, which clashes with Foundation's own ICU
   ("'UErrorCode' has different definitions in different modules"). We need no ICU. */
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlsave.h>
#include <libxml/xpath.h>
#include <libxml/xmlerror.h>

/* Swift 6 rejects the mutable C global xmlFree; call it through this helper. */
static inline void activityreport_xmlFree(void *p) { xmlFree(p); }

/* Silences libxml2's default error printing to stderr; errors are reported by us. */
static void activityreport_silent(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void activityreport_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, activityreport_silent);
}

#endif
