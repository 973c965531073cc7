#ifndef EVIDENCEKIT_CPNG_SHIM_H
#define EVIDENCEKIT_CPNG_SHIM_H

/* libpng's simplified API (png_image_*): it catches libpng's longjmp itself and returns 0 with a message. */
#include <png.h>

/* PNG_FORMAT_RGBA is an expression macro, which Swift does not import: 8-bit red, green, blue, alpha. */
static inline png_uint_32 evidencekit_png_format_rgba(void) { return PNG_FORMAT_RGBA; }
/* 8-bit red, green, blue: also the format libpng reports for an 8-bit truecolour file without transparency. */
static inline png_uint_32 evidencekit_png_format_rgb(void) { return PNG_FORMAT_RGB; }

#endif
