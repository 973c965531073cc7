#ifndef EVIDENCEKIT_CZLIB_SHIM_H
#define EVIDENCEKIT_CZLIB_SHIM_H

#include <zlib.h>

/* inflateInit2 is a function-like macro, which Swift does not import: wrap it once, here.
   A negative window size means raw deflate data, with no zlib header or trailer: what a zip entry holds. */
static inline int evidencekit_inflate_init_raw(z_stream *stream) { return inflateInit2(stream, -MAX_WBITS); }

#endif
