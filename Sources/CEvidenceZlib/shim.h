#ifndef EVIDENCEKIT_CZLIB_SHIM_H
#define EVIDENCEKIT_CZLIB_SHIM_H

#include <zlib.h>

/* inflateInit2 is a function-like macro, which Swift does not import: wrap it once, here.
   A negative window size means raw deflate data, with no zlib header or trailer: what a zip entry holds. */
static inline int evidencekit_inflate_init_raw(z_stream *stream) { return inflateInit2(stream, -MAX_WBITS); }

/* deflateInit2 likewise: raw deflate at `level`, with zlib's largest window and memory level 9 (ZIPFoundation's
   settings, which the tag files of a bundle keep so that a case seals to the same bytes). */
static inline int evidencekit_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
}

#endif
